"""Short replies the assistant recognises without the intent model (pure).

"human please", "yes"/"no", "I don't know", "skip", a numbered choice, and which language a
line is written in. These must work before and beside the classifier: a customer who asks for
a person is never routed through a confidence threshold.

>>> wants_human("オペレーターと話したい"), wants_human("how do I withdraw?")
(True, False)
>>> yes_no("いいえ、まだです"), yes_no("yes thanks")
(False, True)
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["choice", "dont_know", "guess_language", "skip", "wants_human", "yes_no"]

_HUMAN = re.compile(
    r"\b(?:human|real person|a person|live (?:agent|person|chat)|(?:an? )?(?:support )?agent|"
    r"operator|representative|someone real|talk to (?:someone|somebody|staff)|"
    r"speak (?:to|with) (?:someone|somebody|staff)|customer service rep)\b"
    r"|人と話したい|人間|オペレーター|オペレータ|担当者(?:と|に|を|に繋|につな|へ)|有人|スタッフと|"
    r"電話(?:で話|したい)|人に(?:代わ|かわ|繋|つな)",
    re.IGNORECASE,
)
#: "an agent" alone is also how people name the scammer ("an agent asked for my seed"): a
#: request for a person must be a request, not a mention
_HUMAN_REQUEST = re.compile(
    r"\b(?:please|pls|plz|want|need|let me|can i|could i|may i|talk|speak|connect|transfer|"
    r"give me|get me|i'?d like)\b"
    r"|^\s*(?:human|agent|operator|person|representative|オペレーター|オペレータ|担当者|人間|有人)"
    r"\W*$"
    r"|たい|ください|下さい|お願い|おねがい|希望|繋いで|つないで|代わって|かわって|出して",
    re.IGNORECASE,
)

_YES = re.compile(
    r"^\s*(?:y|yes|yeah|yep|yup|sure|ok(?:ay)?|solved|it did|that helped|helped|"
    r"thanks?|thank you|great|perfect|got it|resolved)\b"
    r"|^\s*(?:はい|うん|ええ|解決|大丈夫|OK|オッケー|ありがとう|助かり|わかりました|できました)",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^\s*(?:n|no|nope|nah|not really|didn'?t|did not|doesn'?t|does not|not solved|still)\b"
    r"|^\s*(?:いいえ|いや|いえ|ううん|だめ|ダメ|駄目|解決しない|解決して(?:い)?ない|まだ|違)"
    r"|解決しません|解決していません|役に立たな|意味がな",
    re.IGNORECASE,
)
_DONT_KNOW = re.compile(
    r"\b(?:i )?(?:don'?t|do not|dont) know\b|\bno idea\b|\bnot sure\b|\bidk\b|\bunknown\b|"
    r"\bcan'?t find\b|\bcannot find\b|\bdon'?t have\b|\bdo not have\b|\bn/?a\b"
    r"|わから|分から|わかりません|分かりません|わかん|不明|知らな|覚えていな|覚えてな|ありません|ない$|なし|無し",
    re.IGNORECASE,
)
_SKIP = re.compile(
    r"^\s*(?:skip|no thanks|no thank you|none|no|pass|later)\b|スキップ|不要|結構です|いらない|なし",
    re.IGNORECASE,
)
_NONE_OF_THESE = re.compile(
    r"\bnone\b|\bneither\b|\bnothing\b|\bother\b|どれでもない|どれも|ちがう|違う|その他",
    re.IGNORECASE,
)
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _fold(text: str) -> str:
    # fullwidth letters and digits (ｈｕｍａｎ, １) read as their ASCII forms
    return unicodedata.normalize("NFKC", text or "")


def wants_human(text: str) -> bool:
    """An explicit request for a person, in Japanese or English."""
    folded = _fold(text)
    return bool(_HUMAN.search(folded) and _HUMAN_REQUEST.search(folded))


def yes_no(text: str) -> bool | None:
    """True for "yes"/"はい", False for "no"/"いいえ", None when the line is neither."""
    folded = _fold(text).strip()
    if _NO.search(folded):
        return False
    if _YES.search(folded):
        return True
    return None


def dont_know(text: str) -> bool:
    """The customer does not know or does not have the fact asked for."""
    folded = _fold(text).strip()
    return len(folded) <= 60 and bool(_DONT_KNOW.search(folded))


def skip(text: str) -> bool:
    """The customer declines an optional question (e-mail, phone)."""
    folded = _fold(text).strip()
    return len(folded) <= 40 and bool(_SKIP.search(folded) or _DONT_KNOW.search(folded))


def choice(text: str, count: int) -> int | None:
    """A numbered choice 1..count as a 0-based index; -1 for "none of these"; else None."""
    folded = _fold(text).strip().rstrip(".。)）番")
    if folded.isdigit() and 1 <= int(folded) <= count:
        return int(folded) - 1
    if len(folded) <= 30 and _NONE_OF_THESE.search(folded):
        return -1
    return None


def guess_language(text: str) -> str | None:
    """ "ja" when the line has Japanese script, "en" for three or more Latin words, else None."""
    folded = _fold(text)
    if _JAPANESE.search(folded):
        return "ja"
    if len(_LATIN_WORD.findall(folded)) >= 3:
        return "en"
    return None
