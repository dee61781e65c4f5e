"""EVM addresses (Ethereum and every EVM chain): ``0x`` + 40 hex digits, EIP-55 checksum.

EIP-55 encodes the checksum in the case of the hex letters, so an all-lower or all-upper
address carries no checksum at all ("unchecked"), unless its checksum happens to be that case.

>>> identify_evm("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").status
'valid'
"""

from __future__ import annotations

from eth_hash.auto import keccak

from madoguchi.analysis.chains._info import (
    ETHEREUM,
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    MAINNET,
    UNCHECKED,
    VALID,
    AddressInfo,
)

_HEX = frozenset("0123456789abcdefABCDEF")


def to_checksum(body: str) -> str:
    """EIP-55 form of 40 hex digits (no ``0x``): upper-case where the Keccak nibble >= 8."""
    lower = body.lower()
    digest = keccak(lower.encode("ascii")).hex()
    return "".join(c.upper() if digest[i] in "89abcdef" else c for i, c in enumerate(lower))


def is_hex(text: str) -> bool:
    return bool(text) and _HEX.issuperset(text)


def identify_evm(text: str) -> AddressInfo | None:
    """Check ``0x`` + 40 hex; a 38-42 digit hex after ``0x`` is a mistyped address."""
    if text[:2] not in ("0x", "0X") or not is_hex(text[2:]):
        return None
    body = text[2:]
    if len(body) != 40:
        if 38 <= len(body) <= 42:
            return AddressInfo(ETHEREUM, "eoa", MAINNET, INVALID_FORMAT, extra={"reason": "length"})
        return None
    checksummed = to_checksum(body)
    extra = {"checksummed": "0x" + checksummed}
    if body == checksummed:
        status = VALID
    elif body in (body.lower(), body.upper()):
        status = UNCHECKED
    else:
        status = INVALID_CHECKSUM
    # "eoa" names the format: a contract address looks the same; only the chain knows.
    return AddressInfo(ETHEREUM, "eoa", MAINNET, status, extra=extra)
