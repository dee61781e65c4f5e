"""Lookalike forms the impersonation bench generates (dnstwist's fuzzers and ours)."""

from __future__ import annotations

import pytest

from madoguchi.trust import IMPERSONATION, Registry, check, skeleton
from madoguchi.trust._words import IMPOSTOR_WORDS, glued_words

BRANDS = ["coinbase.com", "bitflyer.com", "sbivc.co.jp", "okx.com", "zaif.jp", "metamask.io",
          "pancakeswap.finance", "kraken.com", "binance.com", "myetherwallet.com"]  # fmt: skip


@pytest.fixture(scope="module")
def brands() -> Registry:
    return Registry.from_lines(BRANDS)


@pytest.mark.parametrize(
    ("value", "imitates", "reason"),
    [
        ("coin.base.com", "coinbase.com", "brand_split"),  # the real domain is base.com
        ("bit.fly.er.com", "bitflyer.com", "brand_split"),
        ("sbi.vc.co.jp", "sbivc.co.jp", "brand_split"),
        ("binancesupport.com", "binance.com", "brand_plus_word"),
        ("securemetamask.io", "metamask.io", "brand_plus_word"),
        ("metamasksupp0rtlogin.com", "metamask.io", "brand_plus_word"),
        ("okxjp.com", "okx.com", "brand_plus_word"),  # short brands: glued impostor words count
        ("okxcom.com", "okx.com", "brand_plus_word"),  # its own ending glued on
        ("zaifjp.com", "zaif.jp", "brand_plus_word"),
        ("pancakeswapfinance.com", "pancakeswap.finance", "brand_plus_word"),
        ("myeterwalet.com", "myetherwallet.com", "edit_distance"),  # two edits, 13 letters
        ("metamsk.io", "metamask.io", "edit_distance"),
    ],
)
def test_lookalike_forms(brands: Registry, value: str, imitates: str, reason: str) -> None:
    verdict = check(value, brands)
    assert verdict.verdict == IMPERSONATION, verdict
    assert verdict.imitates == imitates
    assert reason in verdict.reasons
    assert len(verdict.reasons_ja) == len(verdict.reasons) and all(verdict.reasons_ja)


@pytest.mark.parametrize(
    ("value", "imitates"),
    [
        ("kɽaⱪen.com", "kraken.com"),  # r with tail, k with descender
        ("bɪnance.com", "binance.com"),  # small capital I
        ("ƅinance.com", "binance.com"),
        ("ьinance.com", "binance.com"),  # Cyrillic soft sign
        ("metamasĸ.io".replace("ĸ", "ⱪ"), "metamask.io"),
        ("coinbaşe.com".encode("idna").decode("ascii"), "coinbase.com"),  # punycode
    ],
)
def test_latin_letter_variants_are_confusable(brands: Registry, value: str, imitates: str) -> None:
    verdict = check(value, brands)
    assert verdict.verdict == IMPERSONATION, verdict
    assert verdict.imitates == imitates


def test_latin_variants_come_from_unicode_names() -> None:
    assert skeleton("łđħøŧ") == "ldhot"
    assert skeleton("ᴄᴏɪɴ") == "coin"
    assert skeleton("ĸŋə") == "ĸŋə"  # kra, eng and schwa have no base letter in their names


def test_glued_words() -> None:
    assert glued_words("supportlogin") and glued_words("jp") and glued_words("SUPPORT")
    assert glued_words("supp0rt")  # compared by skeleton, like the brand
    for text in ["", "insights", "js", "map", "rch", "up", "labs"]:
        assert not glued_words(text), text
    assert all(word.isascii() and word == word.lower() for word in IMPOSTOR_WORDS)
