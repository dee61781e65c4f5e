"""UTS #39-style skeletons and script checks for lookalike detection.

Why our own table: confusable_homoglyphs is not installed and its mixed-script check misses
all-Latin tricks such as ``bînance``. A skeleton here is NFKC (fullwidth → ASCII), NFKD with
combining marks stripped (``î`` → ``i``), casefolded, then a small confusables subset that covers
the lookalikes impostors actually use on Latin brands: Cyrillic and Greek letters, digits for
letters, Latin letters with a stroke, hook or tail that NFKD does not decompose (``ł``, ``ɗ``,
``ɽ``, small capitals such as ``ʙ``: derived from their Unicode names, see ``_latin_variants``),
and letter pairs (``rn`` → ``m``, ``vv`` → ``w``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

# Single characters that render like a Latin letter. A subset of Unicode's confusables.txt.
CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g", "ь": "b", "ѵ": "v",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "η": "n", "ω": "w",
    # Digits and symbols used for letters
    "0": "o", "1": "l", "3": "e", "5": "s", "|": "l", "ı": "i", "ℓ": "l",
    # Latin letters Unicode lists as confusable with a plain one
    "ɑ": "a", "ɩ": "i", "ƅ": "b",
}  # fmt: skip

# Letter sequences that read as one letter in most fonts; applied after the single characters.
SEQUENCES: tuple[tuple[str, str], ...] = (("rn", "m"), ("vv", "w"))

# Latin letters whose Unicode name says what they look like: "LATIN SMALL LETTER L WITH STROKE",
# "... D WITH HOOK", "LATIN LETTER SMALL CAPITAL B", "LATIN SMALL LETTER DOTLESS J".
_VARIANT_NAME = re.compile(
    r"^LATIN (?:SMALL LETTER ([A-Z]) WITH .+|LETTER SMALL CAPITAL ([A-Z])"
    r"|SMALL LETTER (?:DOTLESS|SCRIPT) ([A-Z]))$"
)
_LATIN_BLOCKS = ((0x00C0, 0x024F), (0x0250, 0x02AF), (0x1D00, 0x1DBF), (0x1E00, 0x1EFF),
                 (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xAB30, 0xAB6F))  # fmt: skip


def _latin_variants() -> dict[str, str]:
    """Letters of the Latin blocks that NFKD leaves alone but that read as a plain letter."""
    table: dict[str, str] = {}
    for first, last in _LATIN_BLOCKS:
        for point in range(first, last + 1):
            match = _VARIANT_NAME.match(unicodedata.name(chr(point), ""))
            if match:
                table[chr(point)] = next(g for g in match.groups() if g).lower()
    return table


CONFUSABLES = {**_latin_variants(), **CONFUSABLES}

_SCRIPT_PREFIXES = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC", "CJK", "HIRAGANA",
                    "KATAKANA", "HANGUL", "THAI", "DEVANAGARI", "GEORGIAN", "CHEROKEE")  # fmt: skip


def strip_marks(text: str) -> str:
    """NFKC then NFKD without combining marks: ``ｂîｎａｎｃｅ`` → ``binance``."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def skeleton(text: str) -> str:
    """The lookalike-insensitive form: two strings with equal skeletons look alike."""
    base = strip_marks(text).casefold()
    mapped = "".join(CONFUSABLES.get(ch, ch) for ch in base)
    for sequence, letter in SEQUENCES:
        mapped = mapped.replace(sequence, letter)
    return mapped


@lru_cache(maxsize=8192)
def loose_skeleton(text: str) -> str:
    """Skeleton that also merges l/i, since ``1`` may stand for either."""
    return skeleton(text).replace("l", "i")


def scripts(text: str) -> frozenset[str]:
    """The scripts of the letters in ``text`` (after NFKC, so fullwidth counts as Latin)."""
    found: set[str] = set()
    for ch in unicodedata.normalize("NFKC", text):
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        found.add(next((p for p in _SCRIPT_PREFIXES if name.startswith(p)), "OTHER"))
    return frozenset(found)


def mixed_scripts(text: str) -> bool:
    """True when a single label mixes alphabets (Latin + Cyrillic, ...), a classic spoof.

    Japanese mixes Han, Hiragana and Katakana legitimately, so those count as one script.
    """
    japanese = {"CJK", "HIRAGANA", "KATAKANA"}
    found = scripts(text)
    if found & japanese:
        found = (found - japanese) | {"JAPANESE"}
    return len(found) > 1


def distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment Damerau-Levenshtein distance, capped at ``limit``.

    Transpositions count as one edit because ``madougchi`` is one slip, not two. Computed by
    rapidfuzz (``OSA``), which stops early past the cut-off.
    """
    return min(OSA.distance(a, b, score_cutoff=limit), limit)
