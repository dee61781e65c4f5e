"""BIP39 recovery phrases in any of the twelve wordlists, in the layouts customers paste.

A phrase is a *run* of wordlist tokens separated only by short separator gaps (spaces,
newlines, commas, numbering such as ``1.``/``(1)``/``①``). Runs are judged per language:

* 8+ words, at most a few near-misses (a typo at edit distance 1, or the same first four
  letters: BIP39 words are unique in their first four), almost no English function words;
* or any 12/15/18/21/24-word window with a valid BIP39 checksum.

>>> from madoguchi.analysis._textmap import fold
>>> find_phrases(fold("abandon " * 11 + "about"))[0].reason
'bip39:english:12 words:checksum ok'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

from madoguchi.analysis._textmap import Folded
from madoguchi.analysis._types import RECOVERY_PHRASE, SecretSpan
from madoguchi.analysis.shield._wordlists import (
    CHINESE,
    FUNCTION_WORDS,
    LANGUAGES,
    STOPWORDS,
    VALID_LENGTHS,
    WORD_INDEX,
    WORD_LANGS,
    checksum_ok,
    near_word,
    word_key,
)

# One token per script run, so "フレーズはabandon" splits into Japanese and Latin parts and a
# hiragana word glued to a katakana/kanji word is still its own token. Marks (\p{M}) stay with
# their letter: NFKD input ("そ\u3099") is recomposed by word_key().
_TOKEN = regex.compile(
    r"[\p{Latin}\p{M}]+|[\p{Cyrillic}\p{M}]+|[\p{Hangul}\p{M}]+|[\p{Hiragana}\u30fc\p{M}]+"
    r"|\p{Han}+|[\p{Katakana}\u30fc\p{M}]+|[\p{L}\p{M}]+"
)
# What may stand between two words of one phrase: whitespace, numbering, list punctuation.
# Capped at 12 characters so a blank page or a long number ends the run.
_GAP = re.compile(r"[\s\d.,、。;:()\[\]{}#*|/'\"_\-–—•·・]{1,12}")
_HAN = regex.compile(r"\p{Han}+")
_MIN_WORDS = 8
_MAX_CHECKSUM_RUN = 48  # longer runs (bulk pastes, hostile input) are reported whole
_EDGE_FUNCTION_WORDS = 2
_PARTIAL_LANGS = frozenset({"japanese", "korean"})  # particles glue onto words: "わかめです"


@dataclass(slots=True)
class _Word:
    start: int  # folded offsets
    end: int
    key: str
    kind: str  # "W" word, "F" function word that is also a word, "N" near-miss


def find_phrases(folded: Folded) -> list[SecretSpan]:
    """Every recovery-phrase span in ``folded`` (spans into the original text, may overlap)."""
    text = folded.text
    raw = _TOKEN.findall(text)
    long_han = _has_long_han(raw)
    if len(raw) < _MIN_WORDS - 1 and not long_han:
        return []
    # tokens of an NFKC text are NFKC already (the fold's fast path guarantees it): skip the
    # per-token normalisation, which was a fifth of this function's time
    normalized = text.isascii() or unicodedata.is_normalized("NFKC", text)
    keys = raw if normalized else [word_key(t) for t in raw]
    get = WORD_LANGS.get
    masks = [get(k, 0) for k in keys]
    if len(masks) - masks.count(0) < _MIN_WORDS - 1 and not long_han:
        return []  # the common case: fewer wordlist words than the smallest partial phrase
    counts = [0] * len(LANGUAGES)
    for m in masks:
        while m:
            low = m & -m
            counts[low.bit_length() - 1] += 1
            m ^= low
    langs = [lang for lang, c in zip(LANGUAGES, counts, strict=True) if c >= _MIN_WORDS - 1]
    if not long_han and (not langs or _longest_streak(masks, keys) < _MIN_WORDS - 2):
        return []
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[SecretSpan] = []
    for lang in langs:
        bit = 1 << LANGUAGES.index(lang)
        for run in _runs(text, spans, keys, masks, bit, lang):
            out.extend(_judge(run, lang, folded))
    if long_han:
        out.extend(_unseparated_chinese(spans, keys, folded))
    return out


def _longest_streak(masks: list[int], keys: list[str]) -> int:
    """Most content words of the wordlists in a row, one stray token allowed between and
    function words ignored (a cheap upper bound, so ordinary prose skips the run builder)."""
    best = cur = 0
    stray = False
    for m, key in zip(masks, keys, strict=True):
        if key in STOPWORDS:
            if not m:  # "the", "is", "my" end any run
                cur = 0
            continue
        if m:
            cur += 1
            stray = False
            best = max(best, cur)
        elif stray:
            cur = 0
        else:
            stray = True
    return best


def _has_long_han(raw: list[str]) -> bool:
    if not raw or max(map(len, raw)) < 12:
        return False
    return any(len(t) >= 12 and _HAN.fullmatch(t) for t in raw)


def _gap_ok(text: str, end: int, start: int) -> bool:
    return start > end and _GAP.fullmatch(text, end, start) is not None


def _is_label(text: str, word_end: int) -> bool:
    """A colon right after a word makes it a label ("seed phrase: abandon ..."), not part of the
    phrase; numbered layouts ("1: abandon") put the colon after a number instead."""
    return word_end < len(text) and text[word_end] in ":："


def _runs(
    text: str,
    spans: list[tuple[int, int]],
    keys: list[str],
    masks: list[int],
    bit: int,
    lang: str,
) -> list[list[_Word]]:
    """Split the tokens into runs of ``lang`` words joined by separator gaps."""
    runs: list[list[_Word]] = []
    cur: list[_Word] = []
    first = 0  # token index of cur[0]

    def flush(next_index: int) -> None:
        if len(cur) >= _MIN_WORDS - 2:  # edges may still add a word or two
            runs.append(_extend(text, spans, keys, list(cur), first, next_index, lang))

    for i, key in enumerate(keys):
        start, end = spans[i]
        if cur and (not _gap_ok(text, cur[-1].end, start) or _is_label(text, cur[-1].end)):
            flush(-1)
            cur = []
        if masks[i] & bit:
            if not cur:
                first = i
            cur.append(_Word(start, end, key, "F" if key in FUNCTION_WORDS else "W"))
        elif cur and cur[-1].kind != "N" and near_word(key, lang, loose=True):
            cur.append(_Word(start, end, key, "N"))
        else:
            flush(i)
            cur = []
    flush(-1)
    return runs


def _extend(
    text: str,
    spans: list[tuple[int, int]],
    keys: list[str],
    run: list[_Word],
    first: int,
    next_index: int,
    lang: str,
) -> list[_Word]:
    """Fix the edges of a run: drop a loose near-miss at the end, take in a strict one or a
    word glued to a particle ("はあいこくしん", "わかめです") just outside."""
    if run[-1].kind == "N" and not near_word(run[-1].key, lang, loose=False):
        run.pop()
    before = first - 1
    if (
        before >= 0
        and _gap_ok(text, spans[before][1], run[0].start)
        and not _is_label(text, spans[before][1])
    ):
        word = _edge_word(text, spans[before], keys[before], lang, suffix=True, size=len(run))
        if word is not None:
            run.insert(0, word)
    if next_index >= 0 and _gap_ok(text, run[-1].end, spans[next_index][0]):
        word = _edge_word(
            text, spans[next_index], keys[next_index], lang, suffix=False, size=len(run)
        )
        if word is not None:
            run.append(word)
    return run


def _edge_word(
    text: str, span: tuple[int, int], key: str, lang: str, *, suffix: bool, size: int
) -> _Word | None:
    start, end = span
    # a 3-letter near-miss ("zox") only when it completes a phrase length; else "OTP", "bye"
    min_length = 3 if size + 1 in VALID_LENGTHS else 4
    if lang not in _PARTIAL_LANGS or end - start > 30:
        near = near_word(key, lang, loose=False, min_length=min_length)
        return _Word(start, end, key, "N") if near else None
    table = WORD_INDEX[lang]
    raw = text[start:end]
    # longest word at the glued edge; the folded token may hold combining marks, so cut there
    cuts = range(1, len(raw) - 1) if suffix else range(len(raw) - 1, 1, -1)
    for k in cuts:
        part = raw[k:] if suffix else raw[:k]
        if word_key(part) in table:
            if suffix:
                return _Word(start + k, end, word_key(part), "W")
            return _Word(start, start + k, word_key(part), "W")
    near = near_word(key, lang, loose=False, min_length=min_length)
    return _Word(start, end, key, "N") if near else None


def _judge(run: list[_Word], lang: str, folded: Folded) -> list[SecretSpan]:
    """Decide whether a run is a phrase; return its span(s)."""
    if len(run) < _MIN_WORDS:
        return []
    windows = _checksum_windows(run, lang) if len(run) <= _MAX_CHECKSUM_RUN else []
    lo, hi = 0, len(run)
    while lo < hi and run[lo].kind == "F":  # "you can have this ..." before the phrase
        lo += 1
    while hi > lo and run[hi - 1].kind == "F":
        hi -= 1
    core = run[lo:hi]
    near = sum(1 for w in core if w.kind == "N")
    function = sum(1 for w in core if w.kind == "F")
    n = len(core)
    accepted = (
        n >= _MIN_WORDS
        and near <= (1 if n < 12 else max(2, n // 8))
        and function <= 1 + n // 8
        and n - near >= _MIN_WORDS - 1
    )
    parts = [(off, off + ln, f"bip39:{lang}:{ln} words:checksum ok") for off, ln in windows]
    if accepted:
        # fail safe: keep up to two edge function words ("... legal will" ends a real phrase)
        a, b = max(0, lo - _EDGE_FUNCTION_WORDS), min(len(run), hi + _EDGE_FUNCTION_WORDS)
        for off, ln in windows:
            if off < b and a < off + ln:
                a, b = min(a, off), max(b, off + ln)
        state = "checksum ok" if (a, b - a) in windows else _state(run[a:b], lang)
        parts = [(a, b, f"bip39:{lang}:{b - a} words:{state}")] + [
            p for p in parts if p[0] >= b or p[1] <= a
        ]
    return [
        SecretSpan(RECOVERY_PHRASE, *folded.span(run[a].start, run[b - 1].end), reason=reason)
        for a, b, reason in parts
    ]


def _state(core: list[_Word], lang: str) -> str:
    near = sum(1 for w in core if w.kind == "N")
    if near:
        return f"{near} unknown word{'s' if near > 1 else ''}"
    if len(core) in VALID_LENGTHS:
        return "checksum ok" if checksum_ok([w.key for w in core], lang) else "checksum bad"
    return "partial" if len(core) < 24 else "long run"


def _checksum_windows(run: list[_Word], lang: str) -> list[tuple[int, int]]:
    """Every ``(offset, length)`` window with a valid checksum (overlaps merge later)."""
    found: list[tuple[int, int]] = []
    for length in (24, 21, 18, 15, 12):
        for off in range(len(run) - length + 1):
            window = run[off : off + length]
            if any(w.kind == "N" for w in window) or sum(w.kind == "F" for w in window) > 3:
                continue
            if checksum_ok([w.key for w in window], lang):
                found.append((off, length))
    found.sort()
    return found


def _unseparated_chinese(
    spans: list[tuple[int, int]], keys: list[str], folded: Folded
) -> list[SecretSpan]:
    """Chinese phrases typed without separators: a run of Han characters only counts when a
    12–24 character window at either end of it carries a valid checksum (Chinese prose is
    made of wordlist characters, so nothing weaker is precise enough)."""
    out: list[SecretSpan] = []
    for (start, end), key in zip(spans, keys, strict=True):
        if len(key) < 12 or len(key) != end - start or not _HAN.fullmatch(key):
            continue
        for lang in sorted(CHINESE):
            table = WORD_INDEX[lang]
            found = False
            for length in (24, 21, 18, 15, 12):
                if length > len(key):
                    continue
                for off in {0, len(key) - length}:
                    chars = list(key[off : off + length])
                    if all(c in table for c in chars) and checksum_ok(chars, lang):
                        out.append(
                            SecretSpan(
                                RECOVERY_PHRASE,
                                *folded.span(start + off, start + off + length),
                                reason=f"bip39:{lang}:{length} words:checksum ok:unseparated",
                            )
                        )
                        found = True
                if found:
                    break
            if found:
                break
    return out
