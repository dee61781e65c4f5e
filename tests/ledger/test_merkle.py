"""Merkle proofs at every tree size 1..300 against an independent naive RFC 9162 MTH."""

from __future__ import annotations

import hashlib
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madoguchi.ledger import (
    EMPTY_ROOT,
    LedgerError,
    MemoryStore,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    tree_root,
    verify_consistency,
    verify_inclusion,
)

MAX_SIZE = 300


def naive_mth(entries: list[bytes]) -> bytes:
    """MTH straight from RFC 9162 §2.1.1, written without the package's helpers."""
    n = len(entries)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + entries[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + naive_mth(entries[:k]) + naive_mth(entries[k:])).digest()


ENTRIES = [f"entry {i}".encode() for i in range(MAX_SIZE)]
STORE = MemoryStore()
for _entry in ENTRIES:
    STORE.append(leaf_hash(_entry))
LEAVES = [leaf_hash(e) for e in ENTRIES]
ROOTS = [naive_mth(ENTRIES[:n]) for n in range(MAX_SIZE + 1)]


def flip(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def test_roots_match_naive_mth_at_every_size():
    assert ROOTS[0] == EMPTY_ROOT
    for n in range(MAX_SIZE + 1):
        assert tree_root(STORE, n) == ROOTS[n]


def test_every_inclusion_proof_at_every_size():
    for n in range(1, MAX_SIZE + 1):
        depth = (n - 1).bit_length()
        for m in range(n):
            proof = inclusion_proof(STORE, m, n)
            assert len(proof) <= depth
            assert verify_inclusion(LEAVES[m], m, n, proof, ROOTS[n]), (m, n)


def test_every_consistency_proof_at_every_size():
    for n in range(1, MAX_SIZE + 1):
        for m in range(1, n + 1):
            proof = consistency_proof(STORE, m, n)
            assert len(proof) <= 2 * (n - 1).bit_length()
            assert verify_consistency(m, n, proof, ROOTS[m], ROOTS[n]), (m, n)
            if m == n:
                assert proof == []


def test_proofs_do_not_transfer_to_other_positions():
    """A valid proof is rejected for any other index or size (sampled over small trees)."""
    for n in range(1, 40):
        for m in range(n):
            proof = inclusion_proof(STORE, m, n)
            for other in range(n + 2):
                if other != m:
                    assert not verify_inclusion(LEAVES[m], other, n, proof, ROOTS[n])
                    if other < n:
                        assert not verify_inclusion(LEAVES[other], m, n, proof, ROOTS[n])
        for m in range(1, n):
            proof = consistency_proof(STORE, m, n)
            for other in range(1, n + 1):
                if other != m:
                    assert not verify_consistency(other, n, proof, ROOTS[other], ROOTS[n])


@pytest.mark.parametrize("n", [1, 2, 3, 5, 7, 8, 9, 64, 100, 255, 256, 257, 300])
def test_every_bit_flip_of_an_inclusion_proof_is_rejected(n):
    for m in sorted({0, n // 3, n // 2, n - 1}):
        proof = inclusion_proof(STORE, m, n)
        for bit in range(256):
            assert not verify_inclusion(flip(LEAVES[m], bit), m, n, proof, ROOTS[n])
            assert not verify_inclusion(LEAVES[m], m, n, proof, flip(ROOTS[n], bit))
            for i in range(len(proof)):
                bad = [*proof[:i], flip(proof[i], bit), *proof[i + 1 :]]
                assert not verify_inclusion(LEAVES[m], m, n, bad, ROOTS[n])


@pytest.mark.parametrize("n", [2, 3, 5, 7, 8, 9, 64, 100, 255, 256, 257, 300])
def test_every_bit_flip_of_a_consistency_proof_is_rejected(n):
    for m in sorted({1, n // 3 or 1, n // 2, n - 1}):
        proof = consistency_proof(STORE, m, n)
        for bit in range(256):
            assert not verify_consistency(m, n, proof, flip(ROOTS[m], bit), ROOTS[n])
            assert not verify_consistency(m, n, proof, ROOTS[m], flip(ROOTS[n], bit))
            for i in range(len(proof)):
                bad = [*proof[:i], flip(proof[i], bit), *proof[i + 1 :]]
                assert not verify_consistency(m, n, bad, ROOTS[m], ROOTS[n])


def test_missing_extra_and_malformed_nodes_are_rejected():
    for n in range(1, 70):
        for m in range(n):
            proof = inclusion_proof(STORE, m, n)
            leaf, root = LEAVES[m], ROOTS[n]
            assert not verify_inclusion(leaf, m, n, [*proof, proof[-1] if proof else leaf], root)
            assert not verify_inclusion(leaf, m, n, [leaf, *proof], root)
            if proof:
                assert not verify_inclusion(leaf, m, n, proof[:-1], root)
                assert not verify_inclusion(leaf, m, n, proof[1:], root)
                assert not verify_inclusion(leaf, m, n, [*proof[:-1], proof[-1][:31]], root)
                assert not verify_inclusion(leaf, m, n, [*proof[:-1], proof[-1] + b"\0"], root)
                assert not verify_inclusion(leaf, m, n, proof[::-1], root) or len(proof) == 1
            assert not verify_inclusion(leaf, n, n, proof, root)
            assert not verify_inclusion(leaf, -1, n, proof, root)
            assert not verify_inclusion(leaf[:31], m, n, proof, root)
            assert not verify_inclusion(leaf, m, n, proof, root + b"\0")
        for m in range(1, n):
            proof = consistency_proof(STORE, m, n)
            old, new = ROOTS[m], ROOTS[n]
            assert proof
            assert not verify_consistency(m, n, proof[:-1], old, new)
            assert not verify_consistency(m, n, proof[1:], old, new)
            assert not verify_consistency(m, n, [*proof, proof[-1]], old, new)
            assert not verify_consistency(m, n, [old, *proof], old, new)
            assert not verify_consistency(m, n, [], old, new)
            assert not verify_consistency(n, m, proof, new, old)
            assert not verify_consistency(0, n, proof, old, new)
            assert not verify_consistency(m, n, [*proof[:-1], proof[-1][:31]], old, new)
        assert not verify_consistency(n, n, [ROOTS[n]], ROOTS[n], ROOTS[n])
        assert not verify_consistency(n, n, [], ROOTS[n], ROOTS[n - 1])


def test_verifiers_never_raise_on_junk():
    junk = [None, "x", 1.5, True, -1, b"", [b"x"], object()]
    for value in junk:
        args = [LEAVES[0], 0, 1, [], ROOTS[1]]
        for position in range(5):
            bad = list(args)
            bad[position] = value
            assert not verify_inclusion(*bad)  # type: ignore[arg-type]
        args = [1, 2, [LEAVES[1]], ROOTS[1], ROOTS[2]]
        for position in range(5):
            bad = list(args)
            bad[position] = value
            assert not verify_consistency(*bad)  # type: ignore[arg-type]


def test_generation_rejects_bad_arguments():
    for index, size in [(-1, 5), (5, 5), (0, 0), (0, MAX_SIZE + 1), (True, 3), ("0", 3)]:
        with pytest.raises(LedgerError):
            inclusion_proof(STORE, index, size)  # type: ignore[arg-type]
    for old, size in [(0, 5), (6, 5), (1, MAX_SIZE + 1), (-2, 3), (None, 3)]:
        with pytest.raises(LedgerError):
            consistency_proof(STORE, old, size)  # type: ignore[arg-type]
    with pytest.raises(LedgerError):
        tree_root(STORE, -1)
    with pytest.raises(LedgerError):
        MemoryStore().append(b"short")


def test_root_and_proofs_read_o_log_n_hashes():
    """The store keeps complete subtrees, so nothing rehashes the log: reads stay ~log2(n)."""
    for n in [1, 2, 3, 100, 255, 256, 257, 300]:
        bound = 2 * max(1, math.ceil(math.log2(n))) + 2
        STORE.reads = 0
        tree_root(STORE, n)
        assert STORE.reads <= bound
        for m in range(n):
            STORE.reads = 0
            inclusion_proof(STORE, m, n)
            assert STORE.reads <= bound, (m, n)
            STORE.reads = 0
            consistency_proof(STORE, m + 1, n)
            assert STORE.reads <= 2 * bound, (m, n)


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(st.binary(max_size=40), min_size=1, max_size=80),
    data=st.data(),
)
def test_random_trees_and_random_tampering(entries, data):
    store = MemoryStore()
    for entry in entries:
        store.append(leaf_hash(entry))
    n = len(entries)
    m = data.draw(st.integers(0, n - 1))
    root = naive_mth(entries)
    assert tree_root(store) == root
    proof = inclusion_proof(store, m)
    assert verify_inclusion(leaf_hash(entries[m]), m, n, proof, root)
    if proof:
        i = data.draw(st.integers(0, len(proof) - 1))
        bit = data.draw(st.integers(0, 255))
        bad = [*proof[:i], flip(proof[i], bit), *proof[i + 1 :]]
        assert not verify_inclusion(leaf_hash(entries[m]), m, n, bad, root)
    old = data.draw(st.integers(1, n))
    old_root = naive_mth(entries[:old])
    cproof = consistency_proof(store, old)
    assert verify_consistency(old, n, cproof, old_root, root)
    if cproof:
        i = data.draw(st.integers(0, len(cproof) - 1))
        bit = data.draw(st.integers(0, 255))
        bad = [*cproof[:i], flip(cproof[i], bit), *cproof[i + 1 :]]
        assert not verify_consistency(old, n, bad, old_root, root)
