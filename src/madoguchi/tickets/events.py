"""Recording what happened to a ticket: the one service every ticket event is written through.

An event is the desk's record of a change (a message, a status, an assignment, a view). Writing
it here, inside the caller's transaction, is also where what hangs off an event happens in the
same transaction: the transparency log's entry (``madoguchi.transparency``) and the signed
webhook deliveries for integrations (``madoguchi.api.webhooks``).
So no writer can forget them, and a rolled-back change leaves no delivery behind.
"""

from __future__ import annotations

from typing import Any

from madoguchi.tickets.models import Event


def event_record(**fields: Any) -> Event:
    """Create one :class:`Event` (same fields as the model), commit to it in the transparency
    log (a pending entry, same transaction) and fan it out to webhooks."""
    from madoguchi.api.webhooks.deliveries import webhook_event_enqueue
    from madoguchi.transparency.services import entry_append

    event = Event.objects.create(**fields)
    entry_append(event=event)
    webhook_event_enqueue(event)
    return event
