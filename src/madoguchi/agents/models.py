"""Agents are Django users with a support role; teams group them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agent(models.Model):
    class Role(models.TextChoices):
        AGENT = "agent", _("agent")
        LEAD = "lead", _("team lead")
        ADMIN = "admin", _("administrator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.AGENT)
    teams = models.ManyToManyField(Team, blank=True, related_name="agents")
    language = models.CharField(max_length=8, default="ja")
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def display_name(self) -> str:
        return str(self)
