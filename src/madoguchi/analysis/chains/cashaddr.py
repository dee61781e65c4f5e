"""Bitcoin Cash CashAddr (``bitcoincash:qq...``), with or without the prefix.

CashAddr reuses the bech32 character set but a 40-bit BCH code (8 checksum symbols) with its
own generator, so no bech32 library verifies it; the polymod below is the spec's reference
(github.com/bitcoincashorg/bitcoincash.org spec/cashaddr.md, "Checksum"), 10 lines. The prefix
enters the checksum as the low 5 bits of each character followed by a 0 separator, which is why
an address without its prefix is checked against the default ``bitcoincash`` prefix.

>>> identify_cashaddr("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a").kind
'p2pkh'
"""

from __future__ import annotations

from bech32 import CHARSET, convertbits

from madoguchi.analysis.chains._info import (
    BITCOIN_CASH,
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    MAINNET,
    REGTEST,
    TESTNET,
    VALID,
    AddressInfo,
)

PREFIXES: dict[str, str] = {"bitcoincash": MAINNET, "bchtest": TESTNET, "bchreg": REGTEST}
_GENERATOR = (0x98F2BC8E61, 0x79B76D99E2, 0xF33E5FB3C4, 0xAE2EABE2A8, 0x1E4F43E470)
_CHARSET = frozenset(CHARSET)
#: Version-byte type bits: 0/1 from the spec, 2/3 token-aware (CHIP-2022-02 CashTokens).
_TYPES = {0: "p2pkh", 1: "p2sh", 2: "p2pkh_token", 3: "p2sh_token"}
#: Size bits -> hash length in bytes (spec table "Version byte").
_SIZES = (20, 24, 28, 32, 40, 48, 56, 64)


def polymod(values: list[int]) -> int:
    """The CashAddr checksum polymod; a valid address gives 0."""
    c = 1
    for d in values:
        c0 = c >> 35
        c = ((c & 0x07FFFFFFFF) << 5) ^ d
        for i in range(5):
            if (c0 >> i) & 1:
                c ^= _GENERATOR[i]
    return c ^ 1


def looks_like_payload(text: str) -> bool:
    """A prefix-less CashAddr payload: 42 (20-byte hash) or 61 (32-byte hash) symbols starting with q/p/z/r."""
    lower = text.lower()
    return (
        len(text) in (42, 61)
        and lower[:1] in "qpzr"
        and (text == lower or text == text.upper())
        and _CHARSET.issuperset(lower)
    )


def identify_cashaddr(text: str) -> AddressInfo | None:
    """Check ``prefix:payload`` or a bare payload (mainnet prefix assumed)."""
    prefix, sep, payload = text.rpartition(":")
    prefix = prefix.lower() if sep else "bitcoincash"
    if prefix not in PREFIXES or not payload:
        return None
    lower = payload.lower()
    if payload not in (lower, payload.upper()) or not _CHARSET.issuperset(lower):
        return None
    network = PREFIXES[prefix]
    if len(lower) < 9:
        return None
    data = [CHARSET.find(c) for c in lower]
    if polymod([ord(c) & 0x1F for c in prefix] + [0] + data) != 0:
        return AddressInfo(
            BITCOIN_CASH, "cashaddr", network, INVALID_CHECKSUM, extra={"reason": "checksum"}
        )
    raw = convertbits(data[:-8], 5, 8, False)
    if not raw:
        return AddressInfo(
            BITCOIN_CASH, "cashaddr", network, INVALID_FORMAT, extra={"reason": "padding"}
        )
    version, hash_bytes = raw[0], raw[1:]
    kind = _TYPES.get((version >> 3) & 0x0F)
    if kind is None or version & 0x80 or len(hash_bytes) != _SIZES[version & 0x07]:
        return AddressInfo(
            BITCOIN_CASH, "cashaddr", network, INVALID_FORMAT, extra={"reason": "version"}
        )
    return AddressInfo(BITCOIN_CASH, kind, network, VALID, extra={"prefix": prefix})
