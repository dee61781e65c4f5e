"""Bech32 (BIP173) and Bech32m (BIP350) checksum decoding on top of the ``bech32`` package.

``bech32`` 1.2.0 (the reference code) only knows Bech32: its ``bech32_decode`` compares the
polymod with 1 and drops the 90-character limit. BIP350 changes exactly one thing, the constant
the polymod must equal (``0x2bc830a3``), so this module reuses the package's ``bech32_polymod``,
``bech32_hrp_expand`` and ``convertbits`` and only adds that comparison and the length limit.

>>> decode("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0").encoding
'bech32m'
"""

from __future__ import annotations

from dataclasses import dataclass

from bech32 import CHARSET, bech32_hrp_expand, bech32_polymod, convertbits

BECH32 = "bech32"
BECH32M = "bech32m"
_CONSTANTS = {1: BECH32, 0x2BC830A3: BECH32M}  # BIP173 / BIP350 "const"
MAX_LENGTH = 90  # BIP173: "overall max length"
_CHARSET = frozenset(CHARSET)

__all__ = ["BECH32", "BECH32M", "Decoded", "convertbits", "decode"]


@dataclass(frozen=True, slots=True)
class Decoded:
    """A well-formed bech32 string: ``data`` without the 6 checksum symbols.

    ``encoding`` is ``"bech32"``, ``"bech32m"`` or ``None`` when the checksum matches neither.
    """

    hrp: str
    data: tuple[int, ...]
    encoding: str | None


def decode(text: str) -> Decoded | None:
    """Parse ``text``; ``None`` when it is not well formed (characters, case, length, separator)."""
    if len(text) > MAX_LENGTH or any(ord(c) < 33 or ord(c) > 126 for c in text):
        return None
    lower = text.lower()
    if text != lower and text != text.upper():  # mixed case is invalid (BIP173)
        return None
    pos = lower.rfind("1")
    if pos < 1 or pos + 7 > len(lower) or not _CHARSET.issuperset(lower[pos + 1 :]):
        return None
    hrp = lower[:pos]
    data = [CHARSET.find(c) for c in lower[pos + 1 :]]
    encoding = _CONSTANTS.get(bech32_polymod(bech32_hrp_expand(hrp) + data))
    return Decoded(hrp, tuple(data[:-6]), encoding)
