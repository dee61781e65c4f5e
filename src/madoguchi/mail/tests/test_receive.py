"""mail_receive: fixtures into tickets, threading, spoofing, duplicates, automation, parking."""

from __future__ import annotations

import pytest

from madoguchi.conftest import PHRASE
from madoguchi.mail.inbound import NO_TEXT, attachment_dir, mail_receive
from madoguchi.mail.models import InboundMail, MailAttachment, OutboundMail, ParkedMail
from madoguchi.mail.tests.mailbuilder import EXPECTED, build, fixture, mime_bomb
from madoguchi.mail.tokens import reply_address
from madoguchi.tickets.models import Message, Ticket

AUTOMATED = {"auto_reply", "bounce", "list_bulk"}


def receive(raw: bytes, **kwargs):
    kwargs.setdefault("source", "test")
    return mail_receive(raw, **kwargs)


def acknowledgements(ticket) -> int:
    return OutboundMail.objects.filter(ticket=ticket).count()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(EXPECTED) - AUTOMATED))
def test_every_person_written_fixture_opens_a_ticket_with_its_text(name):
    expected = EXPECTED[name]
    received = receive(fixture(name))
    assert received.outcome == "created"
    ticket = received.ticket
    assert ticket.channel == "email"
    assert ticket.subject == expected["subject"]
    assert ticket.requester.identities.get().value == expected["from_address"].lower()
    stored = Message.objects.get(pk=received.message.pk)
    for text in expected["contains"]:
        assert text in stored.body
    for text in expected.get("unquoted_absent", []):
        assert text not in stored.body
    assert "\ufffd" not in stored.body
    inbound = InboundMail.objects.get(ticket_message=stored)
    assert inbound.message_id.startswith("<")
    assert stored.external_id == inbound.message_id
    assert acknowledgements(ticket) == 1  # the acknowledgement is queued


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(AUTOMATED))
def test_automated_fixtures_never_open_a_ticket_and_are_parked(name):
    received = receive(fixture(name))
    assert received.outcome == "parked"
    assert received.parked.reason == ParkedMail.Reason.AUTOMATED
    assert bytes(received.parked.raw) == fixture(name)
    assert not Ticket.objects.exists()
    assert not OutboundMail.objects.exists()


@pytest.mark.django_db
def test_reply_by_token_threads_and_gets_no_acknowledgement(file_request):
    ticket = file_request(email="takahashi@example.jp").ticket
    before = acknowledgements(ticket)
    raw = build(to=reply_address(ticket), subject="Re: 出金", body="TXIDは 0xabc です。")
    received = receive(raw)
    assert (received.outcome, received.threaded_by) == ("threaded", "token")
    assert received.ticket == ticket
    assert ticket.messages.filter(body__contains="TXIDは").exists()
    assert acknowledgements(ticket) == before


@pytest.mark.django_db
def test_token_in_the_envelope_only_threads(file_request):
    ticket = file_request(email="takahashi@example.jp").ticket
    received = receive(build(), envelope_to=[reply_address(ticket)])
    assert received.ticket == ticket


@pytest.mark.django_db
def test_a_token_used_by_another_sender_opens_their_own_ticket(file_request):
    ticket = file_request(email="takahashi@example.jp").ticket
    raw = build(sender="mallory@evil.example", to=reply_address(ticket), body="Send me the funds")
    received = receive(raw)
    assert received.outcome == "created"
    assert received.ticket != ticket
    assert received.ticket.requester.identities.get().value == "mallory@evil.example"
    assert not ticket.messages.filter(body__contains="Send me").exists()
    assert ticket.reference in InboundMail.objects.get(ticket_message=received.message).note


@pytest.mark.django_db
def test_forged_in_reply_to_from_another_sender_does_not_attach(file_request):
    ticket = file_request(email="takahashi@example.jp").ticket
    sent = OutboundMail.objects.create(
        ticket=ticket,
        to_address="takahashi@example.jp",
        subject="[MDG] reply",
        body_text="...",
        message_id="<desk-1@madoguchi.invalid>",
    )
    forged = build(
        sender="mallory@evil.example",
        headers={"In-Reply-To": sent.message_id, "References": sent.message_id},
    )
    received = receive(forged)
    assert received.ticket != ticket
    genuine = build(headers={"In-Reply-To": sent.message_id, "References": sent.message_id})
    received = receive(genuine)
    assert (received.ticket, received.threaded_by) == (ticket, "references")


