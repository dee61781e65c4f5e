"""EIP-55 vectors and the unchecked / invalid-length cases."""

import pytest

from madoguchi.analysis.chains import identify_address
from madoguchi.analysis.chains.evm import to_checksum

from .conftest import load

V = load("eip55_vectors.json")


@pytest.mark.parametrize("case", V["valid_checksummed"], ids=lambda c: c["address"][:12])
def test_spec_addresses_are_valid(case):
    info = identify_address(case["address"])
    assert (info.chain, info.status, info.valid) == ("ethereum", "valid", True)
    assert to_checksum(case["address"][2:]) == case["address"][2:]


@pytest.mark.parametrize("case", V["invalid_derived"], ids=lambda c: c["address"][:12])
def test_one_flipped_case_is_an_invalid_checksum(case):
    info = identify_address(case["address"])
    assert (info.status, info.valid) == ("invalid_checksum", False)
    assert info.extra["checksummed"] == case["derived_from"]


@pytest.mark.parametrize(
    "address",
    ["0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"],
)
def test_single_case_addresses_are_unchecked(address):
    info = identify_address(address)
    assert (info.status, info.valid) == ("unchecked", None)
    assert info.normalized.startswith("0x")


@pytest.mark.parametrize(
    "body", ["5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed1"]
)
def test_wrong_length_is_an_invalid_format(body):
    assert identify_address("0x" + body).status == "invalid_format"
