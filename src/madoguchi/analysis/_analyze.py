"""``analyze()``: the one entry point that reads a customer message.

Order matters: secrets are found first, everything found inside a secret span is dropped
(a private key is not a transaction id), and the redacted text is built from the original
with only the secret spans replaced.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from madoguchi.analysis import chains, findings, language, secret_warnings, shield
from madoguchi.analysis._errors import AnalysisInputError
from madoguchi.analysis._redact import redact, redact_to_spaces
from madoguchi.analysis._types import (
    ADDRESS,
    AMOUNT,
    ASSET,
    DATETIME,
    DOMAIN,
    EMAIL,
    ERROR_CODE,
    EXTENDED_PUBLIC_KEY,
    MEMO,
    NETWORK,
    ORDER_ID,
    PHONE,
    SOCIAL_HANDLE,
    TXID,
    URL,
    Analysis,
    Entity,
    SecretSpan,
)
from madoguchi.analysis.entities import amounts, codes, contacts, crypto, datetimes

#: When two entities overlap, the kind listed first wins (an address beats the "domain" or
#: "phone" a fragment of it resembles; a URL beats the domain inside it).
_PRIORITY: dict[str, int] = {
    kind: rank
    for rank, kind in enumerate(
        (
            EXTENDED_PUBLIC_KEY,
            ADDRESS,
            TXID,
            URL,
            EMAIL,
            MEMO,
            DATETIME,
            AMOUNT,
            PHONE,
            ORDER_ID,
            ERROR_CODE,
            DOMAIN,
            SOCIAL_HANDLE,
            NETWORK,
            ASSET,
        )
    )
}

DEFAULT_TZ = "Asia/Tokyo"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text: str) -> str:
    """Replace lone surrogates (which cannot be encoded or stored) by U+FFFD, length kept."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _message_time(received_at: datetime | str | None, tz: str) -> tuple[datetime, str]:
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise AnalysisInputError(f"unknown time zone: {tz!r}") from exc
    if received_at is None:
        return datetime.now(zone), tz
    if isinstance(received_at, str):
        try:
            received_at = datetime.fromisoformat(received_at)
        except ValueError as exc:
            raise AnalysisInputError("received_at is not an ISO 8601 date-time") from exc
    if not isinstance(received_at, datetime):
        raise AnalysisInputError("received_at must be a datetime, an ISO 8601 string or None")
    if received_at.tzinfo is None:
        received_at = received_at.replace(tzinfo=zone)
    return received_at.astimezone(zone), tz


class _IntervalSet:
    """Non-overlapping half-open intervals with O(log n) overlap queries."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._ends, start + 1)  # first interval ending after `start`
        return i < len(self._starts) and self._starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _resolve_overlaps(entities: Iterable[Entity], secrets: list[SecretSpan]) -> list[Entity]:
    """Drop entities inside secrets, then keep the higher-priority entity of any overlap."""
    secret_spans = _IntervalSet()
    for s in secrets:
        if not secret_spans.overlaps(s.start, s.end):
            secret_spans.add(s.start, s.end)
    taken = _IntervalSet()
    kept: list[Entity] = []
    ranked = sorted(
        entities,
        key=lambda e: (_PRIORITY.get(e.kind, 99), -(e.end - e.start), e.start),
    )
    for ent in ranked:
        if ent.end <= ent.start:
            continue
        if secret_spans.overlaps(ent.start, ent.end) or taken.overlaps(ent.start, ent.end):
            continue
        taken.add(ent.start, ent.end)
        kept.append(ent)
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


def warm_up() -> None:
    """Load what the detectors load lazily (the language model, the public suffix list, phone
    metadata) now, so the first real message does not pay ~0.5 s for it. Servers call this
    at start; one-shot commands need not."""
    analyze("Hello, I sent 0.5 ETH to example.com, call me at 090-1234-5678 — 送金しました")
    language.preload()


def analyze(
    text: str,
    *,
    received_at: datetime | str | None = None,
    tz: str = DEFAULT_TZ,
) -> Analysis:
    """Read one customer message: redact secrets, detect language, extract entities.

    ``received_at`` anchors relative times ("昨日の夜", "two hours ago"); naive datetimes are
    taken in ``tz``, the desk's time zone.

    >>> analyze("送金先は 0x52908400098527886E0F7030069857D2E4169EE7 です").entities[0].valid
    True
    """
    if not isinstance(text, str):
        raise AnalysisInputError(f"analyze() needs text (str), not {type(text).__name__}")
    text = _clean(text)
    when, tz = _message_time(received_at, tz)

    secrets = sorted(shield.find_secrets(text), key=lambda s: s.start)
    # a pasted English phrase must not make a Japanese message "en": judge the prose only
    lang = language.detect_language(redact_to_spaces(text, secrets) if secrets else text)

    found: list[Entity] = []
    found += chains.scan(text)
    found += crypto.scan(text)
    found += amounts.scan(text)
    found += datetimes.scan(text, received_at=when, tz=tz)
    found += contacts.scan(text)
    found += codes.scan(text)
    entities = _resolve_overlaps(found, secrets)

    return Analysis(
        redacted=redact(text, secrets, language=lang),
        language=lang,
        secrets=tuple(secrets),
        entities=tuple(entities),
        findings=tuple(secret_warnings.warn(secrets) + findings.check(text, entities)),
    )
