"""Base58 and Base58Check decoding that tells a bad checksum from a bad character.

``base58.b58decode_check`` raises the same ``ValueError`` for both; support needs to know which
("one character mistyped" vs "not even the right alphabet"), so the checksum is compared here.

>>> decode_check("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu").ok
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import base58

BITCOIN_ALPHABET = base58.BITCOIN_ALPHABET
XRP_ALPHABET = base58.XRP_ALPHABET

#: Both alphabets use the same 58 characters (no 0, O, I, l), only in another order.
CHARACTERS = frozenset(BITCOIN_ALPHABET.decode("ascii"))


def is_base58(text: str) -> bool:
    """True when every character of ``text`` is in the Base58 alphabet."""
    return bool(text) and CHARACTERS.issuperset(text)


def decode(text: str, alphabet: bytes = BITCOIN_ALPHABET) -> bytes | None:
    """Plain Base58 decoding; ``None`` for a character outside the alphabet."""
    try:
        return base58.b58decode(text, alphabet=alphabet)
    except ValueError:
        return None


def checksum(payload: bytes) -> bytes:
    """The 4-byte Base58Check checksum: the start of SHA-256(SHA-256(payload))."""
    return hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]


@dataclass(frozen=True, slots=True)
class Base58Check:
    """A decoded Base58Check string: ``payload`` without the checksum, and whether it matched."""

    payload: bytes
    ok: bool


def decode_check(text: str, alphabet: bytes = BITCOIN_ALPHABET) -> Base58Check | None:
    """Decode and verify; ``None`` when not Base58 at all or shorter than a checksum."""
    raw = decode(text, alphabet)
    if raw is None or len(raw) < 5:
        return None
    payload = raw[:-4]
    return Base58Check(payload, checksum(payload) == raw[-4:])
