"""Operators can read the platform outbox (failed rows with the platform's answer) and the
phone records; nothing here sends or edits messages."""

from django.contrib import admin

from madoguchi.social.models import (
    CallbackRequest,
    CallLog,
    InboundEvent,
    OutboundSocial,
    SocialContact,
)


@admin.register(OutboundSocial)
class OutboundSocialAdmin(admin.ModelAdmin):
    list_display = ("id", "contact", "status", "attempts", "next_attempt_at", "created_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in OutboundSocial._meta.fields]


@admin.register(SocialContact)
class SocialContactAdmin(admin.ModelAdmin):
    list_display = ("id", "platform", "customer", "language", "created_at")
    list_filter = ("platform",)
    readonly_fields = [f.name for f in SocialContact._meta.fields]


@admin.register(InboundEvent)
class InboundEventAdmin(admin.ModelAdmin):
    list_display = ("platform", "event_id", "received_at")
    readonly_fields = [f.name for f in InboundEvent._meta.fields]


@admin.register(CallbackRequest)
class CallbackRequestAdmin(admin.ModelAdmin):
    list_display = ("id", "ticket", "phone", "status", "preferred_window", "created_at")
    list_filter = ("status",)


@admin.register(CallLog)
class CallLogAdmin(admin.ModelAdmin):
    list_display = ("id", "ticket", "agent", "direction", "started_at", "duration_seconds")
    readonly_fields = ("summary",)
