"""The rate limit of code checks: per client address and for the whole desk.

Both counters move on every attempt, whatever the code, and the answer over the limit is the
same for a genuine, unknown or malformed code: the limit tells a guesser nothing. The global
limit bounds the guesses of an attacker with many addresses (docs/signed-replies.md).
"""

from __future__ import annotations

import os

from django.conf import settings

from madoguchi.portal.rate_limit import rate_limit_hit

#: one window for both limits, in seconds
WINDOW = 60 * 60


def _limit(setting: str, env: str, default: int) -> int:
    value = getattr(settings, setting, None) or os.environ.get(env) or default
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


def ip_limit() -> int:
    """Checks per client address per hour (``MADOGUCHI_VERIFY_CODE_IP_LIMIT``, default 20)."""
    return _limit("SIGNING_VERIFY_IP_LIMIT", "MADOGUCHI_VERIFY_CODE_IP_LIMIT", 20)


def global_limit() -> int:
    """Checks per hour for everyone together (``MADOGUCHI_VERIFY_CODE_GLOBAL_LIMIT``, 1000)."""
    return _limit("SIGNING_VERIFY_GLOBAL_LIMIT", "MADOGUCHI_VERIFY_CODE_GLOBAL_LIMIT", 1000)


def verify_attempt_allowed(client_address: str) -> bool:
    """Count one check; False once this address or the desk as a whole is over its limit."""
    per_address = rate_limit_hit(
        "verify-code-ip", client_address or "-", limit=ip_limit(), window=WINDOW
    )
    overall = rate_limit_hit("verify-code-all", "all", limit=global_limit(), window=WINDOW)
    return per_address and overall
