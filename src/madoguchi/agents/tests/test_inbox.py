"""The inbox: filters, sorting, pagination, badges, and a constant number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from madoguchi.conftest import PHRASE
from madoguchi.tickets.models import Ticket
from madoguchi.tickets.services import TicketChange, ticket_update

pytestmark = pytest.mark.django_db


def _refs(response) -> list[str]:
    return re.findall(
        r'<td class="nowrap"><a href="/agent/tickets/([^/]+)/"', response.content.decode()
    )


@pytest.fixture
def tickets(file_request, agent_user, other_agent, team, second_team):
    """Five tickets, created in this order, with different attributes."""
    funds = file_request(email="a@example.jp", subject="出金が届かない").ticket
    login = file_request(
        email="b@example.com",
        subject="Cannot log in",
        body="I cannot log in to my account since yesterday",
        intent="account.login",
    ).ticket
    wrong = file_request(
        email="c@example.jp", subject="ネットワーク間違い", intent="funds.wrong_network"
    ).ticket
    solved = file_request(email="d@example.jp", subject="解決済みの件").ticket
    secret = file_request(email="e@example.jp", subject="助けて", body=f"シードは {PHRASE}").ticket
    ticket_update(ticket=funds, agent=agent_user, change=TicketChange(assignee=agent_user))
    ticket_update(
        ticket=login, agent=agent_user, change=TicketChange(assignee=other_agent, team=second_team)
    )
    ticket_update(ticket=wrong, agent=agent_user, change=TicketChange(team=team, priority="low"))
    ticket_update(ticket=solved, agent=agent_user, change=TicketChange(status="solved"))
    return {"funds": funds, "login": login, "wrong": wrong, "solved": solved, "secret": secret}


def _ids(tickets, *names):
    return {tickets[n].reference for n in names}


def test_the_default_view_lists_open_tickets_most_recently_updated_first(agent_client, tickets):
    response = agent_client.get("/agent/")
    assert response.status_code == 200
    refs = _refs(response)
    assert set(refs) == _ids(tickets, "funds", "login", "wrong", "secret")
    expected = list(
        Ticket.objects.exclude(status="solved")
        .order_by("-updated_at", "-id")
        .values_list("reference", flat=True)
    )
    assert refs == expected


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("status=solved", {"solved"}),
        ("status=any", {"funds", "login", "wrong", "solved", "secret"}),
        ("status=new&priority=low", {"wrong"}),
        ("priority=urgent", {"secret"}),
        ("intent=account", {"login"}),
        ("intent=funds.wrong_network", {"wrong"}),
        ("assignee=me", {"funds"}),
        ("assignee=none", {"wrong", "secret"}),
        ("language=en", {"login"}),
        ("q=ネットワーク", {"wrong"}),
        ("q=log+in", {"login"}),
    ],
)
def test_filters_return_the_right_rows(agent_client, tickets, query, names):
    response = agent_client.get(f"/agent/?{query}")
    assert response.status_code == 200
    assert set(_refs(response)) == _ids(tickets, *names)


def test_filter_by_team_person_and_reference(agent_client, tickets, other_agent, second_team):
    assert set(_refs(agent_client.get(f"/agent/?team={second_team.pk}"))) == _ids(tickets, "login")
    assert set(_refs(agent_client.get(f"/agent/?assignee={other_agent.pk}"))) == _ids(
        tickets, "login"
    )
    ref = tickets["wrong"].reference
    assert _refs(agent_client.get(f"/agent/?q={ref.lower()}")) == [ref]


def test_sorting(agent_client, tickets):
    oldest = _refs(agent_client.get("/agent/?status=any&sort=oldest"))
    assert oldest == list(
        Ticket.objects.order_by("updated_at", "id").values_list("reference", flat=True)
    )
    created = _refs(agent_client.get("/agent/?status=any&sort=created"))
    assert created == list(
        Ticket.objects.order_by("-created_at", "-id").values_list("reference", flat=True)
    )
    by_priority = _refs(agent_client.get("/agent/?sort=priority"))
    assert by_priority[0] == tickets["secret"].reference  # urgent
    assert by_priority[-1] == tickets["wrong"].reference  # low


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "priority=<script>",
        "team=abc",
        "team=999999",
        "assignee=99999999999999999999",
        "intent=nope",
        "sort=;drop",
        "page=-1",
        "page=abc",
        "q=" + "x" * 500,
        "language=xx",
    ],
)
def test_bad_query_strings_never_fail(agent_client, tickets, query):
    response = agent_client.get(f"/agent/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main>")[1]


def test_rows_show_badges_labels_and_masked_requesters(agent_client, tickets):
    page = agent_client.get("/agent/").content.decode()
    assert "秘密情報の漏えい" in page  # the secret-exposed badge
    assert "priority-urgent" in page and "緊急" in page
    assert "a***@example.jp" in page and "a@example.jp" not in page
    assert "出金が届かない・保留中" in page  # the intent title in the UI language
    assert 'class="count">4<' in page  # all open


def test_the_inbox_in_english(en_agent_client, tickets):
    page = en_agent_client.get("/agent/").content.decode()
    assert "Inbox" in page and "Secret exposed" in page and "Urgent" in page
    assert "Sent on the wrong network" in page


def test_pages_of_fifty(agent_client, file_request):
    for i in range(53):
        file_request(email=f"p{i}@example.jp", subject=f"件名{i}")
    first = agent_client.get("/agent/")
    assert len(_refs(first)) == 50
    assert "?page=2" in first.content.decode()
    second = agent_client.get("/agent/?page=2")
    assert len(_refs(second)) == 3
    assert set(_refs(first)).isdisjoint(_refs(second))


def _inbox_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/agent/?status=any")
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(
    agent_client, file_request, agent_user, team, django_assert_max_num_queries
):
    def make(count: int, start: int) -> None:
        for i in range(start, start + count):
            ticket = file_request(email=f"q{i}@example.jp", subject=f"件名{i}").ticket
            ticket_update(
                ticket=ticket, agent=agent_user, change=TicketChange(assignee=agent_user, team=team)
            )

    make(5, 0)
    with_five = _inbox_queries(agent_client)
    make(55, 5)
    with django_assert_max_num_queries(with_five):
        agent_client.get("/agent/?status=any")
    assert _inbox_queries(agent_client) == with_five
    assert with_five <= 12
