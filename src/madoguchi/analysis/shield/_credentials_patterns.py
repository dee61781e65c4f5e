"""Label, separator and value patterns for passwords and one-time codes (lower-cased fold).

Every pattern starts at a label or cue word and has bounded repetitions only, so a scan is
linear in the text even on hostile input ("password is " * 50000).

>>> OTP_RE.search("verification code: 482913").group(8)
'482913'
"""

from __future__ import annotations

import re

# --- labels -----------------------------------------------------------------------------------
_OTP_LABEL = (
    r"(?:verification|confirmation|security|log[- ]?in|sign[- ]?in|sms|text|e-?mail|auth"
    r"|authenticator|2fa|mfa|otp|totp|one[- ]?time|2-?step|two[- ]step|2-?factor|two[- ]factor"
    r"|google authenticator)(?:\s+(?:verification|authentication|login|app))?"
    r"\s*(?:code|pin|passcode|number)"
    r"|\botp\b|\b2fa\b|\bmfa\b|\btotp\b|one[- ]?time password"
    r"|認証コード|確認コード|認証番号|確認番号|ワンタイムパスワード|ワンタイムコード"
    r"|セキュリティコード|検証コード|承認コード"
    r"|(?:sms|メール|2段階認証|二段階認証|2要素認証|二要素認証|認証アプリ|authenticator)"
    # "SMSが届かない件、注文番号 …" names another number: no commas, no 注文番号/電話番号
    r"[^\n。.!?？！、,]{0,12}?(?<!注文)(?<!電話)(?<!口座)(?<!会員)(?<!受付)(?<!取引)(?:コード|番号)"
)
_PASSWORD_LABEL = (
    r"(?<!one-time )(?<!one time )(?<!onetime )"  # noqa: S105 - a label pattern
    r"\b(?:password|passwd|passcode|passphrase|pass\s?word|pin\s?code|pin)s?\b"
    r"|(?<!ワンタイム)パスワード|暗証番号|パスフレーズ|pinコード|ピンコード|ログインpw"
)
# These labels are ordinary English words too ("pass the test"): explicit separator only.
_SHORT_LABEL = r"\b(?:pw|pwd|pass)\b|パス(?!ワ|フ)"
_GENERIC_CODE = r"\bcode\b|コード"

# --- separators -------------------------------------------------------------------------------
_QUALIFIER = (
    r"(?:\s+(?:for|on|of|to|at|in)\s+(?:my\s+|the\s+|your\s+)?[\w.@-]{1,30}(?:\s+account)?)?"
)
_STRONG_SEP = (
    r"(?:\s*[:=]\s*|\s*(?:->|→)\s*|\s+(?:is|was|is now|was set to|is set to|will be)\s*:?\s*"
    r"|\s*(?:は|が)\s*[、,:]?\s*)"
)
_WEAK_SEP = r"(?:\s+|(?=[「『\"'“‘`]))"
# "the authenticator shows 902 114": a verb that presents the code, used like a separator.
SHOWS = r"(?:shows|is showing|showing|displays|displayed|says|reads|gives|gave|generated)"

# A relative clause or source between a code label and its separator, the way people write:
# "the code [you asked for]: 384920", "the SMS code [I got] is 482913", "code [we sent you]\n…".
_CODE_CLAUSE = (
    r"(?:\s+(?:that\s+|which\s+)?(?:you|we|i|they|u)\s+(?:just\s+)?"
    r"(?:sent|asked for|asked|got|received|gave|texted|e-?mailed|requested|provided|see|saw"
    r"|entered|typed|used|have)"
    r"(?:\s+(?:me|you|us))?(?:\s+(?:to|on|by|via|in)\s+(?:my\s+|your\s+|the\s+)?"
    r"(?:phone|number|sms|text|e-?mail|e-?mail address|app|mobile))?(?:\s+for)?"
    r"|\s+(?:from|in|on|of|via|by)\s+(?:my\s+|the\s+|your\s+)?"
    r"(?:sms|text|e-?mail|app|phone|authenticator|google authenticator|authy|message|screen)"
    r"(?:\s+app)?)"
)

# --- values -----------------------------------------------------------------------------------
_QUOTED = (
    r"""'([^'\n]{1,64})'|"([^"\n]{1,64})"|「([^」\n]{1,64})」|『([^』\n]{1,64})』"""
    r"""|“([^”\n]{1,64})”|‘([^’\n]{1,64})’|`([^`\n]{1,64})`"""
)
_PLAIN = r"([!-~]{1,64})"
# 482913, 482 913, 48 29 13, 4 8 2 9 1 3 (read out digit by digit), 4829 (short SMS codes)
_DIGITS = (
    r"(\d{3}[ -]\d{3}(?![\d-])|\d\d \d\d \d\d(?![\d-])|\d(?: \d){3,7}(?![\d-])"
    r"|\d{4,8}(?![\d-]))"
)

