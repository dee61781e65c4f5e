"""A whole pasted message on ``/verify/`` and ``POST /api/v1/verify`` (``{"text": ...}``)."""

from __future__ import annotations

import json
import logging

import pytest

from madoguchi.officials.messages import MAX_TEXT, MAX_VALUES
from madoguchi.officials.models import OfficialChannel

pytestmark = pytest.mark.django_db

API = "/api/v1/verify"
PAGE = "/verify/"

#: a forwarded phishing mail: an official sender (spoofed), a lookalike link, the real number,
#: a lookalike account and the real domain
PHISHING_JA = """\
---------- 転送されたメッセージ ----------
差出人: マドグチ取引所 サポート <support@madoguchi.example>
件名: 【重要】お客様のアカウントは一時的に制限されています

いつもマドグチ取引所をご利用いただきありがとうございます。
不審なログインを検知したため、24時間以内に https://madoguchi-support-login.com/verify から
本人確認を行ってください。ご不明な点は 03-6743-1100 または @madoguchi_support_jp まで。
公式サイト: madoguchi.example
"""


def _api(client, body, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(API, data=data, content_type="application/json", **extra)


def test_the_api_checks_every_value_of_a_japanese_phishing_mail_worst_first(registry, client):
    response = _api(client, {"text": PHISHING_JA})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"verdict", "results", "found", "checked"}
    assert body["verdict"] == "impersonation"
    assert body["found"] == body["checked"] == 5
    by_value = {r["value"]: r for r in body["results"]}
    assert by_value["https://madoguchi-support-login.com/verify"]["verdict"] == "impersonation"
    assert by_value["https://madoguchi-support-login.com/verify"]["imitates"] == "madoguchi.example"
    assert by_value["@madoguchi_support_jp"]["verdict"] == "impersonation"
    assert by_value["support@madoguchi.example"]["verdict"] == "official"
    assert by_value["+81367431100"]["verdict"] == "official"  # 03-6743-1100, the real number
    assert by_value["madoguchi.example"]["verdict"] == "official"
    verdicts = [r["verdict"] for r in body["results"]]
    assert verdicts == ["impersonation", "impersonation", "official", "official", "official"]
    assert body["results"][0]["value"] == "https://madoguchi-support-login.com/verify"  # in order
    for result in body["results"]:
        assert result["reasons_ja"] and result["reasons_en"]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "Is this yours?\nsupport@madoguchi.example and https://madoguchi.example/help",
            "official",
        ),
        ("They called me from +1 202 555 0143 and wrote from help@example.org", "unknown"),
        ("本物？ madoguchi.example と madoguchi-wallet.example", "impersonation"),
    ],
)
def test_the_overall_verdict_is_the_worst_one(registry, client, text, verdict):
    assert _api(client, {"text": text}).json()["verdict"] == verdict


def test_a_value_it_cannot_read_is_unknown_never_dropped(registry, client):
    body = _api(client, {"text": "login at http://203.0.113.9/login now"}).json()
    assert body["verdict"] == "unknown"
    assert body["results"][0]["reasons"] == ["unchecked"]


