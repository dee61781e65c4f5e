"""Passwords, PINs, one-time codes and 2FA backup codes stated in a message.

Only the *value* is a secret: in "my password is hunter22!" the span covers ``hunter22!``.
A label with no value after it ("I forgot my password", "コードが届きません") finds nothing.
Works on the lower-cased fold (fullwidth "ＰＷ：" reads as "pw:"), so passwords are matched
case-insensitively but reported as spans into the original text. The patterns live in
``_credentials_patterns``, backup-code lists in ``_credentials_backup``.

>>> from madoguchi.analysis._textmap import fold
>>> [(s.kind, s.start, s.end) for s in find_credentials(fold("パスワードはabc123です"))]
[('password', 6, 12)]
"""

from __future__ import annotations

import re

from madoguchi.analysis._textmap import Folded
from madoguchi.analysis._types import ONE_TIME_CODE, PASSWORD, SecretSpan
from madoguchi.analysis.shield import _credentials_patterns as p
from madoguchi.analysis.shield._credentials_backup import find_backup_codes

#: Cheap gate over the folded text: no label, nothing to do.
PREFILTER = re.compile(
    r"pass|pw|pin|code|otp|2fa|mfa|authenticator|authy|sms|backup|recovery|emergency|scratch"
    r"|パス|暗証|コード|番号|ピン|認証|ワンタイム|予備|キー"
)

# Cheaper gates per rule family: each family's patterns start at one of these words.
_DIGIT = re.compile(r"\d")
_OTP_GATE = re.compile(r"code|pin|number|otp|2fa|mfa|one[- ]?time|password|コード|番号|ワンタイム")
_CUE_GATE = re.compile(
    r"表示さ|届|出て|出た|来た|\bi got|\bi received|sent me|\bi was sent" + "|" + p.SHOWS
)
_PASSWORD_GATE = re.compile(r"pass|pw|pin|パス|暗証|ピン")

#: Words that follow "password is" in complaints, not in statements of a password.
_NOT_A_VALUE = frozenset(
    """
    wrong incorrect correct invalid expired not no never reset changed forgotten forgot
    required needed locked the a an my your same ok okay fine too also still being working
    lost unknown empty blank missing hidden case different new old weak strong long short
    right valid accepted rejected sent blocked disabled enabled set saved stored stolen
    compromised leaked there here and or but for to it this that what which please help
    found shown known taken given seen out broken gone done sent in on
    """.split()
)
_TRAILING = ".,;:、。"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
_OPENERS = {v: k for k, v in _CLOSERS.items()}
_QUOTES = "'\"「『“‘`("
_ASCII_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_REPEAT_MIN = 6  # a value this long seen again elsewhere in the message is the same secret
_REPEAT_VALUES = 8  # distinct values searched again: bounds the work on hostile input


def find_credentials(folded: Folded) -> list[SecretSpan]:
    """Password, one-time-code and backup-code value spans (original offsets)."""
    text = folded.text
    if not PREFILTER.search(text):
        return []
    found: list[tuple[str, int, int, str]] = []  # kind, folded start, end, reason
    has_digit = _DIGIT.search(text) is not None
    if _OTP_GATE.search(text):
        _one_time_codes(found, text, has_digit=has_digit)
    if has_digit and _CUE_GATE.search(text):
        for m in p.CUE_RE.finditer(text):
            if p.CUE_CONTEXT.search(text, max(0, m.start() - p.CUE_WINDOW), m.start()):
                _add(found, m, ONE_TIME_CODE, "one-time code:shown", strong=True)
    if _PASSWORD_GATE.search(text):
        _passwords(found, text)
    found += _repeats(text, found)
    out = [SecretSpan(kind, *folded.span(start, end), reason) for kind, start, end, reason in found]
    out.extend(find_backup_codes(folded))
    return out


def _one_time_codes(found: list[tuple[str, int, int, str]], text: str, *, has_digit: bool) -> None:
    for m in p.OTP_RE.finditer(text):
        _add(found, m, ONE_TIME_CODE, "one-time code:labelled", strong=True)
    if not has_digit:
        return  # the rules below read digits only
    for m in p.GENERIC_RE.finditer(text):
        if not p.NOT_OTP_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            _add(found, m, ONE_TIME_CODE, "one-time code:6 digits after code", strong=True)
    for m in p.CLAUSE_RE.finditer(text):
        if not p.NOT_OTP_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            _add(found, m, ONE_TIME_CODE, "one-time code:labelled", strong=True)
    for m in p.VALUE_FIRST_RE.finditer(text):
        if not p.NOT_OTP_BEFORE.search(m.group("words") or ""):
            _add(found, m, ONE_TIME_CODE, "one-time code:value before label", strong=True, group=1)


