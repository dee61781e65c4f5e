"""Amounts with a unit, exact decimal quantities."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madoguchi.analysis.entities.amounts import scan


@pytest.mark.parametrize(
    ("text", "quantity", "unit"),
    [
        ("0.5 ETH", "0.5", "ETH"),
        ("1,500 USDT", "1500", "USDT"),
        ("15万円", "150000", "JPY"),
        ("1,500円", "1500", "JPY"),
        ("¥20,000", "20000", "JPY"),
        ("￥３０００", "3000", "JPY"),
        ("２万円", "20000", "JPY"),
        ("3.2万USDT", "32000", "USDT"),
        ("$1,200", "1200", "USD"),
        ("US$100", "100", "USD"),
        ("100ドル", "100", "USD"),
        ("0.01BTC", "0.01", "BTC"),
        ("約10万円", "100000", "JPY"),
        ("1万5千円", "15000", "JPY"),
        ("1万5000円", "15000", "JPY"),
        ("1.5億円", "150000000", "JPY"),
        ("20,000 yen", "20000", "JPY"),
        ("5k usdt", "5000", "USDT"),
        ("1.50 eth", "1.5", "ETH"),
        ("0.00000001 BTC", "0.00000001", "BTC"),
        ("100 sats", "0.000001", "BTC"),
        ("3 DOT", "3", "DOT"),
        ("0.1ビットコイン", "0.1", "BTC"),
        ("2 bitcoin", "2", "BTC"),
        ("1,234,567.89 XRP", "1234567.89", "XRP"),
        ("123456789012345678901234567890 USDT", "123456789012345678901234567890", "USDT"),
        ("0.123456789012345678 ETH", "0.123456789012345678", "ETH"),
    ],
)
def test_amounts(text, quantity, unit):
    (e,) = scan(text)
    assert e.value == {"quantity": quantity, "unit": unit}
    assert e.kind == "amount"
    assert text[e.start : e.end] == e.text


def test_approximate_amounts_say_so():
    (e,) = scan("約10万円")
    assert e.details == {"approximate": True}
    (e,) = scan("10万円")
    assert e.details == {}


@pytest.mark.parametrize(
    "text",
    [
        "2024年3月5日",
        "14:30",
        "090-1234-5678",
        "+81 3 1234 5678",
        "注文番号 12345678",
        "5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "3 dot points",  # "dot" is a ticker only in capitals
        "I have 2 methods",
        "1,50 USDT",  # not a valid grouping
        "3/5 confirmations",
        "E1023",
    ],
)
def test_no_unit_no_amount(text):
    assert scan(text) == []


def test_several_amounts_in_a_mixed_message():
    text = "昨日 0.5 ETH（約15万円）を送りましたが、$1,200 分しか反映されていません"
    assert [e.value for e in scan(text)] == [
        {"quantity": "0.5", "unit": "ETH"},
        {"quantity": "150000", "unit": "JPY"},
        {"quantity": "1200", "unit": "USD"},
    ]


def test_quantity_is_exact_and_json_friendly():
    (e,) = scan("0.1 ETH")
    assert e.value["quantity"] == "0.1"  # not 0.1000000000000000055511151231257827
    assert isinstance(e.value["quantity"], str)


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "1," * 300_000,
        "万" * 300_000,
        "1万" * 200_000,
        "1" * 1_000_000,
        "1" * 100_000 + "円",
        "１" * 300_000,
        "\n" * 100_000,
        "1.1." * 200_000,
        "$" * 300_000,
        "100 USDT " * 50_000,
    ],
)
def test_hostile_input(text):
    assert isinstance(scan(text), list)


def test_a_digit_flood_gives_no_partial_amount():
    assert scan("1" * 100 + "円") == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "1",
                "0",
                ",",
                ".",
                "万",
                "千",
                "円",
                "$",
                "¥",
                " ",
                "ETH",
                "usdt",
                "約",
                "２",
                "k",
                "sats",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_any_text_gives_exact_quantities(text):
    for e in scan(text):
        assert text[e.start : e.end] == e.text
        assert Decimal(e.value["quantity"]) >= 0
        assert "E" not in e.value["quantity"]
