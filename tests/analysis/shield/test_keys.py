"""Private keys: WIF (key_io vectors), BIP32 extended keys, 64-hex keys versus txids."""

from __future__ import annotations

import pytest

from madoguchi.analysis._types import EXTENDED_PRIVATE_KEY, PRIVATE_KEY
from madoguchi.analysis.shield import find_secrets

from .conftest import load_vectors

KEY_IO = load_vectors("key_io_valid.json")
WIFS = [e[0] for e in KEY_IO if e[2]["isPrivkey"]]
ADDRESSES = [e[0] for e in KEY_IO if not e[2]["isPrivkey"]]
BIP32 = load_vectors("bip32_vectors.json")
CHAINS = [c for v in BIP32["vectors"] for c in v["chains"]]


def _spans(text):
    return [(s.kind, s.start, s.end) for s in find_secrets(text)]


@pytest.mark.parametrize("wif", WIFS)
def test_wif_found_without_context(wif):
    text = f"これでいいですか {wif} よろしく"
    start = text.index(wif)
    assert _spans(text) == [(PRIVATE_KEY, start, start + len(wif))]


@pytest.mark.parametrize("wif", WIFS[:4])
def test_wif_found_through_zero_width_and_fullwidth(wif):
    tricky = wif[:10] + "\u200b" + "".join(chr(ord(c) + 0xFEE0) for c in wif[10:])
    assert _spans(f"key {tricky} !") == [(PRIVATE_KEY, 4, 4 + len(tricky))]


@pytest.mark.parametrize("address", ADDRESSES)
def test_addresses_are_not_secrets(address):
    assert find_secrets(f"送金先は {address} です") == []


def test_wif_with_broken_checksum_needs_key_context():
    wif = WIFS[1]
    broken = wif[:-1] + ("A" if wif[-1] != "A" else "B")
    assert find_secrets(f"what is {broken}") == []
    assert _spans(f"my private key {broken}")[0][0] == PRIVATE_KEY


@pytest.mark.parametrize("chain", CHAINS, ids=lambda c: c["path"])
def test_xprv_found_xpub_not(chain):
    prv, pub = chain["ext_prv"], chain["ext_pub"]
    text = f"xpub: {pub}\nxprv: {prv}"
    start = text.index(prv)
    found = find_secrets(text)
    assert [(s.kind, s.start, s.end) for s in found] == [
        (EXTENDED_PRIVATE_KEY, start, start + len(prv))
    ]
    assert found[0].reason == "xprv:checksum ok"


def test_invalid_extended_private_keys_are_still_secret():
    bad = [k for k in BIP32["invalid_extended_keys"] if k["key"][1:4] == "prv"]
    assert bad
    for entry in bad:
        key = entry["key"]
        assert _spans(f"key {key}") == [(EXTENDED_PRIVATE_KEY, 4, 4 + len(key))]


def test_truncated_xprv_is_secret():
    prv = CHAINS[0]["ext_prv"][:60]
    assert _spans(prv) == [(EXTENDED_PRIVATE_KEY, 0, 60)]


HEX = "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35"


@pytest.mark.parametrize(
    "text",
    [
        f"private key: {HEX}",
        f"my priv {HEX}",
        f"秘密鍵は {HEX} です",
        f"プライベートキー：0x{HEX}",
        f"secret key = {HEX}",
        f"{HEX}",
        f"これは何ですか {HEX}",
        f"tx hash? no, it's the key {HEX}",
    ],
)
def test_hex_key(text):
    found = find_secrets(text)
    assert [s.kind for s in found] == [PRIVATE_KEY]
    assert text[found[0].start : found[0].end].lower().endswith(HEX)


@pytest.mark.parametrize(
    "text",
    [
        f"txid: {HEX}",
        f"TxID {HEX} が反映されません",
        f"トランザクションハッシュ 0x{HEX}",
        f"取引ID：{HEX}",
        f"https://etherscan.io/tx/0x{HEX}",
        f"I sent ETH, the hash is 0x{HEX}",
        f"送金しました 0x{HEX} まだ着金しません",
        f"withdrawal 0x{HEX} pending",
        # the state of a transaction is context enough for a 0x-string
        f"0x{HEX} がずっとpendingから動きません",
        f"0x{HEX} is stuck, unconfirmed for hours",
        f"0x{HEX} が承認待ちのままです",
    ],
)
def test_hex_txid_is_not_secret(text):
    assert find_secrets(text) == []


def test_longer_hex_is_not_a_key():
    assert find_secrets("sig " + HEX * 2) == []


@pytest.mark.parametrize(
    "text",
    [
        "Please confirm my 0.3 BTC deposit: 3ae8774acdee0eecf3569f6b8a2533fa482fec8bba734c77565b16a4b24f9046",
        "入金 3ae8774acdee0eecf3569f6b8a2533fa482fec8bba734c77565b16a4b24f9046 が反映されません",
        "SHA-256 3f1c9a0e7b2d4c6a8e0f1b3d5c7e9a1b2d4f6e8a0c2e4a6b8d0f2c4e6a8b0d2f for the installer",
    ],
)
def test_hex_next_to_a_transfer_or_digest_word_is_not_a_key(text):
    from madoguchi.analysis.shield import find_secrets

    assert find_secrets(text) == []


def test_key_word_still_wins_over_a_transfer_word():
    from madoguchi.analysis.shield import find_secrets

    text = "deposit failed, my private key 3ae8774acdee0eecf3569f6b8a2533fa482fec8bba734c77565b16a4b24f9046"
    assert [s.kind for s in find_secrets(text)] == ["private_key"]
