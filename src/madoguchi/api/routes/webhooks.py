"""``/webhooks``: manage the endpoints that receive ticket events (scope ``webhooks:manage``)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from madoguchi.api.auth import require_scope
from madoguchi.api.errors import COMMON, ApiError, errors
from madoguchi.api.idempotency import idempotent
from madoguchi.api.models import WebhookDelivery, WebhookEndpoint
from madoguchi.api.pagination import page
from madoguchi.api.schemas import (
    DeliveryPage,
    PageQuery,
    WebhookCreatedOut,
    WebhookIn,
    WebhookList,
    WebhookOut,
    WebhookPatch,
)
from madoguchi.api.webhooks.endpoints import (
    WebhookEndpointError,
    webhook_endpoint_create,
    webhook_endpoint_update,
)

router = Router(tags=["webhooks"])


def _out(endpoint: WebhookEndpoint) -> dict:
    return {
        "id": endpoint.pk,
        "url": endpoint.url,
        "events": list(endpoint.events),
        "description": endpoint.description,
        "active": endpoint.active,
        "created_at": endpoint.created_at,
    }


def _endpoint(webhook_id: int) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.filter(pk=webhook_id).first()
    if endpoint is None:
        raise ApiError(404, "not found")
    return endpoint


@router.get("/webhooks", response={200: WebhookList, **errors(*COMMON)})
def list_webhooks(request: HttpRequest):
    require_scope(request, "webhooks:manage")
    return {"items": [_out(e) for e in WebhookEndpoint.objects.order_by("id")[:200]]}


@router.post("/webhooks", response={201: WebhookCreatedOut, **errors(*COMMON, 409)})
def create_webhook(request: HttpRequest, payload: WebhookIn):
    """Subscribe a URL; the answer carries the signing secret, shown this once."""
    require_scope(request, "webhooks:manage")

    def create() -> tuple[int, dict]:
        try:
            endpoint = webhook_endpoint_create(
                url=payload.url,
                events=payload.events,
                description=payload.description,
                active=payload.active,
            )
        except WebhookEndpointError as exc:
            raise ApiError(422, str(exc), field=exc.field) from exc
        return 201, {**_out(endpoint), "secret": endpoint.secret}

    return idempotent(request, WebhookCreatedOut, create)


@router.get("/webhooks/{webhook_id}", response={200: WebhookOut, **errors(*COMMON, 404)})
def get_webhook(request: HttpRequest, webhook_id: int):
    require_scope(request, "webhooks:manage")
    return _out(_endpoint(webhook_id))


@router.patch("/webhooks/{webhook_id}", response={200: WebhookOut, **errors(*COMMON, 404)})
def update_webhook(request: HttpRequest, webhook_id: int, payload: WebhookPatch):
    require_scope(request, "webhooks:manage")
    endpoint = _endpoint(webhook_id)
    try:
        webhook_endpoint_update(
            endpoint=endpoint,
            url=payload.url,
            events=payload.events,
            description=payload.description,
            active=payload.active,
        )
    except WebhookEndpointError as exc:
        raise ApiError(422, str(exc), field=exc.field) from exc
    return _out(endpoint)


@router.delete("/webhooks/{webhook_id}", response={204: None, **errors(*COMMON, 404)})
def delete_webhook(request: HttpRequest, webhook_id: int):
    require_scope(request, "webhooks:manage")
    _endpoint(webhook_id).delete()
    return Status(204, None)


@router.get(
    "/webhooks/{webhook_id}/deliveries", response={200: DeliveryPage, **errors(*COMMON, 404)}
)
def list_deliveries(request: HttpRequest, webhook_id: int, filters: Query[PageQuery]):
    """Recent deliveries to this endpoint, newest first (status, attempts, last error)."""
    require_scope(request, "webhooks:manage")
    qs = WebhookDelivery.objects.filter(endpoint=_endpoint(webhook_id))
    rows, cursor = page(qs, cursor=filters.cursor, limit=filters.limit)
    items = [
        {
            "id": str(d.delivery_id),
            "event_type": d.event_type,
            "status": d.status,
            "attempts": d.attempts,
            "response_status": d.response_status,
            "last_error": d.last_error,
            "created_at": d.created_at,
            "delivered_at": d.delivered_at,
            "next_attempt_at": d.next_attempt_at,
        }
        for d in rows
    ]
    return {"items": items, "next_cursor": cursor}
