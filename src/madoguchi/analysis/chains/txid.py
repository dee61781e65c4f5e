"""Transaction ids: EVM ``0x`` + 64 hex, bare 64 hex (many chains), Solana Base58 signatures.

A bare 64-hex id does not say its chain, so the candidates are listed and a chain is only
chosen when the words around it name exactly one (``"BTCの送金 ..."``, ``"TRC20 txid ..."``).

>>> identify_txid("0x" + "AB" * 32).value
'0xabababababababababababababababababababababababababababababababab'
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from madoguchi.analysis._textmap import fold
from madoguchi.analysis.chains import solana
from madoguchi.analysis.chains._info import (
    BITCOIN,
    BITCOIN_CASH,
    COSMOS,
    DOGECOIN,
    ETHEREUM,
    LITECOIN,
    SOLANA,
    STELLAR,
    TRON,
    XRP,
)
from madoguchi.analysis.chains.evm import is_hex

#: Explorers show these chains' ids in lower case...
LOWER_HEX_CHAINS = [BITCOIN, TRON, LITECOIN, DOGECOIN, BITCOIN_CASH, STELLAR, ETHEREUM]
#: ...and the XRP Ledger and Cosmos ones in upper case, so those come first for upper-case ids.
UPPER_HEX_CHAINS = [XRP, COSMOS, BITCOIN, TRON, LITECOIN, DOGECOIN, BITCOIN_CASH, ETHEREUM]

#: Words that name a chain, longest first so "bitcoin cash" is not read as "bitcoin".
_CHAIN_WORDS: tuple[tuple[str, str], ...] = (
    ("bitcoin cash", BITCOIN_CASH), ("ビットコインキャッシュ", BITCOIN_CASH), ("bch", BITCOIN_CASH),
    ("bitcoin", BITCOIN), ("ビットコイン", BITCOIN), ("btc", BITCOIN),
    ("ethereum", ETHEREUM), ("イーサリアム", ETHEREUM), ("eth", ETHEREUM), ("erc20", ETHEREUM),
    ("bsc", ETHEREUM), ("bep20", ETHEREUM), ("polygon", ETHEREUM), ("arbitrum", ETHEREUM),
    ("tron", TRON), ("トロン", TRON), ("trc20", TRON), ("trx", TRON),
    ("xrp", XRP), ("ripple", XRP), ("リップル", XRP),
    ("litecoin", LITECOIN), ("ライトコイン", LITECOIN), ("ltc", LITECOIN),
    ("dogecoin", DOGECOIN), ("ドージコイン", DOGECOIN), ("doge", DOGECOIN),
    ("stellar", STELLAR), ("ステラ", STELLAR), ("xlm", STELLAR),
    ("cosmos", COSMOS), ("コスモス", COSMOS), ("atom", COSMOS),
    ("solana", SOLANA), ("ソラナ", SOLANA), ("sol", SOLANA),
)  # fmt: skip
_CHAIN_BY_WORD = dict(_CHAIN_WORDS)
# ASCII words must stand alone ("eth" not inside "method"); Japanese words need no boundary.
# One lookbehind in front of one alternation (longest first): a lookbehind on every
# alternative made the engine try each word at each position (48 µs per call, now ~5 µs).
_ASCII_WORDS = sorted((w for w, _ in _CHAIN_WORDS if w.isascii()), key=len, reverse=True)
_OTHER_WORDS = sorted((w for w, _ in _CHAIN_WORDS if not w.isascii()), key=len, reverse=True)
_CONTEXT = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(map(re.escape, _ASCII_WORDS))
    + r")(?![a-z0-9])"
    + "".join("|" + re.escape(w) for w in _OTHER_WORDS)
)
CONTEXT_WINDOW = 80  # characters looked at on each side of a bare id
#: A bare 64-hex right after these words is a file digest, not a transaction.
_DIGEST_WORDS = re.compile(
    r"sha-?(?:256|2|3)|checksum|digest|fingerprint|チェックサム|ダイジェスト"
)
DIGEST_WINDOW = 30


class Txid(NamedTuple):
    value: str
    chain: str | None
    details: dict[str, Any]


def identify_txid(token: str) -> Txid | None:
    """Recognise one ASCII token as a transaction id, without context."""
    if len(token) == 66 and token[:2] in ("0x", "0X") and is_hex(token[2:]):
        return Txid("0x" + token[2:].lower(), ETHEREUM, {"candidates": [ETHEREUM]})
    if len(token) == 64 and is_hex(token):
        chains = UPPER_HEX_CHAINS if token.isupper() else LOWER_HEX_CHAINS
        return Txid(token.lower(), None, {"candidates": list(chains)})
    if solana.is_signature(token):
        return Txid(token, SOLANA, {"candidates": [SOLANA], "format": "base58_signature"})
    return None


def chains_named_near(text: str, start: int, end: int) -> list[str]:
    """Chains named within :data:`CONTEXT_WINDOW` characters of ``text[start:end]``, in order."""
    around = text[max(0, start - CONTEXT_WINDOW) : start] + " " + text[end : end + CONTEXT_WINDOW]
    named: list[str] = []
    for m in _CONTEXT.finditer(fold(around).text):
        chain = _CHAIN_BY_WORD[m.group()]
        if chain not in named:
            named.append(chain)
    return named


def is_file_digest(text: str, start: int) -> bool:
    """True when the words just before ``start`` call the hex a digest ("SHA-256 3f1c...")."""
    before = fold(text[max(0, start - DIGEST_WINDOW) : start]).text
    return _DIGEST_WORDS.search(before) is not None


def with_context(txid: Txid, text: str, start: int, end: int) -> Txid | None:
    """Pick the chain of a bare hex id when the nearby words name exactly one candidate.

    ``None`` when the words right before it say it is a file digest, not a transaction.
    """
    if txid.chain is not None:
        return txid
    if is_file_digest(text, start):
        return None
    candidates = txid.details["candidates"]
    named = [c for c in chains_named_near(text, start, end) if c in candidates]
    details = {**txid.details, "context_chains": named}
    if named:  # named chains first, the rest keep their order
        details["candidates"] = named + [c for c in candidates if c not in named]
    return Txid(txid.value, named[0] if len(named) == 1 else None, details)
