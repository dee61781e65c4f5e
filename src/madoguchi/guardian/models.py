"""Models of madoguchi.guardian: supervisor overrides of the guard, and canned replies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GuardOverride(models.Model):
    """A reply the guard blocked and a supervisor sent anyway, with the reason (for review).

    Holds the finding kinds, never the blocked text itself: the message row has the (redacted)
    text that was sent.
    """

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="guard_overrides"
    )
    message = models.OneToOneField(
        "tickets.Message", on_delete=models.CASCADE, related_name="guard_override"
    )
    event = models.OneToOneField("tickets.Event", on_delete=models.CASCADE, related_name="+")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="guard_overrides"
    )
    reason = models.TextField(_("reason"))
    kinds = models.JSONField(_("finding kinds"), default=list)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("guard override")
        verbose_name_plural = _("guard overrides")

    def __str__(self) -> str:
        return f"{self.ticket_id}: {', '.join(self.kinds)}"


class Macro(models.Model):
    """A canned reply in both languages; the guard checks it when it is saved."""

    title = models.CharField(_("title"), max_length=120, unique=True)
    body_ja = models.TextField(_("body (Japanese)"), max_length=5000)
    body_en = models.TextField(_("body (English)"), max_length=5000)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("macro")
        verbose_name_plural = _("macros")

    def __str__(self) -> str:
        return self.title

    def body(self, language: str) -> str:
        return self.body_ja if language == "ja" else self.body_en
