"""Hostile and broken mail: a clear MailParseError or a bounded result with a warning."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madoguchi.mailparse import Limits, MailParseError, parse

HEAD = (
    b"From: x@example.jp\r\nTo: support@madoguchi.invalid\r\nSubject: bomb\r\nMIME-Version: 1.0\r\n"
)


def nested(depth: int) -> bytes:
    """multipart/mixed nested ``depth`` deep, built iteratively (it is the bomb)."""
    opening = b"".join(
        b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (i, i + 1)
        for i in range(depth)
    )
    closing = b"".join(b"--b%d--\r\n" % i for i in reversed(range(depth + 1)))
    return (
        HEAD
        + b'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n'
        + opening
        + b"--b%d\r\nContent-Type: text/plain\r\n\r\ndeep\r\n" % depth
        + closing
    )


def test_mime_nested_1000_deep_is_a_clean_error():
    with pytest.raises(MailParseError, match="nested"):
        parse(nested(1000))


def test_nesting_between_walk_depth_and_container_limit_is_truncated_with_a_warning():
    mail = parse(nested(30), limits=Limits(max_depth=5))
    assert mail.text == ""
    assert any("nested deeper" in w for w in mail.warnings)


def test_moderate_nesting_is_read():
    assert parse(nested(8)).text == "deep"


def test_too_many_parts_is_refused_before_the_stdlib_parser_builds_them():
    body = b"".join(b"--b\r\n\r\nx\r\n" for _ in range(10_000))
    raw = HEAD + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n' + body + b"--b--\r\n"
    with pytest.raises(MailParseError, match="delimiters"):
        parse(raw)


def test_parts_over_the_walk_limit_are_skipped_with_a_warning():
    body = b"".join(
        b"--b\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n" for _ in range(40)
    )
    raw = HEAD + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n' + body + b"--b--\r\n"
    mail = parse(raw, limits=Limits(max_parts=10))
    assert len(mail.attachments) == 9  # the container counts as one part
    assert any("parts" in w for w in mail.warnings)


def test_size_limit():
    with pytest.raises(MailParseError, match="limit"):
        parse(HEAD + b"\r\n" + b"x" * 2000, limits=Limits(max_bytes=1000))


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (b"just some bytes without headers\r\n", "not a mail"),
        (HEAD + b"X-Big: " + b"a" * 70_000 + b"\r\n\r\nhi", "header field"),
        (HEAD + b"".join(b"X-H%d: v\r\n" % i for i in range(600)) + b"\r\nhi", "header fields"),
    ],
)
def test_refused(raw, match):
    with pytest.raises(MailParseError, match=match):
        parse(raw)


def test_not_bytes_is_a_clean_error():
    with pytest.raises(MailParseError, match="bytes"):
        parse("From: x@example.jp\r\n\r\nhi")  # type: ignore[arg-type]


def test_a_100000_character_subject_is_cut_to_one_line():
    raw = HEAD.replace(b"Subject: bomb", b"Subject: " + b"A" * 100_000) + b"\r\nhi"
    mail = parse(raw, limits=Limits(max_header_line=200_000))
    assert len(mail.subject) == 998
    assert "\n" not in mail.subject


def test_crlf_injection_in_an_encoded_subject_and_name_stays_one_line():
    raw = (
        b"From: =?UTF-8?Q?Eve=0D=0ABcc=3A_victim=40example=2Ejp?= <eve@example.jp>\r\n"
        b"Subject: =?UTF-8?B?5Ye66YeRDQpCY2M6IHZpY3RpbUBleGFtcGxlLmpw?=\r\n\r\nhi\r\n"
    )
    mail = parse(raw)
    assert mail.subject == "出金 Bcc: victim@example.jp"
    assert mail.from_.name == "Eve Bcc: victim@example.jp"
    assert mail.from_.address == "eve@example.jp"


def test_a_display_name_that_decodes_to_an_address_cannot_change_the_sender():
    raw = (
        b"From: =?UTF-8?Q?victim=40example=2Ejp_=3Cvictim=40example=2Ejp=3E=2C?= "
        b"<eve@evil.example>\r\nSubject: x\r\n\r\nhi\r\n"
    )
    assert parse(raw).from_.address == "eve@evil.example"


def test_unknown_charset_and_garbage_bytes_decode_with_replacement_not_a_crash():
    raw = HEAD + b'Content-Type: text/plain; charset="x-nope"\r\n\r\n\xff\xfe\x00\x81\r\n'
    mail = parse(raw)
    assert mail.warnings


def test_a_non_text_codec_name_is_not_used():
    raw = HEAD + b'Content-Type: text/plain; charset="rot13"\r\n\r\nuryyb\r\n'
    assert parse(raw).text == "uryyb"


def test_broken_base64_is_read_as_far_as_it_goes():
    raw = (
        HEAD
        + b'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + b"5Ye66YeR!!!\r\n"
    )
    mail = parse(raw)
    assert mail.text.startswith("出金")


def test_raw_8bit_utf8_and_shift_jis_headers():
    raw = "From: 山田 <yamada@example.jp>\r\nSubject: 出金\r\n\r\nhi\r\n".encode().replace(
        "出金".encode(), "出金".encode("cp932")
    )
    mail = parse(raw)
    assert mail.from_.name == "山田"
    assert mail.subject == "出金"


def test_malformed_addresses_and_date_are_dropped_with_warnings():
    raw = b"From: <not an address>\r\nTo: ,,,@@\r\nDate: yesterday-ish\r\nSubject: x\r\n\r\nhi\r\n"
    mail = parse(raw)
    assert mail.from_.address == ""
    assert mail.date is None
    assert mail.warnings


def test_message_rfc822_is_an_attachment_not_walked():
    inner = b"From: a@example.jp\r\nSubject: inner\r\n\r\ninner body\r\n"
    raw = (
        HEAD
        + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n'
        + b"\r\nouter\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n"
        + inner
        + b"--b--\r\n"
    )
    mail = parse(raw)
    assert mail.text == "outer"
    assert [a.filename for a in mail.attachments] == ["attachment.eml"]
    assert b"inner body" in mail.attachments[0].content


def test_references_are_capped():
    refs = b" ".join(b"<r%d@example.jp>" % i for i in range(500))
    raw = HEAD + b"References: " + refs + b"\r\n\r\nhi"
    assert len(parse(raw).references) == 100


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_parse_or_raise_mailparseerror(data):
    for raw in (
        data,
        HEAD + data,
        HEAD + b'Content-Type: multipart/mixed; boundary="b"\r\n' + data,
    ):
        try:
            parse(raw)
        except MailParseError:
            pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_header_text_parses(text):
    raw = (
        b"From: "
        + text.encode("utf-8", "surrogatepass")
        + b"\r\nSubject: "
        + text.encode("utf-8", "surrogatepass")
        + b"\r\n\r\nbody\r\n"
    )
    try:
        mail = parse(raw)
    except MailParseError:
        return
    assert "\n" not in mail.subject and "\r" not in mail.subject
