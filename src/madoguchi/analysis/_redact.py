"""Replace secret spans with a labelled marker, keeping every other character as it was."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from madoguchi.analysis._types import SECRET_LABELS, SecretSpan

_MARKER = {"en": "[redacted: {}]", "ja": "[伏字: {}]"}


def marker(kind: str, language: str = "en") -> str:
    """The marker that stands in for a secret of ``kind``.

    >>> marker("password"), marker("password", "ja")
    ('[redacted: password]', '[伏字: パスワード]')
    """
    en, ja = SECRET_LABELS.get(kind, (kind.replace("_", " "), kind))
    if language == "ja":
        return _MARKER["ja"].format(ja)
    return _MARKER["en"].format(en)


def redact(text: str, secrets: Sequence[SecretSpan], *, language: str = "en") -> str:
    """Return ``text`` with each (non-overlapping, sorted) secret span replaced by its marker."""
    if not secrets:
        return text
    out: list[str] = []
    pos = 0
    for s in sorted(secrets, key=lambda s: s.start):
        start = max(s.start, pos)  # defensive: overlapping spans merge into the earlier marker
        if s.end <= start:
            continue
        out.append(text[pos:start])
        out.append(marker(s.kind, language))
        pos = s.end
    out.append(text[pos:])
    return "".join(out)


def redact_to_spaces(text: str, secrets: Sequence[SecretSpan]) -> str:
    """``text`` with each secret span replaced by one space (for judging the prose around it)."""
    out: list[str] = []
    pos = 0
    for s in sorted(secrets, key=lambda s: s.start):
        if s.start >= pos:
            out.append(text[pos : s.start])
            out.append(" ")
        pos = max(pos, s.end)
    out.append(text[pos:])
    return "".join(out)


def to_redacted_offsets(
    secrets: Sequence[SecretSpan], *, language: str = "en"
) -> Callable[[int], int]:
    """A function mapping an original-text offset (outside secrets) to the redacted text.

    Entities never overlap secrets, so each of their offsets moves by the length difference of
    the markers before it.

    >>> shift = to_redacted_offsets([SecretSpan("password", 3, 5)])
    >>> shift(2), shift(5), shift(7)
    (2, 24, 26)
    """
    cuts: list[tuple[int, int]] = []
    delta = 0
    for s in sorted(secrets, key=lambda s: s.start):
        delta += len(marker(s.kind, language)) - (s.end - s.start)
        cuts.append((s.end, delta))

    def shift(pos: int) -> int:
        moved = 0
        for end, d in cuts:
            if pos >= end:
                moved = d
            else:
                break
        return pos + moved

    return shift
