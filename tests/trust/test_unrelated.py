"""Known-unrelated domains: a different organisation, never official, never an impersonation."""

from __future__ import annotations

import pytest

from madoguchi.trust import IMPERSONATION, UNKNOWN, Registry, TrustInputError, check

LINES = """\
kraken.com
mailto:support@kraken.com
# real, different companies one edit from the brand
unrelated:kraken.io
UNRELATED: https://KrakenD.io/docs
"""


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.from_lines(LINES.splitlines())


def test_the_line_syntax_is_parsed_and_normalised(registry: Registry) -> None:
    assert registry.unrelated == {"kraken.io", "krakend.io"}
    assert registry.domains == {"kraken.com"}
    assert registry.brand_names() == {"kraken"}  # unrelated domains define no brand


@pytest.mark.parametrize("line", ["unrelated:", "unrelated:localhost", "unrelated:not a domain"])
def test_a_bad_unrelated_line_names_its_line(line: str) -> None:
    with pytest.raises(TrustInputError, match="line 2"):
        Registry.from_lines(["kraken.com", line])


@pytest.mark.parametrize(
    ("value", "owner"),
    [
        ("kraken.io", "kraken.io"),
        ("https://kraken.io/pricing", "kraken.io"),
        ("KRAKEN.IO", "kraken.io"),
        ("docs.kraken.io", "kraken.io"),  # sub-domains of an unrelated domain are unrelated too
        ("https://api.eu.krakend.io/", "krakend.io"),
        ("hello@kraken.io", "kraken.io"),
        ("kraken@kraken.io", "kraken.io"),  # the brand in the local part of *their* address
    ],
)
def test_unrelated_is_unknown_with_a_reason_in_both_languages(
    registry: Registry, value: str, owner: str
) -> None:
    verdict = check(value, registry)
    assert verdict.verdict == UNKNOWN
    assert verdict.imitates is None
    assert verdict.reasons == ("unrelated",)
    assert owner in verdict.reasons_en[0] and "different organisation" in verdict.reasons_en[0]
    assert owner in verdict.reasons_ja[0] and "別の組織" in verdict.reasons_ja[0]


def test_without_the_line_the_same_domain_is_flagged() -> None:
    plain = Registry.from_lines(["kraken.com"])
    assert check("kraken.io", plain).verdict == IMPERSONATION


@pytest.mark.parametrize(
    "value",
    [
        "kraken.io.evil.xyz",  # the unrelated domain as someone else's subdomain
        "krakem.io",  # a lookalike of the unrelated domain is still checked against the brand
        "kraken-login.io",
        "https://kraken.com@kraken.io/",  # the brand before "@" is still a disguise
        "kraken.net",
    ],
)
def test_lookalikes_of_an_unrelated_domain_are_still_checked(
    registry: Registry, value: str
) -> None:
    verdict = check(value, registry)
    assert verdict.verdict == IMPERSONATION, verdict
    assert "unrelated" not in verdict.reasons


def test_official_wins_over_an_overlapping_unrelated_line() -> None:
    both = Registry.from_lines(["kraken.com", "unrelated:kraken.com", "unrelated:kraken.io"])
    assert check("kraken.com", both).verdict == "official"
    assert check("www.kraken.com", both).verdict == "official"
