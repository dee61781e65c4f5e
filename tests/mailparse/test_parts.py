"""The small pieces: charsets, filenames, HTML to text, quoted history."""

from __future__ import annotations

import base64

import pytest

from madoguchi.mailparse import (
    decode_bytes,
    decode_header_value,
    iso2022jp_as_cp932,
    sanitise,
    sanitise_filename,
    strip_quoted,
    to_text,
)


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("出金①", "Shift_JIS"),  # cp932 labelled Shift_JIS
        ("送金～", "shift_jis"),
        ("ログイン", "EUC-JP"),
        ("髙橋", "utf-8"),
    ],
)
def test_declared_families(text, declared):
    codec = {"shift_jis": "cp932", "euc-jp": "euc_jp", "utf-8": "utf-8"}[declared.lower()]
    assert decode_bytes(text.encode(codec), declared)[0] == text


def test_iso2022jp_with_nec_rows_decodes_like_cp50220():
    # ㈱ (NEC row 13) and 髙 (IBM extension) are not in JIS X 0208
    assert iso2022jp_as_cp932(b"\x1b$B-j\x1b(B") == "㈱"
    text, warning = decode_bytes(b"\x1b$B$3$s$K$A$O\x1b(B", "ISO-2022-JP")
    assert (text, warning) == ("こんにちは", None)


def test_half_width_katakana_escape():
    assert iso2022jp_as_cp932(b"\x1b(I12\x1b(B") == "ｱｲ"


def test_undeclared_bytes_fall_through_the_chain():
    assert decode_bytes("日本語".encode("cp932"), None)[0] == "日本語"
    assert decode_bytes(b"\x1b$BF|K\\8l\x1b(B", None)[0] == "日本語"


def test_encoded_words_b_and_q():
    assert decode_header_value("=?UTF-8?Q?caf=C3=A9?= =?UTF-8?B?5Ye66YeR?=") == "café出金"
    word = base64.b64encode("出金".encode("cp932")).decode()
    assert decode_header_value(f"=?shift_jis?B?{word}?=") == "出金"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Windows\\evil.bat", "evil.bat"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("pay\u200bment\u2066.pdf", "payment.pdf"),
        ("a\r\nb.txt", "a b.txt"),
        ("", "attachment"),
        ("...", "attachment"),
        (None, "attachment"),
    ],
)
def test_filenames(raw, clean):
    assert sanitise_filename(raw) == clean


def test_long_filename_keeps_its_extension():
    name = sanitise_filename("あ" * 500 + ".pdf")
    assert len(name) == 200
    assert name.endswith(".pdf")


def test_html_sanitiser_removes_scripts_handlers_and_bad_links():
    html = (
        '<div onmouseover="x()"><script>evil()</script><style>*{}</style>'
        '<a href="javascript:alert(1)">a</a><a href="data:text/html,x">b</a>'
        '<img src="https://tracker.example/p.gif">ok</div>'
    )
    clean = sanitise(html)
    for bad in ("onmouseover", "evil", "javascript:", "data:", "<img", "<style", "tracker"):
        assert bad not in clean
    assert "ok" in clean


def test_html_to_text_keeps_links_and_blocks():
    text = to_text("<p>One</p><p>Two <a href='https://x.example/'>link</a><br>Three</p>")
    assert text == "One\n\nTwo link <https://x.example/>\nThree"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Thanks!\n\nOn Sun, 29 Nov 2026 at 10:00, Support <s@x.jp> wrote:\n> hi", "Thanks!"),
        ("Thanks!\n\nOn Sun, 29 Nov 2026 at 10:00, Support <s@x.jp>\nwrote:\n> hi", "Thanks!"),
        ("了解です。\n\n2026年11月29日(日) 10:00 窓口 <s@x.jp>:\n> こんにちは", "了解です。"),
        ("Yes.\n\n-----Original Message-----\nFrom: s@x.jp\nhello", "Yes."),
        ("はい。\n\n差出人: 窓口 <s@x.jp>\n送信日時: 2026年11月29日\n件名: x", "はい。"),
        ("Top\n> quoted\nafter", "Top\nafter"),
        ("> only quotes\n> here", "> only quotes\n> here"),  # nothing left: keep all
    ],
)
def test_strip_quoted(text, kept):
    assert strip_quoted(text) == kept
