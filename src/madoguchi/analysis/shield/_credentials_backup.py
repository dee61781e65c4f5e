"""2FA backup (recovery) codes: every code of a list that follows a backup-code label.

>>> from madoguchi.analysis._textmap import fold
>>> text = "backup codes: 1234 5678, 8765 4321"
>>> [text[s.start : s.end] for s in find_backup_codes(fold(text))]
['1234 5678', '8765 4321']
"""

from __future__ import annotations

import re

from madoguchi.analysis._textmap import Folded
from madoguchi.analysis._types import BACKUP_CODE, SecretSpan
from madoguchi.analysis.shield._credentials_patterns import UNIT

_LABEL = (
    r"(?:backup|back-up|recovery|emergency|scratch|バックアップ|リカバリー?|復旧|予備|緊急)"
    r"\s*(?:2fa\s*|2段階認証\s*|二段階認証\s*)?(?:codes?|コード|keys?|キー)"
)
# Numbering or a bullet before a code: "1. ", "(2) ", "3) ", "- ", "・"
_BULLET = r"(?:\(?\d{1,2}[.):]\s+|[-*・•]\s*)?"
# One code, with at least one digit somewhere in it (the lookahead is bounded: linear scan).
# Shapes: 4f7k-q2mz(-…), 8204-5519-37 (8+ alphanumerics in all, not a date), 1234 5678 (Google's printed sheet), 8–32 alphanumerics (GitHub's
# 10-character codes, a 16/32-character base32 "emergency key").
_CODE = (
    r"(?<![0-9a-z])(?=[0-9a-z-]{0,40}\d)"
    r"(?P<code>[0-9a-z]{3,6}(?:-[0-9a-z]{2,6}){1,3}|\d{4,5} \d{4,5}|[0-9a-z]{8,32})(?![0-9a-z-])"
)
# the label, then up to 60 characters of anything (a clause, "。", a newline) before the first code
_FIRST = re.compile(rf"{_LABEL}(?P<gap>[\s\S]{{0,60}}?){_BULLET}{_CODE}")
_NEXT = re.compile(
    rf"[ \t\n,、;/|&]{{0,6}}(?:(?:と|and|or|及び|、)[ \t\n]{{0,3}})?{_BULLET}{_CODE}"
)
# a gap that names another number: the first code there is not a backup code
_GAP_NOT_CODES = re.compile(
    r"order|注文|番号|number|\bid\b|#|\btx|phone|電話|address|アドレス|amount|金額|error|エラー"
    r"|残高|balance|deposit|withdraw|出金|入金|送金|ticket|チケット|受付|問い合わせ|\bcall|\btel"
)
_UNIT_AFTER = re.compile(UNIT)  # "12345678 JPY" is an amount; "1234,5678" may be two codes
# dates and phone numbers share the hyphenated shape
_NOT_CODE = re.compile(r"(?:19|20)\d\d-\d\d?-\d\d?|0\d{1,3}-\d{2,4}-\d{3,4}")
_MAX_CODES = 32  # Google gives 10 codes, GitHub 16; stop well after that


def find_backup_codes(folded: Folded) -> list[SecretSpan]:
    """One span per backup code of each labelled list (original offsets)."""
    text = folded.text
    out: list[SecretSpan] = []
    pos = 0
    while (first := _FIRST.search(text, pos)) is not None:
        pos = first.end()
        if _GAP_NOT_CODES.search(first.group("gap")) or not _is_code(first):
            pos = first.start() + 1
            continue
        out.append(SecretSpan(BACKUP_CODE, *folded.span(*first.span("code")), reason="backup code"))
        for _ in range(_MAX_CODES):
            item = _NEXT.match(text, pos)
            if item is None or not _is_code(item):
                break
            out.append(
                SecretSpan(BACKUP_CODE, *folded.span(*item.span("code")), reason="backup code")
            )
            pos = item.end()
    return out


def _is_code(m: re.Match[str]) -> bool:
    code = m.group("code")
    if "-" in code and (sum(c.isalnum() for c in code) < 8 or _NOT_CODE.fullmatch(code)):
        return False
    return _UNIT_AFTER.match(m.string, m.end()) is None
