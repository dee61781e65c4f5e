"""Cursor pagination: pages by a stable key (the row id), so inserts never shift a page.

The cursor is opaque to clients (``next_cursor`` of the previous page); a cursor that was not
made here is a 400, never a server error.
"""

from __future__ import annotations

import base64
import binascii
from typing import TypeVar

from django.db.models import Model, QuerySet

from madoguchi.api.errors import ApiError

M = TypeVar("M", bound=Model)
DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def cursor_encode(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{last_id}".encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    version, _sep, value = text.partition(":")
    if version != "v1" or not value.isdigit() or len(value) > 18:
        raise ApiError(400, "the cursor is not valid", code="invalid_cursor", field="cursor")
    return int(value)


def page(qs: QuerySet[M], *, cursor: str | None, limit: int) -> tuple[list[M], str | None]:
    """One page of ``qs`` in descending id order, and the cursor of the next (None at the end)."""
    qs = qs.order_by("-id")
    if cursor:
        qs = qs.filter(id__lt=cursor_decode(cursor))
    rows = list(qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, cursor_encode(rows[-1].pk) if more and rows else None
