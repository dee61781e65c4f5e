"""``identify_address``: which chain, kind and network one string is an address of.

Dispatch is by shape (prefix and length) so that each candidate costs one decode. A string
that fails its chain's checks is still reported as that chain's address (``invalid_checksum``,
``invalid_format``) when it is shaped like one; to keep ordinary words and ids out, a failed
Base58 string must also mix digits, upper- and lower-case letters, as real ones always do.

>>> identify_address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t").chain
'tron'
"""

from __future__ import annotations

import dataclasses

from madoguchi.analysis.chains import _base58, bitcoin, cashaddr, evm, xpub
from madoguchi.analysis.chains._info import (
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    VALID,
    AddressInfo,
    unknown,
)
from madoguchi.analysis.chains._unicode import see_through
from madoguchi.analysis.chains.cosmos import identify_cosmos
from madoguchi.analysis.chains.solana import identify_solana
from madoguchi.analysis.chains.stellar import identify_stellar
from madoguchi.analysis.chains.tron import identify_tron
from madoguchi.analysis.chains.xrp import identify_xrp

MIN_LENGTH = 8  # "bc1" + version + 6 checksum symbols: anything shorter is no attempt
MAX_LENGTH = 130  # cashaddr with prefix and a 64-byte hash; anything longer is not an address
_SEGWIT_STARTS = tuple(hrp + "1" for hrp in bitcoin.SEGWIT_HRPS)
#: Base58Check payloads of WIF private keys (32-byte key, optional 0x01 compression flag).
_WIF_LENGTHS = (33, 34)


def mixes_case_and_digits(text: str) -> bool:
    """Digits, upper- and lower-case letters all present: the texture of a Base58 address."""
    return (
        any(c.isdigit() for c in text)
        and any(c.isupper() for c in text)
        and any(c.islower() for c in text)
    )


def _attempt(info: AddressInfo | None, token: str) -> AddressInfo | None:
    """Keep a failed Base58 verdict only when the token looks like a real address."""
    if info is None or info.status == VALID or mixes_case_and_digits(token):
        return info
    return None


def _base58_family(token: str) -> AddressInfo | None:
    first = token[0]
    if first == "r" or (first in "XT" and 46 <= len(token) <= 48):
        return _attempt(identify_xrp(token), token)
    if first == "T" and len(token) == 34:
        return _attempt(identify_tron(token), token)
    if not 25 <= len(token) <= 44:
        return None
    decoded = _base58.decode_check(token)
    if decoded is None:  # a character outside Base58 (0, O, I, l): a typo at best
        return _attempt(bitcoin.legacy_attempt(token, INVALID_FORMAT, "character"), token)
    if decoded.ok:
        legacy = bitcoin.identify_legacy(decoded.payload)
        if legacy is not None:
            return legacy
        if len(decoded.payload) in _WIF_LENGTHS and decoded.payload[0] in (0x80, 0xEF, 0xB0, 0x9E):
            return unknown(kind="wif")  # a private key, not an address: the shield's business
        wrong = bitcoin.legacy_attempt(token, INVALID_FORMAT, "version")
    else:
        wrong = bitcoin.legacy_attempt(token, INVALID_CHECKSUM, "checksum")
    if wrong is not None:
        return _attempt(wrong, token)
    solana = identify_solana(token)
    if solana is not None and any(c.isupper() for c in token) and any(c.islower() for c in token):
        return solana
    return None


def identify_ascii(token: str) -> AddressInfo | None:
    """The verdict for an ASCII token, or ``None`` when it is no address attempt at all."""
    if not MIN_LENGTH <= len(token) <= MAX_LENGTH:
        return None
    if ":" in token:
        return cashaddr.identify_cashaddr(token)
    if token[:2] in ("0x", "0X"):
        return evm.identify_evm(token)
    lower = token.lower()
    if lower.startswith("cosmos1"):
        return identify_cosmos(token) or AddressInfo(
            "cosmos", "bech32", status=INVALID_FORMAT, extra={"reason": "character"}
        )
    if lower.startswith(_SEGWIT_STARTS):
        info = bitcoin.identify_segwit(token)
        if info is None and len(token) <= 100:  # bad character or mixed case
            chain, network = bitcoin.SEGWIT_HRPS[lower.split("1", 1)[0]]
            info = AddressInfo(
                chain, "segwit", network, INVALID_FORMAT, extra={"reason": "character"}
            )
        return info
    if cashaddr.looks_like_payload(token):
        info = cashaddr.identify_cashaddr(token)
        if info is not None and (info.status == VALID or any(c.isdigit() for c in token)):
            return info
    if xpub.looks_like_extended_key(token):
        private = xpub.PREFIXES[token[:4]]
        return unknown(kind="extended_private_key" if private else "extended_public_key")
    if token[0] in "GM" and len(token) in (56, 69):
        stellar = identify_stellar(token)
        if stellar is not None and (stellar.status == VALID or any(c.isdigit() for c in token)):
            return stellar
    if _base58.is_base58(token) or token[0] in bitcoin.LEGACY_SHAPES or token[0] in "rTX":
        return _base58_family(token)
    return None


def canonical(info: AddressInfo, token: str) -> str:
    """The form an address is stored in: bech32/cashaddr lower-cased, ``0x`` lower-case."""
    if info.chain == "ethereum":
        return "0x" + token[2:]
    if info.chain == "bitcoin-cash":
        prefix, _, payload = token.rpartition(":")
        return f"{(prefix or 'bitcoincash').lower()}:{payload.lower()}"
    if info.chain == "cosmos" or token.lower().startswith(_SEGWIT_STARTS):
        return token.lower()
    return token


def identify_address(candidate: str) -> AddressInfo:
    """Identify one candidate address string (surrounding whitespace ignored).

    Invisible, fullwidth and homoglyph characters are seen through and reported in
    ``warnings``; such an address is never ``valid``.
    """
    text = candidate.strip()
    token, warnings = see_through(text)
    info = identify_ascii(token) if token.isascii() and token else None
    if info is None:
        return unknown(token, warnings)
    return dataclasses.replace(info, warnings=warnings, normalized=canonical(info, token))
