"""Error codes, quoted error messages, and order/ticket/reference numbers customers paste.

>>> [(e.kind, e.value) for e in scan("エラーコード E1023 が出ます。注文番号 2024-0912-7781")]
[('error_code', 'E1023'), ('order_id', '2024-0912-7781')]

An order id is only reported after a keyword that names it ("注文番号", "order ID", "ticket
#"): a bare number is never called an order id. Error codes need an error keyword too, except
for shapes that only ever mean an error (``ERR_INSUFFICIENT_FUNDS``, ``(E-5012)``).
"""

from __future__ import annotations

import re

from madoguchi.analysis._types import ERROR_CODE, ORDER_ID, Entity
from madoguchi.analysis.entities._view import View, view

__all__ = ["scan"]

# A code token: a short hex code, a number of 3+ digits (optionally negative), letters+digits ("E1023",
# "AB-2231", "E-5012-3"), or an upper-case SYMBOLIC_NAME.
_CODE = (
    r"0x[0-9A-Fa-f]{4,8}"  # Windows HRESULT-style "0x80070005" (an address is far longer)
    r"|-?[0-9]{3,8}"
    r"|[A-Za-z]{1,6}[-_]?[0-9]{2,8}(?:[-_][0-9A-Za-z]{1,8})?"
    r"|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){1,8}"
)
# Not part of a longer token, not a date/decimal ("2024-03-05", "403.5"), not a count or a
# price ("エラー 100回", "error 500円").
_CODE_END = r"(?![A-Za-z0-9_]|[-/:.,][0-9]|[ \t]?(?:回|件|円|分|秒|時|日|年|月|%|個|人|万))"
_OPEN = r"[ \t]{0,3}[\"']?[ \t]{0,3}(?:は|が|[:：=#])?[ \t]{0,3}[(\[（【「\"']?[ \t]{0,2}"

_ERROR_KEYED_RE = re.compile(
    r"(?i)(?:(?<![a-z])(?:error|err)(?:[ \t]?(?:code|no\.?|number|num|id|#))?"
    r"|エラー(?:コード|番号|id|no\.?)?)" + _OPEN + rf"(?P<code>{_CODE}){_CODE_END}"
)
# "HTTP 500", "HTTP/1.1 502", "status code 404", "ステータスコード 503"
_HTTP_RE = re.compile(
    r"(?i)(?:(?<![a-z])(?:http(?:/[0-9.]{1,3})?(?:[ \t]?(?:error|status))?"
    r"|status(?:[ \t]?code)?)|ステータス(?:コード)?)"
    + _OPEN
    + r"(?P<code>[1-5][0-9]{2})"
    + _CODE_END
)
# JSON-RPC (-32768..-32000 reserved, -32000..-32099 server) and other negative "code"s:
# a bare "code" is otherwise a verification code, which the shield owns.
_RPC_RE = re.compile(r"(?i)(?<![a-z])(?:code|コード)" + _OPEN + r"(?P<code>-[0-9]{3,6})(?![0-9])")
_SYMBOLIC_RE = re.compile(r"(?<![A-Za-z0-9_])(?:ERR|ERROR|E)_[A-Z0-9]+(?:_[A-Z0-9]+)*+(?![a-z0-9])")
_BRACKETED_RE = re.compile(
    r"(?i)[(\[（【][ \t]?(?P<code>(?:err|er|e)[-_ ]?[0-9]{2,8})[ \t]?[)\]）】]"
)
# Quoted after an error keyword, or the rest of the line after "Error:" / "エラー内容："
_QUOTED_MESSAGE_RE = re.compile(
    r"(?i)(?:(?<![a-z])error(?:[ \t]?message)?|エラー(?:メッセージ|内容|文)?|\"message\")"
    r"[\"']?[ \t]{0,3}[:：]?[ \t]{0,3}[^\n「\"“『]{0,12}?[「\"“『](?P<msg>[^」\"”』\n]{4,200})[」\"”』]"
)
_LINE_MESSAGE_RE = re.compile(
    r"(?i)(?:(?<![a-z])error(?:[ \t]?message)?|エラー(?:メッセージ|内容|文)?)[ \t]?[:：][ \t]*"
    r"(?P<msg>[^\n「\"“『。]{4,200})"
)
_CODE_ONLY_RE = re.compile(rf"[ \t]*(?:{_CODE})[ \t]*")
_CODE_FIRST_RE = re.compile(rf"[ \t]*(?:{_CODE})(?:[ \t]|\Z)")
_SENTENCE_END = re.compile(r"[.!?][ \t]")
_SPACES = re.compile(r"\s+")

