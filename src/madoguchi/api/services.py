"""Create and check API keys (only a hash is stored)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from madoguchi.api.models import LEGACY_SCOPES, SCOPES, ApiKey

KEY_PREFIX = "mdg_"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiKeyError(Exception):
    """The key cannot be made as asked (an unknown scope, no such agent)."""


def api_key_create(
    *, name: str, scopes: Sequence[str] | None = None, agent_username: str | None = None
) -> tuple[ApiKey, str]:
    """A new key; returns the row and the key text, which is shown once and never stored.

    ``scopes`` default to filing and reading requests (``tickets:read``, ``tickets:write``);
    ``agent_username`` is the agent the key acts as when it changes tickets or replies.
    """
    chosen = sorted(set(scopes)) if scopes else list(LEGACY_SCOPES)
    unknown = [s for s in chosen if s not in SCOPES]
    if unknown:
        raise ApiKeyError(f"unknown scope {unknown[0]!r}; choose from {', '.join(SCOPES)}")
    agent = None
    if agent_username:
        agent = get_user_model().objects.filter(username=agent_username).first()
        if agent is None or not hasattr(agent, "agent"):
            raise ApiKeyError(f"no agent with the username {agent_username!r}")
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiKey(
        name=name.strip()[:80] or "api",
        prefix=prefix,
        key_hash=_hash(key),
        scopes=chosen,
        agent=agent,
    )
    row.full_clean()
    row.save()
    return row, key


def api_key_check(*, key: str) -> ApiKey | None:
    """The active key matching ``key``, or None (constant-time comparison of the hash)."""
    if not key or len(key) > 200 or not key.startswith(KEY_PREFIX):
        return None
    prefix = key[len(KEY_PREFIX) :].split("_", 1)[0]
    row = ApiKey.objects.filter(prefix=prefix, is_active=True).first()
    if row is None or not hmac.compare_digest(row.key_hash, _hash(key)):
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        ApiKey.objects.filter(pk=row.pk).update(last_used_at=now)  # bounded write rate
    return row
