"""Tron addresses: Base58Check of ``0x41`` + 20 bytes, always 34 characters starting with ``T``.

>>> identify_tron("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t").status
'valid'
"""

from __future__ import annotations

from madoguchi.analysis.chains import _base58
from madoguchi.analysis.chains._info import (
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    MAINNET,
    TRON,
    VALID,
    AddressInfo,
)

VERSION = 0x41  # java-tron: Constant.ADD_PRE_FIX_BYTE_MAINNET
LENGTH = 34


def identify_tron(text: str) -> AddressInfo | None:
    """Check a ``T...`` string of 34 characters; ``None`` for any other shape."""
    if len(text) != LENGTH or text[0] != "T":
        return None
    decoded = _base58.decode_check(text)
    if decoded is None:
        return AddressInfo(TRON, "base58", MAINNET, INVALID_FORMAT, extra={"reason": "character"})
    if not decoded.ok:
        return AddressInfo(TRON, "base58", MAINNET, INVALID_CHECKSUM, extra={"reason": "checksum"})
    if len(decoded.payload) != 21 or decoded.payload[0] != VERSION:
        return AddressInfo(TRON, "base58", MAINNET, INVALID_FORMAT, extra={"reason": "version"})
    return AddressInfo(TRON, "base58", MAINNET, VALID)
