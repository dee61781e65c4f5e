"""Platform users, processed webhook events, the outbox of platform messages, and the phone:
call-back requests and call logs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.conversations.models import Conversation
from madoguchi.customers.models import Customer
from madoguchi.tickets.models import Message, Ticket


class Platform(models.TextChoices):
    LINE = "line", "LINE"
    TELEGRAM = "telegram", "Telegram"


class SocialContact(models.Model):
    """One platform user (a LINE userId, a Telegram chat) and their open conversation."""

    platform = models.CharField(max_length=16, choices=Platform.choices)
    #: the platform's id for the chat: LINE userId, Telegram chat id
    external_user = models.CharField(max_length=64)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, default="ja")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "external_user"], name="unique_social_contact"
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.external_user}"

    @property
    def identity_value(self) -> str:
        """The customer's contact identity (kind "social"): ``line:<userId>``."""
        return f"{self.platform}:{self.external_user}"


class InboundEvent(models.Model):
    """A webhook event already taken: a redelivery of the same id is answered and dropped."""

    platform = models.CharField(max_length=16, choices=Platform.choices)
    event_id = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "event_id"], name="unique_inbound_event")
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.event_id}"


class OutboundSocial(models.Model):
    """One call to a platform's send API, written in the transaction that decides to send it.

    Sent after commit by a task; kept queued with backoff while the platform is down or says
    429; ``failed`` with the error for a refusal (4xx other than 429).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    contact = models.ForeignKey(SocialContact, on_delete=models.CASCADE, related_name="outbox")
    #: the texts to send in one call (LINE: up to 5 message objects; Telegram: one)
    texts = models.JSONField(default=list)
    #: LINE only: the webhook's reply token, tried first while fresh (else the push API)
    reply_token = models.CharField(max_length=255, blank=True)
    #: LINE push: X-Line-Retry-Key, so a retried push is delivered once
    retry_key = models.UUIDField(default=uuid.uuid4, editable=False)
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: the agent reply this row delivers (one row per reply and contact)
    ticket_message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket_message", "contact"],
                name="unique_social_agent_reply",
                condition=models.Q(ticket_message__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"outbound {self.pk} to {self.contact_id} ({self.status})"


class CallbackRequest(models.Model):
    """A customer asked to be called back (urgent requests are offered it first)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.CASCADE, related_name="callbacks"
    )
    #: E.164
    phone = models.CharField(_("phone number"), max_length=20)
    #: the customer's preferred window, free text ("weekdays after 18:00"); empty: as soon as
    #: possible
    preferred_window = models.CharField(_("preferred time"), max_length=120, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"call-back {self.pk} ({self.status})"


class CallLog(models.Model):
    """A call an agent made or took about a ticket."""

    class Direction(models.TextChoices):
        OUTBOUND = "outbound", _("Outbound (we called)")
        INBOUND = "inbound", _("Inbound (the customer called)")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="calls")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    callback = models.ForeignKey(
        CallbackRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="calls"
    )
    started_at = models.DateTimeField(_("time of the call"))
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"))
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    #: redacted like every stored text
    summary = models.TextField(_("summary"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"call {self.pk} on {self.ticket_id}"
