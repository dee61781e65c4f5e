r"""BIP39 wordlists folded for matching, and the BIP39 checksum.

Words are stored NFKC-folded and lower-cased, the same way :func:`~madoguchi.analysis._textmap.fold` plus
:func:`word_key` fold a message, so "ＡＢＡＮＤＯＮ", "Abandon" and the NFKD-stored Japanese
"あおそ\u3099ら" all meet their list entry.

>>> [LANGUAGES[i] for i in range(len(LANGUAGES)) if WORD_LANGS["abandon"] >> i & 1]
['english', 'french']
>>> checksum_ok(["abandon"] * 11 + ["about"], "english")
True
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import cache

from mnemonic import Mnemonic

#: The ten official BIP39 lists, then the two extras that python-mnemonic ships.
LANGUAGES: tuple[str, ...] = (
    "english",
    "japanese",
    "korean",
    "spanish",
    "chinese_simplified",
    "chinese_traditional",
    "french",
    "italian",
    "czech",
    "portuguese",
    "russian",
    "turkish",
)
CHINESE = frozenset({"chinese_simplified", "chinese_traditional"})
#: Scripts with many-letter words, where typo tolerance (edit distance, 4-letter prefix) helps.
ALPHABETIC = frozenset(LANGUAGES) - CHINESE - {"japanese", "korean"}
#: Word counts a complete BIP39 mnemonic can have.
VALID_LENGTHS = frozenset({12, 15, 18, 21, 24})


def word_key(token: str) -> str:
    """The lookup key of a (folded, lower-cased) token: NFKC recomposes split accents/dakuten."""
    return token if token.isascii() else unicodedata.normalize("NFKC", token)


def _load() -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    langs: dict[str, int] = {}
    index: dict[str, dict[str, int]] = {}
    for bit, lang in enumerate(LANGUAGES):
        words = Mnemonic(lang).wordlist
        table = {unicodedata.normalize("NFKC", w).lower(): i for i, w in enumerate(words)}
        index[lang] = table
        for w in table:
            langs[w] = langs.get(w, 0) | (1 << bit)
    return langs, index


#: folded word -> bit mask of the languages (bit i = LANGUAGES[i]) whose list holds it
WORD_LANGS: dict[str, int]
#: language -> folded word -> index 0..2047
WORD_INDEX: dict[str, dict[str, int]]
WORD_LANGS, WORD_INDEX = _load()

#: English words that are common in sentences but rare in a random phrase. A run of wordlist
#: words that is full of these is a sentence ("you can have this..."), not a mnemonic. Words
#: outside the wordlist ("the", "my", "is") break a run anyway.
FUNCTION_WORDS = frozenset(
    """
    about above across after again against all almost alone also among any are around
    because before below between both can could did does during each either else enough
    even ever every few for from have here how into just more most much must never next
    not now only other over please help same should since some such than that then there
    these they this those though through under until very what when where which while who
    why will with within without would you your yes
    """.split()
)

#: Never taken for a mistyped word: short sentence words one letter away from a list word.
STOPWORDS = FUNCTION_WORDS | frozenset(
    """
    the a an is am are was were be been being my me mine i we us our he him his she her it its
    they them their and or but if so as by of to in on at up do does did has had get got let
    not no nor yes hi hey ok okay thanks thank sorry dear sir madam who whom whose out off
    one two ten too via per than then than now new old own way day
    """.split()
)


def checksum_ok(words: list[str], lang: str) -> bool:
    """True when ``words`` (folded keys, all in ``lang``'s list) carry a valid BIP39 checksum."""
    n = len(words)
    if n not in VALID_LENGTHS:
        return False
    table = WORD_INDEX[lang]
    bits = 0
    for w in words:
        bits = (bits << 11) | table[w]
    check_bits = n // 3  # ENT/32 with ENT = 32 * n / 3
    entropy = (bits >> check_bits).to_bytes(check_bits * 4, "big")
    expected = hashlib.sha256(entropy).digest()[0] >> (8 - check_bits)
    return (bits & ((1 << check_bits) - 1)) == expected


@cache
def _deletion_index(lang: str) -> dict[str, tuple[str, ...]]:
    """``{word with one letter deleted: words}``: edit distance 1 by symmetric deletion."""
    out: dict[str, list[str]] = {}
    for w in WORD_INDEX[lang]:
        for i in range(len(w)):
            out.setdefault(w[:i] + w[i + 1 :], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _prefix_index(lang: str) -> dict[str, str]:
    """``{first four letters: word}`` for words of 4+ letters (unique in English by design)."""
    out: dict[str, str] = {}
    for w in WORD_INDEX[lang]:
        if len(w) >= 4:
            out.setdefault(w[:4], w)
    return out


def near_word(token: str, lang: str, *, loose: bool, min_length: int = 3) -> bool:
    """True when ``token`` looks like a mistyped word of ``lang``'s list.

    Strict (run edges): one insertion, deletion or substitution (3+ letters). Loose
    (inside a run): also the same first four letters, which BIP39 words
    are unique in.
    """
    if len(token) < min_length or len(token) > 12 or token in STOPWORDS:
        return False
    table = WORD_INDEX[lang]
    deletions = _deletion_index(lang)
    if token in deletions:  # one letter too few
        return True
    for i in range(len(token)):
        shorter = token[:i] + token[i + 1 :]
        if shorter in table or shorter in deletions:  # one letter too many / substituted
            return True
    return loose and lang in ALPHABETIC and token[:4] in _prefix_index(lang)
