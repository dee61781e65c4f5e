"""Real, unrelated sites that share a word with a brand or sit one letter away from one.

Each case comes from the impersonation bench (bench/trust_phishing.py, docs/trust.md,
"Benchmark"): a lookalike rule that flags these costs trust in every other verdict.
"""

from __future__ import annotations

import pytest

from madoguchi.trust import IMPERSONATION, UNKNOWN, Registry, check
from madoguchi.trust._hosts import _extractor
from madoguchi.trust._owners import WELL_KNOWN_OWNERS

BRANDS = ["gemini.com", "binance.com", "opensea.io", "ledger.com", "phantom.app", "metamask.io",
          "uniswap.org", "kraken.com", "coincheck.com", "okx.com", "myetherwallet.com"]  # fmt: skip


@pytest.fixture(scope="module")
def brands() -> Registry:
    return Registry.from_lines(BRANDS)


@pytest.mark.parametrize(
    "value",
    [
        "gemini.google.com",  # Google's assistant, not the exchange
        "https://gemini.google.com/app",
        "finance.yahoo.com",
        "opensearch.org",  # glued to a word that is no impostor word
        "openseamap.org",
        "ledgerinsights.com",
        "phantomjs.org",
        "krakenjs.com",
        "metabase.com",  # two letters from metamask: only names of 9+ letters get two edits
        "metamap.com",
        "unisat.io",
        "ok.ru",
        "oki.com",
        "gov.uk",  # a public suffix that is a site of its own
        "https://www.gov.uk/",
        "go.jp",
    ],
)
def test_real_sites_are_not_impersonation(brands: Registry, value: str) -> None:
    verdict = check(value, brands)
    assert verdict.verdict == UNKNOWN, verdict
    assert verdict.reasons[-1] == "not_registered"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("gemini.com.google.com", "brand_in_subdomain"),  # the brand's domain, not a product
        ("gemini-login.google.com", "brand_in_subdomain"),
        ("metamask.github.io", "brand_in_subdomain"),  # anyone can have a github.io name
        ("binance.secure-session.io", "brand_in_subdomain"),
        ("www.binance.com.web.app", "brand_in_subdomain"),
    ],
)
def test_brand_under_someone_elses_domain(brands: Registry, value: str, reason: str) -> None:
    verdict = check(value, brands)
    assert verdict.verdict == IMPERSONATION, verdict
    assert reason in verdict.reasons


def test_well_known_owners_hand_out_no_subdomains_to_the_public() -> None:
    """User-content hosts (PSL private section) are where impostors put brand.host."""
    for owner in WELL_KNOWN_OWNERS:
        result = _extractor(f"brand.{owner}", include_psl_private_domains=True)
        assert not result.is_private, owner
        assert f"{result.domain}.{result.suffix}" == owner, owner
    for host in ["github.io", "blogspot.com", "netlify.app", "web.app", "herokuapp.com"]:
        assert host not in WELL_KNOWN_OWNERS
