"""The one intake path: analysis before storage, idempotency, events, warnings."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection

from madoguchi.conftest import PHRASE
from madoguchi.customers.models import ContactIdentity
from madoguchi.tickets.intake import Inbound, IntakeError, intake
from madoguchi.tickets.models import Event, Message, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_request_opens_a_ticket_with_reference_events_and_acknowledgement(file_request):
    result = file_request(body="昨日の夜に 0.5 ETH を出金しましたが届きません")
    ticket = result.ticket
    assert result.created and not result.duplicate
    assert ticket.reference.startswith("MDG-") and ticket.reference.endswith(f"{ticket.pk:06d}")
    assert ticket.priority == "high"  # funds.withdrawal_delayed is "high" in the taxonomy
    assert ticket.language == "ja"
    assert [e.kind for e in ticket.events.all()] == ["created", "message"]
    assert ContactIdentity.objects.get().value == "taro@example.jp"
    assert len(mail.outbox) == 1
    assert ticket.reference in mail.outbox[0].subject
    assert "/access/" in mail.outbox[0].body


def test_the_raw_secret_reaches_no_table(file_request):
    result = file_request(body=f"シードは {PHRASE} です", subject=f"help {PHRASE}")
    assert result.ticket.secret_exposed
    assert result.ticket.priority == "urgent"
    assert any(w["code"] == "secret_shared" for w in result.warnings)
    system = result.ticket.messages.filter(author_kind=Message.Author.SYSTEM).get()
    assert "リカバリーフレーズ" in system.body and "recovery phrase" in system.body
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                assert "sausage" not in repr(row), table


def test_same_channel_and_external_id_is_taken_once(file_request):
    first = file_request(external_id="form-123")
    again = file_request(external_id="form-123")
    assert again.duplicate and again.message.pk == first.message.pk
    assert Message.objects.count() == 1 and Ticket.objects.count() == 1


def test_a_reply_reopens_a_pending_ticket(file_request):
    ticket = file_request().ticket
    Ticket.objects.filter(pk=ticket.pk).update(status="pending")
    ticket.refresh_from_db()
    reply = intake(
        inbound=Inbound(
            channel="web", identity_value="taro@example.jp", body="追加情報です", ticket=ticket
        )
    )
    assert not reply.created
    ticket.refresh_from_db()
    assert ticket.status == "open"
    assert Event.objects.filter(ticket=ticket, kind="status").exists()


def test_someone_else_cannot_reply_to_a_ticket(file_request):
    ticket = file_request().ticket
    with pytest.raises(IntakeError):
        intake(
            inbound=Inbound(
                channel="web", identity_value="mallory@example.com", body="hi", ticket=ticket
            )
        )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "x" * 20_001}, "body"),
        ({"subject": "s" * 100_000}, "subject"),
        ({"intent": "not.an.intent"}, "intent"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "a@example.com\r\nBcc: x@example.com"}, "email"),
    ],
)
def test_bad_input_is_a_clear_error_and_nothing_is_stored(file_request, kwargs, field):
    with pytest.raises(IntakeError) as info:
        file_request(**kwargs)
    assert info.value.field == field
    assert Ticket.objects.count() == 0 and Message.objects.count() == 0


def test_facts_are_checked_and_stored_with_findings(file_request):
    result = file_request(
        intent="funds.wrong_network",
        facts={
            "asset": "USDT",
            "network": "ERC20",
            "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        },
    )
    assert result.ticket.facts["address"]["chain"] == "tron"
    assert result.ticket.facts["network"]["value"] == "ethereum"
    assert any(w["code"] == "network_mismatch" for w in result.warnings)


def test_the_acknowledgement_is_in_the_customers_language(file_request):
    file_request(body="出金が届きません")
    file_request(email="jane@example.com", body="My withdrawal has not arrived yet, please help.")
    ja, en = mail.outbox
    assert "受け付けました" in ja.subject and "リカバリーフレーズ" in ja.body
    assert "We received your request" in en.subject and "recovery phrase" in en.body
    assert "/access/" in ja.body and "/access/" in en.body
