"""BIP32 extended keys: xpub/ypub/zpub/tpub/Ltub/Mtub/dgub... and their private twins.

A key is 78 bytes (version, depth, parent fingerprint, child index, chain code, key) plus a
Base58Check checksum. The checks follow BIP32's "invalid extended keys" test vectors: known
version, depth-0 keys with a zero fingerprint and index, a public key on secp256k1 with prefix
02/03, a private key ``0x00 || k`` with 1 <= k < n.

>>> decode_extended_key("xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8")
('xpub', False, True)
"""

from __future__ import annotations

from typing import NamedTuple

from madoguchi.analysis.chains import _base58
from madoguchi.analysis.chains._info import (
    BITCOIN,
    DOGECOIN,
    LITECOIN,
    MAINNET,
    TESTNET,
)

#: version -> (prefix, is_private, chain, network). Sources: BIP32, SLIP-132, Litecoin and
#: Dogecoin chainparams.
VERSIONS: dict[int, tuple[str, bool, str, str]] = {
    0x0488B21E: ("xpub", False, BITCOIN, MAINNET),
    0x0488ADE4: ("xprv", True, BITCOIN, MAINNET),
    0x049D7CB2: ("ypub", False, BITCOIN, MAINNET),
    0x049D7878: ("yprv", True, BITCOIN, MAINNET),
    0x04B24746: ("zpub", False, BITCOIN, MAINNET),
    0x04B2430C: ("zprv", True, BITCOIN, MAINNET),
    0x0295B43F: ("Ypub", False, BITCOIN, MAINNET),
    0x0295B005: ("Yprv", True, BITCOIN, MAINNET),
    0x02AA7ED3: ("Zpub", False, BITCOIN, MAINNET),
    0x02AA7A99: ("Zprv", True, BITCOIN, MAINNET),
    0x043587CF: ("tpub", False, BITCOIN, TESTNET),
    0x04358394: ("tprv", True, BITCOIN, TESTNET),
    0x044A5262: ("upub", False, BITCOIN, TESTNET),
    0x044A4E28: ("uprv", True, BITCOIN, TESTNET),
    0x045F1CF6: ("vpub", False, BITCOIN, TESTNET),
    0x045F18BC: ("vprv", True, BITCOIN, TESTNET),
    0x024289EF: ("Upub", False, BITCOIN, TESTNET),
    0x024285B5: ("Uprv", True, BITCOIN, TESTNET),
    0x02575483: ("Vpub", False, BITCOIN, TESTNET),
    0x02575048: ("Vprv", True, BITCOIN, TESTNET),
    0x019DA462: ("Ltub", False, LITECOIN, MAINNET),
    0x019D9CFE: ("Ltpv", True, LITECOIN, MAINNET),
    0x01B26EF6: ("Mtub", False, LITECOIN, MAINNET),
    0x01B26792: ("Mtpv", True, LITECOIN, MAINNET),
    0x0436F6E1: ("ttub", False, LITECOIN, TESTNET),
    0x0436EF7D: ("ttpv", True, LITECOIN, TESTNET),
    0x02FACAFD: ("dgub", False, DOGECOIN, MAINNET),
    0x02FAC398: ("dgpv", True, DOGECOIN, MAINNET),
}
PREFIXES: dict[str, bool] = {p: priv for p, priv, _c, _n in VERSIONS.values()}
_BY_PREFIX = {v[0]: v for v in VERSIONS.values()}

# secp256k1 (SEC 2 §2.4.1)
_P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F
_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def _on_curve(x: int) -> bool:
    """True when some y has y^2 = x^3 + 7 (mod p): Euler's criterion on the right side."""
    if x >= _P:
        return False
    rhs = (pow(x, 3, _P) + 7) % _P
    return rhs == 0 or pow(rhs, (_P - 1) // 2, _P) == 1


class ExtendedKey(NamedTuple):
    """What :func:`inspect_extended_key` learned; ``reason`` names the failed rule ("" if ok)."""

    prefix: str | None
    is_private: bool
    ok: bool
    chain: str | None
    network: str
    depth: int | None
    reason: str


def inspect_extended_key(text: str) -> ExtendedKey:
    """Decode and check ``text`` as a BIP32 extended key."""
    guess = _BY_PREFIX.get(text[:4])

    def bad(reason: str) -> ExtendedKey:
        prefix, private, chain, network = guess or (None, False, None, MAINNET)
        return ExtendedKey(prefix, private, False, chain, network, None, reason)

    decoded = _base58.decode_check(text) if 100 <= len(text) <= 115 else None
    if decoded is None:
        return bad("format")
    if not decoded.ok:
        return bad("checksum")
    raw = decoded.payload
    if len(raw) != 78:
        return bad("length")
    info = VERSIONS.get(int.from_bytes(raw[:4], "big"))
    if info is None:
        return bad("version")
    guess = info
    prefix, private, chain, network = info
    depth, fingerprint, index, key = raw[4], raw[5:9], raw[9:13], raw[45:]
    if depth == 0 and (fingerprint != b"\0\0\0\0" or index != b"\0\0\0\0"):
        return bad("depth_zero_parent")
    if private:
        if key[0] != 0 or not 1 <= int.from_bytes(key[1:], "big") < _N:
            return bad("private_key")
    elif key[0] not in (2, 3) or not _on_curve(int.from_bytes(key[1:], "big")):
        return bad("public_key")
    return ExtendedKey(prefix, private, True, chain, network, depth, "")


def decode_extended_key(text: str) -> tuple[str | None, bool, bool]:
    """``(version prefix, is_private, ok)`` for the secret shield: no key material returned."""
    key = inspect_extended_key(text)
    return key.prefix, key.is_private, key.ok


def looks_like_extended_key(text: str) -> bool:
    """Cheap shape test: a known 4-character prefix and 100-115 characters."""
    return text[:4] in PREFIXES and 100 <= len(text) <= 115
