"""What differs between SQLite and PostgreSQL must not show: NUL characters, JSON, case,
ordering ties, row locks. The suite runs on both (TEST_DATABASE_URL), so each test here holds
on each database.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.http import Http404

from madoguchi.tickets.access import access_ticket_for_agent, access_ticket_for_customer
from madoguchi.tickets.intake import Inbound, IntakeError, intake
from madoguchi.tickets.models import Event, Message, Ticket
from madoguchi.tickets.selectors import InboxFilter, inbox_tickets
from madoguchi.tickets.services import TicketChange, message_post, ticket_update

pytestmark = pytest.mark.django_db(transaction=True)


def inbound(**kwargs) -> Inbound:
    kwargs.setdefault("channel", "web")
    kwargs.setdefault("identity_value", "taro@example.jp")
    kwargs.setdefault("body", "出金が届きません")
    return Inbound(**kwargs)


# --- U+0000: PostgreSQL's text and jsonb refuse it, SQLite stores it --------------------------


def test_nul_characters_in_texts_are_dropped_not_a_server_error():
    result = intake(
        inbound=inbound(
            body="出金が\x00届きません",
            subject="件名\x00です",
            name="Taro\x00",
            intent="funds.wrong_address",
            facts={"address": "0xabc\x00def", "asset": "ETH\x00"},
        )
    )
    message = Message.objects.get(pk=result.message.pk)
    assert message.body == "出金が届きません"
    assert "\x00" not in result.ticket.subject and "\x00" not in repr(result.ticket.facts)
    assert result.ticket.requester.display_name == "Taro"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"external_id": "form-\x00-1"}, "external_id"),
        ({"identity_kind": "chat", "identity_value": "session\x00"}, "email"),
        ({"identity_value": "taro\x00@example.jp"}, "email"),
    ],
)
def test_nul_in_an_identifier_is_a_clear_error(kwargs, field):
    with pytest.raises(IntakeError) as info:
        intake(inbound=inbound(**kwargs))
    assert info.value.field == field
    assert Ticket.objects.count() == 0


def test_nul_in_a_forged_reference_or_public_id_is_a_404(file_request, agent_user):
    ticket = file_request().ticket
    for forged in (ticket.reference + "\x00", "\x00"):
        with pytest.raises(Http404):
            access_ticket_for_agent(agent_user, forged)
    with pytest.raises(Http404):
        access_ticket_for_customer(ticket.requester, ticket.public_id[:-1] + "\x00")


def test_nul_in_an_agent_reply_is_dropped(file_request, agent_user):
    ticket = file_request().ticket
    message = message_post(ticket=ticket, agent=agent_user, body="確認\x00します")
    assert Message.objects.get(pk=message.pk).body == "確認します"


# --- JSON, case, ordering -------------------------------------------------------------------


def test_json_columns_read_back_the_same(file_request):
    result = file_request(
        intent="funds.wrong_network",
        facts={
            "asset": "USDT",
            "network": "ERC20",
            "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        },
    )
    ticket = Ticket.objects.get(pk=result.ticket.pk)
    assert ticket.facts == result.ticket.facts  # jsonb reorders keys; equality must not care
    assert ticket.facts["address"]["chain"] == "tron"
    stored = Message.objects.get(pk=result.message.pk).analysis
    assert stored == result.message.analysis
    assert Event.objects.filter(ticket=ticket, data__channel="web").count() == 2  # JSON lookup


def test_e_mail_identities_match_whatever_the_case(file_request):
    first = file_request(email="Taro.Yamada@Example.JP").ticket
    second = file_request(email="taro.yamada@example.jp").ticket
    assert first.requester_id == second.requester_id


def test_subject_search_ignores_ascii_case(file_request, agent_user):
    file_request(subject="Withdrawal STUCK", body="my withdrawal is stuck")
    for query in ("stuck", "STUCK", "Stuck"):
        found = inbox_tickets(user=agent_user, filters=InboxFilter(query=query))
        assert [t.subject for t in found] == ["Withdrawal STUCK"], query


def test_reference_search_is_exact_and_case_insensitive(file_request, agent_user):
    ticket = file_request().ticket
    file_request()
    found = inbox_tickets(user=agent_user, filters=InboxFilter(query=ticket.reference.lower()))
    assert list(found) == [ticket]


def test_inbox_order_is_total_even_when_timestamps_tie(file_request, agent_user):
    tickets = [file_request().ticket for _ in range(4)]
    same = tickets[0].updated_at
    Ticket.objects.update(updated_at=same, created_at=same)
    for sort, expected in [
        ("updated", [t.pk for t in reversed(tickets)]),
        ("oldest", [t.pk for t in tickets]),
        ("created", [t.pk for t in reversed(tickets)]),
    ]:
        rows = inbox_tickets(user=agent_user, filters=InboxFilter(status=""), sort=sort)
        assert [t.pk for t in rows] == expected, sort


def test_priority_sort_uses_the_rank_not_the_alphabet(file_request, agent_user):
    for priority in ("low", "urgent", "normal", "high"):
        ticket = file_request().ticket
        Ticket.objects.filter(pk=ticket.pk).update(priority=priority)
    rows = inbox_tickets(user=agent_user, filters=InboxFilter(), sort="priority")
    assert [t.priority for t in rows] == ["urgent", "high", "normal", "low"]


def test_open_all_means_every_status_but_solved_and_closed(file_request, agent_user):
    for status in Ticket.Status.values:
        ticket = file_request().ticket
        Ticket.objects.filter(pk=ticket.pk).update(status=status)
    rows = inbox_tickets(user=agent_user, filters=InboxFilter(status="open_all"))
    assert sorted(t.status for t in rows) == sorted(["new", "open", "pending", "on_hold"])


# --- row locks: select_for_update on PostgreSQL, BEGIN IMMEDIATE on SQLite ------------------


def test_concurrent_changes_to_one_ticket_lose_no_update(file_request, agent_user, team):
    ticket = file_request().ticket
    connections.close_all()
    changes = [
        TicketChange(priority="urgent"),
        TicketChange(status="open"),
        TicketChange(team=team),
        TicketChange(assignee=agent_user),
    ]
    barrier = threading.Barrier(len(changes))
    errors: list[BaseException] = []

    def change(one: TicketChange) -> None:
        try:
            barrier.wait(timeout=10)
            ticket_update(ticket=ticket, agent=agent_user, change=one)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=change, args=(c,)) for c in changes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.status, ticket.team, ticket.assignee) == (
        "urgent",
        "open",
        team,
        agent_user,
    )
    kinds = sorted(ticket.events.filter(actor_kind="agent").values_list("kind", flat=True))
    assert kinds == ["assignment", "priority", "status", "team"]