# --- passwords --------------------------------------------------------------------------------
PASSWORD_RE = re.compile(
    rf"(?:{_PASSWORD_LABEL}){_QUALIFIER}(?:(?P<strong>{_STRONG_SEP})|{_WEAK_SEP})"
    rf"(?:{_QUOTED}|{_PLAIN})"
)
SHORT_RE = re.compile(
    rf"(?:{_SHORT_LABEL}){_QUALIFIER}(?P<strong>{_STRONG_SEP})(?:{_QUOTED}|{_PLAIN})"
)
# "パスワードはabcではなくAbc12345xyzです", "password is not abc but Abc12345xyz": the correction
# is the password the customer means (the first value is judged by PASSWORD_RE on its own).
CORRECTED_RE = re.compile(
    rf"(?:{_PASSWORD_LABEL}|{_SHORT_LABEL}){_QUALIFIER}"
    r"(?:\s*(?:は|が)\s*[!-~]{1,64}?\s*(?:ではなく|じゃなくて|じゃなく|でなく)[、,]?\s*"
    r"|\s+(?:is|was)\s+not\s+[!-~]{1,64}?,?\s+but\s+(?:it'?s\s+|is\s+)?)"
    rf"(?:{_QUOTED}|{_PLAIN})"
)
# "パスワードが違うと言われます。手帳に書いてあるのは「Momo2019hana」", "the password I set was
# "greenTea#88"", "ログインパスワード（Fuji3776m!）": a quoted or bracketed token near the label.
NEARBY_QUOTED_RE = re.compile(
    rf"(?:{_PASSWORD_LABEL})(?P<fill>[^\n\"「『“`(]{{0,40}})"
    r"""(?:"([!#-~]{4,64}?)"|「([!-~]{4,64}?)」|『([!-~]{4,64}?)』|“([!-~]{4,64}?)”"""
    r"""|`([!-_a-~]{4,64}?)`|\(([!-'*-~]{4,64}?)\))"""
)
# words in the gap or right after the quote that make the quoted token an error/app message
NEARBY_NOT_A_VALUE = re.compile(
    r"error|エラー|番号|order|注文|\bid\b|#|\btx|address|アドレス|message|メッセージ|表示"
    r"|画面|screen|says|shows|popup|ポップアップ|version|バージョン"
)
NEARBY_AFTER = re.compile(
    r"\s*(?:と|って|という)?\s*(?:表示|出て|出ま|出る|言われ|エラー|error|message|appears|pops)"
)

# --- one-time codes ---------------------------------------------------------------------------
OTP_RE = re.compile(
    rf"(?:{_OTP_LABEL})(?:\s*(?:は|が|:|=|is|was|->|→)\s*|\s+{SHOWS}\s*:?\s*|\s*|\s*\(\s*)"
    rf"(?:{_QUOTED}|{_DIGITS}|([0-9a-z]*\d[0-9a-z]*\d[0-9a-z]*)(?![0-9a-z]))"
)
GENERIC_RE = re.compile(rf"(?:{_GENERIC_CODE})(?:\s*(?:は|:|=|is|was)\s*|\s*){_DIGITS}")
# a labelled code with a clause in between: a separator, or the code alone on the next line
CLAUSE_RE = re.compile(
    rf"(?:{_OTP_LABEL}|{_GENERIC_CODE}){_CODE_CLAUSE}"
    rf"(?:\s*(?::|=|is|was)\s*|[ \t]*\n[> \t]{{0,8}}(?=[\d ]{{4,16}}(?:[ \t]*\n|$)))"
    rf"(?:{_QUOTED}|{_DIGITS})"
)
# "G-481273 is your verification code", "123456が認証コードです": the value comes first
VALUE_FIRST_RE = re.compile(
    r"(?:(?<=\b[a-z]-)|(?<![\w.\-/#]))(\d{4,8})(?![\d-])"
    r"(?:\s+is\s+(?:your|the|my)\s+(?P<words>(?:[\w-]+\s+){0,3}?)(?:code|otp|passcode|pin)\b"
    r"|\s*(?:が|は)\s*(?:あなたの)?(?:認証コード|確認コード|認証番号|確認番号|ワンタイムパスワード"
    r"|ワンタイムコード|セキュリティコード))"
)
# "アプリに表示されているのは093 417", "the SMS I got says 482913", "Authenticator shows …"
CUE_RE = re.compile(
    r"(?:表示されている|表示されています|表示されてる|表示された|表示されました|届いた|届いている"
    r"|届きました|出ている|出てる|来た|\bi got|\bi received|\bi was sent|\bsent me"
    rf"|\b{SHOWS})"
    r"(?:\s*(?:のは|のが|は|:|=|as|is)\s*[、,:]?\s*|\s*)[\"「“]?"
    rf"{_DIGITS}"
)
# a cue counts only when the message talks about a code within this window before it
CUE_CONTEXT = re.compile(
    rf"{_OTP_LABEL}|{_GENERIC_CODE}|sms|authenticator|authy|認証アプリ|ワンタイム|2段階|二段階"
)
CUE_WINDOW = 80

# "error code 403", "招待コード", "promo code 123456": codes that are not one-time codes; the
# backup-code words are read by _credentials_backup.
NOT_OTP_BEFORE = re.compile(
    r"(?:error|エラー|promo|promotion|referral|invite|invitation|招待|紹介|zip|postal|郵便"
    r"|order|注文|tracking|追跡|product|商品|country|国|area|reference|参照|status|http"
    r"|coupon|クーポン|discount|bank|銀行|swift|branch|支店|qr|bar|backup|back-up|recovery"
    r"|emergency|scratch|バックアップ|リカバリー?|復旧|予備|緊急)\s*$"
)
# a number followed by a unit is an amount, a time or an error, never a code
UNIT = (
    r"\s*(?:円|jpy|usd|usdt|usdc|btc|eth|xrp|sol|trx|bnb|doge|ada|sats?|satoshis?|gwei|yen|dollars?"
    r"|ドル|%|件|回|分|秒|時|日|月|年"
    r"|個|枚|人|歳|mins?|minutes?|seconds?|hours?|days?|times|errors?|エラー)(?![a-z])"
)
UNIT_AFTER = re.compile(rf"{UNIT}|[.,:/]\d")
# a ticker right after a value given with a colon ("2段階認証のコード：786326 USDCの…") is the
# next sentence, not the unit of an amount: the label with its colon wins (fail safe)
TICKER_AFTER = re.compile(r"\s*(?:usdt|usdc|btc|eth|xrp|sol|trx|bnb|doge|ada)(?![a-z])")
COLON_BEFORE = re.compile(r"[:：]\s*$")
