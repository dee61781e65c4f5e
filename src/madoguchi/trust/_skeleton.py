"""UTS #39-style skeletons and script checks for lookalike detection.

Why our own table: confusable_homoglyphs is not installed and its mixed-script check misses
all-Latin tricks such as ``bînance``. A skeleton here is NFKC (fullwidth → ASCII), NFKD with
combining marks stripped (``î`` → ``i``), casefolded, then a small confusables subset that covers
the lookalikes impostors actually use on Latin brands: Cyrillic and Greek letters, digits for
letters, and letter pairs (``rn`` → ``m``, ``vv`` → ``w``).
"""

from __future__ import annotations

import unicodedata

# Single characters that render like a Latin letter. A subset of Unicode's confusables.txt.
CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "η": "n", "ω": "w",
    # Digits and symbols used for letters
    "0": "o", "1": "l", "3": "e", "5": "s", "|": "l", "ı": "i", "ℓ": "l",
}  # fmt: skip

# Letter sequences that read as one letter in most fonts; applied after the single characters.
SEQUENCES: tuple[tuple[str, str], ...] = (("rn", "m"), ("vv", "w"))

_SCRIPT_PREFIXES = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC", "CJK", "HIRAGANA",
                    "KATAKANA", "HANGUL", "THAI", "DEVANAGARI", "GEORGIAN", "CHEROKEE")  # fmt: skip


def strip_marks(text: str) -> str:
    """NFKC then NFKD without combining marks: ``ｂîｎａｎｃｅ`` → ``binance``."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def skeleton(text: str) -> str:
    """The lookalike-insensitive form: two strings with equal skeletons look alike."""
    base = strip_marks(text).casefold()
    mapped = "".join(CONFUSABLES.get(ch, ch) for ch in base)
    for sequence, letter in SEQUENCES:
        mapped = mapped.replace(sequence, letter)
    return mapped


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

    Transpositions count as one edit because ``madougchi`` is one slip, not two.
    """
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
        if min(row) >= limit:
            return limit
    return min(prev[-1], limit)
