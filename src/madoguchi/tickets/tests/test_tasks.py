"""Customer e-mails go through the database task queue: stored with the commit, sent by a worker."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from madoguchi.desk.server import task_worker_run

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_acknowledgement_waits_in_the_queue_until_a_worker_sends_it(file_request):
    from django_tasks_db.models import DBTaskResult

    from madoguchi.mail.models import OutboundMail

    ticket = file_request().ticket
    assert mail.outbox == []  # the request did not wait for the mail server
    row = OutboundMail.objects.get(ticket=ticket)  # written with the ticket, not by the worker
    queued = DBTaskResult.objects.get(task_path="madoguchi.mail.tasks.outbox_send")
    assert queued.status == "READY" and queued.args_kwargs["kwargs"]["mail_id"] == row.pk
    task_worker_run(batch=True)
    assert len(mail.outbox) == 1 and ticket.reference in mail.outbox[0].subject
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id
    # the worker also ran the outboxes' start-up sweeps; every task succeeded
    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL"
    mail_tasks = DBTaskResult.objects.exclude(task_path__startswith="madoguchi.transparency.")
    assert set(mail_tasks.values_list("status", flat=True)) == {"SUCCESSFUL"}
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 1


@override_settings(TASKS=DATABASE_QUEUE)
def test_nothing_is_queued_when_the_intake_fails(file_request):
    from django_tasks_db.models import DBTaskResult

    from madoguchi.tickets.intake import IntakeError

    with pytest.raises(IntakeError):
        file_request(email="not an e-mail")
    assert DBTaskResult.objects.count() == 0
