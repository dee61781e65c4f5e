"""Valid key and address material for the bench corpus, drawn from a seeded ``random.Random``.

Everything here is *structurally* valid (checksums, versions, curve range) so a detector that
validates what it finds is exercised for real; none of it controls funds.

>>> import random
>>> wif(random.Random(1))[0] in "KL"
True
"""

from __future__ import annotations

import json
import random

import base58
import bech32
from eth_hash.auto import keccak
from mnemonic import Mnemonic

#: Order of the secp256k1 group (SEC 2 §2.4.1): a private key is an integer in [1, N-1].
SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
#: BIP32 version bytes of a mainnet extended private key ("xprv").
XPRV_VERSION = bytes.fromhex("0488ADE4")
#: BIP350: the bech32m checksum constant (witness version 1+).
_BECH32M_CONST = 0x2BC830A3

_MNEMONICS: dict[str, Mnemonic] = {}


def mnemonic(lang: str) -> Mnemonic:
    """The (cached) ``Mnemonic`` for ``"english"`` or ``"japanese"``."""
    if lang not in _MNEMONICS:
        _MNEMONICS[lang] = Mnemonic(lang)
    return _MNEMONICS[lang]


# --- secrets --------------------------------------------------------------------------------
def private_key_bytes(rng: random.Random) -> bytes:
    """32 bytes that are a valid secp256k1 private key."""
    while True:
        raw = rng.randbytes(32)
        if 0 < int.from_bytes(raw, "big") < SECP256K1_N:
            return raw


def bip39_words(rng: random.Random, lang: str, count: int) -> list[str]:
    """A checksum-valid BIP39 phrase of ``count`` (12 or 24) words, as a word list."""
    entropy = rng.randbytes(count * 4 // 3)  # 12 words = 128 bits, 24 words = 256 bits
    # str.split() also splits on U+3000, the separator of the Japanese wordlist.
    return mnemonic(lang).to_mnemonic(entropy).split()


def wif(rng: random.Random) -> str:
    """A compressed-key WIF: base58check(0x80 + key + 0x01), 52 characters, K... or L..."""
    return base58.b58encode_check(b"\x80" + private_key_bytes(rng) + b"\x01").decode()


def hex_key(rng: random.Random) -> str:
    """A raw private key as 64 lowercase hex digits (as MetaMask exports it)."""
    return private_key_bytes(rng).hex()


def xprv(rng: random.Random) -> str:
    """A BIP32 mainnet extended private key (111 characters, ``xprv...``)."""
    depth = rng.choice((0, 3, 4))
    fingerprint = bytes(4) if depth == 0 else rng.randbytes(4)
    child = bytes(4) if depth == 0 else rng.choice((b"\x80\x00\x00\x00", b"\x00\x00\x00\x00"))
    payload = (
        XPRV_VERSION
        + bytes([depth])
        + fingerprint
        + child
        + rng.randbytes(32)  # chain code
        + b"\x00"
        + private_key_bytes(rng)
    )
    return base58.b58encode_check(payload).decode()


def keystore_json(rng: random.Random, *, pretty: bool) -> str:
    """An Ethereum V3 keystore (Web3 Secret Storage) file with random ciphertext."""
    uuid = rng.randbytes(16).hex()
    doc = {
        "address": _eth_bytes(rng).hex(),
        "crypto": {
            "cipher": "aes-128-ctr",
            "ciphertext": rng.randbytes(32).hex(),
            "cipherparams": {"iv": rng.randbytes(16).hex()},
            "kdf": "scrypt",
            "kdfparams": {
                "dklen": 32,
                "n": 262144,
                "p": 1,
                "r": 8,
                "salt": rng.randbytes(32).hex(),
            },
            "mac": rng.randbytes(32).hex(),
        },
        "id": f"{uuid[:8]}-{uuid[8:12]}-4{uuid[13:16]}-a{uuid[17:20]}-{uuid[20:]}",
        "version": 3,
    }
    if pretty:
        return json.dumps(doc, indent=2)
    return json.dumps(doc, separators=(",", ":"))


_PASSWORD_WORDS = (
    "sakura", "Sakura", "tanuki", "Dragon", "monkey", "Bitcoin", "tokyo", "Osaka", "neko",
    "Hikari", "satoshi", "Moon", "pikachu", "yamada", "Hunter", "shibainu", "Ramen", "Fuji",
)  # fmt: skip
_PASSWORD_SYMBOLS = "!#$%&*@_-"
_PASSWORD_ALNUM = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def password(rng: random.Random) -> str:
    """A password as customers choose them: word+digits+symbol, or random characters."""
    if rng.random() < 0.65:
        word = rng.choice(_PASSWORD_WORDS)
        digits = str(rng.choice((rng.randrange(1960, 2026), rng.randrange(10, 9999))))
        tail = rng.choice(_PASSWORD_SYMBOLS) if rng.random() < 0.7 else ""
        return word + digits + tail
    size = rng.randrange(10, 17)
    chars = [rng.choice(_PASSWORD_ALNUM) for _ in range(size)]
    for _ in range(rng.randrange(1, 3)):
        chars[rng.randrange(size)] = rng.choice(_PASSWORD_SYMBOLS)
    return "".join(chars)


def one_time_code(rng: random.Random) -> str:
    """A 6-digit (sometimes 8-digit) SMS/TOTP code."""
    return f"{rng.randrange(10**8):08d}" if rng.random() < 0.15 else f"{rng.randrange(10**6):06d}"


# --- addresses and transaction ids ----------------------------------------------------------
def _eth_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(20)


def eip55(raw: bytes) -> str:
    """EIP-55 mixed-case checksum encoding of a 20-byte Ethereum address."""
    hexaddr = raw.hex()
    digest = keccak(hexaddr.encode()).hex()
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(hexaddr)
    )


def bech32m_address(hrp: str, witver: int, program: bytes) -> str:
    """BIP350 bech32m segwit address (the ``bech32`` package only does BIP173 bech32)."""
    data = [witver, *bech32.convertbits(program, 8, 5)]
    values = bech32.bech32_hrp_expand(hrp) + data + [0] * 6
    polymod = bech32.bech32_polymod(values) ^ _BECH32M_CONST
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(bech32.CHARSET[d] for d in data + checksum)


def address(rng: random.Random, chain: str) -> str:
    """A valid address on ``chain`` (btc, eth, tron, xrp, ltc, doge, sol)."""
    if chain == "btc":
        style = rng.random()
        if style < 0.3:
            return base58.b58encode_check(b"\x00" + rng.randbytes(20)).decode()
        if style < 0.45:
            return base58.b58encode_check(b"\x05" + rng.randbytes(20)).decode()
        if style < 0.85:
            return bech32.encode("bc", 0, rng.randbytes(20)) or ""
        return bech32m_address("bc", 1, rng.randbytes(32))
    if chain == "eth":
        return eip55(_eth_bytes(rng))
    if chain == "tron":
        return base58.b58encode_check(b"\x41" + rng.randbytes(20)).decode()
    if chain == "xrp":
        raw = b"\x00" + rng.randbytes(20)
        return base58.b58encode_check(raw, alphabet=base58.XRP_ALPHABET).decode()
    if chain == "ltc":
        return bech32.encode("ltc", 0, rng.randbytes(20)) or ""
    if chain == "doge":
        return base58.b58encode_check(b"\x1e" + rng.randbytes(20)).decode()
    if chain == "sol":
        return base58.b58encode(rng.randbytes(32)).decode()
    raise ValueError(f"unknown chain {chain!r}")


def txid(rng: random.Random, chain: str) -> str:
    """A transaction id in the format the chain's explorers show."""
    if chain == "eth":
        return "0x" + rng.randbytes(32).hex()
    if chain == "xrp":
        return rng.randbytes(32).hex().upper()
    if chain == "sol":
        return base58.b58encode(rng.randbytes(64)).decode()
    return rng.randbytes(32).hex()


def explorer_url(chain: str, tx: str) -> str:
    """The public block-explorer link for ``tx``."""
    return {
        "btc": "https://mempool.space/tx/{}",
        "eth": "https://etherscan.io/tx/{}",
        "tron": "https://tronscan.org/#/transaction/{}",
        "xrp": "https://xrpscan.com/tx/{}",
        "ltc": "https://blockchair.com/litecoin/transaction/{}",
        "doge": "https://dogechain.info/tx/{}",
        "sol": "https://solscan.io/tx/{}",
    }[chain].format(tx)
