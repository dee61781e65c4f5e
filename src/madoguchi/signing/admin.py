"""Verification codes in the admin: read-only (issued only with the message they sign)."""

from __future__ import annotations

from django.contrib import admin

from madoguchi.signing.models import VerificationCode
from madoguchi.tickets.admin import AppendOnlyAdmin


@admin.register(VerificationCode)
class VerificationCodeAdmin(AppendOnlyAdmin):
    list_display = ("code", "subject", "channel_list", "ticket", "key_id", "created_at")
    search_fields = ("code", "subject", "ticket__reference")
    readonly_fields = [f.name for f in VerificationCode._meta.fields]

    @admin.display(description="channels")
    def channel_list(self, obj: VerificationCode) -> str:
        return ", ".join(obj.channels or ())
