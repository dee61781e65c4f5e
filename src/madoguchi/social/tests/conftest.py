"""The platforms' fake APIs on loopback, the desk configured to use them, the bundled KB."""

from __future__ import annotations

import json
import secrets

import pytest
from django.test import override_settings

from madoguchi.kb.services import article_import
from madoguchi.social.payloads import line_signature
from madoguchi.social.tests.fake_platforms import LINE_TOKEN, TELEGRAM_TOKEN, FakePlatforms

LINE_SECRET = "line-channel-secret-for-tests"
TELEGRAM_SECRET = "telegram-secret-token-for-tests"
LINE_USER = "U" + "4af4980629" * 3 + "ab"


@pytest.fixture
def kb(db):
    return article_import()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    """The fake platform APIs, and the desk's settings pointing at them."""
    with FakePlatforms() as fake:
        with override_settings(
            MADOGUCHI_LINE_CHANNEL_SECRET=LINE_SECRET,
            MADOGUCHI_LINE_ACCESS_TOKEN=LINE_TOKEN,
            MADOGUCHI_LINE_API_BASE=fake.url,
            MADOGUCHI_TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN,
            MADOGUCHI_TELEGRAM_SECRET_TOKEN=TELEGRAM_SECRET,
            MADOGUCHI_TELEGRAM_API_BASE=fake.url,
        ):
            yield fake


def line_body(*events: dict) -> bytes:
    return json.dumps(
        {"destination": "Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "events": list(events)},
        ensure_ascii=False,
    ).encode()


def line_text(text: str, *, event_id: str | None = None, user: str = LINE_USER, token=None):
    """A text message event as LINE documents it."""
    return {
        "type": "message",
        "mode": "active",
        "timestamp": 1780000000000,
        "source": {"type": "user", "userId": user},
        "webhookEventId": event_id or "01" + secrets.token_hex(12).upper(),
        "deliveryContext": {"isRedelivery": False},
        "replyToken": token or secrets.token_hex(16),
        "message": {"id": "444573844083572737", "type": "text", "quoteToken": "q", "text": text},
    }


@pytest.fixture
def post_line(client, django_capture_on_commit_callbacks):
    """POST a LINE webhook (signed unless ``signature`` is given); on-commit work runs."""

    def post(*events: dict, signature: str | None = None, body: bytes | None = None):
        raw = body if body is not None else line_body(*events)
        headers = {} if signature == "" else {
            "HTTP_X_LINE_SIGNATURE": signature or line_signature(raw, LINE_SECRET)
        }  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/hooks/line/", data=raw, content_type="application/json", **headers)

    return post


def telegram_update(text: str | None, *, update_id: int, chat_id: int = 987654321, lang="ja"):
    message = {
        "message_id": update_id + 1000,
        "from": {"id": chat_id, "is_bot": False, "first_name": "Taro", "language_code": lang},
        "chat": {"id": chat_id, "type": "private", "first_name": "Taro"},
        "date": 1780000000,
    }
    if text is not None:
        message["text"] = text
    else:
        message["sticker"] = {"file_id": "x", "emoji": "👍"}
    return {"update_id": update_id, "message": message}


@pytest.fixture
def post_telegram(client, django_capture_on_commit_callbacks):
    def post(update: dict | bytes, *, secret: str | None = None):
        raw = update if isinstance(update, bytes) else json.dumps(update).encode()
        headers = {} if secret == "" else {
            "HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": secret or TELEGRAM_SECRET
        }  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/hooks/telegram/", data=raw, content_type="application/json", **headers
            )

    return post
