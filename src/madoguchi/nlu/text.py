"""Text to tokens for both languages: NFKC folding, SudachiPy for Japanese, light English stems,
domain concept tokens, and character n-grams.

>>> tokens("ビットコインの出金が届かない")[:4]
['ビットコイン', '出金', '届く', 'ない']
>>> "§withdraw" in tokens("I want to cash out")
True
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Any

from madoguchi.nlu.synonyms import CONCEPTS

__all__ = [
    "CONCEPT_PREFIX",
    "char_ngrams",
    "concepts",
    "has_japanese",
    "normalize",
    "stem",
    "tokens",
    "word_pairs",
    "word_tokens",
]

#: Marks a concept token so it never collides with a word a customer typed.
CONCEPT_PREFIX = "§"
#: Longest text tokenised (characters): a support question is settled long before, and it
#: bounds the work one request can cause.
MAX_CHARS = 4_000

_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9d]")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]+\Z")
_NOT_WORD = re.compile(r"[\W_]+")
_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
#: Sudachi parts of speech that carry no meaning for support questions.
_SKIP_POS = frozenset({"助詞", "補助記号", "空白", "記号"})
#: English function words: dropped from word tokens (the char n-grams still see them).
_EN_STOP = frozenset(
    """a an the i me my we our you your it its is am are was were be been being to of in on at
    for from with and or but so if then than that this these those there here do does did
    have has had will would shall should could can may might must just also very really
    please hi hello hey thanks thank dear sir madam im i'm ive i've it's""".split()
)

#: Add entity type tokens (addresses, txids, amounts...) found by madoguchi.analysis.
ENTITY_TOKENS = False
#: Also emit the short units (Sudachi mode A) of a compound word.
SPLIT_COMPOUNDS = True

_dictionary: Any = None
_lock = threading.Lock()
_local = threading.local()


def _tokenizer() -> Any:
    """One Sudachi dictionary per process (~190 MB mapped), one tokenizer per thread.

    Sudachi's tokenizer object is not documented as thread-safe, so each thread gets its own;
    the dictionary behind them is shared and loaded once, on first use.
    """
    global _dictionary
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        with _lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
        from sudachipy import SplitMode

        tokenizer = _dictionary.tokenizer(mode=SplitMode.C)
        _local.tokenizer = tokenizer
    return tokenizer


@lru_cache(maxsize=1)
def _split_mode_a() -> Any:
    from sudachipy import SplitMode

    return SplitMode.A


def normalize(text: str) -> str:
    """NFKC (full-width/half-width folded, half-width kana to full-width) and lower case."""
    return unicodedata.normalize("NFKC", text[:MAX_CHARS]).lower()


def has_japanese(text: str) -> bool:
    """Any kana or kanji: Sudachi reads the text (it handles the Latin words in it too)."""
    return _JAPANESE.search(text) is not None


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light English stemmer (no corpus download): enough to join plural and tense forms.

    >>> [stem(w) for w in ("withdrawals", "arrived", "pending", "addresses", "fees")]
    ['withdrawal', 'arrive', 'pend', 'address', 'fee']
    """
    w = word
    if len(w) <= 3 or not w.isascii() or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "ls":
            w = w[:-1]
        return w
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ed") and len(w) > 4:
        base = w[:-2]
        if base.endswith(("iv", "at", "ur", "iz", "us", "ar", "ir", "uc", "os")):
            return base + "e"
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "ls":
            return base[:-1]
        return base
    return w


def _english_words(text: str) -> list[str]:
    return [stem(w) for w in _EN_WORD.findall(text) if w not in _EN_STOP]


def _japanese_words(text: str) -> list[str]:
    """Sudachi's normalised forms, with katakana compounds re-joined (ビット+コイン)."""
    out: list[str] = []
    previous_katakana = False
    for morpheme in _tokenizer().tokenize(text):
        pos = morpheme.part_of_speech()[0]
        if pos in _SKIP_POS:
            previous_katakana = False
            continue
        form = morpheme.normalized_form().lower()
        surface = morpheme.surface()
        katakana = _KATAKANA_WORD.match(surface) is not None
        if katakana and previous_katakana and out:
            out[-1] = out[-1] + surface  # the core dictionary splits ビットコイン; join it back
        elif form.isascii():
            out.extend(stem(w) for w in _EN_WORD.findall(form) if w not in _EN_STOP)
        else:
            out.append(form)
            if SPLIT_COMPOUNDS and len(surface) > 2:
                # 不正ログイン is one word in mode C; its parts (不正, ログイン) generalise
                parts = morpheme.split(_split_mode_a())
                if len(parts) > 1:
                    out.extend(p.normalized_form().lower() for p in parts)
        previous_katakana = katakana
    return out