@pytest.mark.django_db
def test_in_reply_to_a_customer_message_id_is_not_trusted(file_request):
    # only Message-IDs the desk sent thread a mail; anyone can copy a customer's own id
    first = receive(build(message_id="<mine-1@mail.example.jp>"))
    received = receive(build(headers={"In-Reply-To": "<mine-1@mail.example.jp>"}))
    assert received.outcome == "created"
    assert received.ticket != first.ticket


@pytest.mark.django_db
def test_duplicate_delivery_stores_one_message():
    raw = fixture("ja_iso2022jp")
    first = receive(raw)
    second = receive(raw)
    assert (first.outcome, second.outcome) == ("created", "duplicate")
    assert second.message == first.message
    assert Message.objects.filter(channel="email", author_kind="customer").count() == 1
    assert InboundMail.objects.count() == 1


@pytest.mark.django_db
def test_mail_without_message_id_is_deduplicated_by_its_bytes():
    raw = b"From: a@example.jp\r\nTo: support@madoguchi.invalid\r\nSubject: x\r\n\r\nhello\r\n"
    assert receive(raw).outcome == "created"
    assert receive(raw).outcome == "duplicate"


@pytest.mark.django_db
def test_auto_reply_from_the_requester_in_the_thread_attaches_without_acknowledgement(
    file_request,
):
    ticket = file_request(email="alice@example.com").ticket
    before = acknowledgements(ticket)
    raw = build(
        sender="alice@example.com",
        to=reply_address(ticket),
        body="I am out of the office.",
        headers={"Auto-Submitted": "auto-replied"},
    )
    received = receive(raw)
    assert received.outcome == "threaded"
    assert InboundMail.objects.get(ticket_message=received.message).automated
    assert acknowledgements(ticket) == before


@pytest.mark.django_db
def test_bounce_for_a_ticket_is_parked_with_the_ticket(file_request):
    ticket = file_request(email="gone@example.net").ticket
    raw = build(
        sender="MAILER-DAEMON@mx.example.net",
        to=reply_address(ticket),
        subject="Undelivered Mail",
        body="could not be delivered",
        headers={"Auto-Submitted": "auto-replied"},
    )
    received = receive(raw)
    assert received.outcome == "parked"
    assert received.parked.ticket == ticket
    assert received.parked.reason == ParkedMail.Reason.AUTOMATED


@pytest.mark.django_db
def test_sender_asking_for_no_auto_response_gets_a_ticket_but_no_acknowledgement():
    raw = build(headers={"X-Auto-Response-Suppress": "All"})
    received = receive(raw)
    assert received.outcome == "created"
    assert acknowledgements(received.ticket) == 0


@pytest.mark.django_db
def test_mime_bomb_is_parked_once():
    raw = mime_bomb(1000)
    first = receive(raw)
    second = receive(raw)
    assert first.outcome == second.outcome == "parked"
    assert first.parked.reason == ParkedMail.Reason.UNPARSEABLE
    assert "nested" in first.parked.detail
    assert ParkedMail.objects.count() == 1
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_recovery_phrase_is_redacted_before_storage():
    words = PHRASE.split()
    body = "私のリカバリーフレーズです:\n" + "\n".join(words) + "\n助けてください"
    received = receive(build(body=body))
    stored = Message.objects.get(pk=received.message.pk)
    assert "sausage" not in stored.body
    assert received.ticket.secret_exposed
    assert Ticket.objects.get(pk=received.ticket.pk).priority == "urgent"


@pytest.mark.django_db
def test_loop_from_the_desk_itself_is_parked():
    received = receive(build(sender="support@madoguchi.invalid"))
    assert received.parked.reason == ParkedMail.Reason.LOOP
    received = receive(build(headers={"X-Loop": "support@madoguchi.invalid"}))
    assert received.parked.reason == ParkedMail.Reason.LOOP


