"""Every .eml fixture (real client bytes, tests/fixtures/mail) parses to what expected.json says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from madoguchi.mailparse import parse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mail"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def test_every_fixture_has_an_expectation():
    assert sorted(p.stem for p in FIXTURES.glob("*.eml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name):
    expected = EXPECTED[name]
    mail = parse((FIXTURES / f"{name}.eml").read_bytes())
    assert mail.subject == expected["subject"]
    assert mail.from_.name == expected["from_name"]
    local, domain = expected["from_address"].split("@")
    assert mail.from_.address == f"{local}@{domain.lower()}"  # domains are case-insensitive
    for text in expected["contains"]:
        assert text in mail.text
        assert text in mail.text_unquoted
    assert "\ufffd" not in mail.text  # every encoding was read, nothing replaced
    for text in expected.get("absent", []):
        assert text not in mail.text
    for text in expected.get("html_absent", []):
        assert text not in mail.html_sanitised
    for text in expected.get("unquoted_absent", []):
        assert text in mail.text  # the full text keeps the history
        assert text not in mail.text_unquoted
    attachments = [[a.filename, a.content_type, a.size] for a in mail.attachments]
    assert attachments == expected.get("attachments", attachments if name == "bounce" else [])
    assert mail.auto_submitted is expected.get("auto_submitted", name == "bounce")
    assert mail.bounce is expected.get("bounce", False)
    assert mail.bulk is expected.get("bulk", False)
    assert mail.automated is any(expected.get(k) for k in ("auto_submitted", "bounce", "bulk"))
    assert bool(mail.warnings) is expected.get("warned", name == "ja_iso2022jp")
    if "in_reply_to" in expected:
        assert mail.in_reply_to == expected["in_reply_to"]
        assert list(mail.references) == expected["references"]


def test_multipart_alternative_prefers_the_plain_part_and_sanitises_the_html():
    mail = parse((FIXTURES / "en_alternative_html.eml").read_bytes())
    assert "<b>log in</b>" in mail.html_sanitised
    assert 'href="https://example.com/screenshot"' in mail.html_sanitised
    assert "steal" not in mail.html_sanitised


def test_attachment_content_is_the_decoded_bytes():
    mail = parse((FIXTURES / "attachments.eml").read_bytes())
    pdf = mail.attachments[0]
    assert pdf.content == b"%PDF-1.4\n% fixture\n"
    assert pdf.sha256 == __import__("hashlib").sha256(pdf.content).hexdigest()
