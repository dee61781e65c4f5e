"""The platforms' credentials and API bases, from Django settings or the environment.

A channel whose credentials are missing is off: its webhook answers 404 and nothing is sent.
Settings win over the environment so tests (and operators embedding madoguchi) can override
them; the environment is read at call time, never cached.

>>> # line_config() -> LineConfig(channel_secret=..., access_token=..., api_base=...) or None
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings

LINE_API_BASE = "https://api.line.me"
TELEGRAM_API_BASE = "https://api.telegram.org"


def _setting(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value or default).strip()


@dataclass(frozen=True)
class LineConfig:
    channel_secret: str
    access_token: str
    api_base: str


@dataclass(frozen=True)
class TelegramConfig:
    bot_token: str
    secret_token: str
    api_base: str


def line_config() -> LineConfig | None:
    """LINE's settings, or None when the channel is not configured (secret and token both
    needed: one verifies what comes in, the other authorises what goes out)."""
    secret = _setting("MADOGUCHI_LINE_CHANNEL_SECRET")
    token = _setting("MADOGUCHI_LINE_ACCESS_TOKEN")
    if not secret or not token:
        return None
    base = _setting("MADOGUCHI_LINE_API_BASE", LINE_API_BASE).rstrip("/")
    return LineConfig(secret, token, base)


def telegram_config() -> TelegramConfig | None:
    """Telegram's settings, or None when not configured. The secret token is required: without
    it anyone who guesses the URL could post updates as any user."""
    token = _setting("MADOGUCHI_TELEGRAM_BOT_TOKEN")
    secret = _setting("MADOGUCHI_TELEGRAM_SECRET_TOKEN")
    if not token or not secret:
        return None
    base = _setting("MADOGUCHI_TELEGRAM_API_BASE", TELEGRAM_API_BASE).rstrip("/")
    return TelegramConfig(token, secret, base)
