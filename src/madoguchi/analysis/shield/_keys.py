"""Private keys: WIF, 64-hex keys (told apart from transaction ids), extended private keys.

Works on a case-preserving fold of the text (fullwidth and zero-width tricks seen through),
because base58 is case-sensitive.

>>> from madoguchi.analysis._textmap import fold
>>> wif = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
>>> [s.reason for s in find_keys(fold("key: " + wif, lower=False))]
['wif:mainnet:uncompressed:checksum ok']
"""

from __future__ import annotations

import hashlib
import re

import base58

from madoguchi.analysis._textmap import Folded
from madoguchi.analysis._types import EXTENDED_PRIVATE_KEY, PRIVATE_KEY, SecretSpan

#: Cheap gate: nothing key-like without 40 alphanumerics in a row (zero-width allowed).
PREFILTER = re.compile(
    r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u200b-\u200d\u2060\ufeff]{40}"
)

_B58 = "1-9A-HJ-NP-Za-km-z"
# WIF: version 0x80 gives 5 (uncompressed) or K/L (compressed), 0xEF gives 9 or c.
_WIF = re.compile(rf"(?<![0-9A-Za-z])[5KL9c][{_B58}]{{50,51}}(?![0-9A-Za-z])")
# Extended private keys, any length from 20 characters: a truncated or mistyped xprv still
# gives away most of a wallet.
_XPRV = re.compile(
    r"(?<![0-9A-Za-z])(?:[xyztuv]prv|[YZUV]prv)[0-9A-Za-z]{20,120}"
)  # cap: base58 decoding is quadratic
_HEX64 = re.compile(r"(?<![0-9A-Za-z])(0[xX])?[0-9a-fA-F]{64}(?![0-9A-Za-z])")

# Context words, searched in the lower-cased text around a 64-hex string.
_KEY_WORDS = re.compile(
    r"private[\s_-]*key|privkey|\bpriv\b|secret[\s_-]*key|\bkey\b|\bwif\b"
    r"|秘密鍵|プライベートキー|プライベート・キー|シークレットキー|鍵"
)
_TX_WORDS = re.compile(
    r"\btx(?:id|hash|n)?\b|\bhash\b|transaction|\btrx\b|txid|取引id|トランザクション|ハッシュ"
    r"|/tx/|explorer|etherscan|bscscan|polygonscan|tronscan|solscan|blockchair|mempool"
    r"|sha-?256|checksum|digest|チェックサム"
)
_TRANSFER_WORDS = re.compile(
    r"送金|出金|入金|着金|振替|transfer|withdraw|deposit|\bsent\b|\bsend\b|received|confirm"
    # the state of a transaction: "…5a がずっとpendingから動きません", "stuck", "承認待ち"
    r"|pending|stuck|unconfirmed|承認待ち|未承認|保留|詰ま"
)
_BEFORE, _AFTER = 48, 24  # characters of context ("the txid of my deposit is 0x...")


def find_keys(folded: Folded) -> list[SecretSpan]:
    """WIF, 64-hex and extended private keys in a case-preserving fold of the text."""
    text = folded.text
    out: list[SecretSpan] = []
    for m in _WIF.finditer(text):
        reason = _wif_reason(m.group())
        if reason is None and _near(text, m.start(), m.end(), _KEY_WORDS):
            reason = "wif-like:checksum bad:key context"
        if reason is not None:
            out.append(SecretSpan(PRIVATE_KEY, *folded.span(m.start(), m.end()), reason=reason))
    for m in _XPRV.finditer(text):
        try:
            base58.b58decode_check(m.group())
            state = "checksum ok"
        except ValueError:
            state = "checksum bad"
        reason = f"{m.group()[:4]}:{state}"
        out.append(SecretSpan(EXTENDED_PRIVATE_KEY, *folded.span(m.start(), m.end()), reason))
    lowered = None
    for m in _HEX64.finditer(text):
        if lowered is None:
            lowered = text.lower()
        reason = _hex_reason(lowered, m.start(), m.end(), prefixed=m.group(1) is not None)
        if reason is not None:
            out.append(SecretSpan(PRIVATE_KEY, *folded.span(m.start(), m.end()), reason=reason))
    return out


def _wif_reason(candidate: str) -> str | None:
    try:
        raw = base58.b58decode(candidate)
    except ValueError:
        return None
    body, check = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] != check:
        return None
    if body[:1] == b"\x80":
        net = "mainnet"
    elif body[:1] == b"\xef":
        net = "testnet"
    else:
        return None
    if len(body) == 33:
        return f"wif:{net}:uncompressed:checksum ok"
    if len(body) == 34 and body[-1] == 1:
        return f"wif:{net}:compressed:checksum ok"
    return None


def _near(text: str, start: int, end: int, words: re.Pattern[str]) -> bool:
    window = text[max(0, start - _BEFORE) : start].lower() + " " + text[end : end + _AFTER].lower()
    return words.search(window) is not None


def _hex_reason(lowered: str, start: int, end: int, *, prefixed: bool) -> str | None:
    """Key or transaction id? The nearest context word decides; with none, a 0x-string in a
    message about a transfer is a txid, anything else is a key (leaking a key costs the funds,
    redacting a txid costs one question)."""
    before = lowered[max(0, start - _BEFORE) : start]
    after = lowered[end : end + _AFTER]
    key_dist = _distance(before, after, _KEY_WORDS)
    tx_dist = _distance(before, after, _TX_WORDS)
    if key_dist is not None and (tx_dist is None or key_dist <= tx_dist):
        return "hex64:key context"
    if tx_dist is not None:
        return None
    if _distance(before, after, _TRANSFER_WORDS) is not None:
        return None  # "my 0.3 BTC deposit: 3ae8…" — a careful human reads a txid
    if prefixed and _TRANSFER_WORDS.search(lowered[max(0, start - 200) : end + 200]):
        return None
    return "hex64:no context:treated as key"


def _distance(before: str, after: str, words: re.Pattern[str]) -> int | None:
    best = None
    for m in words.finditer(before):
        best = len(before) - m.end()  # the last match before is the nearest
    m = words.search(after)
    if m is not None and (best is None or m.start() < best):
        best = m.start()
    return best
