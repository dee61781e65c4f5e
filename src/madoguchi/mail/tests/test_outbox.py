"""The outbox against a real SMTP server on loopback: same transaction, retries, exactly once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from madoguchi.desk.server import task_worker_run
from madoguchi.mail.models import OutboundMail
from madoguchi.mail.outbox import (
    SIGN_IN_LINK,
    header_safe,
    mail_enqueue,
    message_id_or_none,
    outbox_flush,
    outbox_send,
)
from madoguchi.mail.tests.smtp_server import SmtpServer, free_port
from madoguchi.mail.tokens import reply_address
from madoguchi.tickets.intake import Inbound, intake
from madoguchi.tickets.services import message_post

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def smtp_settings(port: int):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
        DEFAULT_FROM_EMAIL="Madoguchi Exchange <support@madoguchi.example>",
    )


@pytest.fixture
def smtp():
    with SmtpServer() as server, smtp_settings(server.port):
        yield server


def test_a_reply_writes_one_row_and_the_worker_sends_it_once(smtp, file_request, agent_user):
    with override_settings(TASKS=DATABASE_QUEUE):
        ticket = file_request().ticket
        message = message_post(ticket=ticket, agent=agent_user, body="確認しました。")
        assert smtp.received == []  # nothing is sent inside the request
        ack, reply = OutboundMail.objects.filter(ticket=ticket).order_by("id")
        assert reply.ticket_message == message and reply.status == "queued"
        task_worker_run(batch=True)
        task_worker_run(batch=True)  # a second run finds nothing to do
    assert sorted(r.message["Message-ID"] for r in smtp.received) == sorted(
        [ack.message_id, reply.message_id]
    )
    by_id = {r.message["Message-ID"]: r for r in smtp.received}
    assert by_id[ack.message_id].message["Auto-Submitted"] == "auto-replied"
    assert by_id[reply.message_id].message["Auto-Submitted"] is None
    assert by_id[reply.message_id].rcpt_tos == ["taro@example.jp"]
    assert by_id[reply.message_id].message["Reply-To"] == reply_address(ticket)
    body = by_id[reply.message_id].message.get_content()
    assert SIGN_IN_LINK not in body and settings.SITE_URL + "/" in body  # minted when sent
    assert set(OutboundMail.objects.values_list("status", flat=True)) == {"sent"}


def test_a_rolled_back_reply_leaves_no_mail(file_request, agent_user):
    ticket = file_request().ticket
    before = OutboundMail.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        message_post(ticket=ticket, agent=agent_user, body="この返信は取り消されます")
        assert OutboundMail.objects.count() == before + 1  # written in the same transaction
        raise RuntimeError("the reply's transaction fails")
    assert OutboundMail.objects.count() == before


def test_replies_thread_to_the_customers_last_email(file_request, agent_user):
    first = intake(
        inbound=Inbound(
            channel="email",
            identity_value="taro@example.jp",
            subject="出金",
            body="出金が届きません",
            external_id="<first.1@mail.example.jp>",
        )
    )
    intake(
        inbound=Inbound(
            channel="email",
            identity_value="taro@example.jp",
            body="まだです",
            ticket=first.ticket,
            external_id="<second.2@mail.example.jp>",
        )
    )
    message_post(ticket=first.ticket, agent=agent_user, body="調査します")
    reply = OutboundMail.objects.filter(ticket=first.ticket).latest("id")
    assert reply.in_reply_to == "<second.2@mail.example.jp>"
    chain = reply.references.split()
    assert chain[0] == "<first.1@mail.example.jp>" and "<second.2@mail.example.jp>" in chain


@pytest.mark.parametrize(
    "value",
    ["<a@b>\r\nBcc: x@evil.example", "<a b@c>", "", "<>", "<" + "x" * 300 + "@c>"],
)
def test_forged_or_broken_message_ids_are_dropped(value):
    assert message_id_or_none(value) is None


def test_smtp_down_keeps_the_row_queued_with_backoff_then_sends_it_once():
    port = free_port()  # nothing listens here yet
    with smtp_settings(port):
        with transaction.atomic():
            row = mail_enqueue(to_address="hanako@example.jp", subject="件名", body_text="本文")
        # on commit the (immediate) task tried once and failed
        row.refresh_from_db()
        assert row.status == "queued" and row.attempts == 1 and row.last_error
        now = timezone.now()
        assert now + timedelta(seconds=40) < row.next_attempt_at < now + timedelta(seconds=80)
        with SmtpServer(port) as server:
            assert outbox_flush() == {}  # not due yet: no hammering of a recovering server
            assert outbox_flush(now=now + timedelta(minutes=2)) == {"sent": 1}
            assert outbox_flush(now=now + timedelta(hours=1)) == {}
        assert [r.message["Message-ID"] for r in server.received] == [row.message_id]
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 2 and row.sent_at


def test_backoff_grows_and_gives_up_after_the_last_attempt(monkeypatch):
    from madoguchi.mail import outbox

    monkeypatch.setattr(outbox, "MAX_ATTEMPTS", 3)
    with smtp_settings(free_port()):
        with transaction.atomic():
            row = mail_enqueue(to_address="hanako@example.jp", subject="s", body_text="b")
        waits = []
        now = timezone.now()
        for _ in range(2):
            row.refresh_from_db()
            waits.append(row.next_attempt_at - now)
            now = row.next_attempt_at + timedelta(seconds=1)
            outbox_send(mail_id=row.pk, now=now)
    row.refresh_from_db()
    assert waits[1] > waits[0]
    assert row.status == "failed" and row.attempts == 3


def test_two_concurrent_flushers_send_each_mail_once():
    with override_settings(TASKS=DATABASE_QUEUE), transaction.atomic():
        rows = [
            mail_enqueue(to_address=f"c{i}@example.jp", subject=f"s{i}", body_text="b")
            for i in range(6)
        ]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def flush() -> None:
        try:
            barrier.wait()
            outbox_flush()
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    with SmtpServer() as server, smtp_settings(server.port):
        threads = [threading.Thread(target=flush) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    received = sorted(r.message["Message-ID"] for r in server.received)
    assert received == sorted(row.message_id for row in rows)
    assert set(OutboundMail.objects.values_list("attempts", flat=True)) == {1}


def test_a_crashed_senders_row_is_taken_over_after_its_lease(smtp):
    with override_settings(TASKS=DATABASE_QUEUE), transaction.atomic():
        row = mail_enqueue(to_address="hanako@example.jp", subject="s", body_text="b")
    # a worker claimed it and died before sending
    OutboundMail.objects.filter(pk=row.pk).update(
        status="sending", attempts=1, next_attempt_at=timezone.now() + timedelta(minutes=15)
    )
    assert outbox_flush() == {}
    assert outbox_flush(now=timezone.now() + timedelta(minutes=16)) == {"sent": 1}
    assert [r.message["Message-ID"] for r in smtp.received] == [row.message_id]


def test_crlf_in_subject_and_reply_to_cannot_add_headers(smtp):
    with transaction.atomic():
        row = mail_enqueue(
            to_address="hanako@example.jp",
            subject="Hello\r\nBcc: evil@attacker.example\r\n\r\nfake body",
            body_text="本文",
            reply_to="r@madoguchi.example\nX-Injected: 1",
        )
    assert "\n" not in row.subject and "\r" not in row.subject
    (received,) = smtp.received
    message = received.message
    assert received.rcpt_tos == ["hanako@example.jp"]
    assert message["Bcc"] is None and message["X-Injected"] is None
    assert message["Subject"] == "Hello Bcc: evil@attacker.example fake body"
    assert message.get_content().strip() == "本文"


def test_header_safe_removes_every_line_break_kind():
    assert header_safe("a\u2028b\u0085c\x00d\re\nf") == "a b c d e f"


def test_japanese_subject_and_body_survive_the_trip(smtp):
    with transaction.atomic():
        mail_enqueue(
            to_address="hanako@example.jp",
            subject="[MDG-26-000001] お問い合わせを受け付けました",
            body_text="窓口取引所サポートです。\nご連絡ありがとうございます。",
        )
    (received,) = smtp.received
    # Django folds an encoded subject onto the next line; readers drop the leading space
    assert received.message["Subject"].strip() == "[MDG-26-000001] お問い合わせを受け付けました"
    assert "ご連絡ありがとうございます。" in received.message.get_content()


def test_a_bad_address_is_refused_before_anything_is_written():
    from madoguchi.mail.outbox import OutboxError

    with pytest.raises(OutboxError):
        mail_enqueue(to_address="x@y\r\nBcc: z@evil.example", subject="s", body_text="b")
    assert OutboundMail.objects.count() == 0


def test_with_the_database_queue_a_failure_schedules_its_own_retry():
    from django_tasks_db.models import DBTaskResult

    with smtp_settings(free_port()), override_settings(TASKS=DATABASE_QUEUE):
        with transaction.atomic():
            row = mail_enqueue(to_address="hanako@example.jp", subject="s", body_text="b")
        task_worker_run(batch=True)  # tries once: the server is down
    row.refresh_from_db()
    assert row.status == "queued" and row.attempts == 1
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.args_kwargs["kwargs"] == {"mail_id": row.pk}
    assert retry.run_after == row.next_attempt_at  # the worker leaves it until then
