"""The platforms' send APIs over HTTP (``urllib``, a timeout on every call, no redirects).

LINE Messaging API: ``POST {base}/v2/bot/message/reply`` and ``.../push`` with
``Authorization: Bearer <channel access token>``; Telegram Bot API:
``POST {base}/bot<token>/sendMessage``. A failure is a :class:`PlatformError` saying whether to
retry and when; error texts never contain the bot token (it is part of Telegram's URL).

>>> # line_push(config, to="U...", texts=["hello"], retry_key="...")
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from madoguchi.social.conf import LineConfig, TelegramConfig

log = logging.getLogger(__name__)

#: seconds for connect and for each read: a hung platform must not hold a worker
TIMEOUT = 10
#: the longest wait a Retry-After may impose before we try again anyway
MAX_RETRY_AFTER = timedelta(hours=6)
_ERROR_BODY_CHARS = 300


class PlatformError(Exception):
    """A send that did not go through.

    ``status``: the HTTP status (0: no answer); ``retry_after``: the wait the platform asked
    for (429); ``permanent``: retrying will not help (a 4xx other than 429).
    """

    def __init__(
        self, message: str, *, status: int = 0, retry_after: timedelta | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after

    @property
    def permanent(self) -> bool:
        return 400 <= self.status < 500 and self.status != 429


def retry_after(value: str | None, *, now: datetime) -> timedelta | None:
    """A ``Retry-After`` header (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as a wait.

    >>> from datetime import UTC
    >>> retry_after("30", now=datetime(2026, 1, 1, tzinfo=UTC))
    datetime.timedelta(seconds=30)
    """
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        wait = timedelta(seconds=int(value[:7]))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        wait = max(when - now, timedelta(0))
    return min(wait, MAX_RETRY_AFTER)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a redirect is an answer like any other: never follow it with the token


_OPENER = urllib.request.build_opener(_NoRedirect)


def _post(
    url: str, payload: dict[str, Any], headers: dict[str, str], *, now: datetime
) -> dict[str, Any]:
    if not url.startswith(("https://", "http://")):
        raise PlatformError("the API base URL must start with https:// or http://")
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 - http(s) only
    request.add_header("Content-Type", "application/json; charset=utf-8")
    for name, value in headers.items():
        request.add_header(name, value)
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            raw = response.read(1_000_000)
    except urllib.error.HTTPError as exc:
        text = exc.read(_ERROR_BODY_CHARS).decode("utf-8", "replace")
        wait = retry_after(exc.headers.get("Retry-After"), now=now)
        if wait is None and exc.code == 429:
            wait = _telegram_retry_after(text)
        raise PlatformError(
            f"HTTP {exc.code}: {' '.join(text.split())[:_ERROR_BODY_CHARS]}",
            status=exc.code,
            retry_after=wait,
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PlatformError(f"no answer: {type(exc).__name__}: {reason}"[:300]) from None
    try:
        data = json.loads(raw or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        data = {}
    return data if isinstance(data, dict) else {}


def _telegram_retry_after(text: str) -> timedelta | None:
    """Telegram also says the wait in the body: ``{"parameters": {"retry_after": 30}}``."""
    try:
        seconds = json.loads(text).get("parameters", {}).get("retry_after")
    except (json.JSONDecodeError, AttributeError):
        return None
    if isinstance(seconds, int) and not isinstance(seconds, bool) and seconds >= 0:
        return min(timedelta(seconds=seconds), MAX_RETRY_AFTER)
    return None


def _line_messages(texts: list[str]) -> list[dict[str, str]]:
    return [{"type": "text", "text": t} for t in texts]


def line_reply(config: LineConfig, *, reply_token: str, texts: list[str], now: datetime) -> None:
    """Answer with the webhook's reply token (free of charge, valid about a minute, once)."""
    _post(
        f"{config.api_base}/v2/bot/message/reply",
        {"replyToken": reply_token, "messages": _line_messages(texts)},
        {"Authorization": f"Bearer {config.access_token}"},
        now=now,
    )


def line_push(
    config: LineConfig, *, to: str, texts: list[str], retry_key: str, now: datetime
) -> None:
    """Send at any time; ``X-Line-Retry-Key`` makes a retried push deliver once (LINE answers
    409 for a key it already accepted: that is a success)."""
    try:
        _post(
            f"{config.api_base}/v2/bot/message/push",
            {"to": to, "messages": _line_messages(texts)},
            {"Authorization": f"Bearer {config.access_token}", "X-Line-Retry-Key": retry_key},
            now=now,
        )
    except PlatformError as exc:
        if exc.status == 409:
            log.info("line push %s was already accepted", retry_key)
            return
        raise


def telegram_send(config: TelegramConfig, *, chat_id: str, text: str, now: datetime) -> None:
    """``sendMessage`` to a private chat."""
    data = _post(
        f"{config.api_base}/bot{config.bot_token}/sendMessage",
        {"chat_id": int(chat_id), "text": text},
        {},
        now=now,
    )
    if data and data.get("ok") is False:
        raise PlatformError(f"Telegram refused: {str(data.get('description'))[:200]}", status=400)
