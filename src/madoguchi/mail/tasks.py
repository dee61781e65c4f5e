"""Background work for outgoing mail: adapters that call the outbox (``madoguchi.mail.outbox``).

``outbox_send`` is enqueued on commit for each new row, and again (deferred) after a failure;
``outbox_flush`` is the sweep that sends whatever is due, for rows whose task was lost (a
worker that was down, a queue that does not support deferred tasks). Both are idempotent: the
row is claimed before it is sent, so running them twice sends nothing twice.
"""

from __future__ import annotations

from django_tasks import task

from madoguchi.mail import outbox


@task()
def outbox_send(mail_id: int) -> str:
    return outbox.outbox_send(mail_id=mail_id)


@task()
def outbox_flush() -> dict[str, int]:
    return outbox.outbox_flush()
