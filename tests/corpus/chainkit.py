"""Generators and validators for the values planted in the corpus (addresses, keys, phrases).

Everything takes a seeded ``random.Random`` so the corpus is reproducible; every generator has
a validator here that ``test_corpus_data.py`` runs over the written corpus, so a value we call
valid is checked by an independent code path (base58check, bech32/bech32m, EIP-55, cashaddr).

>>> import random
>>> is_valid_address("eth", eth_address(random.Random(1)))
True
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import re
import unicodedata

import base58
import bech32
from Crypto.Cipher import AES
from Crypto.Protocol.KDF import scrypt
from Crypto.PublicKey import ECC
from eth_hash.auto import keccak
from mnemonic import Mnemonic

# --- secp256k1 (only for deriving real extended keys; speed is irrelevant here) -------------
_P = 2**256 - 2**32 - 977
_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
_G = (
    0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
    0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8,
)


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0] and (a[1] + b[1]) % _P == 0:
        return None
    if a == b:
        lam = 3 * a[0] * a[0] * pow(2 * a[1], -1, _P) % _P
    else:
        lam = (b[1] - a[1]) * pow(b[0] - a[0], -1, _P) % _P
    x = (lam * lam - a[0] - b[0]) % _P
    return x, (lam * (a[0] - x) - a[1]) % _P


def _mul(k: int):
    out, add = None, _G
    while k:
        if k & 1:
            out = _add(out, add)
        add = _add(add, add)
        k >>= 1
    return out


def _compressed(k: int) -> bytes:
    x, y = _mul(k)
    return bytes([2 + (y & 1)]) + x.to_bytes(32, "big")


def _hash160(b: bytes) -> bytes:
    return hashlib.new("ripemd160", hashlib.sha256(b).digest()).digest()


def rbytes(rng: random.Random, n: int) -> bytes:
    return bytes(rng.getrandbits(8) for _ in range(n))


# --- addresses ------------------------------------------------------------------------------
_BECH32M = 0x2BC830A3


def _bech32m(hrp: str, witver: int, prog: bytes) -> str:
    data = [witver, *bech32.convertbits(prog, 8, 5)]
    polymod = bech32.bech32_polymod(bech32.bech32_hrp_expand(hrp) + data + [0] * 6) ^ _BECH32M
    check = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(bech32.CHARSET[d] for d in data + check)


def _bech32m_ok(hrp: str, addr: str) -> bool:
    low = addr.lower()
    if not low.startswith(hrp + "1"):
        return False
    data = [bech32.CHARSET.find(c) for c in low[len(hrp) + 1 :]]
    if -1 in data or len(data) < 7:
        return False
    return bech32.bech32_polymod(bech32.bech32_hrp_expand(hrp) + data) == _BECH32M


def _eip55(raw: bytes) -> str:
    hexa = raw.hex()
    digest = keccak(hexa.encode()).hex()
    return "0x" + "".join(c.upper() if int(digest[i], 16) >= 8 else c for i, c in enumerate(hexa))


_CASH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _cash_polymod(values: list[int]) -> int:
    gens = (0x98F2BC8E61, 0x79B76D99E2, 0xF33E5FB3C4, 0xAE2EABE2A8, 0x1E4F43E470)
    c = 1
    for d in values:
        c0 = c >> 35
        c = ((c & 0x07FFFFFFFF) << 5) ^ d
        for i in range(5):
            if (c0 >> i) & 1:
                c ^= gens[i]
    return c ^ 1


def _cashaddr(payload20: bytes) -> str:
    data = bech32.convertbits(bytes([0]) + payload20, 8, 5)
    prefix = [ord(c) & 31 for c in "bitcoincash"] + [0]
    mod = _cash_polymod(prefix + data + [0] * 8)
    check = [(mod >> 5 * (7 - i)) & 31 for i in range(8)]
    return "bitcoincash:" + "".join(_CASH[d] for d in data + check)


def _cashaddr_ok(addr: str) -> bool:
    body = addr.lower().removeprefix("bitcoincash:")
    data = [_CASH.find(c) for c in body]
    if -1 in data:
        return False
    return _cash_polymod([ord(c) & 31 for c in "bitcoincash"] + [0] + data) == 0


def address(chain: str, rng: random.Random) -> str:
    """A valid address of ``chain`` (see :data:`CHAINS`) from random key material."""
    h = rbytes(rng, 20)
    match chain:
        case "btc_p2pkh":
            return base58.b58encode_check(b"\x00" + h).decode()
        case "btc_p2sh":
            return base58.b58encode_check(b"\x05" + h).decode()
        case "btc_bech32":
            return bech32.encode("bc", 0, h)
        case "btc_p2wsh":
            return bech32.encode("bc", 0, rbytes(rng, 32))
        case "btc_taproot":
            return _bech32m("bc", 1, rbytes(rng, 32))
        case "eth":
            return eth_address(rng)
        case "eth_lower":
            return "0x" + h.hex()
        case "trx":
            return base58.b58encode_check(b"\x41" + h).decode()
        case "xrp":
            return base58.b58encode_check(b"\x00" + h, alphabet=base58.RIPPLE_ALPHABET).decode()
        case "sol":
            key = ECC.construct(curve="Ed25519", seed=rbytes(rng, 32))
            return base58.b58encode(key.public_key().export_key(format="raw")).decode()
        case "ltc_bech32":
            return bech32.encode("ltc", 0, h)
        case "ltc_legacy":
            return base58.b58encode_check(b"\x30" + h).decode()
        case "ltc_p2sh":
            return base58.b58encode_check(b"\x32" + h).decode()
        case "doge":
            return base58.b58encode_check(b"\x1e" + h).decode()
        case "bch":
            return _cashaddr(h)
    raise ValueError(chain)


def eth_address(rng: random.Random) -> str:
    return _eip55(rbytes(rng, 20))


_B58_VERSION = {
    "btc_p2pkh": (b"\x00", base58.BITCOIN_ALPHABET),
    "btc_p2sh": (b"\x05", base58.BITCOIN_ALPHABET),
    "trx": (b"\x41", base58.BITCOIN_ALPHABET),
    "xrp": (b"\x00", base58.RIPPLE_ALPHABET),
    "ltc_legacy": (b"\x30", base58.BITCOIN_ALPHABET),
    "ltc_p2sh": (b"\x32", base58.BITCOIN_ALPHABET),
    "doge": (b"\x1e", base58.BITCOIN_ALPHABET),
}
CHAINS = (*_B58_VERSION, "btc_bech32", "btc_p2wsh", "btc_taproot", "eth", "eth_lower", "sol")
CHAINS += ("ltc_bech32", "bch")


def is_valid_address(chain: str, addr: str) -> bool:
    """Independent re-check of :func:`address` (``chain`` as there; "eth" also accepts lower)."""
    if chain in _B58_VERSION:
        version, alphabet = _B58_VERSION[chain]
        try:
            raw = base58.b58decode_check(addr, alphabet=alphabet)
        except ValueError:
            return False
        return len(raw) == 21 and raw[:1] == version
    if chain in ("btc_bech32", "btc_p2wsh", "ltc_bech32"):
        ver, prog = bech32.decode("ltc" if chain.startswith("ltc") else "bc", addr)
        return ver == 0 and prog is not None and len(prog) == (32 if chain == "btc_p2wsh" else 20)
    if chain == "btc_taproot":
        return _bech32m_ok("bc", addr) and len(addr) == 62
    if chain in ("eth", "eth_lower"):
        if not re.fullmatch(r"0x[0-9a-fA-F]{40}", addr):
            return False
        return addr == addr.lower() or addr == _eip55(bytes.fromhex(addr[2:]))
    if chain == "sol":
        try:
            return len(base58.b58decode(addr)) == 32
        except ValueError:
            return False
    if chain == "bch":
        return _cashaddr_ok(addr)
    raise ValueError(chain)


# --- transaction ids ------------------------------------------------------------------------
def txid(style: str, rng: random.Random) -> str:
    raw = rbytes(rng, 32)
    match style:
        case "hex":
            return raw.hex()
        case "eth":
            return "0x" + raw.hex()
        case "upper":
            return raw.hex().upper()
        case "sol":
            return base58.b58encode(rbytes(rng, 64)).decode()
    raise ValueError(style)


# --- keys -----------------------------------------------------------------------------------
_XVERSIONS = {
    "xprv": bytes.fromhex("0488ADE4"),
    "yprv": bytes.fromhex("049D7878"),
    "zprv": bytes.fromhex("04B2430C"),
    "xpub": bytes.fromhex("0488B21E"),
    "ypub": bytes.fromhex("049D7CB2"),
    "zpub": bytes.fromhex("04B24746"),
}


def extended_key(prefix: str, rng: random.Random) -> str:
    """A BIP32 master key (depth 0) derived from a random 32-byte seed; prefix picks version."""
    return master_key(prefix, rbytes(rng, 32))


def master_key(prefix: str, seed: bytes) -> str:
    """BIP32 master key of ``seed`` serialised with ``prefix``'s version (checked vs vectors)."""
    digest = hmac.new(b"Bitcoin seed", seed, hashlib.sha512).digest()
    k, chain_code = int.from_bytes(digest[:32], "big"), digest[32:]
    key = b"\x00" + digest[:32] if prefix.endswith("prv") else _compressed(k)
    payload = _XVERSIONS[prefix] + b"\x00" + b"\x00" * 4 + b"\x00" * 4 + chain_code + key
    return base58.b58encode_check(payload).decode()