@pytest.mark.django_db
def test_mail_without_a_usable_sender_is_parked():
    received = receive(b"From: not-an-address\r\nSubject: hi\r\n\r\nhello\r\n")
    assert received.parked.reason == ParkedMail.Reason.REJECTED


@pytest.mark.django_db
def test_garbage_is_parked_not_raised():
    for raw in (b"", b"\x00\xff" * 10, b"no headers at all"):
        assert receive(raw).outcome == "parked"


@pytest.mark.django_db
def test_attachments_metadata_and_bytes(settings):
    received = receive(fixture("attachments"))
    rows = list(MailAttachment.objects.filter(message=received.message))
    assert [r.filename for r in rows] == ["本人確認書類.pdf", "invoicefdp.exe", "明細書.png"]
    for row in rows:
        assert row.stored
        assert (attachment_dir() / row.sha256).read_bytes()


@pytest.mark.django_db
def test_a_text_attachment_with_a_recovery_phrase_is_not_kept():
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "taro@example.jp"
    message["To"] = "support@madoguchi.invalid"
    message["Subject"] = "backup"
    message.set_content("see attached")
    message.add_attachment(PHRASE.encode(), maintype="text", subtype="plain", filename="seed.txt")
    received = receive(message.as_bytes())
    row = MailAttachment.objects.get(message=received.message)
    assert (row.stored, row.withheld) == (False, "secret")
    assert not (attachment_dir() / row.sha256).exists()


@pytest.mark.django_db
def test_attachment_only_mail_gets_a_placeholder_body():
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "taro@example.jp"
    message["To"] = "support@madoguchi.invalid"
    message["Subject"] = "書類"
    message.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="a.pdf")
    received = receive(message.as_bytes())
    assert received.message.body == NO_TEXT


@pytest.mark.django_db
def test_long_subject_and_body_are_cut_not_refused(settings):
    raw = build(subject="件" * 5000, body="本文" * 50_000)
    received = receive(raw)
    assert received.outcome == "created"
    assert len(received.ticket.subject) <= settings.MAX_SUBJECT_CHARS
    assert len(received.message.body) <= settings.MAX_MESSAGE_CHARS


@pytest.mark.django_db
def test_html_mail_stores_no_markup():
    received = receive(fixture("en_html_only"))
    body = received.message.body
    assert "<" not in body.replace("<https://", "")
    assert "steal" not in body


@pytest.mark.django_db
def test_nul_and_controls_everywhere_are_stored_or_parked_never_raised():
    raw = (
        b"From: Ev\x00e <eve@example.jp>\r\nTo: support@madoguchi.invalid\r\n"
        b"Subject: a\x00b\x07c\r\nMessage-ID: <a\x00b@example.jp>\r\n\r\nhel\x00lo\r\n"
    )
    received = receive(raw)
    assert received.outcome in ("created", "parked")
    if received.outcome == "created":
        assert "\x00" not in received.message.body
        assert "\x00" not in (received.message.external_id or "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sender",
    ["ｔａｒｏ@example.jp", "taro@exаmple.jp", "=?utf-8?q?taro=40example=2Ejp?=", "@example.jp"],
)
def test_fullwidth_homoglyph_and_injected_senders_are_parked(sender):
    raw = (f"From: {sender}\r\nTo: support@madoguchi.invalid\r\nSubject: x\r\n\r\nhi\r\n").encode()
    received = receive(raw)
    assert received.outcome == "parked"
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_script_markup_in_name_and_subject_is_kept_as_text_only():
    raw = build(
        sender='"<script>alert(1)</script>" <taro@example.jp>',
        subject="<img src=x onerror=alert(1)>",
        body="<b>bold</b> text",
    )
    received = receive(raw)
    # stored as plain text (templates escape it); never interpreted as mail HTML
    assert received.ticket.subject == "<img src=x onerror=alert(1)>"
    assert received.message.body == "<b>bold</b> text"
