"""``POST /api/v1/verify``: is this link, address, number, handle or name official? (public)

No API key: anyone may ask, rate-limited per client like the page. ``{"value": ...}`` checks
one value; ``{"text": ...}`` a whole pasted message, value by value. Nothing is stored.
"""

from __future__ import annotations

from typing import Any, Literal, Self

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import ConfigDict, Field, model_validator

from madoguchi.api.errors import ApiError, errors
from madoguchi.api.schemas import Strict
from madoguchi.officials.forms import MAX_VALUE
from madoguchi.officials.messages import MAX_TEXT, MessageError, message_check
from madoguchi.officials.rate import VERIFY_WINDOW, verify_allowed
from madoguchi.officials.selectors import official_registry
from madoguchi.trust import TrustInputError, check

router = Router(tags=["officials"])

VerdictName = Literal["official", "impersonation", "unknown"]


def _one_of(schema: dict[str, Any]) -> None:
    """The document says what the validator enforces: strings, exactly one of the two."""
    for name in ("value", "text"):
        prop = schema["properties"][name]
        string = next(s for s in prop.pop("anyOf") if s.get("type") == "string")
        prop.update(string)
        prop.pop("default", None)
    schema["oneOf"] = [{"required": ["value"]}, {"required": ["text"]}]


class VerifyIn(Strict):
    """Exactly one of ``value`` (one value) and ``text`` (a whole message)."""

    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra=_one_of)

    value: str | None = Field(default=None, min_length=1, max_length=MAX_VALUE)
    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT)

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        for name in sorted(self.model_fields_set):
            if getattr(self, name) is None:
                raise ValueError(f"{name} must be a string, not null")
        if (self.value is None) == (self.text is None):
            raise ValueError("send exactly one of value (one value) and text (a whole message)")
        return self


class VerifyOut(Schema):
    value: str
    kind: str
    verdict: VerdictName
    imitates: str | None
    reasons: list[str]
    reasons_en: list[str]
    reasons_ja: list[str]


class VerifyMessageOut(Schema):
    verdict: VerdictName
    results: list[VerifyOut]
    found: int
    checked: int


@router.post(
    "/verify",
    auth=None,
    response={200: VerifyOut | VerifyMessageOut, **errors(400, 413, 422, 429)},
    summary="Is this official? (public, no key)",
)
def verify(request: HttpRequest, payload: VerifyIn) -> dict:
    """One pasted value → its verdict: official, impersonation (of what, why) or unknown.
    A pasted message → every value in it, worst first, and the worst as ``verdict``."""
    if not verify_allowed(request):
        raise ApiError(
            429,
            "too many checks from this address; retry later",
            headers={"Retry-After": str(VERIFY_WINDOW)},
        )
    if payload.text is not None:
        try:
            return message_check(payload.text, official_registry()).as_dict()
        except MessageError as exc:
            raise ApiError(422, f"text not checked: {exc}", field="text") from None
    try:
        return check(str(payload.value), official_registry()).as_dict()
    except TrustInputError as exc:
        raise ApiError(422, f"value not understood: {exc}"[:300], field="value") from None
