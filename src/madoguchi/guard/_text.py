"""Normalised text with a map back to the original offsets, and its sentences and clauses.

Matching runs on NFKC + casefold with zero-width characters removed (fullwidth ｐａｓｓｗｏｒｄ,
``pass\u200bword``); findings report spans in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e")
# A sentence ends at 。！？!? or a newline, or at a full stop followed by a space or the end
# (not inside ``5.2`` or ``madoguchi.example``).
_SENTENCE_END = re.compile(r"[。！？!?\n]+|\.(?=\s|$)")


@dataclass(frozen=True)
class Normalised:
    """``text`` (normalised) and ``origin[i]``: the original offset of ``text[i]``."""

    text: str
    origin: tuple[int, ...]
    length: int  # length of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised ``text[start:end]``."""
        if start >= len(self.origin):
            return self.length, self.length
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last


def normalise(text: str) -> Normalised:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        piece = unicodedata.normalize("NFKC", char).casefold()
        out.append(piece)
        origin.extend([index] * len(piece))
    return Normalised("".join(out), tuple(origin), len(text))


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty sentence of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
