"""``/verify/``: the verdict in the page's language, advice, the public list, limits, no storage."""

from __future__ import annotations

import logging

import pytest

from madoguchi.officials.models import OfficialChannel

pytestmark = pytest.mark.django_db

URL = "/verify/"


def _check(client, value: str):
    return client.post(URL, {"value": value})


def test_the_page_lists_the_official_channels_but_not_unlisted_staff(registry, en_client):
    page = en_client.get(URL).content.decode()
    assert "Is this official?" in page
    assert "support@madoguchi.example" in page and "madoguchi_ex" in page
    assert "Aiko Tanaka" not in page  # checkable, not listed
    assert 'href="/verify/code/"' in page  # the signed reply codes
    assert "<script" not in page.split("<main>")[1]  # works without JavaScript


def test_the_page_is_in_japanese_by_default(registry, ja_client):
    page = ja_client.get(URL).content.decode()
    assert "公式チャネル" in page


@pytest.mark.parametrize(
    ("language", "value", "verdict", "words"),
    [
        ("en", "https://madoguchi-support-login.com/verify", "impersonation",
         ["Impersonation: this is not us", "madoguchi.example", "Do not enter anything"]),
        ("ja", "https://madoguchi-support-login.com/verify", "impersonation",
         ["なりすまし", "madoguchi.example", "何も入力しないでください"]),
        ("en", "status.madoguchi.example", "official", ["Official", "official Madoguchi"]),
        ("ja", "support@madoguchi.example", "official", ["公式"]),
        ("en", "tanaka aiko", "official", ["Official"]),
        ("en", "+81 90 1111 2222", "unknown", ["Unknown: not on our list", "Treat it as"]),
        ("ja", "+81 90 1111 2222", "unknown", ["一覧にありません", "非公式"]),
        ("en", "@telegram:madoguchi_ex", "impersonation", ["madoguchi_ex"]),
    ],
)  # fmt: skip
def test_a_verdict_with_what_it_imitates_why_and_advice(
    registry, client, language, value, verdict, words
):
    client.cookies["madoguchi_language"] = language
    response = _check(client, value)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"verdict-{verdict}" in page
    for word in words:
        assert word in page, word
    if verdict != "official":
        assert '<ul class="reasons">' in page


def test_the_reasons_follow_the_page_language(registry, client):
    client.cookies["madoguchi_language"] = "ja"
    ja = _check(client, "madoguchi.net").content.decode()
    client.cookies["madoguchi_language"] = "en"
    en = _check(client, "madoguchi.net").content.decode()
    assert "a different ending (net)" in en and "末尾（net）が異なり" not in en
    assert "末尾（net）が異なり" in ja


def test_markup_in_the_value_is_escaped(registry, en_client):
    page = _check(en_client, "<script>alert(1)</script>.example.com").content.decode()
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize("value", ["", "   ", "x" * 2001, "<>[]{}", "http://[::1"])
def test_bad_input_is_a_form_error_not_a_500(registry, en_client, value):
    response = _check(en_client, value)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


def test_a_post_without_the_field_is_a_form_error(registry, en_client):
    response = en_client.post(URL, {})
    assert response.status_code == 400
    assert "Paste what you want to check." in response.content.decode()


def test_checks_are_rate_limited_per_client(registry, en_client, monkeypatch):
    monkeypatch.setenv("MADOGUCHI_VERIFY_RATE_LIMIT", "3")
    for _ in range(3):
        assert _check(en_client, "madoguchi.example").status_code == 200
    response = _check(en_client, "madoguchi.example")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many checks" in response.content.decode()
    other = en_client.post(URL, {"value": "madoguchi.example"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200  # another client has its own count


def test_the_pasted_value_is_neither_stored_nor_logged(registry, en_client, caplog):
    rows = OfficialChannel.objects.count()
    with caplog.at_level(logging.DEBUG):
        _check(en_client, "https://madoguchi-secret-marker.example/login")
    assert OfficialChannel.objects.count() == rows
    assert "secret-marker" not in caplog.text
