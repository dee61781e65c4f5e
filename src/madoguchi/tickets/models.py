"""Tickets, their messages and their events (the audit trail, written with every change)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.customers.models import Customer


def _public_id() -> str:
    return secrets.token_urlsafe(16)  # 128 bits: what a customer's URLs carry, never the pk


def ledger_salt() -> str:
    """A ticket's transparency-log salt: its events' leaves are hashes salted with it."""
    return secrets.token_hex(32)


class PriorityRank(models.Func):
    """A ticket's priority as a sort key: 0 urgent, 1 high, 2 normal, 3 low.

    The values are written into the SQL rather than bound as parameters: SQLite matches an
    ORDER BY to an index on an expression only when both read the same, literals included
    (``ticket_priority_rank`` below), and PostgreSQL is fine either way.
    """

    template = (
        "CASE %(expressions)s WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 "
        "ELSE 3 END"
    )
    output_field = models.IntegerField()

    def __init__(self) -> None:
        super().__init__(models.F("priority"))


class Ticket(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        PENDING = "pending", _("Pending (waiting for the customer)")
        ON_HOLD = "on_hold", _("On hold")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    class Priority(models.TextChoices):
        URGENT = "urgent", _("Urgent")
        HIGH = "high", _("High")
        NORMAL = "normal", _("Normal")
        LOW = "low", _("Low")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        API = "api", _("API")
        EMAIL = "email", _("E-mail")
        CHAT = "chat", _("Chat")
        SOCIAL = "social", _("Social")
        PHONE = "phone", _("Phone")

    reference = models.CharField(max_length=32, unique=True, null=True, editable=False)
    public_id = models.CharField(max_length=32, unique=True, default=_public_id, editable=False)
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    priority = models.CharField(max_length=16, choices=Priority.choices, default=Priority.NORMAL)
    intent = models.CharField(max_length=64, blank=True, db_index=True)
    language = models.CharField(max_length=8, default="ja")
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.WEB)
    requester = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="tickets")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    team = models.ForeignKey(
        "agents.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    #: the intent's checklist facts: {slot: {"text", "value", "valid", "chain", "problems"}}
    facts = models.JSONField(default=dict, blank=True)
    #: a secret was redacted from this ticket: agents see a banner, the customer was warned
    secret_exposed = models.BooleanField(default=False)
    #: the salt of this ticket's leaves in the transparency log (madoguchi.transparency): a
    #: leaf is a salted hash of the event's canonical record, so the public log reveals nothing
    ledger_salt = models.CharField(max_length=64, default=ledger_salt, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    solved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="ticket_status_updated"),
            models.Index(fields=["assignee", "status"], name="ticket_assignee_status"),
            models.Index(fields=["priority", "-updated_at"], name="ticket_priority_updated"),
            # the inbox sorted by priority: read in order, stop after one page (no sort of every
            # open ticket)
            models.Index(
                PriorityRank(),
                models.F("updated_at").desc(),
                models.F("id").desc(),
                name="ticket_priority_rank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.SOLVED, self.Status.CLOSED)


class Message(models.Model):
    class Author(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        AGENT = "agent", _("Agent")
        ASSISTANT = "assistant", _("Assistant")
        SYSTEM = "system", _("System")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public reply")
        INTERNAL = "internal", _("Internal note")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=16, choices=Author.choices)
    author_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    #: the text as redacted by the analysis core; the raw text is never stored
    body = models.TextField()
    language = models.CharField(max_length=8, blank=True)
    #: analysis results: entities, findings, and secrets as kinds and spans only
    analysis = models.JSONField(default=dict, blank=True)
    channel = models.CharField(
        max_length=16, choices=Ticket.Channel.choices, default=Ticket.Channel.WEB
    )
    external_id = models.CharField(max_length=255, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                name="unique_channel_external_id",
                condition=models.Q(external_id__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}:{self.author_kind}:{self.pk}"


class Event(models.Model):
    """One change to a ticket, with who made it and when; written in the change's transaction."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        MESSAGE = "message", _("message")
        NOTE = "note", _("internal note")
        STATUS = "status", _("status changed")
        PRIORITY = "priority", _("priority changed")
        ASSIGNMENT = "assignment", _("assignee changed")
        TEAM = "team", _("team changed")
        INTENT = "intent", _("intent changed")
        SECRET_REDACTED = "secret_redacted", _("secret redacted")
        VIEWED = "viewed", _("viewed")
        GUARD_OVERRIDE = "guard_override", _("never-ask guard overridden")

    class Actor(models.TextChoices):
        CUSTOMER = "customer", _("customer")
        AGENT = "agent", _("agent")
        SYSTEM = "system", _("system")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    actor_kind = models.CharField(max_length=16, choices=Actor.choices)
    actor_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
