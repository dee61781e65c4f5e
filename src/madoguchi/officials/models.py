"""The brand's official channels: one row per domain, sender, number, account, app or name.

``line`` is the row in the trust package's one-value-per-line syntax (``mailto:…``, ``tel:…``,
``@platform:handle``, ``app:store:id``, ``staff:Name``, ``unrelated:example.org``); ``key`` is its normalised comparison
form, unique, so ``Support@Madoguchi.example`` cannot be registered twice. Both are computed by
``officials.channels.channel_normalise`` when a service saves the row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficialChannel(models.Model):
    class Kind(models.TextChoices):
        DOMAIN = "domain", _("Website domain")
        EMAIL = "email", _("E-mail sender")
        PHONE = "phone", _("Phone number")
        SOCIAL = "social", _("Social media account")
        APP = "app", _("App")
        STAFF = "staff", _("Staff member")
        UNRELATED = "unrelated", _("Known unrelated domain (not ours, not an impersonation)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    #: the social platform (x, telegram, line, ...) or the app store (ios, android)
    platform = models.CharField(
        _("platform or store"),
        max_length=40,
        blank=True,
        help_text=_("Social accounts: x, telegram, line, instagram… Apps: ios or android."),
    )
    value = models.CharField(
        _("value"),
        max_length=255,
        help_text=_(
            "A domain (example.com), an e-mail address, a phone number, a handle or numeric "
            "account id, an app-store id, or a staff member's name."
        ),
    )
    label = models.CharField(
        _("public label"), max_length=120, blank=True, help_text=_("Shown on the /verify page.")
    )
    listed = models.BooleanField(
        _("listed publicly"),
        default=True,
        help_text=_("Show it in the list of official channels on the /verify page."),
    )
    active = models.BooleanField(_("active"), default=True)
    line = models.CharField(max_length=320, editable=False)
    key = models.CharField(max_length=320, editable=False, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("kind", "line")
        verbose_name = _("official channel")
        verbose_name_plural = _("official channels")

    def __str__(self) -> str:
        return self.line or self.value


class RegistryVersion(models.Model):
    """One row: a token that changes on every write, so each process knows when to rebuild."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)