def test_the_number_of_values_checked_is_bounded(registry, client):
    text = "\n".join(f"https://site{i}.example.org/" for i in range(MAX_VALUES + 7))
    body = _api(client, {"text": text}).json()
    assert (body["found"], body["checked"]) == (MAX_VALUES + 7, MAX_VALUES)
    assert len(body["results"]) == MAX_VALUES


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"value": "madoguchi.example", "text": "madoguchi.example"}, None, "exactly one"),
        ({}, None, "exactly one"),
        ({"text": None}, None, "not null"),
        ({"value": None, "text": "x madoguchi.example"}, None, "not null"),
        ({"text": ""}, "text", "at least 1"),
        ({"text": 42}, "text", "string"),
        ({"text": "x" * (MAX_TEXT + 1)}, "text", "20000"),
        ({"text": "nothing to check here\nat all"}, "text", "no link"),
        ({"text": "a b", "extra": 1}, "extra", "not permitted"),
    ],
)
def test_a_bad_text_body_is_a_422_with_a_clear_message(registry, client, body, field, words):
    response = _api(client, body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert words in error["message"]
    assert error.get("field") == field


def test_the_schema_says_exactly_one_of_value_and_text(client):
    schema = client.get("/api/v1/openapi.json").json()
    verify_in = schema["components"]["schemas"]["VerifyIn"]
    assert verify_in["oneOf"] == [{"required": ["value"]}, {"required": ["text"]}]
    assert verify_in["properties"]["text"]["maxLength"] == MAX_TEXT
    assert verify_in["additionalProperties"] is False


def test_a_message_counts_as_one_check_against_the_limit(registry, client, monkeypatch):
    monkeypatch.setenv("MADOGUCHI_VERIFY_RATE_LIMIT", "1")
    assert _api(client, {"text": PHISHING_JA}).status_code == 200
    assert _api(client, {"text": PHISHING_JA}).status_code == 429


# --- the page ------------------------------------------------------------------------------------


def test_the_page_checks_a_pasted_japanese_mail_in_japanese(registry, ja_client, caplog):
    caplog.set_level(logging.DEBUG)
    response = ja_client.post(PAGE, {"value": PHISHING_JA})
    assert response.status_code == 200
    page = response.content.decode()
    results = page.split('class="message-results"')[1].split("</ol>")[0]
    assert "このメッセージにはなりすましが含まれています" in page
    # worst first, the lookalike link defanged, never a link
    assert results.index("madoguchi-support-login") < results.index("support@madoguchi.example")
    assert "hxxps[://]madoguchi-support-login[.]com/verify" in results
    assert 'href="https://madoguchi-support-login' not in page
    assert "@madoguchi_support_jp" in results and "+81367431100" in results  # not defanged
    assert "support[@]madoguchi[.]example" not in results  # official: shown as it is
    assert "ブランド名 madoguchi に単語を付け足した名前" in results
    assert "何も入力しないでください" in page
    assert "madoguchi-support-login" not in caplog.text  # never logged
    assert not OfficialChannel.objects.filter(value__contains="login").exists()  # never stored


def test_the_page_checks_a_pasted_chat_in_english(registry, en_client):
    text = (
        "Hi, I'm from Madoguchi support, verify at madoguchi.example.evil.io or call 03-6743-1100"
    )
    page = en_client.post(PAGE, {"value": text}).content.decode()
    assert "This message contains impersonation" in page
    assert "madoguchi[.]example[.]evil[.]io" in page
    assert "The brand madoguchi.example appears only as a subdomain" in page


def test_an_all_official_message_says_so(registry, en_client):
    text = "From support@madoguchi.example:\nsee https://madoguchi.example/help"
    page = en_client.post(PAGE, {"value": text}).content.decode()
    assert "Everything we found in this message is official" in page
    assert "https://madoguchi.example/help" in page  # official values are shown as they are


def test_one_value_with_spaces_is_still_one_value(registry, en_client):
    page = en_client.post(PAGE, {"value": "+81 3-6743-1100"}).content.decode()
    assert "message-results" not in page and "This is an official" in page
    page = en_client.post(PAGE, {"value": "Aiko Tanaka"}).content.decode()
    assert "message-results" not in page and "This is an official" in page


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("nothing here\nto check", "We found no link"),
        ("x" * (MAX_TEXT + 1), "too long to check"),
        ("madoguchi." + "a" * 2100 + ".example", "at most 2000"),
    ],
)
def test_the_page_answers_bad_text_with_a_form_error(registry, en_client, text, words):
    response = en_client.post(PAGE, {"value": text})
    assert response.status_code == 400
    assert words in response.content.decode()


def test_markup_in_a_pasted_message_is_shown_escaped(registry, en_client):
    text = '<script>alert(1)</script>\nsee https://madoguchi-login.example.org/"><img src=x onerror=alert(1)>'
    page = en_client.post(PAGE, {"value": text}).content.decode()
    assert "This message contains impersonation" in page
    assert "<script>alert(1)" not in page and "<img src=x" not in page
