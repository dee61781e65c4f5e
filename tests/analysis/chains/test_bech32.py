"""BIP173/BIP350 vectors: checksums (both variants) and segwit addresses."""

import pytest

from madoguchi.analysis.chains import _bech32, identify_address
from madoguchi.analysis.chains.bitcoin import identify_segwit

from .conftest import load

V = load("bech32_bech32m_vectors.json")


@pytest.mark.parametrize("case", V["valid_checksums"], ids=lambda c: c["string"][:20])
def test_valid_checksums_decode_with_their_encoding(case):
    decoded = _bech32.decode(case["string"])
    assert decoded is not None
    assert decoded.encoding == case["encoding"]


@pytest.mark.parametrize("case", V["invalid_checksums"], ids=lambda c: repr(c["string"][:20]))
def test_invalid_checksums_never_verify_under_their_encoding(case):
    decoded = _bech32.decode(case["string"])
    assert decoded is None or decoded.encoding != case["encoding"]


@pytest.mark.parametrize("case", V["valid_addresses"], ids=lambda c: c["address"][:24])
def test_valid_addresses(case):
    info = identify_segwit(case["address"])
    assert info is not None
    if case["valid_under_bip350"]:
        assert info.status == "valid"
        assert info.chain == "bitcoin"
        assert info.extra["witness_version"] == int(case["scriptpubkey"][:2], 16) % 0x50
        expected = "testnet" if case["address"].lower().startswith("tb1") else "mainnet"
        assert info.network == expected
    else:  # BIP173-era v1+ addresses with a bech32 checksum are invalid since BIP350
        assert info.status == "invalid_checksum"


@pytest.mark.parametrize("case", V["invalid_addresses"], ids=lambda c: c["address"][:24])
def test_invalid_addresses_are_never_valid(case):
    info = identify_address(case["address"])
    assert info.status != "valid"
    assert info.valid is not True


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "invalid_checksum"),
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "invalid_checksum"),
        ("bc1rw5uspcuh", "invalid_format"),
        ("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "invalid_format"),
        ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", "invalid_format"),
    ],
)
def test_failures_are_reported_as_bitcoin_attempts(address, status):
    info = identify_address(address)
    assert (info.chain, info.status) == ("bitcoin", status)


def test_kinds_of_witness_programs():
    assert identify_address("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4").kind == "p2wpkh"
    wsh = "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"
    assert identify_address(wsh).kind == "p2wsh"
    tr = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
    assert identify_address(tr).kind == "p2tr"
    assert identify_address("BC1SW50QGDZ25J").kind == "witness_unknown"


def test_upper_case_bech32_is_normalised_to_lower_case():
    info = identify_address("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")
    assert info.normalized == "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
