"""Create and change webhook endpoints (the API and the admin both come here)."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from madoguchi.api.models import WebhookEndpoint
from madoguchi.api.webhooks.deliveries import allow_private, event_type
from madoguchi.api.webhooks.transport import WebhookTargetRefused, address_refused, url_check
from madoguchi.tickets.models import Event

#: what an endpoint can subscribe to: one type per ticket event kind, or "*"
EVENT_TYPES = tuple(event_type(kind) for kind in Event.Kind.values)


class WebhookEndpointError(Exception):
    """The endpoint cannot be saved as asked; ``field`` names the culprit."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def webhook_url_check(url: str) -> str:
    """``url`` if webhooks may be sent to it (checked again, after DNS, at every delivery)."""
    try:
        _scheme, host, _port, _path = url_check(url)
    except WebhookTargetRefused as exc:
        raise WebhookEndpointError(str(exc), field="url") from exc
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None and not allow_private() and address_refused(str(literal)):
        raise WebhookEndpointError("the URL points at a non-public address", field="url")
    if host.lower() in ("localhost", "localhost.localdomain") and not allow_private():
        raise WebhookEndpointError("the URL points at this machine", field="url")
    return url


def webhook_events_check(events: Sequence[str]) -> list[str]:
    unknown = [e for e in events if e != "*" and e not in EVENT_TYPES]
    if unknown:
        raise WebhookEndpointError(
            f"unknown event type {unknown[0][:60]!r}; use one of {', '.join(EVENT_TYPES)} or *",
            field="events",
        )
    return sorted(set(events))


def webhook_endpoint_create(
    *, url: str, events: Sequence[str], description: str = "", active: bool = True
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(
        url=webhook_url_check(url),
        events=webhook_events_check(events),
        description=description.strip(),
        active=active,
    )
    endpoint.save()
    return endpoint


def webhook_endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    url: str | None = None,
    events: Sequence[str] | None = None,
    description: str | None = None,
    active: bool | None = None,
) -> WebhookEndpoint:
    """Change the given fields (None leaves a field as it is)."""
    if url is not None:
        endpoint.url = webhook_url_check(url)
    if events is not None:
        endpoint.events = webhook_events_check(events)
    if description is not None:
        endpoint.description = description.strip()
    if active is not None:
        endpoint.active = active
    endpoint.save()
    return endpoint
