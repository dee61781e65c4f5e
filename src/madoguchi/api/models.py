"""API keys for the operator's own systems (the exchange's app backend, a chatbot...)."""

from __future__ import annotations

from django.db import models


class ApiKey(models.Model):
    name = models.CharField(max_length=80)
    #: the first characters of the key, shown in the admin so a key can be recognised
    prefix = models.CharField(max_length=16, unique=True)
    #: SHA-256 of the whole key; the key itself is shown once, at creation, and never stored
    key_hash = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
