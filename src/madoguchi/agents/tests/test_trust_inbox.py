"""The inbox flags tickets holding an impersonation link, at a fixed cost per page; the
navigation shows the guard's override review to supervisors only."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from madoguchi.agents.models import Agent
from madoguchi.agents.selectors import inbox_impersonation_flags
from madoguchi.desk import demo_data
from madoguchi.officials.services import officials_import
from madoguchi.tickets.intake import Inbound, intake

pytestmark = pytest.mark.django_db

PHISH = "please log in at https://madoguchi-support-login.com/verify now"
BADGE = re.compile(r'<tr class="ticket-row">.*?</tr>', re.S)


@pytest.fixture
def registry(db):
    officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())


def _client(user, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["madoguchi_language"] = language
    return client


def _flagged(page: str) -> dict[str, bool]:
    rows = BADGE.findall(page)
    refs = [re.search(r'href="/agent/tickets/([^/]+)/"', row).group(1) for row in rows]
    return {ref: "impersonation-badge" in row for ref, row in zip(refs, rows, strict=True)}


def test_a_ticket_with_an_impersonation_link_is_flagged(registry, file_request, agent_user):
    phish = file_request(email="a@example.com", body=PHISH, language_hint="en").ticket
    official = file_request(
        email="b@example.com", body="Is https://madoguchi.example/login yours?"
    ).ticket
    unknown = file_request(email="c@example.com", body="see https://other-site.net/").ticket
    plain = file_request(email="d@example.com").ticket
    page = _client(agent_user).get("/agent/").content.decode()
    flags = _flagged(page)
    assert flags == {
        phish.reference: True,
        official.reference: False,
        unknown.reference: False,
        plain.reference: False,
    }
    assert ">Impersonation link</span>" in page


def test_a_later_message_flags_the_ticket(registry, file_request, agent_user):
    ticket = file_request(email="a@example.com", body="my withdrawal is late").ticket
    intake(
        inbound=Inbound(channel="web", identity_value="a@example.com", body=PHISH, ticket=ticket)
    )
    intake(  # and a later harmless one does not clear it
        inbound=Inbound(
            channel="web", identity_value="a@example.com", body="any news?", ticket=ticket
        )
    )
    assert _flagged(_client(agent_user).get("/agent/").content.decode()) == {ticket.reference: True}
    assert inbox_impersonation_flags([ticket.pk]) == {ticket.pk}
    assert inbox_impersonation_flags([]) == set()


def test_the_flag_reads_in_japanese(registry, file_request, agent_user):
    file_request(email="a@example.com", body=PHISH)
    page = _client(agent_user, "ja").get("/agent/").content.decode()
    assert ">なりすましリンク</span>" in page


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/agent/?status=any").status_code == 200
    return len(queries)


def test_flags_cost_one_query_per_page_whatever_the_rows(
    registry, file_request, agent_user, django_assert_max_num_queries
):
    client = _client(agent_user)
    for i in range(3):
        file_request(email=f"p{i}@example.com", body=PHISH)
    few = _queries(client)
    for i in range(3, 60):  # more than a page, every other one flagged
        file_request(email=f"p{i}@example.com", body=PHISH if i % 2 else "出金が届きません")
    with django_assert_max_num_queries(few):
        page = client.get("/agent/?status=any").content.decode()
    assert sum(_flagged(page).values()) >= 25


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Agent.Role.AGENT, False), (Agent.Role.LEAD, True), (Agent.Role.ADMIN, True)],
)
@pytest.mark.parametrize(
    ("language", "label"), [("en", "Guard overrides"), ("ja", "ガード解除の記録")]
)
def test_the_guard_review_link_is_for_supervisors_only(db, role, shown, language, label):
    user = get_user_model().objects.create_user(username=f"u-{role}", first_name="U")
    Agent.objects.create(user=user, role=role)
    client = _client(user, language)
    page = client.get("/agent/").content.decode()
    nav = page.split('<nav class="site-nav">', 1)[1].split("</nav>", 1)[0]
    assert ('href="/agent/guard/"' in nav) is shown
    assert (label in nav) is shown
    if shown:  # and the link leads to the review page
        assert client.get("/agent/guard/").status_code == 200


def test_an_inactive_lead_sees_no_guard_link(db):
    user = get_user_model().objects.create_user(username="lead", first_name="L")
    Agent.objects.create(user=user, role=Agent.Role.LEAD, is_active=False)
    user.is_staff = True
    user.save()
    response = _client(user).get("/agent/")
    assert response.status_code == 403
    assert b"/agent/guard/" not in response.content
