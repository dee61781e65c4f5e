"""Solana: any 32 bytes in Base58 is an address and there is no checksum ("plausible").

>>> identify_solana("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA").status
'plausible'
"""

from __future__ import annotations

from madoguchi.analysis.chains import _base58
from madoguchi.analysis.chains._info import MAINNET, PLAUSIBLE, SOLANA, AddressInfo

SIGNATURE_BYTES = 64


def identify_solana(text: str) -> AddressInfo | None:
    """A 32-44 character Base58 string that decodes to exactly 32 bytes; else ``None``."""
    if not 32 <= len(text) <= 44:
        return None
    raw = _base58.decode(text)
    if raw is None or len(raw) != 32:
        return None
    return AddressInfo(SOLANA, "base58", MAINNET, PLAUSIBLE)


def is_signature(text: str) -> bool:
    """A transaction signature: 64 bytes in Base58 (87-88 characters, fewer with leading 1s)."""
    if not 64 <= len(text) <= 88:
        return False
    raw = _base58.decode(text)
    return raw is not None and len(raw) == SIGNATURE_BYTES