_ORDER_KEYWORDS = {
    "注文": "order", "オーダー": "order", "約定": "order", "order": "order", "trade": "order",
    "取引": "transaction",
    "チケット": "ticket", "ケース": "ticket", "案件": "ticket", "ticket": "ticket",
    "case": "ticket", "support ticket": "ticket",
    "受付": "reference", "問い合わせ": "reference", "お問い合わせ": "reference",
    "問合せ": "reference", "問い合せ": "reference", "照会": "reference", "管理": "reference",
    "申込": "reference", "申請": "reference", "reference": "reference", "ref": "reference",
    "request": "reference", "inquiry": "reference", "enquiry": "reference",
    "出金": "withdrawal", "withdrawal": "withdrawal", "入金": "deposit", "deposit": "deposit",
}  # fmt: skip
_ID_TAIL = (
    r"[ \t]{0,3}(?:is|は|が|:|：|\#|＃|=)?[ \t]{0,3}\#?"
    r"(?P<id>[A-Za-z0-9][A-Za-z0-9_\-]{2,47}+)(?![A-Za-z0-9_])"
)
# Japanese and English keywords are separate regexes so a message runs only the one its
# words call for (a combined case-insensitive alternation costs ~9 µs per message).
_ORDER_JA_RE = re.compile(
    r"(?i)(?P<ja>注文|オーダー|約定|取引|チケット|ケース|案件|受付|お?問い?合わ?せ|照会|管理"
    r"|申込|申請|出金|入金)(?:番号|id|no\.?|ナンバー)" + _ID_TAIL
)
_ORDER_EN_RE = re.compile(
    r"(?i)(?<![a-z])(?:(?P<en>order|trade|support[ \t]ticket|ticket|case|reference|ref|request"
    r"|inquiry|enquiry|withdrawal|deposit)[ \t]?(?:id|number|num|no\.?|code|\#|＃)"
    r"|(?P<en2>order|ticket|reference|ref)[ \t]?[:：\#＃])" + _ID_TAIL
)
_ORDER_HINTS_JA = (
    "注文", "オーダー", "約定", "取引", "チケット", "ケース", "案件", "受付", "合わ", "合せ",
    "照会", "管理", "申込", "申請", "出金", "入金",
)  # fmt: skip
_ORDER_HINTS_EN = (
    "order", "trade", "ticket", "case", "ref", "request", "inquiry", "enquiry", "withdrawal",
    "deposit",
)  # fmt: skip
_MORE_IDS_RE = re.compile(
    r"[ \t]{0,2}(?:,|、|/|and|と|及び)[ \t]{0,2}\#?(?P<id>[A-Za-z0-9][A-Za-z0-9_\-]{2,47}+)(?![A-Za-z0-9_])"
)
_MORE_MAX = 10
_DIGIT = re.compile(r"[0-9]")


def _entity(v: View, kind: str, i: int, j: int, value: str, details: dict) -> Entity:
    a, b = v.span(i, j)
    return Entity(kind, v.original[a:b], a, b, value=value, details=details)


def _normalise(code: str) -> str:
    """Upper-case a code ("e1023" → "E1023") but keep the "0x" of a hex code."""
    if code[:2].lower() == "0x":
        return "0x" + code[2:].upper()
    return code.upper()


def _code_type(code: str) -> str:
    if code.startswith("-") and code[1:].isdigit() and 32000 <= int(code[1:]) <= 32768:
        return "json_rpc"
    if "_" in code and not any(c.isdigit() for c in code.split("_", 1)[0]):
        return "symbolic"
    return "code"


