"""Consistency findings, built from hand-made entities that follow the chains contract."""

import json

import pytest

from madoguchi.analysis._types import Entity
from madoguchi.analysis.findings import check

TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
EVM = "0x52908400098527886E0F7030069857D2E4169EE7"
BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
XRP = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"
XLM = "GAHK7EEG2WWHVKDNT4CEQFZGKF2LGDSW2IVM4S5DP42RBW3K6BTODB4A"


def _address(
    text, chain, status="valid", *, network="mainnet", warnings=(), compatible=None, **extra
):
    valid = {"valid": True, "invalid_checksum": False, "invalid_format": False}.get(status)
    details = {
        "status": status,
        "type": extra.pop("type", "base58"),
        "network": network,
        "warnings": list(warnings),
    }
    if compatible is not None:
        details["compatible_networks"] = list(compatible)
    details.update(extra)
    return Entity("address", text, 100, 100 + len(text), chain=chain, valid=valid, details=details)


def _net(value, start=0):
    return Entity("network", value, start, start + 5, value=value)


def _asset(symbol, start=50):
    return Entity("asset", symbol, start, start + len(symbol), value=symbol)


def _amount(quantity, unit, start=60):
    return Entity(
        "amount", f"{quantity} {unit}", start, start + 8, value={"quantity": quantity, "unit": unit}
    )


def _memo(value, start=200):
    return Entity(
        "memo", "tag", start, start + 3, value=value, details={"present": value is not None}
    )


def _codes(findings):
    return sorted(f.code for f in findings)


def test_tron_address_with_erc20_is_a_network_mismatch():
    addr = _address(TRON, "tron", compatible=["tron"])
    (f,) = check("ERC20で送りました", [_net("ethereum"), addr])
    assert f.code == "network_mismatch"
    assert f.severity == "danger"
    assert f.spans == ((0, 5), (addr.start, addr.end))
    assert f.details["networks"] == ["ethereum"]
    assert "TRC20" in f.message_ja and "ERC20" in f.message_ja
    assert "Tron" in f.message_en


def test_evm_address_with_trc20_is_a_network_mismatch():
    addr = _address(EVM, "ethereum", compatible=["ethereum", "bsc", "polygon"])
    assert "network_mismatch" in _codes(check("", [_net("tron"), addr]))


def test_btc_address_with_bep20_is_a_network_mismatch():
    addr = _address(BTC, "bitcoin", type="p2wpkh")
    assert _codes(check("", [_net("bsc"), addr])) == ["network_mismatch"]


@pytest.mark.parametrize("network", ["ethereum", "bsc", "polygon", "arbitrum", "base"])
def test_evm_address_on_any_evm_network_is_fine(network):
    addr = _address(EVM, "ethereum")  # no compatible_networks given: the fallback table applies
    assert check("", [_net(network), addr]) == []


def test_a_stated_network_that_fits_and_one_that_does_not_is_only_a_warning():
    addr = _address(TRON, "tron", compatible=["tron"])
    (f,) = check("", [_net("ethereum"), _net("tron", 20), addr])
    assert (f.code, f.severity) == ("network_mismatch", "warning")


def test_omni_fits_a_bitcoin_address():
    assert check("", [_net("omni"), _address(BTC, "bitcoin", compatible=["bitcoin"])]) == []


@pytest.mark.parametrize(
    ("chain", "address", "asset"),
    [
        ("bitcoin", BTC, "USDT"),
        ("bitcoin", BTC, "ETH"),
        ("xrp", XRP, "BTC"),
        ("tron", TRON, "ETH"),
        ("ethereum", EVM, "XRP"),
    ],
)
def test_asset_chain_mismatch(chain, address, asset):
    addr = _address(address, chain, **({"tag": 1} if chain == "xrp" else {}))
    found = check("", [_asset(asset), addr])
    assert "asset_chain_mismatch" in _codes(found)
    f = next(f for f in found if f.code == "asset_chain_mismatch")
    assert f.details["assets"] == [asset]
    assert asset in f.message_en and asset in f.message_ja


@pytest.mark.parametrize(
    ("chain", "address"),
    [("ethereum", EVM), ("tron", TRON), ("solana", "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV")],
)
def test_usdt_exists_on_several_chains(chain, address):
    found = check(
        "",
        [
            _net({"ethereum": "ethereum", "tron": "tron", "solana": "solana"}[chain]),
            _asset("USDT"),
            _address(address, chain),
        ],
    )
    assert "asset_chain_mismatch" not in _codes(found)


def test_amount_units_count_as_assets_but_fiat_does_not():
    addr = _address(BTC, "bitcoin")
    assert _codes(check("", [_amount("100", "USDT"), addr])) == ["asset_chain_mismatch"]
    assert check("", [_amount("150000", "JPY"), addr]) == []


def test_unknown_assets_are_not_judged():
    assert check("", [_asset("PEPE"), _address(BTC, "bitcoin")]) == []


