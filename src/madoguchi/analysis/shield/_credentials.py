"""Passwords, PINs, one-time codes and 2FA backup codes stated in a message.

Only the *value* is a secret: in "my password is hunter22!" the span covers ``hunter22!``.
A label with no value after it ("I forgot my password", "コードが届きません") finds nothing.
Works on the lower-cased fold (fullwidth "ＰＷ：" reads as "pw:"), so passwords are matched
case-insensitively but reported as spans into the original text.

>>> from madoguchi.analysis.shield._folding import quick_fold
>>> [(s.kind, s.start, s.end) for s in find_credentials(quick_fold("パスワードはabc123です"))]
[('password', 6, 12)]
"""

from __future__ import annotations

import re

from madoguchi.analysis._textmap import Folded
from madoguchi.analysis._types import BACKUP_CODE, ONE_TIME_CODE, PASSWORD, SecretSpan

#: Cheap gate over the folded text: no label, nothing to do.
PREFILTER = re.compile(r"pass|pw|pin|code|otp|2fa|mfa|authenticator|パス|暗証|コード|番号|ピン")

# --- labels ---------------------------------------------------------------------------------
_OTP_LABEL = (
    r"(?:verification|confirmation|security|log[- ]?in|sign[- ]?in|sms|text|e-?mail|auth"
    r"|authenticator|2fa|mfa|otp|totp|one[- ]?time|2-?step|two[- ]step|2-?factor|two[- ]factor"
    r"|google authenticator)(?:\s+(?:verification|authentication|login|app))?"
    r"\s*(?:code|pin|passcode|number)"
    r"|\botp\b|\b2fa\b|\bmfa\b|\btotp\b|one[- ]?time password"
    r"|認証コード|確認コード|認証番号|確認番号|ワンタイムパスワード|ワンタイムコード"
    r"|セキュリティコード|検証コード|承認コード"
    r"|(?:sms|メール|2段階認証|二段階認証|2要素認証|二要素認証|認証アプリ|authenticator)"
    r"[^\n。.!?？！]{0,12}?(?:コード|番号)"
)
_PASSWORD_LABEL = (
    r"(?<!one-time )(?<!one time )(?<!onetime )"  # noqa: S105 - a label pattern
    r"\b(?:password|passwd|passcode|passphrase|pass\s?word|pin\s?code|pin)s?\b"
    r"|(?<!ワンタイム)パスワード|暗証番号|パスフレーズ|pinコード|ピンコード|ログインpw"
)
# These labels are ordinary English words too ("pass the test"): explicit separator only.
_SHORT_LABEL = r"\b(?:pw|pwd|pass)\b|パス(?!ワ|フ)"
_GENERIC_CODE = r"\bcode\b|コード"

# --- separators ------------------------------------------------------------------------------
_QUALIFIER = (
    r"(?:\s+(?:for|on|of|to|at|in)\s+(?:my\s+|the\s+|your\s+)?[\w.@-]{1,30}(?:\s+account)?)?"
)
_STRONG_SEP = (
    r"(?:\s*[:=]\s*|\s*(?:->|→)\s*|\s+(?:is|was|is now|was set to|is set to|will be)\s*:?\s*"
    r"|\s*(?:は|が)\s*[、,:]?\s*)"
)
_WEAK_SEP = r"(?:\s+|(?=[「『\"'“‘`]))"

_QUOTED = r"""'([^'\n]{1,64})'|"([^"\n]{1,64})"|「([^」\n]{1,64})」|『([^』\n]{1,64})』|“([^”\n]{1,64})”|‘([^’\n]{1,64})’|`([^`\n]{1,64})`"""
_PLAIN = r"([!-~]{1,64})"
_DIGITS = r"(\d{3}[ -]\d{3}(?![\d-])|\d{4,8}(?![\d-]))"

