"""Stellar account ids (``G...``, 56 characters) and muxed accounts (``M...``, 69 characters).

StrKey (SEP-23): RFC 4648 Base32 of a version byte, the key, and a CRC16-XModem checksum
(little endian). ``binascii.crc_hqx(data, 0)`` is exactly CRC16-XModem, so nothing is hand-rolled.
Exchanges need a memo next to a ``G...`` deposit address; a muxed ``M...`` carries its own id.

>>> identify_stellar("GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ").status
'valid'
"""

from __future__ import annotations

import base64
import binascii

from madoguchi.analysis.chains._info import (
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    MAINNET,
    STELLAR,
    VALID,
    AddressInfo,
)

#: shape -> (version byte, key bytes, kind); version bytes from SEP-23 (6 << 3, 12 << 3).
_SHAPES = {("G", 56): (6 << 3, 32, "account"), ("M", 69): (12 << 3, 40, "muxed_account")}
_BASE32 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def identify_stellar(text: str) -> AddressInfo | None:
    """Check a ``G``/``M`` StrKey; ``None`` for any other shape (``S...`` seeds are secrets)."""
    shape = _SHAPES.get((text[:1], len(text)))
    if shape is None:
        return None
    version, size, kind = shape
    if not _BASE32.issuperset(text):
        return AddressInfo(STELLAR, kind, MAINNET, INVALID_FORMAT, extra={"reason": "character"})
    padded = text + "=" * (-len(text) % 8)
    try:
        raw = base64.b32decode(padded)
    except binascii.Error:
        return AddressInfo(STELLAR, kind, MAINNET, INVALID_FORMAT, extra={"reason": "character"})
    body, crc = raw[:-2], raw[-2:]
    if binascii.crc_hqx(body, 0).to_bytes(2, "little") != crc:
        return AddressInfo(STELLAR, kind, MAINNET, INVALID_CHECKSUM, extra={"reason": "checksum"})
    # SEP-23 rejects non-canonical Base32 (unused trailing bits set), so re-encode and compare.
    canonical = base64.b32encode(raw).decode("ascii").rstrip("=") == text
    if body[0] != version or len(body) != 1 + size or not canonical:
        return AddressInfo(STELLAR, kind, MAINNET, INVALID_FORMAT, extra={"reason": "version"})
    extra = {"muxed_id": int.from_bytes(body[33:], "big")} if kind == "muxed_account" else {}
    return AddressInfo(STELLAR, kind, MAINNET, VALID, extra=extra)