def test_xrp_address_without_tag_asks_for_it():
    (f,) = check("XRPを送金しました", [_asset("XRP"), _address(XRP, "xrp")])
    assert (f.code, f.severity) == ("memo_missing", "warning")
    assert f.details["explicit"] is False
    assert "タグ" in f.message_ja


@pytest.mark.parametrize(
    ("chain", "address"),
    [("stellar", XLM), ("cosmos", "cosmos1hsk6jryyqjfhp5dhc55tc9jtckygx0eph6dd02")],
)
def test_other_memo_chains(chain, address):
    assert _codes(check("", [_address(address, chain)])) == ["memo_missing"]


def test_memo_present_means_no_finding():
    assert check("", [_asset("XRP"), _address(XRP, "xrp"), _memo("104729")]) == []


def test_x_address_carries_its_tag():
    assert (
        check(
            "",
            [_address("XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi", "xrp", type="x-address")],
        )
        == []
    )


def test_explicit_forgotten_tag():
    (f,) = check("タグを付け忘れました", [_asset("XRP"), _memo(None)])
    assert (f.code, f.severity, f.details["explicit"]) == ("memo_missing", "warning", True)
    assert "付け忘れ" in f.message_ja


def test_memo_asset_mentioned_in_a_transfer_is_info_only_in_a_transfer():
    (f,) = check("I sent XRP yesterday", [_asset("XRP", 7)])
    assert (f.code, f.severity) == ("memo_missing", "info")
    assert check("What is the XRP price?", [_asset("XRP", 12)]) == []


def test_invalid_checksum():
    (f,) = check(
        "", [_address(EVM.replace("E", "e", 1), "ethereum", "invalid_checksum"), _net("ethereum")]
    )
    assert (f.code, f.severity) == ("address_invalid", "warning")
    assert f.details["status"] == "invalid_checksum"


def test_unchecked_evm_address():
    (f,) = check("", [_address(EVM.lower(), "ethereum", "unchecked"), _net("ethereum")])
    assert (f.code, f.severity) == ("address_unchecked", "info")


def test_testnet_address():
    (f,) = check(
        "", [_address("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "bitcoin", network="testnet")]
    )
    assert (f.code, f.severity) == ("address_testnet", "warning")


@pytest.mark.parametrize("warning", ["zero_width", "bidi_control", "homoglyph", "fullwidth"])
def test_obfuscated_address_is_danger(warning):
    found = check("", [_address(TRON, "tron", warnings=[warning]), _net("tron")])
    f = next(f for f in found if f.code == "address_obfuscated")
    assert f.severity == "danger"
    assert f.details["warnings"] == [warning]


def test_evm_address_without_network_asks_which():
    (f,) = check("", [_address(EVM, "ethereum")])
    assert (f.code, f.severity) == ("network_unstated", "info")
    assert "bsc" in f.details["networks"]


def test_nothing_to_say():
    assert check("hello", []) == []
    assert check("", [_net("tron"), _address(TRON, "tron"), _asset("USDT")]) == []


def test_every_finding_is_bilingual_and_json_serialisable():
    entities = [
        _net("ethereum", 0), _asset("BTC", 10), _memo(None, 20),
        _address(TRON, "tron", "invalid_checksum", network="testnet", warnings=["zero_width"]),
        Entity("address", XRP, 300, 334, chain="xrp", details={"status": "valid"}),
        Entity("address", EVM, 400, 442, chain="ethereum", details={"status": "unchecked"}),
    ]  # fmt: skip
    found = check("sent", entities)
    codes = {f.code for f in found}
    assert codes >= {"network_mismatch", "asset_chain_mismatch", "memo_missing", "address_invalid",
                     "address_testnet", "address_obfuscated", "address_unchecked"}  # fmt: skip
    for f in found:
        assert f.severity in ("info", "warning", "danger")
        assert f.message_en.isascii() is False or f.message_en
        assert any("\u3040" <= c <= "\u30ff" for c in f.message_ja)
        assert f.spans and all(s < e for s, e in f.spans)
        json.dumps(f.as_dict(), ensure_ascii=False)


def test_a_pegged_token_on_a_stated_token_network_is_not_a_mismatch():
    # exchanges withdraw "BTC" over BEP20 as a pegged token to an EVM address
    assert check("", [_asset("BTC"), _net("bsc"), _address(EVM, "ethereum")]) == []
    assert _codes(check("", [_asset("BTC"), _net("ethereum"), _address(TRON, "tron")])) == [
        "asset_chain_mismatch",
        "network_mismatch",
    ]


def test_messages_show_the_address_without_invisible_characters():
    addr = _address(
        "T\u200bR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\u202e", "tron", warnings=["zero_width", "bidi"]
    )
    (f,) = [f for f in check("", [addr, _net("tron")]) if f.code == "address_obfuscated"]
    assert "\u200b" not in f.message_en and "\u202e" not in f.message_ja
    assert "TR7NHqje" in f.message_en


def test_evm_networks_the_chains_module_does_not_list_still_fit():
    addr = _address(EVM, "ethereum", compatible=["ethereum", "bsc"])
    assert check("", [_net("zksync"), addr]) == []
