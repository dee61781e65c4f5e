"""Seeing through look-alike characters in an address, and naming each trick found.

An address is only ever ASCII. Anything else inside one is either an input accident
(fullwidth digits from a Japanese IME) or an attack (a Cyrillic ``а`` so that a lookalike
address passes a glance, a zero-width space so that copy/paste changes it). We resolve them to
*find* the address and then report them as warnings; nothing is silently fixed.

>>> see_through("0x5а\u200bAeb")
('0x5aAeb', ('homoglyph', 'zero_width'))
"""

from __future__ import annotations

import unicodedata

from madoguchi.analysis._textmap import INVISIBLE

BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = INVISIBLE - BIDI_CONTROLS

#: Cyrillic and Greek letters that render like an ASCII letter used in addresses (the subset of
#: Unicode's confusables.txt that maps one-to-one onto [0-9A-Za-z]). Kept small on purpose:
#: each entry widens the characters a candidate run may contain.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic lower case
    "а": "a", "в": "B", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i", "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "к": "k", "м": "M", "н": "H", "т": "T", "ь": "b",
    # Cyrillic upper case
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q",
    "Ԝ": "W", "Ү": "Y",
    # Greek
    "ο": "o", "α": "a", "ν": "v", "ι": "i", "ρ": "p", "υ": "u", "χ": "x", "κ": "k",
    "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ζ": "Z",
}  # fmt: skip
_HOMOGLYPH_TABLE = str.maketrans(HOMOGLYPHS)

#: A regex character class (without brackets) of every non-ASCII character that may sit inside
#: an address we can still find: fullwidth ASCII letters/digits, invisibles, homoglyphs.
SUSPECT_CLASS = (
    "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
    + "".join(sorted(INVISIBLE))
    + "".join(sorted(HOMOGLYPHS))
)


def warnings_for(original: str) -> tuple[str, ...]:
    """Name the tricks inside ``original`` (sorted, each once); ``()`` for plain ASCII."""
    if original.isascii():
        return ()
    found = set()
    for ch in original:
        if ch.isascii():
            continue
        if ch in BIDI_CONTROLS:
            found.add("bidi_control")
        elif ch in ZERO_WIDTH:
            found.add("zero_width")
        elif ch in HOMOGLYPHS:
            found.add("homoglyph")
        elif unicodedata.normalize("NFKC", ch).isascii():
            found.add("fullwidth")
        else:
            found.add("non_ascii")
    return tuple(sorted(found))


def translate_homoglyphs(text: str) -> str:
    """Replace each homoglyph by its ASCII twin (one character for one: offsets are kept)."""
    return text.translate(_HOMOGLYPH_TABLE)


def see_through(text: str) -> tuple[str, tuple[str, ...]]:
    """``(ascii form, warnings)``: drop invisibles, NFKC-fold fullwidth, map homoglyphs."""
    warnings = warnings_for(text)
    if not warnings:
        return text, ()
    kept = "".join(ch for ch in text if ch not in INVISIBLE)
    folded = translate_homoglyphs(unicodedata.normalize("NFKC", kept))
    return folded, warnings
