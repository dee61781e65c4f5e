"""Each detection rule, with lookalikes it must catch and legitimate values it must leave alone."""

from __future__ import annotations

import pytest

from madoguchi.trust import IMPERSONATION, OFFICIAL, UNKNOWN, Registry, TrustInputError, check


def test_official_domains_urls_and_subdomains(registry: Registry) -> None:
    for value in ["madoguchi.com", "MADOGUCHI.COM.", "https://madoguchi.com/login?x=1",
                  "help.madoguchi.com", "https://api.eu.madoguchi.com:8443/v1"]:  # fmt: skip
        verdict = check(value, registry)
        assert verdict.verdict == OFFICIAL, value
        assert verdict.imitates == "madoguchi.com"
    assert check("https://help.madoguchi.com/a", registry).reasons == ("official_subdomain",)
    assert check("https://madoguchi.com/x", registry).kind == "url"
    assert check("madoguchi.com", registry).kind == "domain"


@pytest.mark.parametrize("value", ["coinbase.com", "kraken.com", "google.com", "example.org",
                                   "https://www.google.com/search?q=madoguchi", "evil.io"])  # fmt: skip
def test_unrelated_domains_are_unknown_not_impersonation(registry: Registry, value: str) -> None:
    verdict = check(value, registry)
    assert verdict.verdict == UNKNOWN
    assert verdict.imitates is None
    assert verdict.reasons == ("not_registered",)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("madoguchi.net", "tld_swap"),
        ("madoguchi.co.jp", "tld_swap"),
        ("rnadoguchi.com", "confusable"),
        ("madoguch1.com", "confusable"),
        ("ｍａｄｏｇｕｃｈｉ.net", "tld_swap"),
        ("madogucbi.com", "edit_distance"),
        ("madougchi.com", "edit_distance"),
        ("madoguchi-support-login.com", "brand_plus_word"),
        ("madoguchisupport.net", "brand_plus_word"),
        ("login-madoguchi.io", "brand_plus_word"),
        ("madoguchi.com.evil.io", "brand_in_subdomain"),
        ("https://madoguchi.secure-login.io/wallet", "brand_in_subdomain"),
        ("https://madoguchi.com@evil.io/x", "brand_in_subdomain"),
    ],
)
def test_lookalike_domains_are_impersonation(registry: Registry, value: str, reason: str) -> None:
    verdict = check(value, registry)
    assert verdict.verdict == IMPERSONATION, verdict
    assert verdict.imitates in ("madoguchi.com", "madoguchi")
    assert reason in verdict.reasons
    assert len(verdict.reasons_en) == len(verdict.reasons_ja) == len(verdict.reasons)
    assert all(text for text in verdict.reasons_en + verdict.reasons_ja)


def test_punycode_is_decoded_and_compared_by_skeleton(registry: Registry) -> None:
    spoof = "mаdoguchi.com".encode("idna").decode("ascii")  # Cyrillic а
    assert spoof.startswith("xn--")
    verdict = check(f"https://{spoof}/login", registry)
    assert verdict.verdict == IMPERSONATION
    assert {"punycode", "mixed_scripts", "confusable"} <= set(verdict.reasons)
    assert "mаdoguchi.com" in verdict.reasons_en[0]


def test_all_latin_accent_trick_is_caught(exchanges: Registry) -> None:
    punycode = "bînance.com".encode("idna").decode("ascii")
    for value in ["bînance.com", "bínance.com", punycode]:
        verdict = check(value, exchanges)
        assert verdict.verdict == IMPERSONATION
        assert verdict.imitates == "binance.com"
        assert "confusable" in verdict.reasons
        assert "mixed_scripts" not in verdict.reasons


def test_real_brands_do_not_flag_each_other(exchanges: Registry) -> None:
    for value in ["binance.com", "coinbase.com", "kraken.com", "bitflyer.com",
                  "accounts.binance.com"]:  # fmt: skip
        assert check(value, exchanges).verdict == OFFICIAL
    for value in ["google.com", "github.com", "bitbank.cc", "gemini.com", "okx.com",
                  "finance.yahoo.com", "financial.com", "krakatoa.org", "bitbucket.org",
                  "coincheck.com", "bitcoin.org"]:  # fmt: skip
        assert check(value, exchanges).verdict == UNKNOWN, value


def test_short_brands_tolerate_no_edits() -> None:
    short = Registry.from_lines(["okx.com"])
    for value in ["ok.ru", "oka.com", "ox.com"]:
        assert check(value, short).verdict == UNKNOWN, value
    assert check("0kx.com", short).verdict == IMPERSONATION  # a lookalike digit is still caught
    assert check("okx.net", short).verdict == IMPERSONATION


def test_lookalikes_of_real_brands(exchanges: Registry) -> None:
    cases = {"c0inbase.com": "coinbase.com", "krakken.com": "kraken.com",
             "coinbase-wallet-support.com": "coinbase.com", "kraken.org": "kraken.com",
             "binance.com.verify-account.xyz": "binance.com", "bitf1yer.jp": "bitflyer.com"}  # fmt: skip
    for value, brand in cases.items():
        verdict = check(value, exchanges)
        assert verdict.verdict == IMPERSONATION, value
        assert verdict.imitates.startswith(brand.split(".")[0]), value


