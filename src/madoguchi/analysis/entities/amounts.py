"""Amounts of money or crypto, always with a unit ("0.5 ETH", "15万円", "¥20,000", "$1,200").

>>> [e.value for e in scan("約3.2万USDTと¥20,000")]
[{'quantity': '32000', 'unit': 'USDT'}, {'quantity': '20000', 'unit': 'JPY'}]
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation

from madoguchi.analysis._types import AMOUNT, Entity
from madoguchi.analysis.entities._view import view
from madoguchi.analysis.entities._vocab import (
    TERMS,
    TICKERS_ANY_CASE,
    TICKERS_UPPER,
    trie_pattern,
)

# A number: grouped ("1,500.25") or plain, capped so a digit flood cannot make matching
# quadratic; the look-behind stops a match from starting inside a longer number.
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3}){1,10}(?:\.\d{1,18})?|\d{1,30}(?:\.\d{1,18})?)(?![\d,]\d)"
_MULT = {"万": 10_000, "千": 1_000, "億": 100_000_000, "k": 1_000, "K": 1_000}
_JA_NUMBER = rf"(?P<n1>{_NUM})(?:[ \t]?(?P<m1>[億万千kK])(?:(?P<n2>\d{{1,4}})(?P<m2>千)?)?)?"

_FIAT_UNITS = {
    "円": "JPY",
    "日本円": "JPY",
    "yen": "JPY",
    "jpy": "JPY",
    "ドル": "USD",
    "米ドル": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "usdドル": "USD",
}
_ASSET_UNITS = {t.lower(): t for t in TICKERS_ANY_CASE + TICKERS_UPPER}
_ASSET_UNITS.update({k: t.asset for k, t in TERMS.items() if t.asset and not k.isascii()})
_ASSET_UNITS.update(
    {k: TERMS[k].asset for k in ("bitcoin", "ethereum", "ether", "tether", "litecoin", "dogecoin")}
    | {
        "ripple": "XRP",
        "solana": "SOL",
        "cardano": "ADA",
        "polkadot": "DOT",
        "sats": "SAT",
        "satoshi": "SAT",
        "satoshis": "SAT",
    }
)
_UNITS = {**_ASSET_UNITS, **_FIAT_UNITS}
_APPROX_BEFORE = re.compile(
    r"(?:約|およそ|大体|だいたい|about |approx(?:\.|imately)? |around |~|～|≈)$"
)
_AMOUNT = re.compile(
    r"(?P<sym>[¥$]|US\$)[ \t]?"
    + _JA_NUMBER
    + r"|"
    + _JA_NUMBER.replace("P<n1>", "P<u_n1>")
    .replace("P<m1>", "P<u_m1>")
    .replace("P<n2>", "P<u_n2>")
    .replace("P<m2>", "P<u_m2>")
    + r"[ \t]?(?P<unit>"
    + trie_pattern(sorted(_UNITS))
    + r")(?![a-z0-9])",
    re.IGNORECASE,
)
#: Where an amount can start: a number or a currency sign. The grammar is then tried only there
#: (one pass of it over the whole message costs ~10 µs; this costs ~1 µs).
_START = re.compile(r"US\$|[¥$]|(?<![\d.,A-Za-z])\d")  # not inside hex ids: "3ae8774acd..."
_DIGIT = re.compile(r"\d")
_UPPER_ONLY = frozenset(t.lower() for t in TICKERS_UPPER)
_CONTEXT = Context(prec=80)  # exact for every number _NUM can match


def _quantity(n1: str, m1: str | None, n2: str | None, m2: str | None) -> Decimal | None:
    try:
        q = Decimal(n1.replace(",", ""))
        if m1:
            q = _CONTEXT.multiply(q, Decimal(_MULT[m1]))
            if n2:  # "1万5千円", "1万5000円"
                q = _CONTEXT.add(q, Decimal(n2) * (1000 if m2 else 1))
    except InvalidOperation:
        return None
    return q


def _text(q: Decimal) -> str:
    """Exact decimal string without exponent or trailing zeros: ``150000``, ``0.5``."""
    s = format(q, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"


def scan(text: str) -> list[Entity]:
    """AMOUNT entities: ``value = {"quantity": "150000", "unit": "JPY"}``."""
    if not _DIGIT.search(text):  # most messages without a number end here
        return []
    vw = view(text)
    v = vw.text
    out: list[Entity] = []
    consumed = 0
    for start in _START.finditer(v):
        if start.start() < consumed:
            continue
        m = _AMOUNT.match(v, start.start())
        if m is None:
            continue
        consumed = m.end()
        if m.group("sym"):
            unit = "JPY" if m.group("sym") == "¥" else "USD"
            q = _quantity(m.group("n1"), m.group("m1"), m.group("n2"), m.group("m2"))
        else:
            raw_unit = m.group("unit")
            unit = _UNITS[raw_unit.lower()]
            if raw_unit.lower() in _UPPER_ONLY and not raw_unit.isupper():
                continue  # "2 dot", "3 op": words, not tickers
            q = _quantity(m.group("u_n1"), m.group("u_m1"), m.group("u_n2"), m.group("u_m2"))
        if q is None:
            continue
        if unit == "SAT":  # satoshis are reported in BTC so every BTC amount compares
            q, unit = q.scaleb(-8, _CONTEXT), "BTC"
        begin = m.start()
        approx = _APPROX_BEFORE.search(v, max(0, begin - 14), begin)
        details = {}
        if approx:
            begin, details = approx.start(), {"approximate": True}
        s, e = vw.span(begin, m.end())
        out.append(
            Entity(
                kind=AMOUNT,
                text=text[s:e],
                start=s,
                end=e,
                value={"quantity": _text(q), "unit": unit},
                details=details,
            )
        )
    return out
