"""Verification codes: derivation, display and parsing (pure: no Django, plain data in and out).

A code is 12 Crockford base32 symbols (60 bits), shown as ``MDG-7K3Q-9XWP-4RTB``:

* the first 8 symbols (40 bits) are the *identifier*, ``HMAC-SHA256(key, subject, attempt)``
  truncated, where the subject names the message (``message:481``, ``turn:77``);
* the last 4 symbols (20 bits) are the *tag*, ``HMAC-SHA256(key, identifier)`` truncated.

Checking the tag needs only the key, so a made-up code is refused without a database read
(all but one in 2**20 of them); a code passes only if its identifier is also stored. Guessing
a valid code takes about 2**60 / (codes issued) tries, which the rate limit makes hopeless
(docs/signed-replies.md has the numbers).

>>> key = b"k" * 32
>>> code = derive_code(key, "message:1")
>>> parse_code(display_code(code).lower().replace("-", "")) == code
True
>>> tag_matches(key, code)
True
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "PREFIX",
    "MalformedCodeError",
    "derive_code",
    "display_code",
    "key_id",
    "parse_code",
    "tag_matches",
]

#: Crockford's base32 (https://www.crockford.com/base32.html): no I, L, O or U
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: what a reader types by mistake, read as Crockford says: I and L are 1, O is 0
_ALIASES = {"I": "1", "L": "1", "O": "0"}
ID_SYMBOLS = 8  # 40 bits
TAG_SYMBOLS = 4  # 20 bits
CODE_LENGTH = ID_SYMBOLS + TAG_SYMBOLS
PREFIX = "MDG"
#: separators a reader may type or paste between groups (NFKC already folds fullwidth ones)
_SEPARATORS = frozenset(" \t\r\n-_.\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\u00a0\u3000")
#: longer input is refused before any work (a pasted paragraph is not a code)
MAX_INPUT = 64

_ID_DOMAIN = b"madoguchi.signing.v1.identifier\x00"
_TAG_DOMAIN = b"madoguchi.signing.v1.tag\x00"
_KEY_ID_DOMAIN = b"madoguchi.signing.v1.key-id\x00"


class MalformedCodeError(ValueError):
    """The text is not shaped like a verification code (wrong length or characters)."""


def _base32(value: int, symbols: int) -> str:
    return "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(symbols)))


def _truncated(key: bytes, message: bytes, bits: int) -> int:
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - bits)


def _tag(key: bytes, identifier: str) -> str:
    return _base32(_truncated(key, _TAG_DOMAIN + identifier.encode("ascii"), 5 * TAG_SYMBOLS),
                   TAG_SYMBOLS)  # fmt: skip


def derive_code(key: bytes, subject: str, attempt: int = 0) -> str:
    """The canonical code (12 symbols, no prefix) of ``subject`` under ``key``.

    ``attempt`` > 0 gives another code for the same subject, for the rare case that the
    identifier of an earlier subject is the same (40 bits collide after about a million codes).
    """
    message = _ID_DOMAIN + subject.encode("utf-8") + b"\x00" + str(attempt).encode("ascii")
    identifier = _base32(_truncated(key, message, 5 * ID_SYMBOLS), ID_SYMBOLS)
    return identifier + _tag(key, identifier)


def tag_matches(key: bytes, code: str) -> bool:
    """True when the canonical ``code``'s tag is the MAC of its identifier under ``key``."""
    identifier, tag = code[:ID_SYMBOLS], code[ID_SYMBOLS:]
    return hmac.compare_digest(_tag(key, identifier), tag)


def display_code(code: str) -> str:
    """``7K3Q9XWP4RTB`` → ``MDG-7K3Q-9XWP-4RTB`` (the form printed in messages)."""
    return "-".join([PREFIX, code[0:4], code[4:8], code[8:12]])


def parse_code(text: str) -> str:
    """The canonical code in ``text`` as a person typed it: any case, with or without hyphens,
    spaces or the ``MDG`` prefix, fullwidth characters, I/L for 1 and O for 0.

    Raises :class:`MalformedCodeError` for anything else.

    >>> parse_code("mdg 7k3q-9xwp-4rtb")
    '7K3Q9XWP4RTB'
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        raise MalformedCodeError("not a verification code")
    folded = unicodedata.normalize("NFKC", text).upper()
    compact = "".join(c for c in folded if c not in _SEPARATORS)
    if len(compact) == len(PREFIX) + CODE_LENGTH and compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    compact = "".join(_ALIASES.get(c, c) for c in compact)
    if len(compact) != CODE_LENGTH or any(c not in ALPHABET for c in compact):
        raise MalformedCodeError("not a verification code")
    return compact


def key_id(key: bytes) -> str:
    """A short public fingerprint of a key (stored with each code; names no secret)."""
    return hashlib.sha256(_KEY_ID_DOMAIN + key).hexdigest()[:8]