def test_mixed_script_domain_without_brand_is_unknown_with_warning(registry: Registry) -> None:
    verdict = check("gооgle.com", registry)  # Cyrillic о, but google is not our brand
    assert verdict.verdict == UNKNOWN
    assert "mixed_scripts" in verdict.reasons


def test_email_senders(registry: Registry) -> None:
    assert check("support@madoguchi.com", registry).verdict == OFFICIAL
    assert check("mailto:Support@Madoguchi.com", registry).verdict == OFFICIAL
    assert check("Madoguchi <support@madoguchi.com>", registry).verdict == OFFICIAL
    unregistered = check("ceo@madoguchi.com", registry)
    assert (unregistered.verdict, unregistered.reasons) == (UNKNOWN, ("sender_unregistered",))
    spoof = check("support@madoguchi-help.com", registry)
    assert (spoof.kind, spoof.verdict) == ("email", IMPERSONATION)
    freemail = check("madoguchi.support@gmail.com", registry)
    assert freemail.verdict == IMPERSONATION
    assert check("alice@gmail.com", registry).verdict == UNKNOWN
    assert check("someone@coinbase.com", registry).verdict == UNKNOWN


@pytest.mark.parametrize("value", ["tel:+81-3-1234-5678", "03-1234-5678", "+81 3 1234 5678",
                                   "(03) 1234-5678", "０３－１２３４－５６７８", "+81312345678"])  # fmt: skip
def test_official_phone_in_any_format(registry: Registry, value: str) -> None:
    verdict = check(value, registry)
    assert (verdict.kind, verdict.verdict, verdict.imitates) == ("phone", OFFICIAL, "+81312345678")


def test_other_phone_numbers_are_unknown(registry: Registry) -> None:
    for value in ["03-1234-5679", "+1 415 555 0100", "090-1111-2222"]:
        verdict = check(value, registry)
        assert (verdict.kind, verdict.verdict) == ("phone", UNKNOWN)


def test_official_handles(registry: Registry) -> None:
    for value in ["@x:madoguchi_ex", "@twitter:@Madoguchi_EX", "https://x.com/madoguchi_ex",
                  "https://twitter.com/Madoguchi_Ex/status/1", "https://t.me/madoguchi_official"]:  # fmt: skip
        verdict = check(value, registry)
        assert (verdict.kind, verdict.verdict) == ("handle", OFFICIAL), value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("@x:madoguchi_support_jp", "brand_plus_word"),
        ("@telegram:madoguchi_help", "brand_plus_word"),
        ("https://t.me/MadoguchiSupport", "brand_plus_word"),
        ("@x:madoguch1_ex", "confusable"),
        ("@x:rnadoguchi_ex", "confusable"),
        ("@x:madoguchi__ex", "confusable"),
        ("@x:madoguchi_exx", "edit_distance"),
        ("@telegram:madoguchi_ex", "handle_other_platform"),
        ("@x:m4doguchi", "edit_distance"),
    ],
)
def test_lookalike_handles(registry: Registry, value: str, reason: str) -> None:
    verdict = check(value, registry)
    assert (verdict.kind, verdict.verdict) == ("handle", IMPERSONATION), verdict
    assert reason in verdict.reasons


def test_unrelated_and_bare_handles(registry: Registry) -> None:
    for value in ["@x:coinbase", "@telegram:krakenfx", "@x:google", "https://x.com/someone"]:
        assert check(value, registry).verdict == UNKNOWN, value
    bare = check("@madoguchi_ex", registry)
    assert (bare.verdict, bare.reasons) == (UNKNOWN, ("platform_missing",))


def test_apps(registry: Registry) -> None:
    assert check("app:ios:123456", registry).verdict == OFFICIAL
    assert check("app:IOS:123456", registry).verdict == OFFICIAL
    assert check("app:android:123456", registry).verdict == UNKNOWN


def test_staff_names(registry: Registry) -> None:
    for value in [
        "Aiko Tanaka",
        "aiko  TANAKA",
        "ＡＩＫＯ　Ｔａｎａｋａ",
        "Tanaka Aiko",
        "staff:aiko tanaka",
    ]:
        verdict = check(value, registry)
        assert (verdict.kind, verdict.verdict) == ("staff", OFFICIAL), value
        assert verdict.imitates == "Aiko Tanaka"  # the registered spelling
    stranger = check("Taro Yamada", registry)
    assert (stranger.verdict, stranger.reasons) == (UNKNOWN, ("staff_unregistered",))
    assert "パスワード" in stranger.reasons_ja[0]


@pytest.mark.parametrize("value", ["", "   ", "tel:12", "app:ios", "x" * 2001, "@x:"])
def test_bad_values_raise_a_clear_error(registry: Registry, value: str) -> None:
    with pytest.raises(TrustInputError):
        check(value, registry)


@pytest.mark.parametrize(
    "value", ["mailto:", "mailto:a@", "x@[bad", "http://[bad/", "a..b", "https://", "@:", "app::"]
)
def test_malformed_values_raise_input_errors_only(registry: Registry, value: str) -> None:
    with pytest.raises(TrustInputError):
        check(value, registry)


def test_japanese_staff_names_ignore_spaces_and_width() -> None:
    staff = Registry.from_lines(["staff:田中 愛子"])
    for value in ["田中愛子", "田中　愛子", "staff:田中 愛子"]:
        assert check(value, staff).verdict == OFFICIAL, value
    assert check("田中 花子", staff).verdict == UNKNOWN
