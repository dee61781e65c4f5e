"""A conversation with the assistant and its turns; the state machine's state is one JSON column.

Turn texts are stored redacted (screened by the same code as intake); a conversation that was
handed off points at its ticket, where agents answer.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.customers.models import Customer
from madoguchi.tickets.models import Ticket


def _public_id() -> str:
    return secrets.token_urlsafe(16)  # 128 bits: what the browser session holds, never the pk


class Conversation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HANDED_OFF = "handed_off", _("Handed off")
        CLOSED = "closed", _("Closed")

    public_id = models.CharField(max_length=32, unique=True, default=_public_id, editable=False)
    channel = models.CharField(max_length=16, default="chat")  # "chat" (portal), "terminal"
    language = models.CharField(max_length=8, default="ja")
    #: the dialogue's State.as_dict()
    state = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="conversations"
    )
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="conversations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"conversation {self.pk} ({self.status})"


class Turn(models.Model):
    class Role(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        ASSISTANT = "assistant", _("Assistant")
        AGENT = "agent", _("Agent")
        SYSTEM = "system", _("System")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="turns")
    role = models.CharField(max_length=16, choices=Role.choices)
    #: redacted: the raw customer text is never stored
    text = models.TextField(blank=True)
    #: the dialogue's actions (assistant turns) or the screening result (customer turns)
    actions = models.JSONField(default=list, blank=True)
    client_message_id = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "client_message_id"],
                name="unique_turn_client_message",
                condition=models.Q(client_message_id__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}:{self.role}:{self.pk}"
