"""Folded views of a text that remember where every character came from.

Detectors look at a *folded* copy of the message (zero-width and bidi controls removed,
fullwidth forms turned into ASCII by NFKC, case folded) and report spans in the *original*
text through :meth:`Folded.span`. Nothing is ever silently fixed in the stored text: the
redactor and the entity extractor only use folding to *find* things.

>>> f = fold("ＡＢＣ\u200bdef")
>>> f.text
'abcdef'
>>> f.span(3, 6)
(4, 7)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Characters that render as nothing: zero-width space/joiners, word joiner, BOM, soft hyphen,
#: Mongolian vowel separator, and the bidi embedding/override/isolate controls (Unicode TR9).
INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


@lru_cache(maxsize=8192)
def _fold_char(ch: str, lower: bool) -> str:
    if ch in INVISIBLE:
        return ""
    out = unicodedata.normalize("NFKC", ch)
    return out.lower() if lower else out


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text plus, for each folded character, the index of its source character."""

    text: str
    #: ``origin[i]`` is the original index of folded character ``i``; ``origin[len(text)]`` is
    #: the original length. ``None`` means the identity map (nothing changed position).
    origin: tuple[int, ...] | None
    original_length: int

    def start(self, i: int) -> int:
        return i if self.origin is None else self.origin[i]

    def end(self, j: int) -> int:
        """Original end index (exclusive) for folded end index ``j``."""
        if self.origin is None:
            return j
        if j <= 0:
            return 0
        # one source character may fold to several ("㍍" -> "メートル"); it still ends at +1
        return self.origin[j - 1] + 1

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Map the folded span ``[i, j)`` back to the original text."""
        return self.start(i), self.end(j)


# U+FF01..U+FF5E are fullwidth forms of U+0021..U+007E; NFKC maps them (and U+3000) one to one.
_ONE_TO_ONE = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_FULLWIDTH_RE = re.compile("[\uff01-\uff5e\u3000]")  # a regex sub beats str.translate here
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


def _narrow(match: re.Match[str]) -> str:
    return _ONE_TO_ONE[match.group()]


def fold(text: str, *, lower: bool = True) -> Folded:
    """Fold ``text`` for matching (see module docstring).

    Fast paths keep the identity offset map: ASCII text, and text whose only changes are
    one-to-one (fullwidth ASCII, U+3000, case) — most Japanese messages. Anything else
    (invisible characters, ①, ㍍, halfwidth katakana...) takes the per-character walk.
    """
    if text.isascii():
        return Folded(text.lower() if lower else text, None, len(text))
    if _INVISIBLE_RE.search(text) is None:
        out = _FULLWIDTH_RE.sub(_narrow, text)
        if unicodedata.is_normalized("NFKC", out):
            if not lower:
                return Folded(out, None, len(text))
            low = out.lower()
            if len(low) == len(out):  # lower() never shortens: equal length means one to one
                return Folded(low, None, len(text))
    return _fold_slow(text, lower)


def _fold_slow(text: str, lower: bool) -> Folded:
    parts: list[str] = []
    origin: list[int] = []
    for idx, ch in enumerate(text):
        if ch.isascii():
            parts.append(ch.lower() if lower else ch)
            origin.append(idx)
            continue
        rep = _fold_char(ch, lower)
        if rep:
            parts.append(rep)
            origin.extend([idx] * len(rep))
    origin.append(len(text))
    return Folded("".join(parts), tuple(origin), len(text))


def has_invisible(text: str) -> bool:
    """True when ``text`` contains a zero-width or bidi control character."""
    return any(ch in INVISIBLE for ch in text)
