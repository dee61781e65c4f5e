"""BIP32 vectors: every xpub (and xprv) decodes; every invalid extended key is rejected."""

import pytest

from madoguchi.analysis.chains import decode_extended_key
from madoguchi.analysis.chains.xpub import inspect_extended_key

from .conftest import load

V = load("bip32_vectors.json")
PUBS = [c["ext_pub"] for v in V["vectors"] for c in v["chains"]]
PRVS = [c["ext_prv"] for v in V["vectors"] for c in v["chains"]]


@pytest.mark.parametrize("key", PUBS, ids=lambda k: k[:12])
def test_xpubs_are_valid(key):
    assert decode_extended_key(key) == ("xpub", False, True)


@pytest.mark.parametrize("key", PRVS, ids=lambda k: k[:12])
def test_xprvs_are_recognised_as_private(key):
    assert decode_extended_key(key) == ("xprv", True, True)


@pytest.mark.parametrize("case", V["invalid_extended_keys"], ids=lambda c: c["reason"])
def test_invalid_extended_keys_are_rejected(case):
    _prefix, _private, ok = decode_extended_key(case["key"])
    assert ok is False


def test_reasons_name_the_failed_rule():
    bad = {c["reason"]: inspect_extended_key(c["key"]).reason for c in V["invalid_extended_keys"]}
    assert bad["invalid checksum"] == "checksum"
    assert bad["unknown extended key version"] == "version"
    assert bad["zero depth with non-zero index"] == "depth_zero_parent"
    assert bad["invalid pubkey prefix 04"] == "public_key"
    assert bad["private key 0 not in 1..n-1"] == "private_key"


def test_one_character_typo_fails_the_checksum():
    key = PUBS[0]
    typo = key[:50] + ("A" if key[50] != "A" else "B") + key[51:]
    assert inspect_extended_key(typo).reason == "checksum"
