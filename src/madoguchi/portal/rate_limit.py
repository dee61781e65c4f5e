"""A fixed-window counter in Django's cache (shared between workers when the cache is Redis).

>>> # if not rate_limit_hit("signin-ip", "203.0.113.5", limit=5, window=900): ...
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def rate_limit_hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; False once ``limit`` attempts were made in the current window."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # no address stored in the cache
    cache_key = f"portal:rate:{scope}:{digest}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit
