"""Which stored subtree hashes a root or a proof needs, so a database store reads them at once.

RFC 9162 proofs depend only on tree sizes and the leaf index, never on hash values, so the
(level, index) pairs they read are known in advance. A database-backed store lists them with
these planners, fetches every hash in one query, and computes the proof over
:class:`PrefetchedStore`:

>>> from madoguchi.ledger.merkle import MemoryStore, inclusion_proof, leaf_hash
>>> store = MemoryStore()
>>> for n in range(5):
...     _ = store.append(leaf_hash(bytes([n])))
>>> inclusion_nodes(1, 5)
[(0, 4), (1, 1), (0, 0)]
>>> fetched = {node: store.subtree_hash(*node) for node in inclusion_nodes(1, 5)}
>>> inclusion_proof(PrefetchedStore(5, fetched), 1) == inclusion_proof(store, 1)
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from madoguchi.ledger._errors import LedgerError
from madoguchi.ledger.merkle import HASH_SIZE, consistency_proof, inclusion_proof, tree_root

__all__ = [
    "Node",
    "PrefetchedStore",
    "consistency_nodes",
    "inclusion_nodes",
    "root_nodes",
]

#: a stored subtree: (level, index) holds leaves [index * 2**level, (index + 1) * 2**level)
Node = tuple[int, int]


class _RecordingStore:
    """A :class:`HashStore` of a given size that records what is read and returns zeros."""

    def __init__(self, size: int) -> None:
        self._size = size
        self.read: list[Node] = []

    def size(self) -> int:
        return self._size

    def subtree_hash(self, level: int, index: int) -> bytes:
        node = (level, index)
        if node not in self.read:
            self.read.append(node)
        return bytes(HASH_SIZE)


def _plan(size: int, run: Callable[[_RecordingStore], object]) -> list[Node]:
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise LedgerError("tree size must be a non-negative integer")
    store = _RecordingStore(size)
    run(store)
    return store.read


def root_nodes(size: int) -> list[Node]:
    """The subtrees MTH(D[0:size]) is folded from: one per set bit of ``size``."""
    return _plan(size, lambda store: tree_root(store))


def inclusion_nodes(index: int, size: int) -> list[Node]:
    """The subtrees PATH(index, D[size]) reads (LedgerError for an index outside the tree)."""
    return _plan(size, lambda store: inclusion_proof(store, index))


def consistency_nodes(old_size: int, size: int) -> list[Node]:
    """The subtrees PROOF(old_size, D[size]) reads (LedgerError unless 0 < old_size <= size)."""
    return _plan(size, lambda store: consistency_proof(store, old_size))


class PrefetchedStore:
    """A :class:`HashStore` over hashes fetched in advance; a missing one is a LedgerError."""

    def __init__(self, size: int, hashes: Mapping[Node, bytes]) -> None:
        self._size = size
        self._hashes = hashes

    def size(self) -> int:
        return self._size

    def subtree_hash(self, level: int, index: int) -> bytes:
        try:
            return self._hashes[(level, index)]
        except KeyError:
            raise LedgerError(f"subtree ({level}, {index}) was not fetched") from None
