"""Background work for platform messages: adapters that call ``madoguchi.social.outbox``.

Both are idempotent: a row is claimed before it is sent, so running them twice sends nothing
twice.
"""

from __future__ import annotations

from django_tasks import task

from madoguchi.social import outbox


@task()
def social_outbox_send(outbound_id: int) -> str:
    return outbox.social_outbox_send(outbound_id=outbound_id)


@task()
def social_outbox_flush() -> dict[str, int]:
    return outbox.social_outbox_flush()
