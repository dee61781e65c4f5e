"""Mail the desk keeps: parked inbound mail, attachment metadata, and the outbox.

Inbound mail itself becomes a ticket message through intake (redacted, never stored raw); the
raw bytes are kept only when a message cannot be parsed or routed (``ParkedMail``), so an agent
can decide what to do with it instead of it being lost.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.tickets.models import Message, Ticket


class ParkedMail(models.Model):
    """Inbound mail that could not be parsed or routed: kept raw for an agent, never dropped."""

    class Reason(models.TextChoices):
        UNPARSEABLE = "unparseable", _("Could not be parsed")
        TOO_LARGE = "too_large", _("Too large")
        AUTOMATED = "automated", _("Automated mail (bounce, auto-reply, list) not in a thread")
        LOOP = "loop", _("Mail loop")
        REJECTED = "rejected", _("Refused by intake")
        ERROR = "error", _("Processing error")

    raw = models.BinaryField(_("raw message"))
    #: sha256 of ``raw``: the same mail delivered twice is parked once
    sha256 = models.CharField(max_length=64, db_index=True)
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    detail = models.TextField(_("detail"), blank=True)
    source = models.CharField(_("source"), max_length=16)
    envelope_to = models.JSONField(default=list, blank=True)
    #: what could be read of it, for the admin list (sanitised single lines)
    from_address = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="parked_mail"
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("parked mail")
        verbose_name_plural = _("parked mail")

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.subject or self.sha256[:12]}"


class InboundMail(models.Model):
    """The mail headers behind a ticket message that arrived by e-mail.

    Outbound replies thread to ``message_id`` (In-Reply-To); agents see who sent it and how it
    was classified. The body itself is the message's (redacted) text.
    """

    ticket_message = models.OneToOneField(
        Message, on_delete=models.CASCADE, related_name="inbound_mail"
    )
    #: the Message-ID header as sent (``<...>``), empty when the mail had none
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    from_address = models.CharField(max_length=254)
    #: how it was threaded: "token", "references" or "" (a new ticket)
    threaded_by = models.CharField(max_length=16, blank=True)
    #: automated mail (auto-reply, bounce, list): never acknowledged
    automated = models.BooleanField(default=False)
    #: what an agent should know: e.g. a reply token of another customer's ticket was ignored
    note = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=16)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.message_id or f"inbound mail {self.pk}"


class MailAttachment(models.Model):
    """An attachment of an inbound mail: metadata always, the bytes in the data dir if kept.

    Bytes are content-addressed (``<data dir>/mail-attachments/<sha256>``) and kept only below
    the size cap; a text attachment in which the secret shield finds a secret is not kept.
    """

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=127)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    #: True when the bytes are in the data dir; else why not in ``withheld``
    stored = models.BooleanField(default=False)
    withheld = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.size} B)"


class OutboundMail(models.Model):
    """One outgoing e-mail, written in the transaction that caused it and sent after commit.

    Owned by the outbound services (``madoguchi.mail.outbox``); inbound threading reads
    ``message_id`` to recognise replies to mail the desk sent.

    Naming: ``message_id`` is the RFC 5322 Message-ID header value (``<...@domain>``), so the
    foreign key to the ticket message is ``ticket_message`` (a key named ``message`` would
    make Django's ``message_id`` attribute clash with it).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="outbound_mail"
    )
    ticket_message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="outbound_mail"
    )
    to_address = models.CharField(max_length=254)
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    message_id = models.CharField(max_length=255, unique=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbound_due")]
        verbose_name = _("outbound mail")
        verbose_name_plural = _("outbound mail")

    def __str__(self) -> str:
        return f"{self.message_id} → {self.to_address} ({self.status})"
