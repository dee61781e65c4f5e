"""scan(): entities in Japanese/English messages, spans against the original, tricks reported."""

import base58
import pytest

from madoguchi.analysis.chains import scan

BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
EVM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
XRP = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"
XPUB = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"
XPRV = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
HEX = "a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d"


def _check_spans(text, entities):
    for e in entities:
        assert text[e.start : e.end] == e.text
        e.as_dict()  # JSON-friendly


def test_japanese_sentence_with_a_tron_address():
    text = f"USDTを送金しました。送金先は{TRON}です。まだ届いていません。"
    [e] = scan(text)
    _check_spans(text, [e])
    assert (e.kind, e.chain, e.valid, e.value) == ("address", "tron", True, TRON)
    assert e.details["status"] == "valid"
    assert e.details["compatible_networks"] == ["tron"]
    assert e.details["warnings"] == []


def test_english_sentence_with_several_entities():
    text = f"Hi, I sent BTC to {BTC} (txid {HEX}), and ETH to {EVM}. My xpub: {XPUB}."
    found = scan(text)
    _check_spans(text, found)
    kinds = [(e.kind, e.chain) for e in found]
    assert kinds == [
        ("address", "bitcoin"),
        ("txid", None),  # BTC and ETH are both named nearby: left open, both listed first
        ("address", "ethereum"),
        ("extended_public_key", "bitcoin"),
    ]
    assert found[1].details["context_chains"] == ["bitcoin", "ethereum"]
    evm = found[2]
    assert evm.details["compatible_networks"][:2] == ["ethereum", "bsc"]
    assert found[3].valid is True and found[3].value == XPUB


def test_invalid_attempt_is_reported_not_dropped():
    typo = TRON[:-1] + "u"
    [e] = scan(f"アドレス {typo} に送りました")
    assert (e.chain, e.valid, e.details["status"]) == ("tron", False, "invalid_checksum")


def test_unchecked_evm_address_has_valid_none():
    [e] = scan("to " + EVM.lower())
    assert (e.valid, e.details["status"]) == (None, "unchecked")


def test_solana_is_plausible_with_valid_none():
    [e] = scan("SOL: EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
    assert (e.chain, e.valid, e.details["status"]) == ("solana", None, "plausible")


def test_xrp_is_marked_as_a_memo_chain():
    [e] = scan(f"XRP {XRP} タグ 12345")
    assert e.details["memo_chain"] is True


def test_bitcoincash_prefix_is_part_of_the_span():
    text = "BCH: bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a."
    [e] = scan(text)
    assert e.text == "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"
    assert (e.chain, e.valid) == ("bitcoin-cash", True)


def test_zero_width_space_inside_an_address_is_reported():
    disguised = EVM[:20] + "\u200b" + EVM[20:]
    text = f"送金先：{disguised} です"
    [e] = scan(text)
    _check_spans(text, [e])
    assert e.text == disguised  # the span covers what was typed
    assert e.value == EVM  # the value is what it would be without the invisible character
    assert e.valid is False
    assert e.details["warnings"] == ["zero_width"]
    assert e.details["status"] == "valid"


def test_cyrillic_homoglyph_inside_an_address_is_reported():
    disguised = XRP.replace("y", "у")  # Cyrillic у
    text = f"宛先 {disguised}"
    [e] = scan(text)
    _check_spans(text, [e])
    assert (e.value, e.valid, e.details["warnings"]) == (XRP, False, ["homoglyph"])


def test_bidi_control_inside_an_address_is_reported():
    disguised = BTC[:10] + "\u202e" + BTC[10:]
    [e] = scan(f"send to {disguised} please")
    assert e.valid is False and e.details["warnings"] == ["bidi_control"]


def test_fullwidth_address_is_reported():
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in TRON)
    text = f"アドレス：{fullwidth}"
    [e] = scan(text)
    _check_spans(text, [e])
    assert e.text == fullwidth
    assert (e.value, e.chain, e.valid) == (TRON, "tron", False)
    assert e.details["warnings"] == ["fullwidth"]


