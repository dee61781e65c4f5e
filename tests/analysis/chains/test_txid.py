"""Transaction-id recognition without context, and the context rules."""

import base58

from madoguchi.analysis.chains.txid import chains_named_near, identify_txid

HEX = "a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d"


def test_shapes():
    assert identify_txid(HEX).chain is None
    assert identify_txid("0x" + HEX).chain == "ethereum"
    assert identify_txid(HEX[:-1]) is None  # 63 digits
    assert identify_txid(HEX + "0") is None  # 65 digits
    assert identify_txid("g" + HEX[1:]) is None


def test_solana_signature_must_decode_to_64_bytes():
    assert identify_txid(base58.b58encode(bytes(range(1, 65))).decode()).chain == "solana"
    assert identify_txid(base58.b58encode(bytes(range(1, 60))).decode()) is None


def test_context_words_need_ascii_boundaries():
    text = "my method and kbtcx and " + HEX
    assert chains_named_near(text, 24, 88) == []
    text = "ビットコインキャッシュで送金 " + HEX
    assert chains_named_near(text, 16, 80) == ["bitcoin-cash"]
