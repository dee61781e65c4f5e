"""Admin for mail: parked mail (an agent resolves it), inbound headers, attachments, outbox.

Parked mail is read-only except its ``resolved`` flag; the raw bytes are shown only as a
redacted, escaped text preview with their size and sha256 (never rendered as HTML).
"""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.mail.models import InboundMail, MailAttachment, OutboundMail, ParkedMail
from madoguchi.mailparse import MailParseError, parse
from madoguchi.tickets.intake import screen

_PREVIEW = 2000


@admin.register(ParkedMail)
class ParkedMailAdmin(admin.ModelAdmin):
    list_display = ("received_at", "reason", "from_address", "subject", "source", "resolved")
    list_filter = ("resolved", "reason", "source")
    search_fields = ("from_address", "subject", "sha256")
    fields = (
        "received_at",
        "reason",
        "detail",
        "source",
        "envelope_to",
        "from_address",
        "subject",
        "ticket",
        "sha256",
        "size",
        "preview",
        "resolved",
        "resolved_at",
    )
    readonly_fields = tuple(f for f in fields if f != "resolved")
    actions = ("mark_resolved",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("size (bytes)"))
    def size(self, obj: ParkedMail) -> int:
        return len(obj.raw or b"")

    @admin.display(description=_("preview (secrets redacted)"))
    def preview(self, obj: ParkedMail) -> str:
        # escaped text (never HTML), through the secret shield: a parked mail is raw, and a
        # recovery phrase in it must not be read off the admin page. The decoded text when the
        # mail can be read (Japanese mail is base64 or ISO-2022-JP on the wire), else raw bytes.
        raw = bytes(obj.raw or b"")
        try:
            mail = parse(raw)
            text = f"From: {mail.from_}\nSubject: {mail.subject}\n\n{mail.text[:_PREVIEW]}"
        except MailParseError:
            text = raw[:_PREVIEW].decode("utf-8", "replace")
        return screen(text).redacted

    def save_model(self, request, obj: ParkedMail, form, change) -> None:
        if obj.resolved and obj.resolved_at is None:
            obj.resolved_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark as resolved"))
    def mark_resolved(self, request, queryset) -> None:
        queryset.filter(resolved=False).update(resolved=True, resolved_at=timezone.now())


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InboundMail)
class InboundMailAdmin(_ReadOnly):
    list_display = ("received_at", "from_address", "message_id", "threaded_by", "automated")
    list_filter = ("threaded_by", "automated", "source")
    search_fields = ("from_address", "message_id")


@admin.register(MailAttachment)
class MailAttachmentAdmin(_ReadOnly):
    list_display = ("filename", "content_type", "size", "stored", "withheld")
    search_fields = ("filename", "sha256")


@admin.register(OutboundMail)
class OutboundMailAdmin(_ReadOnly):
    list_display = ("created_at", "to_address", "subject", "status", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("to_address", "message_id")
