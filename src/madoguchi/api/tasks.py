"""Background work for the API: webhook deliveries (adapters around ``api.webhooks``)."""

from __future__ import annotations

from django_tasks import task

from madoguchi.api.webhooks import deliveries


@task()
def webhook_send(delivery_id: int) -> str:
    return deliveries.webhook_send(delivery_id=delivery_id)


@task()
def webhook_flush() -> dict[str, int]:
    return deliveries.webhook_flush()
