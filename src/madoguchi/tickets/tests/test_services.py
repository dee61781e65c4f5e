"""Agent writes: replies and notes (redacted, e-mailed on commit), status/priority/assignment."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction

from madoguchi.agents.models import Agent, Team
from madoguchi.conftest import PHRASE
from madoguchi.tickets.models import Event, Message, Ticket
from madoguchi.tickets.services import (
    UNCHANGED,
    TicketChange,
    TicketError,
    message_post,
    ticket_update,
)
from madoguchi.tickets.tests.test_intake_redaction import rows_containing

pytestmark = pytest.mark.django_db(transaction=True)

WIF = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"


@pytest.fixture
def ticket(file_request):
    ticket = file_request().ticket
    mail.outbox.clear()
    return ticket


@pytest.fixture
def other_agent(db):
    user = get_user_model().objects.create_user(username="kenji", password="x" * 16)
    Agent.objects.create(user=user)
    return user


def events_after(ticket: Ticket, first_id: int) -> list[tuple[str, dict]]:
    return [(e.kind, e.data) for e in ticket.events.filter(id__gt=first_id)]


def last_event_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


# --- message_post ---------------------------------------------------------------------------


def test_a_public_reply_sets_pending_assigns_the_agent_and_mails_after_commit(ticket, agent_user):
    start = last_event_id()
    with transaction.atomic():
        message = message_post(ticket=ticket, agent=agent_user, body="確認いたします。")
        assert mail.outbox == []  # not before the commit
    assert len(mail.outbox) == 1 and ticket.reference in mail.outbox[0].subject
    assert "確認いたします" not in mail.outbox[0].body  # the mail links, it does not quote
    ticket.refresh_from_db()
    assert ticket.status == "pending" and ticket.assignee == agent_user
    assert message.visibility == "public" and message.author_agent == agent_user
    assert [kind for kind, _ in events_after(ticket, start)] == ["message", "status", "assignment"]


def test_an_internal_note_sends_no_mail_and_changes_nothing(ticket, agent_user):
    start = last_event_id()
    message_post(ticket=ticket, agent=agent_user, body="内部メモ", internal=True)
    assert mail.outbox == []
    ticket.refresh_from_db()
    assert ticket.status == "new" and ticket.assignee is None
    assert [kind for kind, _ in events_after(ticket, start)] == ["note"]
    assert Message.objects.get(visibility="internal").body == "内部メモ"


def test_no_mail_when_the_reply_rolls_back(ticket, agent_user):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            message_post(ticket=ticket, agent=agent_user, body="確認いたします。")
            raise RuntimeError("the caller failed")
    assert mail.outbox == []
    assert not Message.objects.filter(author_kind="agent").exists()


@pytest.mark.parametrize(
    ("pasted", "needle", "kind"),
    [
        (f"お客様のフレーズ {PHRASE} は無効です", "sausage", "recovery_phrase"),
        (f"key {WIF} is the one", WIF, "private_key"),
        ("login with password: Tr0ub4dor&3x please", "Tr0ub4dor&3x", "password"),
    ],
)
@pytest.mark.parametrize("internal", [False, True], ids=["reply", "note"])
def test_a_secret_an_agent_pastes_is_redacted_before_storage(
    ticket, agent_user, pasted, needle, kind, internal
):
    message = message_post(ticket=ticket, agent=agent_user, body=pasted, internal=internal)
    assert needle not in message.body and "[" in message.body
    assert rows_containing(needle) == []
    assert ticket.events.get(kind="secret_redacted").data == {"kinds": [kind]}
    assert all(needle not in m.body for m in mail.outbox)


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 20_001])
def test_an_empty_or_huge_reply_is_a_clear_error(ticket, agent_user, body):
    with pytest.raises(TicketError):
        message_post(ticket=ticket, agent=agent_user, body=body)
    assert not Message.objects.filter(author_kind="agent").exists()


def test_markup_in_a_reply_is_stored_as_text(ticket, agent_user):
    body = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    message = message_post(ticket=ticket, agent=agent_user, body=body)
    assert message.body == body  # stored as typed; escaping is the template's job


# --- ticket_update -------------------------------------------------------------------------


def test_one_event_per_changed_field(ticket, agent_user, team):
    start = last_event_id()
    updated = ticket_update(
        ticket=ticket,
        agent=agent_user,
        change=TicketChange(status="open", priority="urgent", assignee=agent_user, team=team),
    )
    assert (updated.status, updated.priority, updated.assignee, updated.team) == (
        "open",
        "urgent",
        agent_user,
        team,
    )
    events = events_after(ticket, start)
    assert events == [
        ("status", {"from": "new", "to": "open"}),
        ("priority", {"from": "high", "to": "urgent"}),
        ("assignment", {"from": None, "to": agent_user.pk}),
        ("team", {"from": None, "to": team.pk}),
    ]
    assert all(e.actor_agent == agent_user for e in ticket.events.filter(id__gt=start))
    ticket.refresh_from_db()
    assert ticket.status == "open" and ticket.team == team


def test_unchanged_fields_and_same_values_write_no_event(ticket, agent_user):
    start = last_event_id()
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange())
    ticket_update(
        ticket=ticket, agent=agent_user, change=TicketChange(status="new", priority="high")
    )
    assert events_after(ticket, start) == []
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority) == ("new", "high")


def test_none_clears_assignee_and_team_while_unchanged_keeps_them(ticket, agent_user, team):
    ticket_update(
        ticket=ticket, agent=agent_user, change=TicketChange(assignee=agent_user, team=team)
    )
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(status="pending"))
    ticket.refresh_from_db()
    assert ticket.assignee == agent_user and ticket.team == team  # UNCHANGED kept them
    start = last_event_id()
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(assignee=None, team=None))
    ticket.refresh_from_db()
    assert ticket.assignee is None and ticket.team is None
    assert events_after(ticket, start) == [
        ("assignment", {"from": agent_user.pk, "to": None}),
        ("team", {"from": team.pk, "to": None}),
    ]


def test_reassigning_to_another_agent(ticket, agent_user, other_agent):
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(assignee=agent_user))
    start = last_event_id()
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(assignee=other_agent))
    assert events_after(ticket, start) == [
        ("assignment", {"from": agent_user.pk, "to": other_agent.pk})
    ]


def test_solving_sets_solved_at_and_reopening_clears_it(ticket, agent_user):
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(status="solved"))
    ticket.refresh_from_db()
    assert ticket.solved_at is not None
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(status="open"))
    ticket.refresh_from_db()
    assert ticket.solved_at is None


def test_ticket_update_works_from_a_stale_copy(ticket, agent_user):
    """The service re-reads the row under a lock: a stale object cannot undo a change."""
    stale = Ticket.objects.get(pk=ticket.pk)
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(priority="low"))
    ticket_update(ticket=stale, agent=agent_user, change=TicketChange(status="open"))
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.status) == ("low", "open")


@pytest.mark.parametrize(
    "change",
    [
        TicketChange(status="deleted"),
        TicketChange(status=""),
        TicketChange(status=None),
        TicketChange(priority="critical"),
        TicketChange(team="funds"),
        TicketChange(team=1),
    ],
    ids=["status", "empty-status", "none-status", "priority", "team-slug", "team-id"],
)
def test_invalid_values_are_a_clear_error_and_change_nothing(ticket, agent_user, change):
    start = last_event_id()
    with pytest.raises(TicketError):
        ticket_update(ticket=ticket, agent=agent_user, change=change)
    assert events_after(ticket, start) == []
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority, ticket.team_id) == ("new", "high", None)


def test_a_customer_or_plain_user_cannot_be_assigned(ticket, agent_user):
    plain = get_user_model().objects.create_user(username="not-an-agent", password="x" * 16)
    for assignee in (plain, ticket.requester, "aiko", agent_user.pk):
        with pytest.raises(TicketError):
            ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(assignee=assignee))
    ticket.refresh_from_db()
    assert ticket.assignee is None
    assert not ticket.events.filter(kind="assignment").exists()


def test_unchanged_is_a_named_sentinel():
    assert repr(UNCHANGED) == "UNCHANGED"
    assert TicketChange().status is UNCHANGED and TicketChange().assignee is UNCHANGED


def test_team_must_be_a_team_instance(ticket, agent_user, team):
    other = Team.objects.create(name="Security", slug="security")
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(team=other))
    ticket.refresh_from_db()
    assert ticket.team == other
