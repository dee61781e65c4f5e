"""Writes from the ticket page: reply, internal note, status/priority/assignee/team changes."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from madoguchi.conftest import PHRASE
from madoguchi.tickets.models import Event, Message, Ticket
from madoguchi.tickets.selectors import ticket_conversation
from madoguchi.tickets.services import TicketChange, ticket_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(file_request):
    return file_request().ticket


def _url(ticket: Ticket, action: str) -> str:
    return f"/agent/tickets/{ticket.reference}/{action}/"


def _change_data(ticket: Ticket, **changes) -> dict:
    """The change form as the page renders it (current values + hidden initial values)."""
    current = {
        "status": ticket.status,
        "priority": ticket.priority,
        "assignee": ticket.assignee_id or "",
        "team": ticket.team_id or "",
    }
    data = {**current, **changes}
    data.update({f"initial-{k}": v for k, v in current.items()})
    return data


def test_a_public_reply_is_stored_logged_emailed_and_sets_pending(
    agent_client, ticket, agent_user, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(
            _url(ticket, "reply"), {"body": "ご確認ください", "visibility": "public"}
        )
    assert response.status_code == 302 and response["Location"] == _url(ticket, "")[:-1]
    message = Message.objects.get(ticket=ticket, author_kind=Message.Author.AGENT)
    assert message.body == "ご確認ください" and message.author_agent == agent_user
    assert message.visibility == Message.Visibility.PUBLIC
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.PENDING and ticket.assignee == agent_user
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds[-3:] == ["message", "status", "assignment"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["taro@example.jp"]
    assert ticket.reference in mail.outbox[0].subject
    page = agent_client.get(response["Location"]).content.decode()
    assert "お客様に返信しました" in page


def test_an_internal_note_is_not_emailed_and_not_visible_to_the_customer(
    agent_client, ticket, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(_url(ticket, "reply"), {"body": "社内メモです", "visibility": "internal"})
    note = Message.objects.get(ticket=ticket, author_kind=Message.Author.AGENT)
    assert note.visibility == Message.Visibility.INTERNAL
    assert mail.outbox == []
    assert note not in ticket_conversation(ticket, include_internal=False)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.NEW
    assert ticket.events.filter(kind=Event.Kind.NOTE).exists()


def test_a_secret_pasted_by_an_agent_is_never_stored(agent_client, ticket):
    agent_client.post(_url(ticket, "reply"), {"body": f"例: {PHRASE}", "visibility": "internal"})
    note = Message.objects.get(ticket=ticket, author_kind=Message.Author.AGENT)
    assert "sausage" not in note.body


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"body": "   ", "visibility": "public"}, "このフィールドは必須です"),
        ({"body": "x" * (settings.MAX_MESSAGE_CHARS + 1), "visibility": "public"}, "文字以下"),
        ({"body": "hello", "visibility": "everyone"}, "正しく選択してください"),
        ({}, "このフィールドは必須です"),
    ],
)
def test_bad_replies_get_a_clear_error_and_nothing_is_written(agent_client, ticket, data, error):
    events = ticket.events.count()
    response = agent_client.post(_url(ticket, "reply"), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Message.objects.filter(author_kind=Message.Author.AGENT).exists()
    assert ticket.events.count() == events


def test_a_huge_request_body_is_refused_without_a_500(agent_client, ticket):
    response = agent_client.post(
        _url(ticket, "reply"), {"body": "x" * (2 * 1024 * 1024), "visibility": "public"}
    )
    assert response.status_code in (400, 413)
    assert not Message.objects.filter(author_kind=Message.Author.AGENT).exists()


def test_status_priority_assignee_and_team_changes_write_events(
    agent_client, ticket, agent_user, other_agent, team
):
    response = agent_client.post(
        _url(ticket, "change"),
        _change_data(
            ticket, status="on_hold", priority="urgent", assignee=other_agent.pk, team=team.pk
        ),
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority) == ("on_hold", "urgent")
    assert (ticket.assignee, ticket.team) == (other_agent, team)
    changes = {e.kind: e for e in ticket.events.filter(actor_agent=agent_user)}
    assert set(changes) == {"status", "priority", "assignment", "team"}
    assert changes["status"].data == {"from": "new", "to": "on_hold"}
    assert changes["assignment"].data == {"from": None, "to": other_agent.pk}


def test_only_the_fields_the_agent_touched_are_changed(
    agent_client, ticket, agent_user, other_agent
):
    stale_form = _change_data(ticket, priority="low")
    # meanwhile another agent takes the ticket and puts it on hold
    ticket_update(
        ticket=ticket,
        agent=other_agent,
        change=TicketChange(status="on_hold", assignee=other_agent),
    )
    agent_client.post(_url(ticket, "change"), stale_form)
    ticket.refresh_from_db()
    assert ticket.priority == "low"
    assert (ticket.status, ticket.assignee) == ("on_hold", other_agent)  # not reverted
    assert list(ticket.events.filter(actor_agent=agent_user).values_list("kind", flat=True)) == [
        "priority"
    ]


def test_unassigning_and_a_no_op_submit(agent_client, ticket, agent_user):
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(assignee=agent_user))
    ticket.refresh_from_db()
    agent_client.post(_url(ticket, "change"), _change_data(ticket, assignee=""))
    ticket.refresh_from_db()
    assert ticket.assignee is None
    events = ticket.events.count()
    response = agent_client.post(_url(ticket, "change"), _change_data(ticket))
    assert response.status_code == 302 and ticket.events.count() == events
    assert "変更はありません" in agent_client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "deleted"},
        {"priority": "<b>max</b>"},
        {"assignee": "999999"},
        {"assignee": "plain"},
        {"team": "abc"},
        {"team": "999999"},
    ],
)
def test_invalid_changes_are_refused_with_a_400(agent_client, ticket, plain_user, changes):
    if changes.get("assignee") == "plain":  # a real user, but not an agent
        changes = {"assignee": plain_user.pk}
    events = ticket.events.count()
    response = agent_client.post(_url(ticket, "change"), _change_data(ticket, **changes))
    assert response.status_code == 400
    assert "<b>max</b>" not in response.content.decode()
    assert ticket.events.count() == events


def test_ticket_writes_need_the_csrf_token(agent_user, ticket):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent_user)
    assert (
        client.post(_url(ticket, "reply"), {"body": "x", "visibility": "public"}).status_code == 403
    )
    assert (
        client.post(_url(ticket, "change"), _change_data(ticket, status="solved")).status_code
        == 403
    )
    assert client.post(_url(ticket, "reveal")).status_code == 403