_PASSWORD_RE = re.compile(
    rf"(?:{_PASSWORD_LABEL}){_QUALIFIER}(?:(?P<strong>{_STRONG_SEP})|{_WEAK_SEP})"
    rf"(?:{_QUOTED}|{_PLAIN})"
)
_SHORT_RE = re.compile(
    rf"(?:{_SHORT_LABEL}){_QUALIFIER}(?P<strong>{_STRONG_SEP})(?:{_QUOTED}|{_PLAIN})"
)
_OTP_RE = re.compile(
    rf"(?:{_OTP_LABEL})(?:\s*(?:は|が|:|=|is|was|->|→)\s*|\s*|\s*\(\s*)(?:{_QUOTED}|{_DIGITS}|"
    r"([0-9a-z]*\d[0-9a-z]*\d[0-9a-z]*)(?![0-9a-z]))"
)
_GENERIC_RE = re.compile(rf"(?:{_GENERIC_CODE})(?:\s*(?:は|:|=|is|was)\s*|\s*){_DIGITS}")
# "error code 403", "招待コード", "promo code 123456": codes that are not one-time codes.
_NOT_OTP_BEFORE = re.compile(
    r"(?:error|エラー|promo|promotion|referral|invite|invitation|招待|紹介|zip|postal|郵便"
    r"|order|注文|tracking|追跡|product|商品|country|国|area|reference|参照|status|http"
    r"|coupon|クーポン|discount|bank|銀行|swift|branch|支店|qr|bar)\s*$"
)

_BACKUP_LABEL = re.compile(
    r"(?:backup|recovery|back-up|バックアップ|リカバリー?|復旧|予備|リカバリ)\s*(?:codes?|コード)"
    r"[^\n0-9]{0,20}?[:：]?\s*"
)
_BACKUP_ITEM = re.compile(
    r"(?:\d{1,2}[.)]\s+)?([0-9a-z]{4,5}[- ][0-9a-z]{4,5}(?![0-9a-z])|[0-9a-z]{8,10}(?![0-9a-z]))"
)
_BACKUP_GAP = re.compile(r"[\s,、;/|・]{0,6}")

#: Words that follow "password is" in complaints, not in statements of a password.
_NOT_A_VALUE = frozenset(
    """
    wrong incorrect correct invalid expired not no never reset changed forgotten forgot
    required needed locked the a an my your same ok okay fine too also still being working
    lost unknown empty blank missing hidden case different new old weak strong long short
    right valid accepted rejected sent blocked disabled enabled set saved stored stolen
    compromised leaked there here and or but for to it this that what which please help
    """.split()
)
_TRAILING = ".,;:、。"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}


def find_credentials(folded: Folded) -> list[SecretSpan]:
    """Password, one-time-code and backup-code value spans (original offsets)."""
    text = folded.text
    if not PREFILTER.search(text):
        return []
    out: list[SecretSpan] = []
    for m in _OTP_RE.finditer(text):
        _add(out, folded, m, ONE_TIME_CODE, "one-time code:labelled", strong=True)
    for m in _GENERIC_RE.finditer(text):
        if not _NOT_OTP_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            _add(out, folded, m, ONE_TIME_CODE, "one-time code:6 digits after code", True)
    for m in _PASSWORD_RE.finditer(text):
        _add(out, folded, m, PASSWORD, "password:labelled", strong=m.group("strong") is not None)
    for m in _SHORT_RE.finditer(text):
        _add(out, folded, m, PASSWORD, "password:short label", strong=True)
    out.extend(_backup_codes(folded))
    return out


def _add(
    out: list[SecretSpan], folded: Folded, m: re.Match[str], kind: str, reason: str, strong: bool
) -> None:
    group = next(i for i in range(m.re.groups, 0, -1) if m.group(i) is not None)
    quoted = _is_quoted(m, group)
    start, end = m.span(group)
    if not quoted:
        end = _trim(folded.text, start, end)
    value = folded.text[start:end]
    if not _plausible(value, kind, strong=strong, quoted=quoted):
        return
    out.append(SecretSpan(kind, *folded.span(start, end), reason=reason))


def _is_quoted(m: re.Match[str], group: int) -> bool:
    start = m.start(group)
    return start > 0 and m.string[start - 1] in "'\"「『“‘`"


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
    word = value.rstrip("?!")
    if word.isalpha():
        # "password reset", "password policy?", "my password is wrong!", "is being ignored"
        if not strong or word in _NOT_A_VALUE or word.endswith(("ing", "ed")):
            return False
    return value.strip("*・.-_") != "" or strong


def _backup_codes(folded: Folded) -> list[SecretSpan]:
    text = folded.text
    out: list[SecretSpan] = []
    for label in _BACKUP_LABEL.finditer(text):
        pos = label.end()
        for _ in range(32):  # Google gives 10 codes, GitHub 16; stop well after that
            item = _BACKUP_ITEM.match(text, pos)
            if item is None or not any(c.isdigit() for c in item.group(1)):
                break
            out.append(SecretSpan(BACKUP_CODE, *folded.span(*item.span(1)), reason="backup code"))
            pos = _BACKUP_GAP.match(text, item.end()).end()  # type: ignore[union-attr]
    return out
