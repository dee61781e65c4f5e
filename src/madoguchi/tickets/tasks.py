"""Background work for tickets: adapters that fetch by id and call the notification.

Enqueued on commit by the services; run by the database queue's worker (``madoguchi worker``,
or the one ``madoguchi serve`` starts), so a slow or failing mail server never slows or fails
the request that stored the message. Idempotent enough to retry: each run mails a fresh link.
"""

from __future__ import annotations

from django_tasks import task

from madoguchi.tickets import notifications


@task()
def customer_message_received(ticket_id: int, created: bool) -> None:
    notifications.customer_message_received(ticket_id=ticket_id, created=created)


@task()
def agent_replied(ticket_id: int) -> None:
    notifications.agent_replied(ticket_id=ticket_id)
