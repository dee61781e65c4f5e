"""Cosmos Hub accounts: bech32 (not bech32m) with HRP ``cosmos``, 20 or 32 bytes.

>>> identify_cosmos("cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a").status
'valid'
"""

from __future__ import annotations

from madoguchi.analysis.chains import _bech32
from madoguchi.analysis.chains._info import (
    COSMOS,
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    MAINNET,
    VALID,
    AddressInfo,
)

HRP = "cosmos"
#: 20 bytes: an account (hash of a secp256k1 key); 32 bytes: module/ICA accounts (ADR-028).
_SIZES = {20: "account", 32: "module_account"}


def identify_cosmos(text: str) -> AddressInfo | None:
    """Check a ``cosmos1...`` string; ``None`` for other HRPs (``cosmosvaloper`` included)."""
    decoded = _bech32.decode(text)
    if decoded is None or decoded.hrp != HRP:
        return None
    if decoded.encoding != _bech32.BECH32:
        return AddressInfo(
            COSMOS, "bech32", MAINNET, INVALID_CHECKSUM, extra={"reason": "checksum"}
        )
    raw = _bech32.convertbits(decoded.data, 5, 8, False)
    if raw is None or len(raw) not in _SIZES:
        return AddressInfo(COSMOS, "bech32", MAINNET, INVALID_FORMAT, extra={"reason": "length"})
    return AddressInfo(COSMOS, _SIZES[len(raw)], MAINNET, VALID)
