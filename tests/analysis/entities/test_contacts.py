"""contacts.scan: URLs, domains, e-mail, phone numbers and social handles, ja and en."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madoguchi.analysis._types import DOMAIN, EMAIL, PHONE, SOCIAL_HANDLE, URL
from madoguchi.analysis.entities import contacts

from .scanned import entities_of, one_of


def _of(text, kind):
    return entities_of(contacts.scan, text, kind)


def _one(text, kind, expected_text):
    return one_of(contacts.scan, text, kind, expected_text)


# --- URLs -----------------------------------------------------------------------------------

URL_CASES = [
    (
        "See https://example.com/faq for details",
        "https://example.com/faq",
        "https://example.com/faq",
    ),
    ("こちらhttps://example.comから", "https://example.com", "https://example.com/"),
    (
        "詳細はhttps://Example.COM/a?b=1#x。",
        "https://Example.COM/a?b=1#x",
        "https://example.com/a?b=1#x",
    ),
    (
        "リンク（https://example.com/path）を開いた",
        "https://example.com/path",
        "https://example.com/path",
    ),
    ("「https://example.com/」をクリック", "https://example.com/", "https://example.com/"),
    ("open http://example.com/x, then", "http://example.com/x", "http://example.com/x"),
    ("HTTPS://WWW.BINANCE.COM/ja.", "HTTPS://WWW.BINANCE.COM/ja", "https://www.binance.com/ja"),
    (
        "wiki https://en.wikipedia.org/wiki/Foo_(bar) ok",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
    ),
    ("(see https://example.com/a)", "https://example.com/a", "https://example.com/a"),
    ("hxxps://evil[.]com/login です", "hxxps://evil[.]com/login", "https://evil.com/login"),
    (
        "hxxp[:]//bad[.]example[.]net/x",
        "hxxp[:]//bad[.]example[.]net/x",
        "http://bad.example.net/x",
    ),
    ("go to www.binance.com/ja、ね", "www.binance.com/ja", "http://www.binance.com/ja"),
    ("www.example.co.jp です", "www.example.co.jp", "http://www.example.co.jp/"),
    ("t.me/binance_jp を見て", "t.me/binance_jp", "http://t.me/binance_jp"),
    (
        "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ です",
        "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ",
        "https://example.com/a",
    ),
    ("[link](https://example.com/a)", "https://example.com/a", "https://example.com/a"),
    ("<https://example.com>", "https://example.com", "https://example.com/"),
    ("ftp://files.example.org/pub", "ftp://files.example.org/pub", "ftp://files.example.org/pub"),
    ("http://example.com:8080/p", "http://example.com:8080/p", "http://example.com:8080/p"),
]


@pytest.mark.parametrize(("text", "span_text", "value"), URL_CASES)
def test_url_found_with_span_and_normalised_value(text, span_text, value):
    ent = _one(text, URL, span_text)
    assert ent.value == value
    assert ent.valid is True
    assert set(ent.details) >= {
        "host", "ascii_host", "registrable_domain", "scheme", "has_credentials", "ip_host", "warnings",
    }  # fmt: skip


def test_url_details_for_punycode_host():
    ent = _one(
        "ログイン: https://xn--bnance-pvf.com/login", URL, "https://xn--bnance-pvf.com/login"
    )
    assert ent.details["host"] == "bіnance.com"  # Cyrillic і, shown as the browser draws it
    assert ent.details["ascii_host"] == "xn--bnance-pvf.com"
    assert ent.details["registrable_domain"] == "bіnance.com"
    assert {"punycode", "mixed_script"} <= set(ent.details["warnings"])
    assert ent.value == "https://bіnance.com/login"


def test_url_with_unicode_homoglyph_host():
    ent = _one("https://bіnance.com/ja", URL, "https://bіnance.com/ja")
    assert ent.details["ascii_host"] == "xn--bnance-pvf.com"
    assert "mixed_script" in ent.details["warnings"]
    assert "punycode" not in ent.details["warnings"]


def test_url_zero_width_inside_host_is_seen_through_and_flagged():
    text = "https://bi\u200bnance.com/ です"
    ent = _one(text, URL, "https://bi\u200bnance.com/")
    assert ent.details["host"] == "binance.com"
    assert "zero_width" in ent.details["warnings"]


def test_url_credentials_and_ip_host_flagged_and_password_masked():
    ent = _one("http://user:hunter2@192.168.0.1/x", URL, "http://user:hunter2@192.168.0.1/x")
    assert ent.details["has_credentials"] is True
    assert ent.details["ip_host"] is True
    assert ent.details["registrable_domain"] is None
    assert "hunter2" not in ent.value
    assert ent.value == "http://user:***@192.168.0.1/x"


def test_url_userinfo_trick_reports_real_host():
    ent = _one(
        "https://binance.com@evil.example/login", URL, "https://binance.com@evil.example/login"
    )
    assert ent.details["host"] == "evil.example"
    assert "credentials" in ent.details["warnings"]


def test_defanged_url_warned():
    ent = _one("hxxps://evil[.]com", URL, "hxxps://evil[.]com")
    assert "defanged" in ent.details["warnings"]


def test_two_urls_in_one_line():
    found = _of("https://a.example.com/x と https://b.example.org/y", URL)
    assert [e.value for e in found] == ["https://a.example.com/x", "https://b.example.org/y"]


@pytest.mark.parametrize(
    ("text", "span_text", "warning"),
    [
        (
            "javascript:alert(document.cookie) を踏んだ",
            "javascript:alert(document.cookie)",
            "javascript_scheme",
        ),
        ("<a href='JavaScript:void(0)'>", "JavaScript:void(0)", "javascript_scheme"),
        (
            "data:text/html;base64,PHNjcmlwdD4= です",
            "data:text/html;base64,PHNjcmlwdD4=",
            "data_scheme",
        ),
    ],
)
def test_script_and_data_uris_are_invalid_urls(text, span_text, warning):
    ent = _one(text, URL, span_text)
    assert ent.valid is False
    assert warning in ent.details["warnings"]


@pytest.mark.parametrize(
    "text",
    [
        "http:// だけ",
        "Data: 2024-03-05 の取引",
        "JavaScript: disabled in my browser",
        "see the docs/faq page",
    ],
)
def test_not_urls(text):
    assert _of(text, URL) == []


def test_url_without_public_suffix_is_invalid():
    ent = _one("https://localhost/admin", URL, "https://localhost/admin")
    assert ent.valid is False


# --- bare domains ---------------------------------------------------------------------------

DOMAIN_CASES = [
    ("binance.com にログインできません", "binance.com", "binance.com", "binance.com"),
    (
        "support-bitflyer.jp から連絡が来た",
        "support-bitflyer.jp",
        "support-bitflyer.jp",
        "support-bitflyer.jp",
    ),
    ("Visit Binance.com today", "Binance.com", "binance.com", "binance.com"),
    ("mail.example.co.jp です", "mail.example.co.jp", "mail.example.co.jp", "example.co.jp"),
    ("bіnance.com から", "bіnance.com", "bіnance.com", "bіnance.com"),
    ("xn--bnance-pvf.com は偽物?", "xn--bnance-pvf.com", "bіnance.com", "bіnance.com"),
    ("evil[.]com is bad", "evil[.]com", "evil.com", "evil.com"),
    ("ｂｉｎａｎｃｅ．ｃｏｍ です", "ｂｉｎａｎｃｅ．ｃｏｍ", "binance.com", "binance.com"),
    ("サイトはcoincheck.comです。", "coincheck.com", "coincheck.com", "coincheck.com"),
    ("163.com のメール", "163.com", "163.com", "163.com"),
    (
        "binance-support-login.com.",
        "binance-support-login.com",
        "binance-support-login.com",
        "binance-support-login.com",
    ),
]


@pytest.mark.parametrize(("text", "span_text", "value", "registrable"), DOMAIN_CASES)
def test_domain_found(text, span_text, value, registrable):
    ent = _one(text, DOMAIN, span_text)
    assert ent.value == value
    assert ent.details["registrable_domain"] == registrable
    assert ent.details["ascii"].isascii()


def test_cyrillic_domain_details():
    ent = _one("bіnance.com", DOMAIN, "bіnance.com")
    assert ent.details["ascii"] == "xn--bnance-pvf.com"
    assert ent.details["suffix"] == "com"
    assert "mixed_script" in ent.details["warnings"]


@pytest.mark.parametrize(
    "text",
    [
        "file.txt を添付します",
        "e.g. this one",
        "version v1.2 and 1.2.3",
        "main.py が落ちる",
        "README.md を読んで",
        "Thanks for the help.Please reply",
        "送金額は0.5です",
        "aaaa.bbbb",
        "node.js と ethers.js",
        "vitalik.eth に送った",
        "単語は 1.robust 2.tiger 3.today 11.book です",
    ],
)
def test_not_domains(text):
    assert _of(text, DOMAIN) == []


def test_domain_inside_url_not_repeated():
    text = "https://www.binance.com/ja"
    assert _of(text, DOMAIN) == []
    assert len(_of(text, URL)) == 1


def test_www_link_reported_once():
    assert len(_of("www.binance.com/ja を開いて", URL)) == 1


def test_email_domain_not_a_bare_domain():
    assert _of("foo@example.com", DOMAIN) == []


# --- e-mail ---------------------------------------------------------------------------------

EMAIL_CASES = [
    (
        "連絡先: Foo.Bar@Example.CO.JP まで",
        "Foo.Bar@Example.CO.JP",
        "foo.bar@example.co.jp",
        "example.co.jp",
    ),
    ("メール：taro＠example.jp です", "taro＠example.jp", "taro@example.jp", "example.jp"),
    (
        "support+ticket@binance.com.",
        "support+ticket@binance.com",
        "support+ticket@binance.com",
        "binance.com",
    ),
    ("mailto:help@example.org", "help@example.org", "help@example.org", "example.org"),
    (
        "こちらuser_1@mail.example.comへ",
        "user_1@mail.example.com",
        "user_1@mail.example.com",
        "mail.example.com",
    ),
]


@pytest.mark.parametrize(("text", "span_text", "value", "domain"), EMAIL_CASES)
def test_email_found(text, span_text, value, domain):
    ent = _one(text, EMAIL, span_text)
    assert ent.value == value
    assert ent.details["domain"] == domain
    assert ent.valid is True


@pytest.mark.parametrize("text", ["foo@bar", "@@@@", "a@b.c", "me@localhost です"])
def test_not_emails(text):
    assert _of(text, EMAIL) == []


def test_email_with_double_dot_is_invalid():
    ent = _one("a..b@example.com", EMAIL, "a..b@example.com")
    assert ent.valid is False


# --- phone numbers --------------------------------------------------------------------------

PHONE_CASES = [
    ("携帯は090-1234-5678です", "090-1234-5678", "+819012345678", "mobile"),
    ("03-1234-5678 までお電話ください", "03-1234-5678", "+81312345678", "fixed_line"),
    ("０９０ １２３４ ５６７８ に電話", "０９０ １２３４ ５６７８", "+819012345678", "mobile"),
    ("call +81 90-1234-5678 please", "+81 90-1234-5678", "+819012345678", "mobile"),
    ("(03) 1234 5678 が番号", "(03) 1234 5678", "+81312345678", "fixed_line"),
    ("US: +1 (415) 555-2671.", "+1 (415) 555-2671", "+14155552671", "fixed_line_or_mobile"),
    ("フリーダイヤル 0120-123-456 まで", "0120-123-456", "+81120123456", "toll_free"),
    ("TEL:090ー1234ー5678", "090ー1234ー5678", "+819012345678", "mobile"),
    ("電話番号 09012345678", "09012345678", "+819012345678", "mobile"),
    ("電話 090-1234-5678 2回かけました", "090-1234-5678", "+819012345678", "mobile"),
    ("Tel. 03.1234.5678", "03.1234.5678", "+81312345678", "fixed_line"),
    ("050-1234-5678 (IP電話)", "050-1234-5678", "+815012345678", "voip"),
    ("+81(0)90-1234-5678", "+81(0)90-1234-5678", "+819012345678", "mobile"),
    ("TEL：０３－１２３４－５６７８", "０３－１２３４－５６７８", "+81312345678", "fixed_line"),
]


@pytest.mark.parametrize(("text", "span_text", "value", "kind"), PHONE_CASES)
def test_phone_found(text, span_text, value, kind):
    ent = _one(text, PHONE, span_text)
    assert ent.value == value
    assert ent.valid is True
    assert ent.details["type"] == kind


def test_international_phone_region():
    assert _one("+1 (415) 555-2671", PHONE, "+1 (415) 555-2671").details["region"] == "US"
    assert _one("090-1234-5678", PHONE, "090-1234-5678").details["region"] == "JP"


def test_two_phones_separated_by_a_space():
    found = _of("03-1234-5678 090-1234-5678", PHONE)
    assert [e.value for e in found] == ["+81312345678", "+819012345678"]


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-05 に送金",
        "金額 1,500,000 円",
        "注文番号 09012345678",
        "order #0312345678",
        "10:00 から 18:00 まで",
        "0.00012345678 BTC",
        "tx 0x52908400098527886e0f7030069857d2e4169ee7",
        "txid 0912345678abcdef0912345678abcdef",
        "会員番号: 0312345678",
        "ver 0.1 - 0.2 - 0.3",
    ],
)
def test_not_phones(text):
    assert _of(text, PHONE) == []


# --- social handles -------------------------------------------------------------------------

HANDLE_CASES = [
    ("@binance_support から DM が来た", "@binance_support", "unknown", "binance_support"),
    ("公式は@bitFlyerです", "@bitFlyer", "unknown", "bitflyer"),
    ("Telegram: @foo_bar", "@foo_bar", "telegram", "foo_bar"),
    ("テレグラムの @Support_JP さん", "@Support_JP", "telegram", "support_jp"),
    ("LINE ID: abc123", "abc123", "line", "abc123"),
    ("ラインID：taro_88", "taro_88", "line", "taro_88"),
    ("Discord: name#1234", "name#1234", "discord", "name#1234"),
    ("discord username is crypto.helper", "crypto.helper", "discord", "crypto.helper"),
    ("X(旧Twitter)の @foo", "@foo", "x", "foo"),
    ("Twitter @Binance_JP", "@Binance_JP", "x", "binance_jp"),
    ("インスタ @coin.girl です", "@coin.girl", "instagram", "coin.girl"),
    ("＠ｂｉｔＦｌｙｅｒ に連絡", "＠ｂｉｔＦｌｙｅｒ", "unknown", "bitflyer"),
]


@pytest.mark.parametrize(("text", "span_text", "platform", "handle"), HANDLE_CASES)
def test_handle_found(text, span_text, platform, handle):
    ent = _one(text, SOCIAL_HANDLE, span_text)
    assert ent.value == {"platform": platform, "handle": handle}


def test_telegram_link_is_a_url_and_a_handle():
    text = "t.me/binance_jp"
    (url,) = _of(text, URL)
    assert url.details["social"] == {"platform": "telegram", "handle": "binance_jp"}
    (handle,) = _of(text, SOCIAL_HANDLE)
    assert (handle.start, handle.end) == (url.start, url.end)


@pytest.mark.parametrize(
    "text",
    [
        "foo@example.com に送って",
        "@ 10:00 に",
        "@10:00 集合",
        "@500円",
        "@@@@@@",
        "line is busy",
        "online: abc123",
        "@gmail.com のアドレス",
        "LINE で連絡しました",
    ],
)
def test_not_handles(text):
    assert _of(text, SOCIAL_HANDLE) == []


# --- whole messages, hostile input ------------------------------------------------------------


def test_mixed_message_kinds_and_spans():
    text = "詳細はhttps://example.com/faqへ。電話 090-1234-5678、メール help@example.jp、@support"
    kinds = sorted(e.kind for e in contacts.scan(text))
    assert kinds == sorted([URL, PHONE, EMAIL, SOCIAL_HANDLE])
    for e in contacts.scan(text):
        assert text[e.start : e.end] == e.text


def test_nothing_in_plain_prose():
    assert contacts.scan("送金が反映されません。Please help me.") == []
    assert contacts.scan("") == []


HOSTILE = {
    "1 MB prose": ("送金が反映されません。Please help me. " * 30_000)[:1_000_000],
    "100k newlines": "\n" * 100_000,
    "at signs": "@" * 300_000,
    "long domain": "a" * 100_000 + ".com",
    "repeated scheme": "http://" * 50_000,
    "dotted run": "a." * 300_000,
    "fullwidth digits": "０" * 300_000,
    "zero-width flood": "\u200b" * 300_000,
    "digits and spaces": "0 9" * 200_000,
    "lone surrogates": "\ud800\udc00\udfff" * 50_000,
    "many urls": "http://a.com/ " * 20_000,
    "many phones": "090-1234-5678 " * 20_000,
    "many handles": "Telegram: @foo\n" * 20_000,
    "long local part": "a" * 100_000 + "@example.com",
    "www flood": "www." * 100_000,
}


@pytest.mark.timeout(20)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_returns(name):
    text = HOSTILE[name]
    result = contacts.scan(text)
    assert isinstance(result, list)
    for e in result:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text


def test_hostile_long_candidates_are_not_reported():
    assert contacts.scan("a" * 100_000 + ".com") == []
    assert contacts.scan("http://" * 50_000) == []
    assert _of("https://example.com/" + "a" * 3000, URL) == []


def test_many_phones_all_found():
    assert len(_of("090-1234-5678 " * 1000, PHONE)) == 1000


# --- property: spans always point into the original text ------------------------------------

_PIECES = st.sampled_from(
    [
        "https://", "hxxp://", "www.", "example", ".com", "[.]", ".co.jp", "@", "＠", "０９０",
        "090", "-", "ー", "1234", "5678", " ", "\u3000", "\u200b", "\u202e", "こちら", "。",
        ")", "(", "xn--bnance-pvf", "і", "Telegram:", "LINE ID:", "#1234", "+81", "/",
        "javascript:", "ｈｔｔｐｓ：／／", "．", "\ud800",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_spans_always_match_the_original(text):
    for e in contacts.scan(text):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        json.dumps(e.value)


def test_script_scheme_with_nothing_after_it_is_not_a_crash():
    assert [e for e in contacts.scan("javascript:)") if e.kind == "url"] == []
