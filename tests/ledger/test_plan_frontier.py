"""The proof planners and the frontier appender agree with MemoryStore at every size to 300."""

from __future__ import annotations

import pytest

from madoguchi.ledger import (
    EMPTY_ROOT,
    LedgerError,
    MemoryStore,
    PrefetchedStore,
    consistency_nodes,
    consistency_proof,
    frontier_append,
    frontier_pack,
    frontier_root,
    frontier_unpack,
    inclusion_nodes,
    inclusion_proof,
    leaf_hash,
    root_nodes,
    tree_root,
)

MAX_SIZE = 300


class CountingStore:
    """Wraps a MemoryStore, at a smaller size, recording every node read."""

    def __init__(self, store: MemoryStore, size: int) -> None:
        self.store, self._size, self.read = store, size, set()

    def size(self) -> int:
        return self._size

    def subtree_hash(self, level: int, index: int) -> bytes:
        self.read.add((level, index))
        return self.store.subtree_hash(level, index)


@pytest.fixture(scope="module")
def big_store() -> MemoryStore:
    store = MemoryStore()
    for n in range(MAX_SIZE):
        store.append(leaf_hash(n.to_bytes(4, "big")))
    return store


def _prefetched(store: MemoryStore, size: int, nodes) -> PrefetchedStore:
    return PrefetchedStore(size, {node: store.subtree_hash(*node) for node in nodes})


def test_root_plan_every_size(big_store):
    assert root_nodes(0) == []
    for size in range(1, MAX_SIZE + 1):
        nodes = root_nodes(size)
        assert len(nodes) == size.bit_count()
        counting = CountingStore(big_store, size)
        assert tree_root(_prefetched(big_store, size, nodes)) == tree_root(counting)
        assert counting.read == set(nodes)


def test_inclusion_and_consistency_plans_every_size(big_store):
    for size in range(1, MAX_SIZE + 1):
        for index in range(size):
            nodes = inclusion_nodes(index, size)
            want = inclusion_proof(big_store, index, size)
            assert inclusion_proof(_prefetched(big_store, size, nodes), index) == want
        for old in range(1, size + 1):
            nodes = consistency_nodes(old, size)
            want = consistency_proof(big_store, old, size)
            assert consistency_proof(_prefetched(big_store, size, nodes), old) == want


def test_plans_reject_bad_arguments():
    with pytest.raises(LedgerError):
        inclusion_nodes(5, 5)
    with pytest.raises(LedgerError):
        consistency_nodes(0, 5)
    with pytest.raises(LedgerError):
        root_nodes(-1)
    with pytest.raises(LedgerError):
        PrefetchedStore(4, {}).subtree_hash(2, 0)


def test_frontier_matches_memory_store_every_size():
    store, frontier = MemoryStore(), []
    assert frontier_root(frontier) == EMPTY_ROOT
    completed_all = {}
    for n in range(MAX_SIZE):
        leaf = leaf_hash(n.to_bytes(4, "big"))
        store.append(leaf)
        for level, index, value in frontier_append(frontier, n, leaf):
            completed_all[(level, index)] = value
        size = n + 1
        assert frontier_root(frontier) == tree_root(store)
        assert frontier_unpack(frontier_pack(frontier), size) == frontier
    # every complete subtree is reported exactly once, with MemoryStore's hash
    for (level, index), value in completed_all.items():
        assert store.subtree_hash(level, index) == value
    expected = sum(MAX_SIZE >> level for level in range(MAX_SIZE.bit_length()))
    assert len(completed_all) == expected


def test_frontier_rejects_mismatches():
    with pytest.raises(LedgerError):
        frontier_append([], 1, bytes(32))
    with pytest.raises(LedgerError):
        frontier_append([], 0, b"short")
    with pytest.raises(LedgerError):
        frontier_unpack(bytes(32), 3)