def test_invisible_characters_at_the_edges_stay_outside_the_span():
    text = f"x \u200b{TRON}\u200b y"
    [e] = scan(text)
    assert e.text == TRON and e.valid is True


def test_private_extended_keys_are_left_to_the_shield():
    assert scan(f"my key {XPRV}") == []


def test_corrupted_xpub_is_invalid():
    bad = XPUB[:-1] + ("9" if XPUB[-1] != "9" else "8")
    [e] = scan(bad)
    assert (e.kind, e.valid, e.details["reason"]) == ("extended_public_key", False, "checksum")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "こんにちは、送金が届きません。",
        "Hello, my withdrawal has been pending since yesterday. Please help!!",
        "Internationalization and responsibilities 2026 are characteristics",
        "注文番号 ORD-20261129-000123 / 電話 090-1234-5678 / 金額 0.5 BTC",
        "https://example.com/path/to/some/page?id=123456789012345",
        "The transaction ThisIsNotAnAddress1234567890 failed",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",
    ],
)
def test_ordinary_text_yields_nothing(text):
    assert scan(text) == []


def test_bare_hex_txid_without_context_has_candidates():
    [e] = scan(f"txid: {HEX}")
    assert (e.kind, e.chain, e.value) == ("txid", None, HEX)
    assert e.details["candidates"][0] == "bitcoin"


def test_upper_case_hex_txid_puts_xrp_first():
    [e] = scan(f"hash {HEX.upper()}")
    assert e.value == HEX  # lower-cased
    assert e.details["candidates"][0] == "xrp"


@pytest.mark.parametrize(
    ("context", "chain"),
    [("TRC20で送金", "tron"), ("ビットコインの送金", "bitcoin"), ("my LTC withdrawal", "litecoin")],
)
def test_nearby_chain_name_picks_the_txid_chain(context, chain):
    [e] = scan(f"{context} {HEX}")
    assert e.chain == chain
    assert e.details["context_chains"] == [chain]


def test_two_chains_named_leave_the_txid_open():
    [e] = scan(f"BTC or TRX? {HEX}")
    assert e.chain is None
    assert set(e.details["context_chains"]) == {"bitcoin", "tron"}


@pytest.mark.parametrize("words", ["SHA-256", "sha256 checksum:", "ファイルのチェックサムは"])
def test_file_digests_are_not_txids(words):
    assert scan(f"{words} {HEX} です") == []


def test_evm_txid_keeps_0x_and_is_lower_cased():
    [e] = scan(f"tx 0x{HEX.upper()}")
    assert (e.kind, e.chain, e.value) == ("txid", "ethereum", "0x" + HEX)


def test_solana_signature_is_a_solana_txid():
    sig = base58.b58encode(bytes(range(1, 65))).decode()
    [e] = scan(f"signature {sig}")
    assert (e.kind, e.chain, e.value) == ("txid", "solana", sig)


HOSTILE = [
    "a" * 1_000_000,
    "\n" * 100_000,
    "1" * 100_000,
    "1A" * 50_000,
    ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t " * 30_000),
    "".join(chr(i % 0x2FFF + 1) for i in range(200_000)),
    "\ud800abc\udfff" * 1000,
    ("0x" + "f" * 40 + ":") * 20_000,
    "\u200b".join(["1"] * 100_000),
    "ａ１" * 100_000,
    base58.BITCOIN_ALPHABET.decode() * 1800,  # 104,400 Base58 characters in a row
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_inputs_finish(text):
    found = scan(text)
    assert isinstance(found, list)
    for e in found[:50]:
        assert text[e.start : e.end] == e.text


@pytest.mark.timeout(20)
def test_a_megabyte_of_addresses_is_found_in_full():
    text = f"{TRON} " * 30_000
    found = scan(text)
    assert len(found) == 30_000
