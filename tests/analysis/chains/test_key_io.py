"""Bitcoin Core key_io vectors: valid addresses identify with the right network; nothing else
(WIF keys, invalid strings) is ever called a valid address."""

import pytest

from madoguchi.analysis.chains import identify_address

from .conftest import load

VALID = load("key_io_valid.json")
INVALID = load("key_io_invalid.json")

#: Bitcoin Core chain names -> our network. Base58 regtest shares testnet's version bytes, so
#: only a bech32 "bcrt1" address can say "regtest".
NETWORK = {"main": "mainnet", "testnet4": "testnet", "signet": "testnet", "regtest": "regtest"}


def _expected_network(address: str, chain: str) -> str:
    if chain == "regtest" and not address.lower().startswith("bcrt1"):
        return "testnet"
    return NETWORK[chain]


@pytest.mark.parametrize(
    ("address", "chain"),
    [(a, m["chain"]) for a, _, m in VALID if not m["isPrivkey"]],
    ids=lambda v: v[:20] if isinstance(v, str) else None,
)
def test_valid_addresses_identify_as_valid_bitcoin(address, chain):
    info = identify_address(address)
    assert info.status == "valid"
    assert info.valid is True
    assert info.chain == "bitcoin"
    assert info.network == _expected_network(address, chain)


@pytest.mark.parametrize("wif", [a for a, _, m in VALID if m["isPrivkey"]], ids=lambda v: v[:8])
def test_wif_private_keys_are_not_addresses(wif):
    info = identify_address(wif)
    assert info.status == "unknown_format"
    assert info.chain is None
    assert info.valid is None


@pytest.mark.parametrize("text", [x[0] for x in INVALID], ids=lambda v: v[:20] or "empty")
def test_invalid_strings_are_never_valid_addresses(text):
    info = identify_address(text)
    assert info.status != "valid"
    assert info.valid is not True
