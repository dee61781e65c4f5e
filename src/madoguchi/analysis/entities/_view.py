"""The matching view of a message that every entity scanner shares.

Scanners match on the text folded for tricks (fullwidth forms narrowed, zero-width and bidi
controls removed, NFKC; case kept) and report spans in the original through :meth:`View.span`.
:func:`~madoguchi.analysis._textmap.fold` keeps the identity map on its fast path, so most
messages cost a regex or two. The view of the last message is cached: the scanners of one
``analyze()`` call all ask for it.

>>> v = view("ｔｅｌ ０９０")
>>> v.text, v.span(4, 7)
('tel 090', (4, 7))
"""

from __future__ import annotations

from dataclasses import dataclass

from madoguchi.analysis._textmap import Folded, fold, has_invisible


@dataclass(frozen=True, slots=True)
class View:
    """``text`` to match against, and the way back to the original's offsets."""

    original: str
    text: str
    folded: Folded | None  # None: same indices as the original

    def span(self, i: int, j: int) -> tuple[int, int]:
        return (i, j) if self.folded is None else self.folded.span(i, j)

    def has_invisible(self, i: int, j: int) -> bool:
        """True when the original text behind the view span ``[i, j)`` hides invisibles."""
        if self.folded is None:
            return False
        start, end = self.folded.span(i, j)
        return has_invisible(self.original[start:end])


_last: tuple[str, View] | None = None


def view(text: str) -> View:
    """The case-preserving matching view of ``text`` (cached for the last message)."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return last[1]
    folded = fold(text, lower=False)
    result = View(text, folded.text, None if folded.origin is None else folded)
    _last = (text, result)
    return result
