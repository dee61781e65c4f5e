"""Links in customer messages: checked on intake, stored with the message, shown defanged."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from madoguchi.officials.marking import defang

pytestmark = pytest.mark.django_db

PHISH = "https://madoguchi-support-login.com/verify"
BODY = (
    f"I got this mail: please log in at {PHISH} and mail madoguchi.help@gmail.com.\n"
    "The real site is https://madoguchi.example/login, right? Also 203.0.113.9/x"
)


@pytest.fixture
def ticket(registry, file_request):
    return file_request(email="emily@example.com", body=BODY, language_hint="en").ticket


@pytest.fixture
def agent_client(agent_user):
    client = Client()
    client.force_login(agent_user)
    client.cookies["madoguchi_language"] = "en"
    return client


def _links(ticket):
    return ticket.messages.get(author_kind="customer").analysis["links"]


def test_verdicts_are_stored_with_the_message_without_copying_the_value(ticket):
    message = ticket.messages.get(author_kind="customer")
    links = _links(ticket)
    by_text = {message.body[link["start"] : link["end"]]: link for link in links}
    assert by_text[PHISH]["verdict"] == "impersonation"
    assert by_text[PHISH]["imitates"] == "madoguchi.example"
    assert by_text[PHISH]["reasons"] == ["brand_plus_word"]
    assert by_text["madoguchi.help@gmail.com"]["verdict"] == "impersonation"
    assert by_text["https://madoguchi.example/login"]["verdict"] == "official"
    assert all("value" not in link for link in links)


def test_a_message_without_links_stores_an_empty_list(registry, file_request):
    ticket = file_request(body="出金が届きません").ticket
    assert _links(ticket) == []


def test_the_agent_sees_suspicious_links_defanged_and_flagged_never_clickable(ticket, agent_client):
    page = agent_client.get(f"/agent/tickets/{ticket.reference}/").content.decode()
    body = page.split('class="message-body">', 1)[1].split("</div>", 1)[0]
    assert PHISH not in body
    assert "hxxps[://]madoguchi-support-login[.]com/verify" in body
    assert "impersonates madoguchi.example: It adds words to the brand name" in body
    assert "madoguchi[.]help[@]gmail[.]com" in body
    assert 'class="badge badge-ok">official</span>' in body
    assert "<a " not in body  # nothing in a customer's text is a link
    assert not re.search(r"href=[\"']?[^\"'>]*madoguchi-support-login", page)


def test_the_flag_is_in_the_agent_language(ticket, agent_user):
    client = Client()
    client.force_login(agent_user)
    client.cookies["madoguchi_language"] = "ja"
    page = client.get(f"/agent/tickets/{ticket.reference}/").content.decode()
    assert "madoguchi のなりすまし" in page


def test_markup_around_a_link_is_escaped(registry, file_request, agent_client):
    body = '<img src=x onerror=alert(1)> see https://madoguch1.example/"><script>alert(2)</script>'
    ticket = file_request(email="e@example.com", body=body, language_hint="en").ticket
    page = agent_client.get(f"/agent/tickets/{ticket.reference}/").content.decode()
    assert "<img src=x" not in page and "<script>alert(2)" not in page
    assert "&lt;img" in page


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://evil.example/a.b", "hxxps[://]evil[.]example/a[.]b"),
        ("HTTP://evil.io", "hXXP[://]evil[.]io"),
        ("a@b.io", "a[@]b[.]io"),
        ("evil.io", "evil[.]io"),
    ],
)
def test_defang(text, shown):
    assert defang(text).lower() == shown.lower()


def test_an_official_sender_on_a_reserved_name_is_checked_too(registry, file_request):
    """The analysis core reads RFC 2606 names (``.example``) as the trust package does, so the
    demo brand's sender in a forwarded mail gets its verdict on intake."""
    body = "Is this mail from support@madoguchi.example real? It says to call madoguchi.example"
    ticket = file_request(email="emily@example.com", body=body, language_hint="en").ticket
    message = ticket.messages.get(author_kind="customer")
    by_text = {message.body[link["start"] : link["end"]]: link for link in _links(ticket)}
    assert by_text["support@madoguchi.example"]["verdict"] == "official"