#: Japanese particles kept for word pairs: they carry direction (入金へ / 出金から) and role.
_PAIR_PARTICLES = frozenset({"へ", "から", "に", "まで", "を", "が", "で", "と"})
#: English words dropped from word pairs: they separate the words that matter and say little.
_PAIR_STOP = frozenset(
    """a an the i me my we our you your it its is am are was were be been being this that these
    those there here please hi hello hey thanks thank dear sir madam just really very so
    im i'm ive i've it's""".split()
)


def word_pairs(text: str) -> list[str]:
    """Adjacent word pairs of normalised ``text``, keeping direction words (to/from, へ/から).

    The bag of words cannot tell "withdraw to my bank" from "deposit from my bank"; a pair can.
    English keeps prepositions (dropped from :func:`tokens`); Japanese keeps case particles.

    >>> word_pairs("送金先から出金")[-1]
    'から 出金'
    >>> word_pairs("send from my wallet")
    ['send from', 'from wallet']
    """
    if has_japanese(text):
        words: list[str] = []
        for morpheme in _tokenizer().tokenize(text[:MAX_CHARS]):
            pos = morpheme.part_of_speech()[0]
            surface = morpheme.surface()
            if pos in _SKIP_POS and surface not in _PAIR_PARTICLES:
                continue
            words.append(morpheme.normalized_form().lower())
    else:
        words = [stem(w) for w in _EN_WORD.findall(text) if w not in _PAIR_STOP]
    return [f"{a} {b}" for a, b in pairwise(words)]


def word_tokens(text: str) -> list[str]:
    """Words of ``text`` (already :func:`normalize`-d): Sudachi if Japanese, else English."""
    return _japanese_words(text) if has_japanese(text) else _english_words(text)


def _concept_pattern() -> re.Pattern[str]:
    ascii_forms: list[str] = []
    other_forms: list[str] = []
    for forms in CONCEPTS.values():
        for form in forms:
            form = unicodedata.normalize("NFKC", form).lower()
            (ascii_forms if form.isascii() else other_forms).append(form)
    # longest first, so "destination tag" wins over "tag" and 宛先タグ over タグ
    ascii_alt = "|".join(re.escape(f) for f in sorted(set(ascii_forms), key=len, reverse=True))
    other_alt = "|".join(re.escape(f) for f in sorted(set(other_forms), key=len, reverse=True))
    endings = r"(?:s|es|d|ed|ing|al|als|ment|ments|ly)?"
    return re.compile(rf"(?<![a-z0-9])(?:{ascii_alt}){endings}(?![a-z0-9])|{other_alt}")


_CONCEPT_RE = _concept_pattern()


def _form_to_concept() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, forms in CONCEPTS.items():
        for form in forms:
            table.setdefault(unicodedata.normalize("NFKC", form).lower(), concept)
    return table


_FORM_CONCEPT = _form_to_concept()
_ASCII_FORMS_BY_LENGTH = sorted((f for f in _FORM_CONCEPT if f.isascii()), key=len, reverse=True)


def _concept_of(match: str) -> str | None:
    concept = _FORM_CONCEPT.get(match)
    if concept is not None:
        return concept
    for form in _ASCII_FORMS_BY_LENGTH:  # a matched form plus an English ending
        if match.startswith(form):
            return _FORM_CONCEPT[form]
    return None


def concepts(text: str) -> list[str]:
    """Concept tokens (``§withdraw``...) for the synonym forms in normalised ``text``.

    >>> concepts("引出しが反映されない")
    ['§withdraw', '§arrive']
    """
    out: list[str] = []
    for match in _CONCEPT_RE.finditer(text):
        concept = _concept_of(match.group())
        if concept is not None:
            out.append(CONCEPT_PREFIX + concept)
    return out


def tokens(text: str) -> list[str]:
    """Word tokens followed by concept tokens: the features both models and the index share."""
    norm = normalize(text)
    out = word_tokens(norm) + concepts(norm)
    if ENTITY_TOKENS:
        out += entity_tokens(text)
    return out


def entity_tokens(text: str) -> list[str]:
    """A type token per entity ``madoguchi.analysis`` finds (``§entity_txid``...).

    Off by default (:data:`ENTITY_TOKENS`): measured in cross-validation it did not change
    top-1 accuracy, and the analysis costs more than the rest of understanding together.
    """
    from madoguchi.analysis import analyze

    return [f"{CONCEPT_PREFIX}entity_{e.kind}" for e in analyze(text[:MAX_CHARS]).entities]


def char_ngrams(text: str, sizes: Iterable[int] = (2, 3)) -> list[str]:
    """Character n-grams of normalised ``text`` with runs of spaces folded, for partial words.

    >>> char_ngrams("出金", sizes=(2,))
    ['出金']
    """
    norm = " ".join(_NOT_WORD.sub(" ", normalize(text)).split())
    out: list[str] = []
    for n in sizes:
        out.extend(norm[i : i + n] for i in range(len(norm) - n + 1) if " " not in norm[i : i + n])
    return out
