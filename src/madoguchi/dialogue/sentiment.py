"""How upset a customer sounds, from a bilingual lexicon and typographic signals (pure).

Not a model: a transparent score an agent can read. Each message scores 0..1 from angry words
(ja/en), shouting (``!!!``, ``！！``, ALL CAPS) and repetition ("again", "何度も", "still");
the conversation keeps a decaying maximum so one calm line does not erase a furious one.

>>> score("This is RIDICULOUS!!! Where is my money???").label
'angry'
>>> score("出金について教えてください").label
'calm'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["ANGRY", "FRUSTRATED", "Sentiment", "label_of", "score"]

#: thresholds on the 0..1 score
FRUSTRATED = 0.3
ANGRY = 0.6

# Strong words count 0.45, mild ones 0.25; a few together reach "angry".
_STRONG_EN = re.compile(
    r"\b(?:ridiculous|unacceptable|outrageous|furious|pathetic|disgusting|useless|"
    r"incompetent|scam(?:mers?)?|thie(?:f|ves)|stole|fraud|worst|wtf|damn|hell|crap|"
    r"sue|lawyer|lawsuit|joke|idiots?)\b",
    re.IGNORECASE,
)
_MILD_EN = re.compile(
    r"\b(?:angry|annoyed|upset|frustrat\w*|terrible|awful|horrible|disappointed|fed up|"
    r"sick of|waste|nobody|no one|ignored|ignoring|unbelievable|seriously|asap|immediately)\b",
    re.IGNORECASE,
)
_STRONG_JA = re.compile(
    r"ふざけ|いい加減|最悪|詐欺|泥棒|訴え|ありえない|あり得ない|許せ|舐め|なめて|ばか|バカ|"
    r"馬鹿|殺す|ゴミ|クソ|くそ|金返せ|返金しろ|責任者を出せ|どうなってる"
)
_MILD_JA = re.compile(
    r"ひどい|酷い|怒|困って|困る|遅すぎ|遅い|まだ|いつまで|返事がない|返信がない|"
    r"不満|がっかり|残念|早く|至急|すぐに|うんざり|迷惑"
)
_REPEAT = re.compile(
    r"\b(?:again|still|already told|for the \w+ time|(?:three|3|four|4|five|5) times)\b|"
    r"何度も|何回も|再三|またですか|また同じ|前にも|既に|すでに",
    re.IGNORECASE,
)
_SHOUT = re.compile(r"[!！]{2,}|[?？]{3,}")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
#: ALL CAPS words that are not shouting (tickers, networks, acronyms customers use)
_CAPS_OK = frozenset(
    "BTC ETH USDT USDC XRP SOL TRX BNB ERC BEP TRC KYC API SMS OTP APP ATM JPY USD EUR "
    "NFT DEX CEX TXID ID URL PDF IOS FAQ TAG MEMO".split()
)


@dataclass(frozen=True, slots=True)
class Sentiment:
    """One message's score, its label and the signals behind it (shown to the agent)."""

    score: float
    label: str  # "calm" | "frustrated" | "angry"
    signals: tuple[str, ...] = field(default=())


def label_of(value: float) -> str:
    if value >= ANGRY:
        return "angry"
    if value >= FRUSTRATED:
        return "frustrated"
    return "calm"


def score(text: str) -> Sentiment:
    """Score one message (see the module docstring). Empty or odd input scores calm."""
    if not isinstance(text, str) or not text.strip():
        return Sentiment(0.0, "calm")
    total = 0.0
    signals: list[str] = []
    strong = len(_STRONG_EN.findall(text)) + len(_STRONG_JA.findall(text))
    mild = len(_MILD_EN.findall(text)) + len(_MILD_JA.findall(text))
    if strong:
        total += 0.45 * min(strong, 2)
        signals.append("angry words")
    if mild:
        total += 0.2 * min(mild, 3)
        signals.append("upset words")
    if _SHOUT.search(text):
        total += 0.25
        signals.append("exclamations")
    caps = [w for w in _CAPS_WORD.findall(text) if w not in _CAPS_OK]
    if caps and (len(caps) >= 2 or len(caps[0]) >= 5):
        total += 0.25
        signals.append("capitals")
    if _REPEAT.search(text):
        total += 0.15
        signals.append("repeated complaint")
    value = round(min(total, 1.0), 2)
    return Sentiment(value, label_of(value), tuple(signals))
