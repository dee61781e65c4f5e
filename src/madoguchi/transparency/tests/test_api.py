"""The public log endpoints: proofs served over HTTP verify with the pure verifier; one flipped
bit anywhere is rejected; bad parameters are 422s with a message, never a 500."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from madoguchi.ledger import (
    LedgerError,
    Verifier,
    leaf_hash,
    verify_checkpoint,
    verify_consistency,
    verify_inclusion,
)
from madoguchi.transparency.services import ledger_sequence

pytestmark = pytest.mark.django_db


def d(text: str) -> bytes:
    return base64.b64decode(text)


def flips(value: bytes):
    for i in range(len(value) * 8):
        yield value[: i // 8] + bytes([value[i // 8] ^ (1 << (i % 8))]) + value[i // 8 + 1 :]


@pytest.fixture
def log(logged_tickets):
    client = Client()
    vkey = client.get("/log/key").content.decode().strip()
    checkpoint = client.get("/api/v1/log/checkpoint").json()
    return client, Verifier.parse(vkey), checkpoint


def test_checkpoint_text_key_and_json_agree(log):
    client, verifier, checkpoint = log
    text = client.get("/log/checkpoint")
    assert text.status_code == 200 and text["Content-Type"].startswith("text/plain")
    assert "public" in text["Cache-Control"]
    assert text.content.decode() == checkpoint["note"]
    opened = verify_checkpoint(checkpoint["note"], verifier)
    assert opened.tree_size == checkpoint["tree_size"] > 0
    assert base64.b64encode(opened.root_hash).decode() == checkpoint["root_hash"]
    assert checkpoint["vkey"] == str(verifier) and checkpoint["origin"] == verifier.name


def test_every_inclusion_proof_verifies_and_any_flipped_bit_fails(log):
    client, _verifier, checkpoint = log
    size, root = checkpoint["tree_size"], d(checkpoint["root_hash"])
    for index in range(size):
        body = client.get(f"/api/v1/log/proof/inclusion?leaf_index={index}").json()
        leaf = client.get(f"/api/v1/log/leaves/{index}").json()
        assert leaf_hash(d(leaf["entry"])) == d(leaf["leaf_hash"]) == d(body["leaf_hash"])
        proof = [d(p) for p in body["proof"]]
        assert verify_inclusion(d(body["leaf_hash"]), index, size, proof, root)
    # flip every bit of the last leaf's proof, leaf hash and the root
    proof = [d(p) for p in body["proof"]]
    the_leaf = d(body["leaf_hash"])
    assert all(not verify_inclusion(x, index, size, proof, root) for x in flips(the_leaf))
    assert all(not verify_inclusion(the_leaf, index, size, proof, x) for x in flips(root))
    for n, node in enumerate(proof):
        for bad in flips(node):
            forged = [*proof[:n], bad, *proof[n + 1 :]]
            assert not verify_inclusion(the_leaf, index, size, forged, root)


def test_consistency_proofs_verify_and_flipped_bits_fail(log, file_request):
    client, _verifier, old = log
    file_request(email="newcomer@example.jp")
    ledger_sequence()
    new = client.get("/api/v1/log/checkpoint").json()
    assert new["tree_size"] > old["tree_size"]
    body = client.get(f"/api/v1/log/proof/consistency?first={old['tree_size']}").json()
    assert body["second"] == new["tree_size"]
    proof = [d(p) for p in body["proof"]]
    args = (old["tree_size"], new["tree_size"])
    old_root, new_root = d(old["root_hash"]), d(new["root_hash"])
    assert verify_consistency(*args, proof, old_root, new_root)
    for n, node in enumerate(proof):
        for bad in flips(node):
            forged = [*proof[:n], bad, *proof[n + 1 :]]
            assert not verify_consistency(*args, forged, old_root, new_root)
    assert all(not verify_consistency(*args, proof, x, new_root) for x in flips(old_root))
    for smaller in range(1, new["tree_size"] + 1):
        url = f"/api/v1/log/proof/consistency?first={smaller}&second={new['tree_size']}"
        got = [d(p) for p in client.get(url).json()["proof"]]
        assert verify_consistency(smaller, new["tree_size"], got, _root(client, smaller), new_root)


def _root(client: Client, size: int) -> bytes:
    """An old root, recomputed by the test from the leaves the API serves (RFC 9162 MTH)."""
    leaves = [d(client.get(f"/api/v1/log/leaves/{i}").json()["leaf_hash"]) for i in range(size)]

    def mth(items):
        if len(items) == 1:
            return items[0]
        k = 1 << ((len(items) - 1).bit_length() - 1)
        import hashlib

        return hashlib.sha256(b"\x01" + mth(items[:k]) + mth(items[k:])).digest()

    return mth(leaves)


def test_a_flipped_bit_in_the_served_checkpoint_is_rejected(log):
    _client, verifier, checkpoint = log
    note = checkpoint["note"].encode()
    rejected = 0
    for bad in flips(note):
        try:
            verify_checkpoint(bad.decode("utf-8"), verifier)
        except (LedgerError, UnicodeDecodeError):
            rejected += 1
    assert rejected == len(note) * 8


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/log/proof/inclusion",  # leaf_index missing
        "/api/v1/log/proof/inclusion?leaf_index=-1",
        "/api/v1/log/proof/inclusion?leaf_index=abc",
        "/api/v1/log/proof/inclusion?leaf_index=99999",
        "/api/v1/log/proof/inclusion?leaf_index=0&tree_size=99999",
        "/api/v1/log/proof/inclusion?leaf_index=0&tree_size=0",
        "/api/v1/log/proof/inclusion?leaf_index=99999999999999999999999999",
        "/api/v1/log/proof/consistency?first=0",
        "/api/v1/log/proof/consistency?first=5&second=2",
        "/api/v1/log/proof/consistency?first=1&second=99999",
        "/api/v1/log/leaves/99999",
        "/api/v1/log/leaves/99999999999999999999999999",
        "/api/v1/log/leaves/281474976710656",  # 2**48: would alias a level-1 node's key
        "/api/v1/log/proof/inclusion?leaf_index=0&tree_size=281474976710657",
        "/api/v1/log/proof/consistency?first=1&second=281474976710657",
    ],
)
def test_bad_parameters_are_clear_422s(log, url):
    client, _verifier, _checkpoint = log
    response = client.get(url)
    assert response.status_code in (400, 404, 422), (url, response.content)
    assert response.json()["error"]["message"]


def test_no_personal_data_is_served(log, logged_tickets):
    client, _verifier, _checkpoint = log
    served = client.get("/api/v1/log/leaves/0").content.decode()
    served += client.get("/api/v1/log/checkpoint").content.decode()
    for ticket in logged_tickets:
        assert ticket.requester.primary_email not in served
        assert ticket.ledger_salt not in served and ticket.reference not in served
