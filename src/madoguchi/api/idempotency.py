"""``Idempotency-Key`` on creates: a retried request gets the first answer, never a second row.

The key is scoped to the API key that sent it and kept for :data:`TTL`. The record is written
in the same transaction as the create it guards, so a concurrent retry waits for the first
request's commit and then replays its answer (the unique index decides), and a create that
fails leaves no record behind. The same key with another method, path or body is a 422: the
client has a bug, and replaying the first answer would hide it.

>>> # return idempotent(request, TicketOut, lambda: (201, ticket_out(...)))
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Schema, Status
from ninja.responses import NinjaJSONEncoder

from madoguchi.api.errors import ApiError
from madoguchi.api.models import ApiKey, IdempotencyRecord

TTL = timedelta(hours=24)
HEADER = "Idempotency-Key"
MAX_KEY_CHARS = 200


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    for part in (request.method or "", request.path):
        digest.update(part.encode("utf-8") + b"\x00")
    digest.update(request.body)
    return digest.hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> HttpResponse:
    if record.fingerprint != fingerprint:
        raise ApiError(
            422,
            "this Idempotency-Key was used with a different request",
            code="idempotency_key_reused",
            field=HEADER,
        )
    response = HttpResponse(
        record.body, status=record.status_code, content_type="application/json; charset=utf-8"
    )
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(
    request: HttpRequest,
    schema: type[Schema],
    create: Callable[[], tuple[int, Any]],
) -> Any:
    """Run ``create`` (returns ``(status, data)``) once per Idempotency-Key, replaying after."""
    key_text = request.headers.get(HEADER)
    if key_text is None:
        status, data = create()
        return Status(status, data)
    if not key_text or len(key_text) > MAX_KEY_CHARS or not key_text.isprintable():
        raise ApiError(
            400, f"{HEADER} must be 1-{MAX_KEY_CHARS} printable characters", field=HEADER
        )
    api_key: ApiKey = request.auth  # type: ignore[attr-defined]
    fingerprint = _fingerprint(request)
    IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - TTL).delete()
    existing = IdempotencyRecord.objects.filter(api_key=api_key, key=key_text).first()
    if existing is not None:
        return _replay(existing, fingerprint)
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                api_key=api_key, key=key_text, fingerprint=fingerprint
            )
            status, data = create()
            # rendered as ninja renders the first answer, so the replay is byte-for-byte alike
            body = schema.model_validate(data).model_dump(by_alias=True)
            record.status_code = status
            record.body = json.dumps(body, cls=NinjaJSONEncoder)
            record.save(update_fields=["status_code", "body"])
    except IntegrityError:
        # a concurrent request with the same key committed first: answer as it did
        existing = IdempotencyRecord.objects.filter(api_key=api_key, key=key_text).first()
        if existing is None or existing.status_code is None:
            raise
        return _replay(existing, fingerprint)
    return Status(status, data)
