"""Reads of madoguchi.guardian: overrides for review, macros for the reply box."""

from __future__ import annotations

from django.db.models import QuerySet

from madoguchi.guardian.models import GuardOverride, Macro


def overrides_for_review() -> QuerySet[GuardOverride]:
    """Newest first, with what the review page shows."""
    return GuardOverride.objects.select_related("ticket", "supervisor", "message")


def active_macros() -> QuerySet[Macro]:
    return Macro.objects.filter(active=True).order_by("title")
