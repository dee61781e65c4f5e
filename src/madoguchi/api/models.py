"""API keys with scopes, idempotency records, and outgoing webhooks (endpoints, deliveries)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: What a key may do; a request needs the scope its endpoint names (docs/api.md).
SCOPES = (
    "tickets:read",
    "tickets:write",
    "customers:read",
    "articles:read",
    "webhooks:manage",
    "phone:write",
    "phone:read",
)
#: Keys made before scopes existed could file and read requests: they keep exactly that.
LEGACY_SCOPES = ["tickets:read", "tickets:write"]


def _default_scopes() -> list[str]:
    return list(LEGACY_SCOPES)


class ApiKey(models.Model):
    name = models.CharField(max_length=80)
    #: the first characters of the key, shown in the admin so a key can be recognised
    prefix = models.CharField(max_length=16, unique=True)
    #: SHA-256 of the whole key; the key itself is shown once, at creation, and never stored
    key_hash = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(default=True)
    scopes = models.JSONField(default=_default_scopes, blank=True)
    #: the agent an integration acts as when it changes tickets or replies (the audit trail
    #: names this user); without one the key can file requests for customers but not act
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="api_keys",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or ())


class IdempotencyRecord(models.Model):
    """The first response to a create with an ``Idempotency-Key``, replayed for 24 hours."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    #: SHA-256 of method, path and body: the same key with another request is refused
    fingerprint = models.CharField(max_length=64)
    #: None while the first request is still running (a concurrent retry gets a 409)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["api_key", "key"], name="unique_idempotency_key")
        ]


def _webhook_secret() -> str:
    import secrets

    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A URL that receives signed ticket events (``Madoguchi-Signature``, docs/api.md)."""

    url = models.CharField(_("URL"), max_length=2000)
    #: the HMAC key; shown once when the endpoint is created through the API
    secret = models.CharField(max_length=100, default=_webhook_secret)
    #: event types ("ticket.created", "ticket.message", ...) or ["*"] for all but views
    events = models.JSONField(default=list)
    active = models.BooleanField(_("active"), default=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook endpoint")

    def __str__(self) -> str:
        return self.url

    def wants(self, event_type: str) -> bool:
        if event_type in self.events:
            return True
        return "*" in self.events and event_type != "ticket.viewed"


class WebhookDelivery(models.Model):
    """One event for one endpoint: written with the event, sent by the task queue with retries."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    #: receivers deduplicate on this (sent as ``Madoguchi-Delivery``); retries keep it
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        "tickets.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event_type = models.CharField(max_length=40)
    #: the exact JSON bytes signed and sent, fixed when the event happens
    payload = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint_id} ({self.status})"
