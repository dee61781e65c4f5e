"""Webhook bodies of LINE and Telegram: signature checks and parsing into plain dataclasses.

No Django here: bytes and strings in, :class:`PlatformEvent` out. What the documentation
promises is checked; anything else is a :class:`PayloadError` (a 400), never a crash.

>>> line_signature_valid(b"{}", "secret", "bad")
False
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "PayloadError",
    "PlatformEvent",
    "line_events",
    "line_signature",
    "line_signature_valid",
    "telegram_event",
    "telegram_secret_valid",
]

#: LINE Messaging API: a user id is "U" and 32 hex digits
_LINE_USER = re.compile(r"^U[0-9a-f]{32}$")
#: ids we store and key on: printable ASCII, bounded
_EVENT_ID = re.compile(r"^[\x21-\x7e]{1,64}$")
#: a webhook delivery holds a handful of events; more is not LINE
MAX_EVENTS = 100
#: Telegram chat ids fit in 52 bits (Bot API: "at most 52 significant bits")
_TELEGRAM_ID_LIMIT = 2**52


class PayloadError(ValueError):
    """The body is not what the platform documents."""


@dataclass(frozen=True)
class PlatformEvent:
    """One thing a platform user did that the desk may answer.

    ``kind``: "text" (a text message), "other" (a sticker, image, location...: answered
    politely), "follow" (added the account: greeted), "ignore" (nothing to do).
    """

    platform: str
    event_id: str
    user_id: str
    kind: str
    text: str = ""
    reply_token: str = ""
    language: str = ""
    sent_at: datetime | None = None
    redelivery: bool = False


def line_signature(body: bytes, channel_secret: str) -> str:
    """``X-Line-Signature`` for ``body``: base64 of HMAC-SHA256 keyed with the channel secret."""
    digest = hmac.new(channel_secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def line_signature_valid(body: bytes, channel_secret: str, header: str | None) -> bool:
    """True when ``header`` is the signature of ``body`` (compared in constant time)."""
    if not header or not channel_secret:
        return False
    try:
        given = base64.b64decode(header.strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    expected = hmac.new(channel_secret.encode(), body, hashlib.sha256).digest()
    return hmac.compare_digest(given, expected)


def telegram_secret_valid(expected: str, header: str | None) -> bool:
    """True when ``X-Telegram-Bot-Api-Secret-Token`` matches (constant time)."""
    if not header or not expected:
        return False
    return hmac.compare_digest(header.encode("utf-8", "replace"), expected.encode())


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PayloadError("the body is not JSON") from exc
    if not isinstance(data, dict):
        raise PayloadError("the body is not a JSON object")
    return data


def _time_ms(value: Any) -> datetime | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**14:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    return None


def _line_event(raw: Any) -> PlatformEvent | None:
    if not isinstance(raw, dict):
        raise PayloadError("an event is not an object")
    event_id = raw.get("webhookEventId")
    if not isinstance(event_id, str) or not _EVENT_ID.match(event_id):
        raise PayloadError("an event has no valid webhookEventId")
    source = raw.get("source")
    if not isinstance(source, dict) or source.get("type") != "user":
        return None  # groups and rooms: the desk talks to one person at a time
    user_id = source.get("userId")
    if not isinstance(user_id, str) or not _LINE_USER.match(user_id):
        raise PayloadError("an event has no valid userId")
    if raw.get("mode", "active") != "active":
        return None  # standby: another module of the channel answers
    reply_token = raw.get("replyToken")
    reply_token = reply_token if isinstance(reply_token, str) and len(reply_token) <= 255 else ""
    context = raw.get("deliveryContext")
    redelivery = isinstance(context, dict) and context.get("isRedelivery") is True
    common = {
        "platform": "line",
        "event_id": event_id,
        "user_id": user_id,
        "reply_token": reply_token,
        "sent_at": _time_ms(raw.get("timestamp")),
        "redelivery": redelivery,
    }
    kind = raw.get("type")
    if kind == "follow":
        return PlatformEvent(kind="follow", **common)
    if kind != "message":
        return PlatformEvent(kind="ignore", **common)
    message = raw.get("message")
    if not isinstance(message, dict):
        raise PayloadError("a message event has no message")
    if message.get("type") == "text":
        text = message.get("text")
        if not isinstance(text, str):
            raise PayloadError("a text message has no text")
        return PlatformEvent(kind="text", text=text, **common)
    return PlatformEvent(kind="other", **common)


def line_events(body: bytes) -> list[PlatformEvent]:
    """The events of a LINE webhook body (a verification request has none)."""
    data = _json(body)
    events = data.get("events")
    if not isinstance(events, list):
        raise PayloadError("no events list")
    if len(events) > MAX_EVENTS:
        raise PayloadError("too many events")
    return [e for e in map(_line_event, events) if e is not None]


def _telegram_id(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= _TELEGRAM_ID_LIMIT:
        raise PayloadError("not a Telegram id")
    return value


def telegram_event(body: bytes) -> PlatformEvent | None:
    """The Update as an event; None for updates the desk does not answer (edits, channel posts,
    group chats, bots)."""
    data = _json(body)
    update_id = _telegram_id(data.get("update_id"))
    message = data.get("message")
    if message is None:
        return None
    if not isinstance(message, dict):
        raise PayloadError("message is not an object")
    chat = message.get("chat")
    if not isinstance(chat, dict):
        raise PayloadError("message has no chat")
    chat_id = _telegram_id(chat.get("id"))
    if chat.get("type", "private") != "private":
        return None
    sender = message.get("from")
    if isinstance(sender, dict) and sender.get("is_bot") is True:
        return None
    language = sender.get("language_code") if isinstance(sender, dict) else ""
    language = language if isinstance(language, str) else ""
    date = message.get("date")
    sent_at = (
        datetime.fromtimestamp(date, tz=UTC)
        if isinstance(date, int) and not isinstance(date, bool) and 0 < date < 10**11
        else None
    )
    common = {
        "platform": "telegram",
        "event_id": str(update_id),
        "user_id": str(chat_id),
        "language": language[:8],
        "sent_at": sent_at,
    }
    text = message.get("text")
    if text is None:
        return PlatformEvent(kind="other", **common)
    if not isinstance(text, str):
        raise PayloadError("text is not a string")
    if text.strip() == "/start":
        return PlatformEvent(kind="follow", **common)
    return PlatformEvent(kind="text", text=text, **common)
