"""How often one client may ask "is this official?" (the page and the API share the count)."""

from __future__ import annotations

import os

from django.http import HttpRequest

from madoguchi.portal.rate_limit import rate_limit_hit

#: seconds of one window
VERIFY_WINDOW = 60


def verify_limit() -> int:
    """Checks per client per minute (env ``MADOGUCHI_VERIFY_RATE_LIMIT``, default 30)."""
    try:
        return max(1, int(os.environ.get("MADOGUCHI_VERIFY_RATE_LIMIT", "30")))
    except ValueError:
        return 30


def verify_allowed(request: HttpRequest) -> bool:
    """Count one check for this client (``REMOTE_ADDR``); False once over the limit."""
    address = request.META.get("REMOTE_ADDR", "")
    return rate_limit_hit("verify", address, limit=verify_limit(), window=VERIFY_WINDOW)