def _errors(v: View, low: str, digits: bool) -> list[Entity]:
    s = v.text
    out: list[Entity] = []
    keyed = "err" in low or "エラー" in s
    if digits and keyed:
        for m in _ERROR_KEYED_RE.finditer(s):
            code = _normalise(m.group("code"))
            out.append(_entity(v, ERROR_CODE, *m.span("code"), code, {"type": _code_type(code)}))
    if digits and ("http" in low or "status" in low or "ステータス" in s):
        for m in _HTTP_RE.finditer(s):
            out.append(_entity(v, ERROR_CODE, *m.span("code"), m.group("code"), {"type": "http"}))
    if digits and "-" in s and ("code" in low or "コード" in s):
        for m in _RPC_RE.finditer(s):
            code = m.group("code")
            out.append(_entity(v, ERROR_CODE, *m.span("code"), code, {"type": _code_type(code)}))
    if digits and ("(" in s or "[" in s or "【" in s):
        for m in _BRACKETED_RE.finditer(s):
            code = m.group("code").upper().replace(" ", "-")
            out.append(_entity(v, ERROR_CODE, *m.span("code"), code, {"type": "code"}))
    if "_" in s:
        for m in _SYMBOLIC_RE.finditer(s):
            if m.end() - m.start() <= 80:
                out.append(_entity(v, ERROR_CODE, *m.span(), m.group(), {"type": "symbolic"}))
    if not keyed and '"message"' not in low:
        return _dedupe(out)
    for regex in (_QUOTED_MESSAGE_RE, _LINE_MESSAGE_RE):
        for m in regex.finditer(s):
            msg = m.group("msg")
            if _CODE_ONLY_RE.fullmatch(msg):
                continue  # "エラー「E1023」" is a code, found above
            if regex is _LINE_MESSAGE_RE:
                if _CODE_FIRST_RE.match(msg):
                    continue  # "Error: 403 Forbidden": the code is the useful part
                cut = _SENTENCE_END.search(msg)  # the message ends with its sentence
                msg = msg[: cut.start()] if cut else msg
            i = m.start("msg")
            j = i + len(msg.rstrip(" \t.,;"))
            i += len(msg) - len(msg.lstrip())
            if j - i < 4:
                continue
            value = _SPACES.sub(" ", s[i:j])
            out.append(_entity(v, ERROR_CODE, i, j, value, {"type": "message"}))
    return _dedupe(out)


def _dedupe(found: list[Entity]) -> list[Entity]:
    """Keep one entity per span (two patterns can name the same code)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for ent in found:
        if (ent.start, ent.end) not in seen:
            seen.add((ent.start, ent.end))
            out.append(ent)
    return out


def _order_type(m: re.Match[str]) -> str:
    groups = m.groupdict()
    word = (groups.get("ja") or groups.get("en") or groups.get("en2") or "").lower()
    word = _SPACES.sub(" ", word)
    return _ORDER_KEYWORDS.get(word, "reference" if "問" in word else "order")


def _clean_id(s: str, i: int, j: int) -> int:
    while j > i and s[j - 1] in "-_":
        j -= 1
    return j


def _orders(v: View, regex: re.Pattern[str]) -> list[Entity]:
    s = v.text
    out: list[Entity] = []
    for m in regex.finditer(s):
        kind_type = _order_type(m)
        i, j = m.span("id")
        for _ in range(_MORE_MAX + 1):  # "注文番号 123456、123457": a short list after one keyword
            j = _clean_id(s, i, j)
            token = s[i:j]
            if j - i < 4 or not _DIGIT.search(token):
                break
            out.append(_entity(v, ORDER_ID, i, j, token, {"type": kind_type}))
            more = _MORE_IDS_RE.match(s, j)
            if more is None:
                break
            i, j = more.span("id")
    return out


def scan(text: str) -> list[Entity]:
    """Find error codes/messages and keyword-led order, ticket and reference ids."""
    if not text:
        return []
    v = view(text)
    low = v.text.lower()
    digits = _DIGIT.search(v.text) is not None
    out = _errors(v, low, digits)
    # substring tests (~0.1 µs each) decide whether the keyword regexes run at all
    if digits and not low.isascii() and any(hint in low for hint in _ORDER_HINTS_JA):
        out += _orders(v, _ORDER_JA_RE)
    if digits and any(hint in low for hint in _ORDER_HINTS_EN):
        out += _orders(v, _ORDER_EN_RE)
    out.sort(key=lambda e: e.start)
    return out
