"""The ticket page's side panels: links, addresses and handles are never called "valid".

The entities panel ("found in the latest customer message") and the checklist facts show a
channel value with the official registry's verdict: official ones marked official, all others
defanged and flagged (impersonation: what it imitates; unknown: not an official channel).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from madoguchi.desk import demo_data
from madoguchi.officials.services import officials_import
from madoguchi.tickets.models import Message

pytestmark = pytest.mark.django_db

PHISH = "https://madoguchi-support-login.com/verify"
BODY = (
    f"I got a mail asking me to log in at {PHISH}. "
    "Is https://madoguchi.example/login the real site? They also linked https://other-site.net/a"
)


@pytest.fixture
def registry(db):
    officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())


def _client(user, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["madoguchi_language"] = language
    return client


def _section(page: str, css: str) -> str:
    return page.split(f'<section class="card {css}">', 1)[1].split("</section>", 1)[0]


def _rows(section: str) -> list[str]:
    return re.findall(r"<tr class=\"(?:entity|fact) [^\"]*\">.*?</tr>", section, re.S)


def _entities(client: Client, ticket) -> list[str]:
    page = client.get(f"/agent/tickets/{ticket.reference}/").content.decode()
    return _rows(_section(page, "entities"))


def _row_with(rows: list[str], text: str) -> str:
    (row,) = [r for r in rows if text in r]
    return row


def test_a_phishing_link_is_defanged_and_flagged_never_valid(registry, file_request, agent_user):
    ticket = file_request(email="e@example.com", body=BODY, language_hint="en").ticket
    rows = _entities(_client(agent_user, "en"), ticket)
    phish = _row_with(rows, "madoguchi-support-login")
    assert "hxxps[://]madoguchi-support-login[.]com/verify" in phish
    assert PHISH not in phish
    assert 'class="badge badge-danger">impersonates madoguchi.example' in phish
    assert "validity-valid" not in phish and ">valid<" not in phish
    official = _row_with(rows, "madoguchi.example/login")
    assert "https://madoguchi.example/login" in official
    assert 'class="badge badge-ok">official</span>' in official
    unknown = _row_with(rows, "other-site")
    assert "hxxps[://]other-site[.]net/a" in unknown
    assert 'class="badge badge-warning">not an official channel</span>' in unknown
    assert "validity-valid" not in "".join(rows)  # no link, domain or address is "valid"
    assert "<a " not in "".join(rows)


def test_flags_are_in_the_agent_language(registry, file_request, agent_user):
    ticket = file_request(email="e@example.com", body=BODY, language_hint="en").ticket
    rows = _entities(_client(agent_user, "ja"), ticket)
    assert "madoguchi.example のなりすまし" in _row_with(rows, "madoguchi-support-login")
    assert "公式" in _row_with(rows, "madoguchi.example/login")
    assert "公式チャネルではありません" in _row_with(rows, "other-site")


def test_addresses_and_handles_are_flagged_too(registry, file_request, agent_user):
    body = "They wrote from madoguchi.help@gmail.com and @madoguchi_support_jp on X"
    ticket = file_request(email="e@example.com", body=body, language_hint="en").ticket
    rows = _entities(_client(agent_user, "en"), ticket)
    mail = _row_with(rows, "madoguchi[.]help[@]gmail[.]com")
    assert "madoguchi.help@gmail.com" not in mail and "impersonates" in mail
    handle = _row_with(rows, "madoguchi_support_jp")
    assert "badge-danger" in handle and "{" not in handle  # the handle, not a dict


def test_a_message_stored_without_verdicts_is_checked_when_shown(
    registry, file_request, agent_user
):
    """Text stored before the registry existed (no ``analysis["links"]``) is not trusted:
    its links are checked when the page is drawn."""
    ticket = file_request(email="e@example.com", body=BODY, language_hint="en").ticket
    message = ticket.messages.get(author_kind="customer")
    analysis = dict(message.analysis)
    del analysis["links"]
    Message.objects.filter(pk=message.pk).update(analysis=analysis)  # an older row
    page = _client(agent_user, "en").get(f"/agent/tickets/{ticket.reference}/").content.decode()
    phish = _row_with(_rows(_section(page, "entities")), "madoguchi-support-login")
    assert "hxxps[://]" in phish and "impersonates madoguchi.example" in phish
    body = page.split('class="message-body">', 1)[1].split("</div>", 1)[0]
    assert PHISH not in body and "hxxps[://]madoguchi-support-login[.]com/verify" in body


def test_with_an_empty_registry_nothing_is_official(file_request, agent_user):
    ticket = file_request(email="e@example.com", body=BODY, language_hint="en").ticket
    rows = _entities(_client(agent_user, "en"), ticket)
    assert all("not an official channel" in row for row in rows if "url" in row)
    assert "hxxps[://]madoguchi[.]example/login" in "".join(rows)


def test_checklist_links_and_contacts_carry_the_verdict(registry, file_request, agent_user):
    ticket = file_request(
        email="e@example.com",
        body="I think this was a phishing site",
        intent="security.phishing_report",
        facts={"url": PHISH, "contact_handle": "madoguchi.help@gmail.com"},
        language_hint="en",
    ).ticket
    page = _client(agent_user, "en").get(f"/agent/tickets/{ticket.reference}/").content.decode()
    facts = _section(page, "facts")
    url = _row_with(_rows(facts), "fact-url")
    assert PHISH not in url and "hxxps[://]madoguchi-support-login[.]com/verify" in url
    assert "impersonates madoguchi.example" in url and "validity-valid" not in url
    contact = _row_with(_rows(facts), "fact-contact_handle")
    assert "madoguchi[.]help[@]gmail[.]com" in contact and "impersonates" in contact


def test_an_official_checklist_link_says_official(registry, file_request, agent_user):
    ticket = file_request(
        email="e@example.com",
        body="Is this your site?",
        intent="security.verify_channel",
        facts={"url": "https://madoguchi.example/login"},
        language_hint="en",
    ).ticket
    page = _client(agent_user, "en").get(f"/agent/tickets/{ticket.reference}/").content.decode()
    url = _row_with(_rows(_section(page, "facts")), "fact-url")
    assert "https://madoguchi.example/login" in url and ">official</span>" in url
