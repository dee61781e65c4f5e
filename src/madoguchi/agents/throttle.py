"""Failed sign-in throttling per username and client address, kept in the cache.

A fixed window: after ``LOGIN_FAILURE_LIMIT`` failures for one username from one address, that
pair is refused for the rest of ``LOGIN_FAILURE_WINDOW`` seconds (correct password or not).
The address is ``REMOTE_ADDR``: behind a reverse proxy, set it from the proxy's header there.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

LOGIN_FAILURE_LIMIT = 10
LOGIN_FAILURE_WINDOW = 15 * 60  # seconds


def _key(username: str, request: HttpRequest | None) -> str:
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    raw = f"{username.strip().casefold()}\n{address}".encode()
    return "agents:login-failures:" + hashlib.sha256(raw).hexdigest()


def login_blocked(username: str, request: HttpRequest | None) -> bool:
    return cache.get(_key(username, request), 0) >= LOGIN_FAILURE_LIMIT


def login_failed(username: str, request: HttpRequest | None) -> None:
    key = _key(username, request)
    cache.add(key, 0, timeout=LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=LOGIN_FAILURE_WINDOW)


def login_succeeded(username: str, request: HttpRequest | None) -> None:
    cache.delete(_key(username, request))
