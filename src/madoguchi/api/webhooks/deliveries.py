"""Webhook deliveries: one row per (event, endpoint), written in the event's transaction.

``webhook_event_enqueue()`` runs when a ticket :class:`~madoguchi.tickets.models.Event` is
saved (``api/apps.py`` connects it), so the delivery commits or rolls back with the change.
After commit a task sends it; failures are retried with exponential backoff (a receiver's
``Retry-After`` is honoured), and ``webhook_flush()`` sends whatever is due. A delivery is
claimed with a conditional UPDATE before it is sent, so two workers never both send it; each
carries a stable ``Madoguchi-Delivery`` id for the receiver to drop the rare duplicate (a crash
after the receiver answered and before the row was marked delivered).
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from madoguchi.api.models import WebhookDelivery, WebhookEndpoint
from madoguchi.api.webhooks.signing import signature_header
from madoguchi.api.webhooks.transport import (
    WebhookTargetRefused,
    WebhookTransportError,
    webhook_post,
)

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # longer than the HTTP timeout times the redirects
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=6)
MAX_ATTEMPTS = 12
#: the longest Retry-After honoured (a receiver cannot park a delivery for a year)
MAX_RETRY_AFTER = timedelta(hours=6)
USER_AGENT = "madoguchi-webhooks/1"


def allow_private() -> bool:
    """``WEBHOOK_ALLOW_PRIVATE`` (env ``MADOGUCHI_WEBHOOK_ALLOW_PRIVATE=1``): tests, intranets."""
    value = getattr(settings, "WEBHOOK_ALLOW_PRIVATE", None)
    if value is None:
        return os.environ.get("MADOGUCHI_WEBHOOK_ALLOW_PRIVATE") == "1"
    return bool(value)


def event_type(kind: str) -> str:
    return f"ticket.{kind}"


def _payload(event) -> str:
    """The JSON sent for ``event``: the ticket as of this event, never message text."""
    ticket = event.ticket
    snapshot = {
        "reference": ticket.reference,
        "subject": ticket.subject,
        "status": ticket.status,
        "priority": ticket.priority,
        "intent": ticket.intent,
        "language": ticket.language,
        "channel": ticket.channel,
        "assignee_id": ticket.assignee_id,
        "team_id": ticket.team_id,
        "secret_exposed": ticket.secret_exposed,
    }
    data = event.data if isinstance(event.data, dict) else {}
    # the services write the event before they change the field: apply the change here
    overlay = {"status": "status", "priority": "priority", "assignment": "assignee_id"}
    if event.kind in overlay and "to" in data:
        snapshot[overlay[event.kind]] = data["to"]
    if event.kind == "team" and "to" in data:
        snapshot["team_id"] = data["to"]
    document = {
        "type": event_type(event.kind),
        "event_id": event.pk,
        "created_at": (event.created_at or timezone.now()).isoformat(),
        "actor": {"kind": event.actor_kind, "agent_id": event.actor_agent_id},
        "ticket": snapshot,
        "data": data,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def webhook_event_enqueue(event) -> list[WebhookDelivery]:
    """Write a delivery for each active endpoint that wants ``event`` (caller's transaction)."""
    kind = event_type(event.kind)
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(kind)]
    if not endpoints:
        return []
    payload = _payload(event)
    now = timezone.now()
    rows = [
        WebhookDelivery.objects.create(
            endpoint=endpoint, event=event, event_type=kind, payload=payload, next_attempt_at=now
        )
        for endpoint in endpoints
    ]
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: [_schedule(pk) for pk in ids], robust=True)
    return rows


def _schedule(delivery_id: int, run_after: datetime | None = None) -> None:
    from madoguchi.api import tasks

    task = tasks.webhook_send
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # webhook_flush() sends it when it is due
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id=delivery_id)


def backoff(attempts: int) -> timedelta:
    base = min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)
    return base * random.uniform(0.8, 1.2)  # jitter, not a secret


def _retry_after(value: str | None) -> timedelta | None:
    if value and value.strip().isdigit():
        return min(timedelta(seconds=int(value.strip())), MAX_RETRY_AFTER)
    return None


def _due(now: datetime) -> Q:
    return Q(status="queued", next_attempt_at__lte=now) | Q(
        status="sending", next_attempt_at__lt=now
    )


def webhook_send(*, delivery_id: int, now: datetime | None = None) -> str:
    """Send one delivery if it is due and unclaimed; returns its status afterwards."""
    now = now or timezone.now()
    paused = WebhookDelivery.objects.filter(pk=delivery_id, endpoint__active=False).exists()
    # The claim filters on the row's own columns only: with a join, Django writes
    # "WHERE id IN (SELECT ...)", which PostgreSQL does not re-check against a row another
    # transaction has just claimed, and both claims would succeed.
    claimed = (
        0
        if paused
        else WebhookDelivery.objects.filter(_due(now), pk=delivery_id).update(
            status="sending", attempts=F("attempts") + 1, next_attempt_at=now + LEASE
        )
    )
    if not claimed:
        row = WebhookDelivery.objects.filter(pk=delivery_id).only("status").first()
        return row.status if row else "missing"
    row = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    body = row.payload.encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Madoguchi-Event": row.event_type,
        "Madoguchi-Delivery": str(row.delivery_id),
        "Madoguchi-Signature": signature_header(
            row.endpoint.secret, body, timestamp=int(time.time())
        ),
    }
    try:
        response = webhook_post(row.endpoint.url, body, headers, allow_private=allow_private())
    except WebhookTargetRefused as exc:
        return _finish(row, "failed", f"refused: {exc}", None)
    except WebhookTransportError as exc:
        return _retry(row, now, str(exc), None, None)
    if 200 <= response.status < 300:
        return _finish(row, "delivered", "", response.status)
    error = f"HTTP {response.status}"
    return _retry(row, now, error, response.status, _retry_after(response.retry_after))


def _finish(row: WebhookDelivery, status: str, error: str, code: int | None) -> str:
    WebhookDelivery.objects.filter(pk=row.pk, status="sending").update(
        status=status,
        last_error=error[:500],
        response_status=code,
        delivered_at=timezone.now() if status == "delivered" else None,
    )
    if status == "failed":
        log.error("webhook delivery=%s failed for good: %s", row.pk, error)
    return status


def _retry(
    row: WebhookDelivery, now: datetime, error: str, code: int | None, wait: timedelta | None
) -> str:
    if row.attempts >= MAX_ATTEMPTS:
        return _finish(row, "failed", error, code)
    retry_at = now + max(backoff(row.attempts), wait or timedelta(0))
    WebhookDelivery.objects.filter(pk=row.pk, status="sending").update(
        status="queued", last_error=error[:500], response_status=code, next_attempt_at=retry_at
    )
    log.warning(
        "webhook delivery=%s attempt %s: %s; retry at %s", row.pk, row.attempts, error, retry_at
    )
    _schedule(row.pk, run_after=retry_at)
    return "queued"


def webhook_flush(*, now: datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send every due delivery (the periodic sweep); counts by resulting status."""
    now = now or timezone.now()
    ids = list(
        WebhookDelivery.objects.filter(_due(now), endpoint__active=True)
        .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    )  # fmt: skip
    counts: dict[str, int] = {}
    for delivery_id in ids:
        status = webhook_send(delivery_id=delivery_id, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts
