"""XRP Ledger addresses: classic ``r...`` and X-addresses (``X...`` mainnet, ``T...`` testnet).

Both are Base58Check in the XRP alphabet. Classic: version 0x00 + 20-byte account id. X-address
(XLS-5d): 0x05 0x44 (main) / 0x04 0x93 (test) + account id + flag + 8-byte tag (little endian),
so the destination tag travels inside the address.

>>> identify_xrp("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh").status
'valid'
"""

from __future__ import annotations

from madoguchi.analysis.chains import _base58
from madoguchi.analysis.chains._info import (
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    MAINNET,
    TESTNET,
    VALID,
    XRP,
    AddressInfo,
)

_X_PREFIXES = {b"\x05\x44": MAINNET, b"\x04\x93": TESTNET}


def _classic(text: str) -> AddressInfo | None:
    if not 25 <= len(text) <= 35:
        return None
    decoded = _base58.decode_check(text, _base58.XRP_ALPHABET)
    if decoded is None:
        return AddressInfo(XRP, "classic", MAINNET, INVALID_FORMAT, extra={"reason": "character"})
    if not decoded.ok:
        return AddressInfo(XRP, "classic", MAINNET, INVALID_CHECKSUM, extra={"reason": "checksum"})
    if len(decoded.payload) != 21 or decoded.payload[0] != 0:
        return AddressInfo(XRP, "classic", MAINNET, INVALID_FORMAT, extra={"reason": "version"})
    return AddressInfo(XRP, "classic", MAINNET, VALID)


def _x_address(text: str) -> AddressInfo | None:
    if not 46 <= len(text) <= 48:
        return None
    network = MAINNET if text[0] == "X" else TESTNET
    decoded = _base58.decode_check(text, _base58.XRP_ALPHABET)
    if decoded is None:
        return AddressInfo(XRP, "x_address", network, INVALID_FORMAT, extra={"reason": "character"})
    if not decoded.ok:
        return AddressInfo(
            XRP, "x_address", network, INVALID_CHECKSUM, extra={"reason": "checksum"}
        )
    payload = decoded.payload
    if len(payload) != 31 or payload[:2] not in _X_PREFIXES or payload[22] > 1:
        return AddressInfo(XRP, "x_address", network, INVALID_FORMAT, extra={"reason": "version"})
    tag = int.from_bytes(payload[23:], "little") if payload[22] else None
    if tag is not None and tag > 0xFFFFFFFF:  # XLS-5d: tags are 32-bit, high bytes must be 0
        return AddressInfo(XRP, "x_address", network, INVALID_FORMAT, extra={"reason": "tag"})
    return AddressInfo(XRP, "x_address", _X_PREFIXES[payload[:2]], VALID, extra={"tag": tag})


def identify_xrp(text: str) -> AddressInfo | None:
    """Check an ``r...``, ``X...`` or (47-character) ``T...`` string; ``None`` for other shapes."""
    first = text[:1]
    if first == "r":
        return _classic(text)
    if first in ("X", "T"):
        return _x_address(text)
    return None
