"""Codes in e-mail: the sent mail carries the code of what it says, issued in its transaction."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from madoguchi.desk.server import task_worker_run
from madoguchi.mail.models import OutboundMail
from madoguchi.mail.tests.smtp_server import SmtpServer
from madoguchi.mail.tests.test_outbox import DATABASE_QUEUE, smtp_settings
from madoguchi.signing.models import VerificationCode
from madoguchi.signing.selectors import code_check
from madoguchi.tickets.services import message_post

pytestmark = pytest.mark.django_db(transaction=True)

CODE = re.compile(r"MDG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


@pytest.fixture
def smtp():
    with SmtpServer() as server, smtp_settings(server.port):
        yield server


def test_the_acknowledgement_and_the_reply_carry_their_codes_over_smtp(
    smtp, file_request, agent_user
):
    with override_settings(TASKS=DATABASE_QUEUE):
        ticket = file_request(language_hint="en", body="My withdrawal has not arrived").ticket
        message = message_post(ticket=ticket, agent=agent_user, body="We are checking it.")
        task_worker_run(batch=True)
    ack, reply = OutboundMail.objects.filter(ticket=ticket).order_by("id")
    by_id = {r.message["Message-ID"]: r.message.get_content() for r in smtp.received}
    codes = {}
    for row in (ack, reply):
        body = by_id[row.message_id]
        [code] = CODE.findall(body)
        assert f"{settings.SITE_URL}/verify/code/" in body
        codes[row.pk] = code
        check = code_check(text=code)
        assert check.genuine and check.reference == ticket.reference
        assert check.channels == ["email"]
    assert codes[ack.pk] != codes[reply.pk]  # one code per message
    reply_code = VerificationCode.objects.get(subject=f"message:{message.pk}")
    assert codes[reply.pk].replace("-", "").endswith(reply_code.code)


def test_the_footer_is_in_the_ticket_language(file_request, agent_user):
    ja = file_request(email="ja@example.jp").ticket
    message_post(ticket=ja, agent=agent_user, body="確認します")
    bodies = OutboundMail.objects.filter(ticket=ja).values_list("body_text", flat=True)
    assert all("確認コード：MDG-" in body for body in bodies)
    en = file_request(email="en@example.jp", body="Hello, my deposit is missing").ticket
    en.language = "en"
    en.save()
    message_post(ticket=en, agent=agent_user, body="Checking")
    reply = OutboundMail.objects.filter(ticket=en).last()
    assert "Verification code: MDG-" in reply.body_text


def test_a_rolled_back_reply_leaves_no_code(file_request, agent_user):
    ticket = file_request().ticket
    before = VerificationCode.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        message_post(ticket=ticket, agent=agent_user, body="取り消される返信")
        assert VerificationCode.objects.count() == before + 1
        raise RuntimeError("the reply's transaction fails")
    assert VerificationCode.objects.count() == before


def test_an_internal_note_gets_no_code(file_request, agent_user):
    ticket = file_request().ticket
    before = VerificationCode.objects.count()
    message_post(ticket=ticket, agent=agent_user, body="社内メモ", internal=True)
    assert VerificationCode.objects.count() == before


def test_a_reply_to_a_customer_without_e_mail_still_gets_a_code(file_request, agent_user):
    from madoguchi.customers.models import ContactIdentity

    ticket = file_request(identity_kind=ContactIdentity.Kind.CHAT, email="conversation:abc").ticket
    message = message_post(ticket=ticket, agent=agent_user, body="こんにちは")
    row = VerificationCode.objects.get(subject=f"message:{message.pk}")
    assert row.channels == [] and row.ticket_id == ticket.pk
    assert not OutboundMail.objects.filter(ticket=ticket, ticket_message=message).exists()