def is_valid_extended_key(text: str) -> bool:
    try:
        raw = base58.b58decode_check(text)
    except ValueError:
        return False
    return len(raw) == 78 and raw[:4] in _XVERSIONS.values()


def wif(rng: random.Random, compressed: bool = True) -> str:
    k = int.from_bytes(rbytes(rng, 32), "big") % (_N - 1) + 1
    body = b"\x80" + k.to_bytes(32, "big") + (b"\x01" if compressed else b"")
    return base58.b58encode_check(body).decode()


def is_valid_wif(text: str) -> bool:
    try:
        raw = base58.b58decode_check(text)
    except ValueError:
        return False
    return raw[:1] == b"\x80" and len(raw) in (33, 34)


def hex_key(rng: random.Random) -> str:
    return rbytes(rng, 32).hex()


def keystore(rng: random.Random, address_hex: str) -> str:
    """A real (decryptable, light scrypt) Ethereum v3 keystore JSON, compact one line."""
    password, secret = b"corpus-only", rbytes(rng, 32)
    salt, iv = rbytes(rng, 32), rbytes(rng, 16)
    n, r, p = 4096, 8, 1
    dk = scrypt(password, salt, 32, N=n, r=r, p=p)
    ctr = AES.new(dk[:16], AES.MODE_CTR, nonce=b"", initial_value=iv)
    ct = ctr.encrypt(secret)
    mac = keccak(dk[16:32] + ct).hex()
    uid = rbytes(rng, 16).hex()
    doc = {
        "address": address_hex,
        "crypto": {
            "cipher": "aes-128-ctr",
            "ciphertext": ct.hex(),
            "cipherparams": {"iv": iv.hex()},
            "kdf": "scrypt",
            "kdfparams": {"dklen": 32, "n": n, "p": p, "r": r, "salt": salt.hex()},
            "mac": mac,
        },
        "id": f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:]}",
        "version": 3,
    }
    return json.dumps(doc, separators=(",", ":"))


