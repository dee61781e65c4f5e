"""The SMTP receiver end to end: smtplib against the real aiosmtpd server on loopback."""

from __future__ import annotations

import smtplib
import socket

import pytest

from madoguchi.conftest import PHRASE
from madoguchi.mail.models import InboundMail, OutboundMail, ParkedMail
from madoguchi.mail.smtpd import receiver_start
from madoguchi.mail.tests.mailbuilder import DESK, EXPECTED, build, fixture, mime_bomb
from madoguchi.mail.tokens import reply_address
from madoguchi.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    receiver = receiver_start(host="127.0.0.1", port=_free_port())
    yield receiver
    receiver.stop()


def send(server, raw: bytes, *, sender: str = "x@example.jp", to=(DESK,)) -> None:
    with smtplib.SMTP("127.0.0.1", server.port, timeout=30) as client:
        client.sendmail(sender, list(to), raw)


def test_new_ticket_from_iso2022jp_mail(smtp_server):
    send(smtp_server, fixture("ja_iso2022jp"), sender="takahashi@example.jp")
    ticket = Ticket.objects.get()
    assert ticket.subject == "①出金が届きません"
    body = ticket.messages.get(author_kind="customer").body
    assert "㈱髙橋商事の髙橋です" in body
    assert OutboundMail.objects.filter(ticket=ticket).count() == 1  # the acknowledgement


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_fixture_over_smtp(smtp_server, name):
    send(smtp_server, fixture(name))
    expected = EXPECTED[name]
    if name in ("auto_reply", "bounce", "list_bulk"):
        assert ParkedMail.objects.get().reason == ParkedMail.Reason.AUTOMATED
        assert not Ticket.objects.exists()
        return
    message = Message.objects.get(author_kind="customer")
    for text in expected["contains"]:
        assert text in message.body


def test_threaded_reply_via_token(smtp_server, file_request):
    ticket = file_request(email="takahashi@example.jp").ticket
    raw = build(to=reply_address(ticket), subject="Re: 出金", body="送金のTXIDを送ります。")
    send(smtp_server, raw, to=[reply_address(ticket)])
    assert ticket.messages.filter(body__contains="送金のTXIDを送ります").exists()
    assert Ticket.objects.count() == 1


def test_forged_in_reply_to_from_another_sender_does_not_attach(smtp_server, file_request):
    ticket = file_request(email="takahashi@example.jp").ticket
    sent = OutboundMail.objects.create(
        ticket=ticket,
        to_address="takahashi@example.jp",
        subject="reply",
        body_text="...",
        message_id="<desk-42@madoguchi.invalid>",
    )
    forged = build(
        sender="mallory@evil.example",
        body="Please send the funds to my new address.",
        headers={"In-Reply-To": sent.message_id, "References": sent.message_id},
    )
    send(smtp_server, forged)
    assert not ticket.messages.filter(body__contains="new address").exists()
    other = Ticket.objects.exclude(pk=ticket.pk).get()
    assert other.requester.identities.get().value == "mallory@evil.example"


def test_duplicate_delivery_is_one_message(smtp_server):
    raw = fixture("ja_shiftjis_base64")
    send(smtp_server, raw)
    send(smtp_server, raw)  # the sender did not see our 250 and retried
    assert Message.objects.filter(author_kind="customer").count() == 1
    assert InboundMail.objects.count() == 1


def test_auto_reply_gets_no_auto_reply(smtp_server):
    send(smtp_server, fixture("auto_reply"))
    assert not OutboundMail.objects.exists()
    assert ParkedMail.objects.get().reason == ParkedMail.Reason.AUTOMATED


def test_mime_bomb_is_parked_and_accepted(smtp_server):
    send(smtp_server, mime_bomb(1000))
    parked = ParkedMail.objects.get()
    assert parked.reason == ParkedMail.Reason.UNPARSEABLE
    assert bytes(parked.raw).endswith(b"--b0--\r\n")


def test_recovery_phrase_redacted_before_storage(smtp_server):
    send(smtp_server, build(body=f"my seed: {PHRASE}"))
    body = Message.objects.get(author_kind="customer").body
    assert "sausage" not in body
    assert Ticket.objects.get().secret_exposed


def test_other_domains_are_refused_not_relayed(smtp_server):
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(smtp_server, build(to="victim@example.com"), to=["victim@example.com"])
    assert refused.value.recipients["victim@example.com"][0] == 550
    assert not Ticket.objects.exists()


def test_one_good_recipient_among_refused_ones_is_delivered(smtp_server):
    with smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=30) as client:
        refused = client.sendmail("x@example.jp", ["a@evil.example", DESK], build())
    assert refused["a@evil.example"][0] == 550
    assert Ticket.objects.count() == 1


def test_oversized_mail_is_refused_with_552(settings):
    settings.MADOGUCHI_MAIL_MAX_BYTES = 4000
    receiver = receiver_start(host="127.0.0.1", port=_free_port())
    try:
        with smtplib.SMTP("127.0.0.1", receiver.port, timeout=30) as client:
            client.ehlo()
            client.esmtp_features.pop("size", None)  # a client that ignores SIZE: DATA is cut
            with pytest.raises(smtplib.SMTPDataError) as error:
                client.sendmail("x@example.jp", [DESK], build(body="長い" * 5000))
        assert error.value.smtp_code == 552
    finally:
        receiver.stop()
    assert not Ticket.objects.exists()


def test_null_envelope_sender_is_a_bounce_even_without_bounce_headers(smtp_server):
    send(smtp_server, build(sender="someone@example.net", body="delivery failed"), sender="")
    parked = ParkedMail.objects.get()
    assert parked.reason == ParkedMail.Reason.AUTOMATED
    assert bytes(parked.raw).startswith(b"Return-Path: <>\r\n")


def test_a_return_path_written_by_the_sender_is_not_the_one_read(smtp_server):
    raw = build(headers={"Return-Path": "<>"})
    send(smtp_server, raw, sender="takahashi@example.jp")
    assert Ticket.objects.count() == 1
    assert not ParkedMail.objects.exists()


def test_the_answer_does_not_tell_what_became_of_the_mail(smtp_server, file_request):
    ticket = file_request(email="takahashi@example.jp").ticket
    answers = []
    for raw in (build(), build(to=reply_address(ticket)), fixture("auto_reply")):
        with smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=30) as client:
            client.ehlo()
            client.mail("x@example.jp")
            client.rcpt(DESK)
            answers.append(client.data(raw))
    assert answers == [(250, b"2.0.0 OK")] * 3


def test_database_failure_answers_451_and_the_retry_is_stored(smtp_server):
    from django.db import connection

    raw = fixture("ja_utf8")
    table = Message._meta.db_table
    with connection.cursor() as cursor:  # the message table is gone: a real database error
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    try:
        with pytest.raises(smtplib.SMTPDataError) as error:
            send(smtp_server, raw)
        assert error.value.smtp_code == 451
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table}_away RENAME TO {table}")
    assert not ParkedMail.objects.exists()  # not parked: the sender keeps it and retries
    send(smtp_server, raw)  # the sending server's retry
    assert Message.objects.filter(body__contains="送金先アドレスを間違えました").count() == 1
