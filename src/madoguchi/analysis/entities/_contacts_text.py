"""The matching view of a message: the text itself, or its fold when tricks are present.

Folding costs a Python loop per character, so it is only done when the message holds a
character that folding changes in a way the contact/code scanners care about (fullwidth ASCII,
ideographic space, small/fullwidth ``＠``, zero-width and bidi controls).

>>> v = view("ｔｅｌ ０９０")
>>> v.text, v.span(4, 7)
('tel 090', (4, 7))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from madoguchi.analysis._textmap import Folded, fold, has_invisible

#: Characters whose NFKC fold (or removal) changes what the scanners see.
_NEEDS_FOLD = re.compile(
    "[\uff01-\uff5e\u3000\ufe50-\ufe6b\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff"
    "\u202a-\u202e\u2066-\u2069]"
)


@dataclass(frozen=True, slots=True)
class View:
    """``text`` to match against, and the way back to the original's offsets."""

    original: str
    text: str
    folded: Folded | None

    def span(self, i: int, j: int) -> tuple[int, int]:
        return (i, j) if self.folded is None else self.folded.span(i, j)

    def has_invisible(self, i: int, j: int) -> bool:
        """True when the original text behind the view span ``[i, j)`` hides invisibles."""
        if self.folded is None:
            return False
        start, end = self.folded.span(i, j)
        return has_invisible(self.original[start:end])


def view(text: str) -> View:
    """Build the case-preserving matching view of ``text``."""
    if text.isascii() or _NEEDS_FOLD.search(text) is None:
        return View(text, text, None)
    folded = fold(text, lower=False)
    return View(text, folded.text, None if folded.origin is None else folded)