# --- BIP39 ----------------------------------------------------------------------------------
_MNEMO: dict[str, Mnemonic] = {}


def mnemo(lang: str) -> Mnemonic:
    if lang not in _MNEMO:
        _MNEMO[lang] = Mnemonic(lang)
    return _MNEMO[lang]


def phrase_words(lang: str, rng: random.Random, words: int = 12) -> list[str]:
    """A valid BIP39 phrase as a list of words (NFC for Japanese, as people type it)."""
    entropy = rbytes(rng, words * 4 // 3)
    text = mnemo(lang).to_mnemonic(entropy)
    return [unicodedata.normalize("NFC", w) for w in re.split(r"[ \u3000]", text)]


_ZW = "\u200b\u200c\u200d\u2060\ufeff"
_NUMBERING = re.compile(r"(?m)(?:^|(?<=\s))(?:\(?\d{1,2}[\.\):：]|\d{1,2}\s*[\.\):：]|#\d{1,2})\s*")


def words_of(text: str) -> list[str]:
    """Recover the words of a planted phrase span (any layout we produce) for a checksum check."""
    text = unicodedata.normalize("NFKC", "".join(c for c in text if c not in _ZW))
    text = _NUMBERING.sub(" ", text)
    return [w for w in re.split(r"[\s,、，;・/-]+", text.lower()) if w]


def phrase_valid(lang: str, text: str) -> bool:
    m = mnemo(lang)
    joined = ("\u3000" if lang == "japanese" else " ").join(words_of(text))
    return m.check(unicodedata.normalize("NFKD", joined))
