"""Who is calling: an API key (``Authorization: Bearer mdg_…``), its scopes, its agent.

``require_scope()`` is the first line of every endpoint; a key without the scope gets a 403
that names the missing scope. Each key is rate-limited (a fixed window in the shared cache).
"""

from __future__ import annotations

import os

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from madoguchi.api.errors import ApiError
from madoguchi.api.models import ApiKey
from madoguchi.api.services import api_key_check
from madoguchi.portal.rate_limit import rate_limit_hit
from madoguchi.tickets.access import is_agent

#: requests per key per minute (env ``MADOGUCHI_API_RATE_LIMIT``)
RATE_WINDOW = 60


def _rate_limit() -> int:
    try:
        return max(1, int(os.environ.get("MADOGUCHI_API_RATE_LIMIT", "600")))
    except ValueError:
        return 600


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = api_key_check(key=token)
        if key is None:
            return None
        if not rate_limit_hit("api-key", key.prefix, limit=_rate_limit(), window=RATE_WINDOW):
            raise ApiError(
                429,
                "too many requests for this key; retry later",
                headers={"Retry-After": str(RATE_WINDOW)},
            )
        return key


def require_scope(request: HttpRequest, scope: str) -> ApiKey:
    """The calling key, if it has ``scope``; else a 403 naming the scope."""
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    if not key.has_scope(scope):
        raise ApiError(403, f"this key lacks the scope {scope}", code="insufficient_scope")
    return key


def acting_agent(key: ApiKey) -> AbstractBaseUser:
    """The agent a key acts as for changes and replies (the audit trail names them)."""
    user = key.agent
    if user is None or not is_agent(user):
        raise ApiError(
            403,
            "this key acts for no active agent: create it with `madoguchi apikey --agent`",
            code="no_agent",
        )
    return user
