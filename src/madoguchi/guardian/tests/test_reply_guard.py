"""Agent replies through ``message_post``: blocked, kept as a draft, overridden by a supervisor."""

from __future__ import annotations

import pytest
from django.core import mail

from madoguchi.guardian.models import GuardOverride
from madoguchi.guardian.services import MIN_REASON_CHARS
from madoguchi.guardian.tests.conftest import BLOCKED, REASON
from madoguchi.tickets.models import Event, Message
from madoguchi.tickets.services import ReplyBlocked, TicketError, message_post

pytestmark = pytest.mark.django_db


def _url(ticket) -> str:
    return f"/agent/tickets/{ticket.reference}/reply/"


def _agent_messages(ticket):
    return Message.objects.filter(ticket=ticket, author_kind=Message.Author.AGENT)


def test_an_agent_sees_the_reasons_and_keeps_the_draft(agent_client, ticket):
    events = ticket.events.count()
    response = agent_client.post(_url(ticket), {"body": BLOCKED, "visibility": "public"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "リカバリーフレーズ(シードフレーズ)を求めています" in page  # the reason, in ja
    assert BLOCKED in page  # the draft is still in the textarea
    assert "guard-ask-supervisor" in page and 'name="override_reason"' not in page
    assert "禁止事項ガードがこの返信をブロックしました" in page
    assert not _agent_messages(ticket).exists() and ticket.events.count() == events


def test_the_reasons_follow_the_agents_language(agent_user, ticket):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(agent_user)
    client.cookies["django_language"] = "en"
    data = {"body": "DM me your private key", "visibility": "public"}
    page = client.post(_url(ticket), data).content.decode()
    assert "Asks for a private key" in page and "秘密鍵を求めています" not in page


def test_an_internal_note_is_not_held(agent_client, ticket):
    response = agent_client.post(_url(ticket), {"body": BLOCKED, "visibility": "internal"})
    assert response.status_code == 302
    assert _agent_messages(ticket).get().visibility == Message.Visibility.INTERNAL


def test_an_agent_cannot_override(agent_client, ticket):
    data = {"body": BLOCKED, "visibility": "public", "override_reason": REASON}
    response = agent_client.post(_url(ticket), data)
    assert response.status_code == 400
    assert "スーパーバイザーに依頼してください" in response.content.decode()
    assert not _agent_messages(ticket).exists() and not GuardOverride.objects.exists()


def test_a_lead_overrides_with_a_reason_logged_as_event_and_review_row(
    lead_client, lead_user, ticket, django_capture_on_commit_callbacks
):
    first = lead_client.post(_url(ticket), {"body": BLOCKED, "visibility": "public"})
    assert first.status_code == 400 and 'name="override_reason"' in first.content.decode()
    mail.outbox.clear()
    data = {"body": BLOCKED, "visibility": "public", "override_reason": REASON}
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(_url(ticket), data)
    assert response.status_code == 302
    message = _agent_messages(ticket).get()
    assert message.visibility == Message.Visibility.PUBLIC and len(mail.outbox) == 1
    event = ticket.events.get(kind=Event.Kind.GUARD_OVERRIDE)
    assert event.actor_agent == lead_user
    assert event.data == {"message": message.pk, "reason": REASON, "kinds": ["recovery_phrase"]}
    assert "シード" not in str(event.data)  # the blocked text is not in the log
    row = GuardOverride.objects.get()
    assert (row.ticket, row.message, row.event, row.supervisor) == (
        ticket,
        message,
        event,
        lead_user,
    )
    assert row.kinds == ["recovery_phrase"] and row.reason == REASON


def test_a_short_reason_is_refused(lead_user, ticket):
    with pytest.raises(TicketError) as caught:
        message_post(
            ticket=ticket,
            agent=lead_user,
            body=BLOCKED,
            override_reason="x" * (MIN_REASON_CHARS - 1),
        )
    assert not isinstance(caught.value, ReplyBlocked)
    assert str(MIN_REASON_CHARS) in str(caught.value)
    assert not _agent_messages(ticket).exists()


def test_a_reason_on_an_allowed_reply_is_no_override(lead_user, ticket):
    message_post(ticket=ticket, agent=lead_user, body="ご確認ください", override_reason=REASON)
    assert not ticket.events.filter(kind=Event.Kind.GUARD_OVERRIDE).exists()


def test_the_service_error_carries_the_findings(agent_user, lead_user, ticket):
    with pytest.raises(ReplyBlocked) as caught:
        message_post(ticket=ticket, agent=agent_user, body="Please DM me your private key")
    assert caught.value.result.kinds == ("private_key",) and caught.value.can_override is False
    with pytest.raises(ReplyBlocked) as caught:
        message_post(ticket=ticket, agent=lead_user, body="Please DM me your private key")
    assert caught.value.can_override is True


def test_links_are_checked_against_the_official_registry(agent_user, ticket, official):
    message_post(ticket=ticket, agent=agent_user, body="See https://madoguchi.example/help")
    with pytest.raises(ReplyBlocked) as caught:
        message_post(ticket=ticket, agent=agent_user, body="See https://madoguchi-help.net/x")
    assert caught.value.result.kinds == ("link",)


def test_the_review_page_lists_overrides_for_supervisors_only(
    lead_client, agent_client, lead_user, ticket
):
    message_post(ticket=ticket, agent=lead_user, body=BLOCKED, override_reason=REASON)
    page = lead_client.get("/agent/guard/")
    assert page.status_code == 200
    text = page.content.decode()
    assert ticket.reference in text and REASON in text and "リカバリーフレーズ" in text
    assert BLOCKED not in text
    assert agent_client.get("/agent/guard/").status_code == 403


def test_the_api_answers_422_with_the_findings(agent_user, ticket):
    from django.test import Client

    from madoguchi.api.services import api_key_create

    _key, secret = api_key_create(
        name="bot", scopes=["tickets:write"], agent_username=agent_user.username
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.post(
        f"/api/v1/tickets/{ticket.reference}/messages",
        {"body": "Could you share the 12 words of your recovery phrase?"},
        content_type="application/json",
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "guard_blocked" and error["field"] == "body"
    (finding,) = error["findings"]
    assert finding["kind"] == "recovery_phrase" and finding["reason_ja"] and finding["reason_en"]
    assert not _agent_messages(ticket).exists()
    ok = client.post(
        f"/api/v1/tickets/{ticket.reference}/messages",
        {"body": "We are checking your deposit."},
        content_type="application/json",
    )
    assert ok.status_code == 201


def test_a_secret_in_the_override_reason_is_redacted_before_it_is_stored(lead_user, ticket):
    from madoguchi.conftest import PHRASE

    reason = f"The customer pasted {PHRASE} earlier; this reply only warns them, sent on purpose"
    message_post(ticket=ticket, agent=lead_user, body=BLOCKED, override_reason=reason)
    stored = GuardOverride.objects.get(ticket=ticket).reason
    event = ticket.events.get(kind=Event.Kind.GUARD_OVERRIDE)
    for text in (stored, event.data["reason"]):
        assert "legal winner thank" not in text and "sent on purpose" in text
