"""Telephone numbers: a cheap regex finds candidates, ``phonenumbers`` judges them.

>>> from madoguchi.analysis.entities._view import view
>>> [(e.value, e.details["type"]) for e in scan_phones(view("電話 ０９０ー１２３４ー５６７８ です"))]
[('+819012345678', 'mobile')]
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType

from madoguchi.analysis._types import PHONE, Entity
from madoguchi.analysis.entities._view import View

DEFAULT_REGION = "JP"

# A candidate starts with "+digit", "(0" or "0" (a domestic Japanese number always has the
# trunk prefix 0), so dates (2024-03-05), amounts (1,500,000) and most ids never qualify.
# It may not be glued to a word, a sign, a decimal point or an id marker ("TEL:" is fine). Separators: ASCII
# and Unicode hyphens/dashes, the long-vowel mark "ー" Japanese IMEs often produce, dots,
# spaces and parentheses. The body is possessive, so scanning stays linear.
_CANDIDATE_RE = re.compile(
    r"(?<![A-Za-z0-9_+\-,#@$¥=\u2010-\u2015\u2212ー])(?<![0-9]\.)"
    r"(?:\+[ \t]?[0-9]|\([ \t]?0|0[1-9])[0-9 \t()\-.\u2010-\u2015\u2212ー]{0,30}+"
)
_SEPARATORS_RE = re.compile(r"[ \t()\-.\u2010-\u2015\u2212ー]{3,}")
_UNICODE_DASH = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212ー"})
_DIGITS_RE = re.compile(r"[0-9]")

# Words just before a number that make it an identifier, not a telephone number.
_ID_CONTEXT_RE = re.compile(
    r"(?i)(?:注文|取引|受付|問い?合わ?せ|照会|チケット|ケース|管理|申込|会員|口座|顧客|"
    r"order|ticket|case|ref(?:erence)?|account|customer|member|uid|user)"
    r"[ \t]*(?:番号|id|no\.?|number|#)?[ \t]*[:：は#]?[ \t]*\Z"
)

_TYPES = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}


def _trim(s: str, start: int, end: int) -> int:
    while end > start and not s[end - 1].isdigit():
        if s[end - 1] == ")" and s.count("(", start, end) >= s.count(")", start, end):
            break
        end -= 1
    return end


def _ends(s: str, start: int, end: int) -> list[int]:
    """The candidate's end, then shorter ends at each space ("090-1234-5678 2回" → drop " 2")."""
    ends = [end]
    cut = end
    while len(ends) < 4:
        cut = max(s.rfind(" ", start, cut), s.rfind("\t", start, cut))
        if cut <= start:
            break
        ends.append(_trim(s, start, cut))
    return ends


@lru_cache(maxsize=2048)
def _judge(raw: str) -> tuple[str, bool, str, str] | None:
    """``(E.164, valid, region, type)`` for a candidate, or None when it is no phone number."""
    digits = len(_DIGITS_RE.findall(raw))
    international = raw.startswith("+")
    if not (8 if international else 10) <= digits <= 15:
        return None
    if _SEPARATORS_RE.search(raw):  # "0.5 - 0.3": arithmetic, not a number
        return None
    try:
        number = phonenumbers.parse(raw.translate(_UNICODE_DASH), DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.is_valid_number(number),
        phonenumbers.region_code_for_number(number) or "",
        _TYPES.get(phonenumbers.number_type(number), "unknown"),
    )


def _glued(s: str, end: int) -> bool:
    """True when ``s[end]`` continues a word or a number ("0912345678abcd", "…56789")."""
    return end < len(s) and s[end].isascii() and (s[end].isalnum() or s[end] == "_")


def scan_phones(v: View) -> list[Entity]:
    """Japanese and international telephone numbers, value in E.164."""
    s = v.text
    out: list[Entity] = []
    pos = 0
    while (m := _CANDIDATE_RE.search(s, pos)) is not None:
        start, end = m.start(), m.end()
        pos = end  # candidates are at most ~33 characters, so rescanning stays linear
        if _ID_CONTEXT_RE.search(s, max(0, start - 16), start):
            continue
        best = None
        for cand_end in _ends(s, start, _trim(s, start, end)):
            if _glued(s, cand_end):
                continue
            judged = _judge(s[start:cand_end])
            if judged is None:
                continue
            if best is None or (judged[1] and not best[1][1]):
                best = (cand_end, judged)
            if judged[1]:  # the longest valid reading wins
                break
        if best is None:
            continue
        cand_end, (value, valid, region, kind) = best
        pos = cand_end  # "03-1234-5678 090-1234-5678": the next number starts after this one
        a, b = v.span(start, cand_end)
        details = {"region": region or None, "type": kind}
        out.append(Entity(PHONE, v.original[a:b], a, b, value=value, valid=valid, details=details))
    return out
