"""Merge overlapping secret spans into one, keeping the strongest kind and its reason.

>>> from madoguchi.analysis._types import SecretSpan
>>> merge([SecretSpan("password", 5, 9), SecretSpan("recovery_phrase", 0, 7, "bip39")])
[SecretSpan(kind='recovery_phrase', start=0, end=9)]
"""

from __future__ import annotations

from collections.abc import Iterable

from madoguchi.analysis._types import (
    BACKUP_CODE,
    EXTENDED_PRIVATE_KEY,
    KEYSTORE,
    ONE_TIME_CODE,
    PASSWORD,
    PRIVATE_KEY,
    RECOVERY_PHRASE,
    SecretSpan,
)

# Which label the merged marker gets: the secret that unlocks the most funds first.
_STRENGTH = {
    kind: rank
    for rank, kind in enumerate(
        (
            KEYSTORE,
            RECOVERY_PHRASE,
            EXTENDED_PRIVATE_KEY,
            PRIVATE_KEY,
            PASSWORD,
            BACKUP_CODE,
            ONE_TIME_CODE,
        )
    )
}


def _better(a: SecretSpan, b: SecretSpan) -> SecretSpan:
    """The span whose kind (then reason) should name a merged group."""
    ka = (_STRENGTH.get(a.kind, 99), "checksum ok" not in a.reason, -(a.end - a.start))
    kb = (_STRENGTH.get(b.kind, 99), "checksum ok" not in b.reason, -(b.end - b.start))
    return a if ka <= kb else b


def merge(spans: Iterable[SecretSpan]) -> list[SecretSpan]:
    """Sorted, non-overlapping spans; overlapping ones become their hull."""
    out: list[SecretSpan] = []
    best: SecretSpan | None = None
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= span.start:
            continue
        if out and span.start < out[-1].end:
            last = out[-1]
            best = _better(best or last, span)
            out[-1] = SecretSpan(best.kind, last.start, max(last.end, span.end), best.reason)
        else:
            best = span
            out.append(span)
    return out
