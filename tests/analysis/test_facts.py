"""Checklist facts checked on the spot: per field, across fields, and secrets in any field."""

import pytest

from madoguchi.analysis.facts import MAX_FACT_LENGTH, check_facts

TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"


def test_values_are_normalised_per_slot():
    report = check_facts(
        {
            "asset": "テザー",
            "network": "TRC20",
            "address": TRON,
            "amount": "1,500 USDT",
            "tx_hash": "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",
            "occurred_at": "2026-11-28 21:30",
        },
        received_at="2026-11-29T10:00:00+09:00",
    )
    f = report.facts
    assert f["asset"].value == "USDT"
    assert f["network"].value == "tron"
    assert (f["address"].chain, f["address"].valid) == ("tron", True)
    assert f["amount"].value == {"quantity": "1500", "unit": "USDT"}
    assert f["tx_hash"].chain == "ethereum"
    assert f["occurred_at"].value.startswith("2026-11-28T21:30")
    assert report.findings == () and report.errors == {}


def test_network_mismatch_is_a_cross_field_finding():
    report = check_facts({"network": "ERC20", "address": TRON})
    assert [x.code for x in report.findings] == ["network_mismatch"]
    assert "Tron" in report.findings[0].message_en and "トロン" in report.findings[0].message_ja


def test_a_chain_named_in_the_network_field_is_not_the_asset_sent():
    # the portal's own list offers "Ethereum (ERC20)": that is no claim the customer sent ETH
    report = check_facts({"asset": "USDT", "network": "Ethereum (ERC20)", "address": TRON})
    assert [x.code for x in report.findings] == ["network_mismatch"]


@pytest.mark.parametrize(
    ("slot", "value", "code"),
    [
        ("address", TRON[:-1] + "u", "address_invalid"),
        ("address", "hello world", "not_address"),
        ("tx_hash", "12345", "not_txid"),
        ("amount", "a lot", "not_amount"),
        ("url", "not a link", "not_url"),
        ("contact_handle", "???", "not_contact"),
        ("error_message", "x" * (MAX_FACT_LENGTH + 1), "too_long"),
    ],
)
def test_bad_values_are_errors_with_bilingual_messages(slot, value, code):
    report = check_facts({slot: value})
    problems = report.facts[slot].problems
    assert [p.code for p in problems] == [code]
    assert problems[0].severity == "error" and slot in report.errors
    assert problems[0].message("ja") != problems[0].message("en")


def test_unknown_asset_or_network_is_only_a_warning():
    report = check_facts({"asset": "FOOCOIN", "network": "my chain"})
    assert [p.severity for p in report.facts["asset"].problems] == ["warning"]
    assert report.errors == {}


@pytest.mark.parametrize("value", ["Bitcoin", "ビットコイン", "XRP", "Ethereum"])
def test_a_coin_name_in_the_network_field_means_its_chain(value):
    assert check_facts({"network": value}).facts["network"].problems == ()


def test_a_secret_in_any_field_is_redacted_and_warned():
    report = check_facts({"address": PHRASE, "steps_taken": "pw: hunter2!!"})
    assert "sausage" not in report.facts["address"].text
    assert [p.code for p in report.facts["address"].problems] == ["secret"]
    assert report.facts["address"].value is None
    assert {x.details["kind"] for x in report.findings if x.code == "secret_shared"} == {
        "recovery_phrase",
        "password",
    }
