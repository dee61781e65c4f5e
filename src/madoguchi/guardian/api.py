"""The API's answer for a reply the never-ask guard blocked (used by ``/tickets/.../messages``).

Same ``{"error": {...}}`` shape as every other error, plus ``findings``: kind, span in the
submitted body, and the reason in English and Japanese.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema

router = Router(tags=["guardian"])


class GuardFindingOut(Schema):
    kind: str
    start: int
    end: int
    reason_en: str
    reason_ja: str


class GuardErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None
    findings: list[GuardFindingOut] = []


class GuardBlockedOut(Schema):
    """A 422: ``code`` is ``guard_blocked`` for the guard, ``validation_error`` otherwise."""

    error: GuardErrorDetail


def guard_blocked_body(exc: Any) -> dict[str, Any]:
    """The body for a ``tickets.services.ReplyBlocked``."""
    return {
        "error": {
            "code": "guard_blocked",
            "message": str(exc),
            "field": "body",
            "findings": [f.as_dict() for f in exc.result.findings],
        }
    }
