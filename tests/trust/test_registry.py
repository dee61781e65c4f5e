"""Parsing the official list: every line form, normalisation, and clear errors."""

from __future__ import annotations

import pytest

from madoguchi.trust import Registry, TrustInputError


def test_every_line_form_is_parsed(registry: Registry) -> None:
    assert registry.domains == {"madoguchi.com"}
    assert registry.emails == {"support@madoguchi.com"}
    assert registry.phones == {"+81312345678"}
    assert ("x", "madoguchi_ex") in registry.socials
    assert ("telegram", "madoguchi_official") in registry.socials
    assert registry.apps == {("ios", "123456")}
    assert "aikotanaka" in registry.staff
    assert registry.brand_names() == {"madoguchi"}


def test_values_are_normalised() -> None:
    registry = Registry.from_lines(
        ["  HTTPS://Help.Madoguchi.COM/ ", "mailto:Support@MADOGUCHI.com", "tel:03 1234 5678",
         "@Twitter:@Madoguchi_EX", "xn--bcher-kva.de"]
    )  # fmt: skip
    assert registry.domains == {"help.madoguchi.com", "bücher.de"}
    assert registry.emails == {"support@madoguchi.com"}
    assert registry.phones == {"+81312345678"}
    assert registry.socials == {("x", "madoguchi_ex")}


@pytest.mark.parametrize(
    "line",
    ["mailto:nobody", "tel:12", "@x", "@x:", "app:ios", "staff:", "localhost", "not a domain"],
)
def test_bad_lines_name_their_line_number(line: str) -> None:
    with pytest.raises(TrustInputError, match="line 2"):
        Registry.from_lines(["madoguchi.com", line])
