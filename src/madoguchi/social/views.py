"""The platforms' webhooks: ``POST /hooks/line/`` and ``POST /hooks/telegram/``.

Each checks that the platform is configured (else 404), the body's size, then the signature
(LINE) or secret token (Telegram) before reading anything (else 401, nothing stored), parses
the documented body (else 400) and hands each event to ``social_event_receive``. The answer is
queued in the outbox and sent after commit, so the webhook answers quickly and a platform
that is down loses nothing.
"""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from madoguchi.social.conf import line_config, telegram_config
from madoguchi.social.payloads import (
    PayloadError,
    line_events,
    line_signature_valid,
    telegram_event,
    telegram_secret_valid,
)
from madoguchi.social.services import social_event_receive

log = logging.getLogger(__name__)

#: the largest webhook body read; the platforms send a few kilobytes
MAX_BODY = 256 * 1024


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _body(request: HttpRequest) -> bytes | JsonResponse:
    if request.method != "POST":
        return _error(405, "POST only")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _error(400, "bad Content-Length")
    if length > MAX_BODY:
        return _error(413, "body too large")
    try:
        body = request.body
    except RequestDataTooBig:
        return _error(413, "body too large")
    if len(body) > MAX_BODY:
        return _error(413, "body too large")
    return body


@csrf_exempt
def line_webhook(request: HttpRequest) -> HttpResponse:
    config = line_config()
    if config is None:
        raise Http404
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    if not line_signature_valid(
        body, config.channel_secret, request.headers.get("X-Line-Signature")
    ):
        log.warning(
            "line webhook: bad or missing signature from %s", request.META.get("REMOTE_ADDR")
        )
        return _error(401, "bad signature")
    try:
        events = line_events(body)
    except PayloadError as exc:
        return _error(400, str(exc))
    for event in events:
        social_event_receive(event=event)
    return JsonResponse({})


@csrf_exempt
def telegram_webhook(request: HttpRequest) -> HttpResponse:
    config = telegram_config()
    if config is None:
        raise Http404
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    token = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
    if not telegram_secret_valid(config.secret_token, token):
        log.warning(
            "telegram webhook: bad or missing secret from %s", request.META.get("REMOTE_ADDR")
        )
        return _error(401, "bad secret token")
    try:
        event = telegram_event(body)
    except PayloadError as exc:
        return _error(400, str(exc))
    if event is not None:
        social_event_receive(event=event)
    return JsonResponse({})