def _passwords(found: list[tuple[str, int, int, str]], text: str) -> None:
    for m in p.PASSWORD_RE.finditer(text):
        _add(found, m, PASSWORD, "password:labelled", strong=m.group("strong") is not None)
    for m in p.SHORT_RE.finditer(text):
        _add(found, m, PASSWORD, "password:short label", strong=True)
    for m in p.CORRECTED_RE.finditer(text):
        _add(found, m, PASSWORD, "password:corrected", strong=True, shaped=True)
    for m in p.NEARBY_QUOTED_RE.finditer(text):
        fill = m.group("fill")
        # a bracket right after the label holds its value; further away it is an aside
        fill_ok = not p.NEARBY_NOT_A_VALUE.search(fill) and not (fill and text[m.end() - 1] == ")")
        if fill_ok and not p.NEARBY_AFTER.match(text, m.end()):
            _add(found, m, PASSWORD, "password:quoted near label", strong=True, shaped=True)


def _add(
    found: list[tuple[str, int, int, str]],
    m: re.Match[str],
    kind: str,
    reason: str,
    *,
    strong: bool,
    shaped: bool = False,
    group: int = 0,
) -> None:
    # the value is the one alternative that matched, unless the caller names its group
    group = group or next(i for i in range(m.re.groups, 0, -1) if m.group(i) is not None)
    text = m.string
    start, end = m.span(group)
    quoted = start > 0 and text[start - 1] in _QUOTES
    if not quoted:
        end = _trim(text, start, end)
        if end - start > 2 and text[start] in _OPENERS and text[end - 1] == _OPENERS[text[start]]:
            start, end = start + 1, end - 1  # "password (Tiger77!)": the brackets are not in it
    value = text[start:end]
    if kind == ONE_TIME_CODE and p.UNIT_AFTER.match(text, end):
        labelled = p.COLON_BEFORE.search(text, max(0, start - 4), start) is not None
        if not (labelled and p.TICKER_AFTER.match(text, end)):
            return  # "code 5000円", "shows 1030 errors": an amount or a count, not a code
    if shaped and not _looks_like_password(value):
        return
    if _plausible(value, kind, strong=strong, quoted=quoted):
        found.append((kind, start, end, reason))


def _trim(text: str, start: int, end: int) -> int:
    """Drop sentence punctuation and unbalanced closing brackets from the end of a value."""
    while end > start + 1:
        ch = text[end - 1]
        if ch in _TRAILING or (ch in _CLOSERS and _CLOSERS[ch] not in text[start : end - 1]):
            end -= 1
            continue
        break
    return end


def _plausible(value: str, kind: str, *, strong: bool, quoted: bool) -> bool:
    if kind == ONE_TIME_CODE:
        return len(value.replace(" ", "").replace("-", "")) >= 4
    if len(value) < 4 and not (quoted and value.strip()):
        return False
    if quoted:
        return True
    if not strong and value[0] in _OPENERS and _OPENERS[value[0]] not in value:
        return False  # "PINs (often 4 to 8 digits)", "passphrase (25th word)": an aside
    word = value.rstrip("?!") if strong else value.strip("*_~?!.,;:")
    if word.isalpha():
        # "password reset", "password policy?", "my password is wrong!", "is being ignored"
        if not strong or word in _NOT_A_VALUE or word.endswith(("ing", "ed")):
            return False
    return value.strip("*・.-_") != "" or strong


def _looks_like_password(value: str) -> bool:
    """A token read away from its label: 4+ visible ASCII, not a plain word, not an address."""
    if not (4 <= len(value) <= 64 and value.isascii()) or any(c.isspace() for c in value):
        return False
    if value.isalpha() or "://" in value or value.startswith("www."):
        return False
    if "@" in value and "." in value.partition("@")[2]:
        return False  # an e-mail address
    return not (len(value) >= 26 and value.isalnum())  # a wallet address or a hash


def _repeats(text: str, found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Other copies of a found value ("コード604182です！！604182！！"): the same secret."""
    taken = {(start, end) for _, start, end, _ in found}
    seen: set[str] = set()
    out: list[tuple[str, int, int, str]] = []
    for kind, start, end, reason in found:
        value = text[start:end]
        if len(value) < _REPEAT_MIN or value in seen or len(seen) >= _REPEAT_VALUES:
            continue
        seen.add(value)
        pos = text.find(value)
        while pos >= 0:
            stop = pos + len(value)
            alone = (pos == 0 or text[pos - 1] not in _ASCII_WORD) and (
                stop == len(text) or text[stop] not in _ASCII_WORD
            )
            if alone and (pos, stop) not in taken:
                taken.add((pos, stop))
                out.append((kind, pos, stop, f"{reason}:repeated"))
            pos = text.find(value, stop)
    return out
