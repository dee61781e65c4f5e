"""What "it" asks for: objects named by reference to a secret in the same or the previous
sentences ("We sent a code to your phone. Please read it back to me.",
「認証コードをお送りしました。届いた番号をそのまま返信してください。」).

An *anaphor* (it, them, the number, the words, その番号, 届いた番号, 表示される文字列 …) stands
for the secret kinds named before it: first earlier in its own sentence, else in the previous
sentence, else the one before (:data:`REACH`). A nominal anaphor only takes the kinds it can
name ("the words" is a recovery phrase, "the number" a code). The caller decides whether the
anaphor is the object of an ask; here we only say which kinds it refers to.
"""

from __future__ import annotations

import re

from madoguchi.guard import _lexicon as lx
from madoguchi.guard._types import OTP, PASSWORD, PRIVATE_KEY, RECOVERY_PHRASE

#: how many earlier sentences an anaphor may reach back to
REACH = 2

_SECRETS = frozenset({RECOVERY_PHRASE, PRIVATE_KEY, PASSWORD, OTP})
_CODE = frozenset({OTP, PASSWORD})
_STRING = frozenset({PRIVATE_KEY, OTP, RECOVERY_PHRASE})

#: secrets named only by what happened to them: antecedents, never objects on their own
#: ("we sent a code to your phone", "the verification SMS", 「確認コードを送信しました」)
_ANTECEDENT_ONLY_EN = re.compile(
    r"\b(?:sent|texted|e-?mailed|messaged)\s+(?:you\s+)?(?:a|an|the|your)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:code|pin|number|digits)\b|\b(?:verification|2fa|otp|login|security|confirmation|"
    r"authentication|sign-?in)\s+(?:sms|text(?:\s+message)?|e-?mail|message)\b|"
    r"\b(?:text|sms|e-?mail|message)\s+with\s+(?:a|an|the|your)\s+(?:[\w-]+\s+)?(?:code|pin)\b"
)

#: (pattern, kinds it may stand for); English pronouns stand for any secret
_ANAPHORS_EN: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    # not an indirect object: "give them the reports"
    (
        re.compile(
            r"\b(?:it|them|they|those|these)\b"
            r"(?!\s+(?:the|a|an|your|our|my|his|her|their|this|that|some|any)\b)"
        ),
        _SECRETS,
    ),
    (
        re.compile(
            r"\b(?:the|that|this|those|these)\s+(?:whole\s+|entire\s+|full\s+|same\s+)?"
            r"(?:code|number|digits|pin|message|sms|text)s?\b(?!\s+(?:of|for)\b)"
        ),
        _CODE,
    ),
    (
        re.compile(r"\b(?:the|that|this|those|these)\s+(?:\d+\s+|all\s+)?(?:words|phrase)\b"),
        frozenset({RECOVERY_PHRASE}),
    ),
    (
        re.compile(r"\b(?:the|that|this)\s+(?:whole\s+|entire\s+|full\s+)?(?:string|key)\b"),
        _STRING,
    ),
)
#: Japanese anaphors count as objects only when marked as one (「それを」「届いた番号を」)
_ANAPHORS_JA: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"それら?(?=\s*を)"), _SECRETS),
    (
        re.compile(
            r"(?:その|こちらの|お手元に|お手元の|届いた|受信した|表示され(?:た|る|ている))"
            r"[^。、をはが]{0,8}?(?:番号|コード|数字|メッセージ|sms|内容)(?=\s*を)"
        ),
        _CODE,
    ),
    (
        re.compile(
            r"(?:その|こちらの|表示され(?:た|る|ている)|記載され(?:た|ている)|書かれ(?:た|ている))"
            r"[^。、をはが]{0,8}?(?:文字列|英数字|キー|単語|ワード)(?=\s*を)"
        ),
        _STRING,
    ),
)

#: a Japanese request with no object at all (「コピーしてご返信ください」) refers back only
#: when the sentence before put the secret in front of the customer (sent, shown, needed)
_HANDED_OVER_JA = re.compile(r"送信|お送り|送りました|届|表示|必要|発行")
_ZERO_OBJECT_PREFIX_JA = re.compile(
    r"^(?:[\s、]|お手数(?:です|をおかけします)が|恐れ入りますが|恐縮ですが|そのまま|すぐに?|"
    r"(?:届|受信|表示され)(?:いたら|たら|き次第|し次第)|(?:私|担当者?|弊社|当方)(?:に|宛て?に?|へ)|"
    r"至急|今すぐ|こちらに|この(?:チャット|メール|チケット)に|ここに|コピーして|コピーの?うえ|"
    r"貼り?付けて|写真に撮って|撮影して|全部|すべて|全て)*$"
)


def _mentions(text: str) -> list[tuple[int, str]]:
    """``(end, kind)`` of every secret named in ``text``; none if it talks about fraud."""
    if lx.WARNING_EN.search(text) or lx.WARNING_JA.search(text):
        return []
    spans = [
        (m.start(), m.end(), kind)
        for patterns in (lx.OBJECTS_EN, lx.OBJECTS_JA)
        for kind, pattern in patterns.items()
        if kind in _SECRETS
        for m in pattern.finditer(text)
    ]
    # the password inside 「ワンタイムパスワード」 / "one-time password" is the code only
    otp = [(s, e) for s, e, kind in spans if kind == OTP]
    found = [
        (e, kind) for s, e, kind in spans if kind != PASSWORD or not any(a <= s < b for a, b in otp)
    ]
    found += [(m.end(), OTP) for m in _ANTECEDENT_ONLY_EN.finditer(text)]
    return found


def secrets_named(text: str) -> set[str]:
    """Secret kinds named in ``text`` (objects plus the antecedent-only phrasings), or none
    if the text talks about fraud."""
    return {kind for _, kind in _mentions(text)}


def _earlier(previous: tuple[str, ...]) -> set[str]:
    for text in reversed(previous[-REACH:]):
        kinds = secrets_named(text)
        if kinds:
            return kinds
    return set()


def _resolve(
    table: tuple[tuple[re.Pattern[str], frozenset[str]], ...],
    sentence: str,
    previous: tuple[str, ...],
) -> list[tuple[str, int, int]]:
    found = [
        (pattern, compatible, m)
        for pattern, compatible in table
        for m in pattern.finditer(sentence)
    ]
    if not found:
        return []
    own = _mentions(sentence)  # computed once per sentence: texts can be long
    earlier: set[str] | None = None
    hits = []
    for _, compatible, match in found:
        kinds = {kind for end, kind in own if end <= match.start()}
        if not kinds:
            earlier = _earlier(previous) if earlier is None else earlier
            kinds = earlier
        hits.extend((kind, match.start(), match.end()) for kind in sorted(kinds & compatible))
    return sorted(hits)


def anaphors_en(sentence: str, previous: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of each English anaphor standing for a secret."""
    return _resolve(_ANAPHORS_EN, sentence, previous)


def anaphors_ja(sentence: str, previous: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of each Japanese anaphor (marked as an object) standing for a
    secret."""
    return _resolve(_ANAPHORS_JA, sentence, previous)


def zero_object_ja(sentence: str, ask_start: int, previous: tuple[str, ...]) -> set[str]:
    """Kinds a Japanese request with nothing before it but adverbs refers back to."""
    if not previous or not _ZERO_OBJECT_PREFIX_JA.match(sentence[:ask_start]):
        return set()
    before = previous[-1]
    if not _HANDED_OVER_JA.search(before) or lx.NEGATION_JA.search(before):
        return set()
    return secrets_named(before)
