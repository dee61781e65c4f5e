"""``POST /api/v1/verify``: is this link, address, number, handle or name official? (public)

No API key: anyone may ask, rate-limited per client like the page. The value is not stored.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from madoguchi.api.errors import ApiError, errors
from madoguchi.api.schemas import Strict
from madoguchi.officials.forms import MAX_VALUE
from madoguchi.officials.rate import VERIFY_WINDOW, verify_allowed
from madoguchi.officials.selectors import official_registry
from madoguchi.trust import TrustInputError, check

router = Router(tags=["officials"])


class VerifyIn(Strict):
    value: str = Field(min_length=1, max_length=MAX_VALUE)


class VerifyOut(Schema):
    value: str
    kind: str
    verdict: Literal["official", "impersonation", "unknown"]
    imitates: str | None
    reasons: list[str]
    reasons_en: list[str]
    reasons_ja: list[str]


@router.post(
    "/verify",
    auth=None,
    response={200: VerifyOut, **errors(400, 413, 422, 429)},
    summary="Is this official? (public, no key)",
)
def verify(request: HttpRequest, payload: VerifyIn) -> dict:
    """The verdict for one pasted value: official, impersonation (of what, why) or unknown."""
    if not verify_allowed(request):
        raise ApiError(
            429,
            "too many checks from this address; retry later",
            headers={"Retry-After": str(VERIFY_WINDOW)},
        )
    try:
        return check(payload.value, official_registry()).as_dict()
    except TrustInputError as exc:
        raise ApiError(422, f"value not understood: {exc}"[:300], field="value") from None
