"""Networks, assets and memos/destination tags named in a message.

>>> [(e.kind, e.value) for e in scan("USDTをTRC20で送金、タグ：104729")]
[('asset', 'USDT'), ('network', 'tron'), ('memo', '104729')]
"""

from __future__ import annotations

import re

from madoguchi.analysis._types import ASSET, MEMO, NETWORK, Entity
from madoguchi.analysis.entities._view import view
from madoguchi.analysis.entities._vocab import (
    CAPITALISED_ONLY,
    TERMS,
    TICKER_NETWORK,
    TICKERS_ANY_CASE,
    TICKERS_UPPER,
    term_key,
    trie_pattern,
)

#: Multi-word surface forms; "~" is an optional separator ("ERC-20", "ERC 20", "erc20").
_SURFACES = {
    "erc20": "erc~20",
    "bep20": "bep~20",
    "bep2": "bep~2",
    "trc20": "trc~20",
    "trc10": "trc~10",
    "bnbsmartchain": "bnb~smart~chain",
    "binancesmartchain": "binance~smart~chain",
    "bnbchain": "bnb~chain",
    "bnbbeaconchain": "bnb~beacon~chain",
    "lightningnetwork": "lightning~network",
    "xrpledger": "xrp~ledger",
    "arbitrumone": "arbitrum~one",
    "opmainnet": "op~mainnet",
    "avalanchecchain": "avalanche~c~chain",
    "avaxcchain": "avax~c~chain",
    "cchain": "c~chain",
    "omnilayer": "omni~layer",
    "zksyncera": "zksync~era",
    "maticnetwork": "matic~network",
    "polygonpos": "polygon~pos",
    "bitcoincash": "bitcoin~cash",
    "shibainu": "shiba~inu",
    "binancecoin": "binance~coin",
    "usdcoin": "usd~coin",
}
_WORDS = [_SURFACES.get(k, k) for k in TERMS] + [
    t.lower() for t in TICKERS_ANY_CASE + TICKERS_UPPER
]
_UPPER_ONLY = frozenset([*(t.lower() for t in TICKERS_UPPER), "ln"])
_NET_WORD = r"(?:[ \t]?(?:network|chain|mainnet|blockchain|ネットワーク|チェーン|メインネット|ブロックチェーン))"
# Matched against the lower-cased text: a case-insensitive trie is ~5x slower in ``re``.
_TERM_SOURCE = f"(?<![a-z])(?P<term>{trie_pattern(_WORDS)})(?P<net>{_NET_WORD})?"
_TERM = re.compile(_TERM_SOURCE)
_TERM_ANY_CASE = re.compile(_TERM_SOURCE, re.IGNORECASE)  # when lower() changes the length
_BASE = re.compile(
    rf"(?<![A-Za-z0-9])Base(?:(?P<net>{_NET_WORD})|(?=\s*[(（]\s*(?:L2|layer ?2)))|(?<=\bon )Base(?![A-Za-z0-9])(?! of| price| rate| fee)"
)
_VIA_BEFORE = re.compile(
    r"(?:\b(?:on|via|over|through|using)\s+(?:the\s+)?|[(（]\s*)$", re.IGNORECASE
)
_FROM_TO_BEFORE = re.compile(r"(?:から|→|->|\bto|\bfrom|\binto)[ \t]*$", re.IGNORECASE)
_ONLY_BRACKETS = re.compile(r"[ \t(（/-]{0,3}$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_KATAKANA = re.compile(r"[ァ-ヺー]")
_NOT_ETH = ("イーサネット",)  # "Ethernet" starts like "イーサ"

# --- memos / destination tags ----------------------------------------------------------------
_MEMO_WORD = (
    r"(?:destination[ \t]?tag|dest\.?[ \t]?tag|memo(?:[ \t]?id)?|payment[ \t]?id|tag|"
    r"宛先タグ|デスティネーションタグ|タグ|メモ|識別子)"
)
_MEMO_VALUE = re.compile(
    rf"(?P<word>{_MEMO_WORD})[ \t]*(?:番号|欄)?[ \t]*"
    r"(?:(?:is|was|shows[ \t]as|should[ \t]be|of|number|no\.?|には|は|が|を|に|=|:|#|、|,)[ \t]*){0,2}"
    r"(?P<value>(?<![A-Za-z0-9])[A-Za-z0-9]{1,64}(?![A-Za-z0-9]))",
    re.IGNORECASE,
)
_MEMO_ABSENT_EN = re.compile(
    r"\b(?:without|no|missing|forgot(?:ten)?(?:[ \t]+to[ \t]+(?:add|include|enter|put|fill in))?|"
    r"(?:didn't|did[ \t]not|never)[ \t]+(?:add|include|enter|put|fill[ \t]in))"
    r"(?:[ \t]+(?:a|an|the|my|any))?[ \t]+(?:destination[ \t]+tag|memo|tag|payment[ \t]+id)\b",
    re.IGNORECASE,
)
_MEMO_ABSENT_JA = re.compile(
    r"(?:宛先タグ|デスティネーションタグ|タグ|メモ)[ \t]*(?:を|の|が|は|も)?[ \t]*"
    r"(?:付け忘れ|つけ忘れ|入れ忘れ|入力し忘れ|記入し忘れ|書き忘れ|忘れ|入力せず|入れず|付けず|つけず|"
    r"入力していな|入れていな|付けていな|つけていな|なし|無し|未入力|がない|が無い)"
)


_MEMO_HINTS = ("tag", "memo", "payment", "タグ", "メモ", "識別子")


def _prev_char(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next_char(text: str, i: int) -> str:
    return text[i] if i < len(text) else ""


def _boundary_ok(text: str, start: int, end: int, surface: str) -> bool:
    """ASCII terms need a word boundary ("ETH" not in "method"); katakana ones only before."""
    if surface[0].isascii():
        prev = _prev_char(text, start)
        if prev.isascii() and prev.isalpha():  # digits allowed before: "0.5ETH"
            return False
    elif _KATAKANA.match(_prev_char(text, start)):
        return False
    if surface[-1].isascii():
        return not _ASCII_WORD.match(_next_char(text, end))
    return True


def _networks_and_assets(v: str) -> list[tuple[int, int, str, str, dict]]:
    found: list[tuple[int, int, str, str, dict]] = []
    last_asset: tuple[int, str] | None = None  # (end, symbol) of the previous asset mention
    lower = v.lower()
    matches = _TERM.finditer(lower) if len(lower) == len(v) else _TERM_ANY_CASE.finditer(v)
    for m in matches:
        start, end = m.span()
        surface = v[start : m.end("term")]
        key = term_key(surface)
        if not _boundary_ok(v, start, end, v[start:end]):
            continue
        if key in _UPPER_ONLY and not surface.isupper():
            continue
        if key in CAPITALISED_ONLY and not surface[0].isupper() and not m.group("net"):
            continue
        if key == "イーサ" and v.startswith(_NOT_ETH, start):
            continue
        term = TERMS.get(key)
        if term is None:  # a ticker
            symbol = key.upper()
            if m.group("net") and symbol in TICKER_NETWORK:
                found.append((start, end, NETWORK, TICKER_NETWORK[symbol], {"asset": symbol}))
            else:
                found.append((start, m.end("term"), ASSET, symbol, {}))
                last_asset = (m.end("term"), symbol)
            continue
        if term.network and term.asset:  # both a chain and its coin: context decides
            as_network = bool(m.group("net")) or term.default == "network"
            before = v[max(0, start - 16) : start]
            if _VIA_BEFORE.search(before):
                as_network = True
            elif _FROM_TO_BEFORE.search(before) and any(f[2] == NETWORK for f in found):
                as_network = True  # "Polygonからイーサリアムに", "from Arbitrum to Ethereum"
            elif (
                last_asset
                and last_asset[1] != term.asset
                and _ONLY_BRACKETS.match(v, last_asset[0], start)
            ):
                as_network = True  # "USDT Ethereum", "USDT (Solana)"
            if as_network:
                found.append((start, end, NETWORK, term.network, {"asset": term.asset}))
            else:
                end = m.end("term")
                found.append((start, end, ASSET, term.asset, {"network": term.network}))
                last_asset = (end, term.asset)
        elif term.network:
            found.append((start, end, NETWORK, term.network, {}))
        else:
            found.append((start, m.end("term"), ASSET, term.asset, {}))
            last_asset = (m.end("term"), term.asset)
    if "Base" in v:
        for m in _BASE.finditer(v):
            found.append((m.start(), m.end(), NETWORK, "base", {}))
    return found


def _memos(v: str) -> list[tuple[int, int, str, str | None, dict]]:
    found: list[tuple[int, int, str, str | None, dict]] = []
    for m in _MEMO_VALUE.finditer(v):
        word, value = m.group("word"), m.group("value")
        if not any(c.isdigit() for c in value):  # "memo is empty", "tag me" are not memos
            continue
        if word.lower() in ("tag", "タグ") and not (value.isdigit() and len(value) >= 3):
            continue  # a bare "tag" needs a real-looking numeric tag
        found.append((*m.span("value"), MEMO, value, {"present": True}))
    if found:
        found += _memo_echoes(v, found)
    for pattern in (_MEMO_ABSENT_EN, _MEMO_ABSENT_JA):
        for m in pattern.finditer(v):
            found.append((m.start(), m.end(), MEMO, None, {"present": False}))
    return found


_UNIT_AFTER = "|".join(
    sorted({t.lower() for t in (*TICKERS_ANY_CASE, *TICKERS_UPPER)}, key=len, reverse=True)
)
#: A whole number of 4+ digits that is not an amount ("1500 USDT", "2000円").
_NUMBER_TOKEN = re.compile(
    r"(?<![A-Za-z0-9.,])\d{4,20}"
    rf"(?![A-Za-z0-9]|[.,]\d|[ \t]?(?:円|万|ドル|件|個|(?i:{_UNIT_AFTER}|yen|usd)(?![a-z])))"
)


def _near_miss(a: str, b: str) -> bool:
    """Same length, differing in at most two places: a mistyped or a compared tag."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 2


def _memo_echoes(v: str, memos: list) -> list[tuple[int, int, str, str, dict]]:
    """Other mentions of a memo: the same tag repeated, or one compared with it ("I put
    448812 but my memo is 448821"). Only numbers of 4+ digits near the memo, not amounts."""
    values = {value for _, _, _, value, _ in memos if value.isdigit() and len(value) >= 4}
    taken = {(s, e) for s, e, _, _, _ in memos}
    echoes = []
    for m in _NUMBER_TOKEN.finditer(v, max(0, memos[0][0] - 200), memos[-1][1] + 200):
        if m.span() in taken:
            continue
        number = m.group()
        if number in values:
            echoes.append((*m.span(), MEMO, number, {"present": True, "repeated": True}))
        elif any(_near_miss(number, value) for value in values):
            echoes.append((*m.span(), MEMO, number, {"present": True, "compared": True}))
    return echoes


def scan(text: str) -> list[Entity]:
    """NETWORK, ASSET and MEMO entities in ``text`` (spans into the original text)."""
    vw = view(text)
    v = vw.text
    found = _networks_and_assets(v)
    lower = v.lower()
    if any(w in lower for w in _MEMO_HINTS):  # substring tests are far cheaper than the regexes
        found += _memos(v)
    out: list[Entity] = []
    for start, end, kind, value, details in found:
        s, e = vw.span(start, end)
        out.append(Entity(kind=kind, text=text[s:e], start=s, end=e, value=value, details=details))
    out.sort(key=lambda e: (e.start, e.end))
    return out
