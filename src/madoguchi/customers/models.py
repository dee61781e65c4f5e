"""A customer is one person; they reach us through many contact identities."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Customer(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(_("name"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ja")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.display_name or str(self.public_id)

    @property
    def primary_email(self) -> str | None:
        for identity in self.identities.all():
            if identity.kind == ContactIdentity.Kind.EMAIL:
                return identity.value
        return None


class ContactIdentity(models.Model):
    """One way to reach a customer: an e-mail address, a chat session, a handle, a phone."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("e-mail")
        CHAT = "chat", _("chat session")
        SOCIAL = "social", _("social handle")
        PHONE = "phone", _("phone")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.CharField(max_length=320)  # normalised: lower-cased e-mail, E.164 phone...
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_contact_identity")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class MagicLink(models.Model):
    """A sign-in link sent to a customer's e-mail: single use, short lived, stored hashed."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="magic_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
