"""Intake is one transaction: events with the change, no orphans, e-mails only after commit."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.tickets.intake import Inbound, intake
from madoguchi.tickets.models import Event, Message, Ticket

pytestmark = pytest.mark.django_db(transaction=True)

real_event_create = Event.objects.create


class Boom(Exception):
    pass


def failing_on(kind: str):
    """``Event.objects.create`` that fails when asked for an event of ``kind``."""

    def create(**kwargs):
        if kwargs.get("kind") == kind:
            raise Boom(kind)
        return real_event_create(**kwargs)

    return create


def inbound(**kwargs) -> Inbound:
    kwargs.setdefault("channel", "web")
    kwargs.setdefault("identity_value", "taro@example.jp")
    kwargs.setdefault("body", "出金が届きません")
    kwargs.setdefault("subject", "出金について")
    return Inbound(**kwargs)


def assert_nothing_stored() -> None:
    assert Ticket.objects.count() == 0
    assert Message.objects.count() == 0
    assert Event.objects.count() == 0
    assert Customer.objects.count() == 0 and ContactIdentity.objects.count() == 0


@pytest.mark.parametrize("kind", ["created", "message", "secret_redacted"])
def test_a_failure_mid_intake_leaves_no_orphan_rows_and_sends_no_mail(kind):
    body = "シードは legal winner thank year wave sausage worth useful legal winner thank yellow"
    with mock.patch.object(Event.objects, "create", side_effect=failing_on(kind)):
        with pytest.raises(Boom):
            intake(inbound=inbound(body=body, external_id="form-1"))
    assert_nothing_stored()
    assert mail.outbox == []
    # the failed attempt did not burn the external id: a retry is taken
    result = intake(inbound=inbound(body=body, external_id="form-1"))
    assert result.created and not result.duplicate


def test_a_failure_in_a_reply_leaves_the_ticket_as_it_was():
    ticket = intake(inbound=inbound()).ticket
    Ticket.objects.filter(pk=ticket.pk).update(status="pending")
    ticket.refresh_from_db()
    before = (Message.objects.count(), Event.objects.count(), ticket.updated_at)
    with mock.patch.object(Event.objects, "create", side_effect=failing_on("message")):
        with pytest.raises(Boom):
            intake(inbound=inbound(body="追加情報です", ticket=ticket))
    ticket.refresh_from_db()
    assert ticket.status == "pending"  # the reopening rolled back with the message
    assert (Message.objects.count(), Event.objects.count(), ticket.updated_at) == before


def test_every_change_has_its_event_in_the_same_transaction():
    phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    result = intake(inbound=inbound(body=f"seed: {phrase}", intent="account.login"))
    ticket = result.ticket
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds == ["created", "message", "priority", "secret_redacted"]
    assert ticket.events.get(kind="priority").data == {
        "from": "normal",
        "to": "urgent",
        "reason": "secret_redacted",
    }
    assert ticket.events.get(kind="secret_redacted").data == {"kinds": ["recovery_phrase"]}
    assert ticket.events.get(kind="message").data["message"] == result.message.pk
    assert {e.actor_kind for e in ticket.events.all()} == {"customer", "system"}


def test_the_acknowledgement_is_sent_after_commit_not_before():
    with transaction.atomic():
        intake(inbound=inbound())
        assert mail.outbox == []  # still inside the caller's transaction
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["taro@example.jp"]


def test_no_mail_when_the_callers_transaction_rolls_back():
    with pytest.raises(Boom):
        with transaction.atomic():
            intake(inbound=inbound())
            raise Boom("the caller failed after intake")
    assert mail.outbox == []
    assert_nothing_stored()


def test_a_reply_is_not_acknowledged_by_mail():
    ticket = intake(inbound=inbound()).ticket
    mail.outbox.clear()
    intake(inbound=inbound(body="追加情報です", ticket=ticket))
    assert mail.outbox == []


def test_a_duplicate_delivery_writes_nothing_and_sends_nothing():
    intake(inbound=inbound(external_id="m-1"))
    counts = (Message.objects.count(), Event.objects.count())
    mail.outbox.clear()
    again = intake(inbound=inbound(external_id="m-1", body="a different body, same id"))
    assert again.duplicate and not again.created
    assert (Message.objects.count(), Event.objects.count()) == counts
    assert mail.outbox == []


def test_the_same_external_id_on_another_channel_is_another_message():
    intake(inbound=inbound(external_id="42"))
    other = intake(inbound=inbound(channel="api", external_id="42"))
    assert not other.duplicate
    assert Message.objects.filter(external_id="42").count() == 2


def test_messages_without_external_id_are_never_deduplicated():
    intake(inbound=inbound())
    intake(inbound=inbound())
    assert Ticket.objects.count() == 2


def test_crlf_and_controls_in_the_subject_and_name_become_one_line():
    result = intake(
        inbound=inbound(
            name="Taro\r\nBcc: victim@example.com",
            subject="出金\r\nX-Injected: 1\x00について",
        )
    )
    assert "\n" not in result.ticket.subject and "\r" not in result.ticket.subject
    assert "\x00" not in result.ticket.subject
    name = result.ticket.requester.display_name
    assert name == "Taro Bcc: victim@example.com"
    assert "[" + result.ticket.reference + "]" in mail.outbox[0].subject
    assert "\n" not in mail.outbox[0].subject
