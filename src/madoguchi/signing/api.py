"""``POST /api/v1/verify/code``: the verify page as JSON (public: no API key).

Body ``{"code": "MDG-7K3Q-9XWP-4RTB", "language": "en"}`` (``language`` optional, default the
request's). ``200`` with ``"result": "genuine"`` or ``"unknown"``; ``422`` for a text that is
not shaped like a code; ``429`` over the rate limit, the same answer whatever the code.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema
from pydantic import ConfigDict, Field

from madoguchi.api.errors import ApiError, errors
from madoguchi.signing.codes import MAX_INPUT, MalformedCodeError
from madoguchi.signing.presenting import check_message
from madoguchi.signing.selectors import code_check
from madoguchi.signing.throttle import WINDOW, verify_attempt_allowed

router = Router(tags=["signing"])


class CodeCheckIn(Schema):
    model_config = ConfigDict(strict=True, extra="forbid")

    code: str = Field(min_length=1, max_length=MAX_INPUT, description="as printed, any case")
    language: Literal["ja", "en"] | None = None


class CodeCheckOut(Schema):
    result: Literal["genuine", "unknown"]
    #: the code as the desk prints it (MDG-XXXX-XXXX-XXXX)
    code: str
    desk: str
    sent_at: datetime | None = None
    channels: list[str] = []
    reference: str | None = None
    #: the answer in one sentence, in ``language``
    message: str


@router.post("/verify/code", auth=None, response={200: CodeCheckOut, **errors(400, 413, 422, 429)})
def verify_code(request: HttpRequest, payload: CodeCheckIn):
    """Is this the verification code of a message the desk sent? (no content, no personal data)"""
    if not verify_attempt_allowed(request.META.get("REMOTE_ADDR", "")):
        raise ApiError(
            429,
            "too many code checks; retry later",
            headers={"Retry-After": str(WINDOW)},
        )
    try:
        check = code_check(text=payload.code)
    except MalformedCodeError:
        raise ApiError(
            422,
            "not a verification code: 12 Crockford base32 characters, e.g. MDG-7K3Q-9XWP-4RTB",
            field="code",
        ) from None
    language = payload.language or ("en" if (get_language() or "").startswith("en") else "ja")
    return {
        "result": "genuine" if check.genuine else "unknown",
        "code": check.code,
        "desk": settings.BRAND_NAME,
        "sent_at": check.sent_at,
        "channels": check.channels if check.genuine else [],
        "reference": check.reference,
        "message": check_message(check, language),
    }
