"""Bitcoin-family addresses: Base58Check P2PKH/P2SH (BTC, LTC, DOGE) and segwit bech32/bech32m.

>>> identify_segwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4").kind
'p2wpkh'
"""

from __future__ import annotations

from madoguchi.analysis.chains import _bech32
from madoguchi.analysis.chains._info import (
    BITCOIN,
    DOGECOIN,
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    LITECOIN,
    MAINNET,
    REGTEST,
    TESTNET,
    VALID,
    AddressInfo,
)

#: Base58Check version byte of a 21-byte payload -> (chain, kind, network). Sources: Bitcoin
#: Core chainparams.cpp, Litecoin Core and Dogecoin Core chainparams.cpp. Bitcoin testnet,
#: signet and regtest share 0x6f/0xc4, so a Base58 regtest address reads as "testnet".
BASE58_VERSIONS: dict[int, tuple[str, str, str]] = {
    0x00: (BITCOIN, "p2pkh", MAINNET),  # 1...
    0x05: (BITCOIN, "p2sh", MAINNET),  # 3... (also Litecoin's deprecated P2SH)
    0x6F: (BITCOIN, "p2pkh", TESTNET),  # m... / n...
    0xC4: (BITCOIN, "p2sh", TESTNET),  # 2...
    0x30: (LITECOIN, "p2pkh", MAINNET),  # L...
    0x32: (LITECOIN, "p2sh", MAINNET),  # M...
    0x3A: (LITECOIN, "p2sh", TESTNET),  # Q...
    0x1E: (DOGECOIN, "p2pkh", MAINNET),  # D...
    0x16: (DOGECOIN, "p2sh", MAINNET),  # 9... / A...
    0x71: (DOGECOIN, "p2pkh", TESTNET),  # n...
}

#: Chains on which the same legacy string is also a valid address (same version byte).
ALSO_VALID_ON: dict[int, list[str]] = {0x05: [LITECOIN]}

#: Segwit human-readable parts (BIP173 registry / Litecoin chainparams).
SEGWIT_HRPS: dict[str, tuple[str, str]] = {
    "bc": (BITCOIN, MAINNET),
    "tb": (BITCOIN, TESTNET),
    "bcrt": (BITCOIN, REGTEST),
    "ltc": (LITECOIN, MAINNET),
    "tltc": (LITECOIN, TESTNET),
    "rltc": (LITECOIN, REGTEST),
}

#: First character and length range of legacy addresses, to recognise a mistyped one.
LEGACY_SHAPES: dict[str, tuple[str, str, str, int, int]] = {
    "1": (BITCOIN, "p2pkh", MAINNET, 26, 35),
    "3": (BITCOIN, "p2sh", MAINNET, 33, 35),
    "m": (BITCOIN, "p2pkh", TESTNET, 33, 35),
    "n": (BITCOIN, "p2pkh", TESTNET, 33, 35),
    "2": (BITCOIN, "p2sh", TESTNET, 34, 36),
    "L": (LITECOIN, "p2pkh", MAINNET, 33, 35),
    "M": (LITECOIN, "p2sh", MAINNET, 33, 35),
    "D": (DOGECOIN, "p2pkh", MAINNET, 33, 35),
    "A": (DOGECOIN, "p2sh", MAINNET, 33, 35),
    "9": (DOGECOIN, "p2sh", MAINNET, 33, 35),
}


def identify_legacy(payload: bytes) -> AddressInfo | None:
    """Classify a checksum-verified Base58Check payload; ``None`` if no known version fits."""
    if len(payload) != 21 or payload[0] not in BASE58_VERSIONS:
        return None
    chain, kind, network = BASE58_VERSIONS[payload[0]]
    extra = {"also_valid_on": ALSO_VALID_ON[payload[0]]} if payload[0] in ALSO_VALID_ON else {}
    return AddressInfo(chain, kind, network, VALID, extra=extra)


def legacy_attempt(text: str, status: str, reason: str) -> AddressInfo | None:
    """The verdict for a failed string shaped like a legacy address (first char + length)."""
    shape = LEGACY_SHAPES.get(text[:1])
    if shape is None or not shape[3] <= len(text) <= shape[4]:
        return None
    chain, kind, network = shape[:3]
    return AddressInfo(chain, kind, network, status, extra={"reason": reason})


def _witness_kind(version: int, size: int) -> str:
    if version == 0:
        return "p2wpkh" if size == 20 else "p2wsh"
    if version == 1 and size == 32:
        return "p2tr"
    return "witness_unknown"  # future versions: valid to send to, unspendable until defined


def identify_segwit(text: str) -> AddressInfo | None:
    """Check a segwit address (BIP173/BIP350 rules); ``None`` when its HRP is not ours."""
    decoded = _bech32.decode(text)
    if decoded is None or decoded.hrp not in SEGWIT_HRPS:
        return None
    chain, network = SEGWIT_HRPS[decoded.hrp]

    def verdict(status: str, kind: str = "segwit", reason: str = "") -> AddressInfo:
        extra = {"reason": reason} if reason else {}
        return AddressInfo(chain, kind, network, status, extra=extra)

    if decoded.encoding is None:
        return verdict(INVALID_CHECKSUM, reason="checksum")
    if not decoded.data or decoded.data[0] > 16:
        return verdict(INVALID_FORMAT, reason="witness_version")
    version = decoded.data[0]
    program = _bech32.convertbits(decoded.data[1:], 5, 8, False)
    if program is None or not 2 <= len(program) <= 40:
        return verdict(INVALID_FORMAT, reason="program_length")
    if version == 0 and len(program) not in (20, 32):
        return verdict(INVALID_FORMAT, reason="program_length")
    # BIP350: version 0 must use bech32, versions 1-16 must use bech32m.
    if decoded.encoding != (_bech32.BECH32 if version == 0 else _bech32.BECH32M):
        return verdict(INVALID_CHECKSUM, reason="wrong_checksum_variant")
    return AddressInfo(
        chain,
        _witness_kind(version, len(program)),
        network,
        VALID,
        extra={"witness_version": version, "encoding": decoded.encoding},
    )
