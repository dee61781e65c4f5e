"""Appending leaves with only the tree's right edge in hand (its "frontier", a compact range).

A tree of ``size`` leaves is a row of complete subtrees, one per set bit of ``size``, biggest
first. Keeping their hashes is enough to append more leaves, to list every subtree hash each
append completes (what a database store persists), and to compute the root, all without reading
any stored hash.

>>> from madoguchi.ledger.merkle import MemoryStore, leaf_hash, tree_root
>>> store, frontier = MemoryStore(), []
>>> for n in range(6):
...     _ = store.append(leaf_hash(bytes([n])))
...     completed = frontier_append(frontier, n, leaf_hash(bytes([n])))
>>> [(level, index) for level, index, _ in completed]
[(0, 5), (1, 2)]
>>> frontier_root(frontier) == tree_root(store)
True
"""

from __future__ import annotations

from madoguchi.ledger._errors import LedgerError
from madoguchi.ledger.merkle import EMPTY_ROOT, HASH_SIZE, node_hash

__all__ = ["frontier_append", "frontier_pack", "frontier_root", "frontier_unpack"]


def frontier_append(frontier: list[bytes], size: int, leaf: bytes) -> list[tuple[int, int, bytes]]:
    """Append leaf hash ``leaf`` as leaf number ``size``; update ``frontier`` in place.

    Returns the subtrees the append completed as ``(level, index, hash)``, the leaf itself first.
    """
    if len(frontier) != size.bit_count():
        raise LedgerError(f"a frontier of a {size}-leaf tree has {size.bit_count()} hashes")
    if not isinstance(leaf, bytes) or len(leaf) != HASH_SIZE:
        raise LedgerError(f"a leaf hash is {HASH_SIZE} bytes")
    completed = [(0, size, leaf)]
    value, level, position = leaf, 0, size
    while position & 1:  # the new subtree is the right half of the next one up
        value = node_hash(frontier.pop(), value)
        level += 1
        position >>= 1
        completed.append((level, position, value))
    frontier.append(value)
    return completed


def frontier_root(frontier: list[bytes]) -> bytes:
    """MTH of the whole tree: the subtrees folded right to left (RFC 9162's split)."""
    if not frontier:
        return EMPTY_ROOT
    root = frontier[-1]
    for left in reversed(frontier[:-1]):
        root = node_hash(left, root)
    return root


def frontier_pack(frontier: list[bytes]) -> bytes:
    """The frontier as one byte string (32 bytes per subtree, biggest first)."""
    return b"".join(frontier)


def frontier_unpack(packed: bytes, size: int) -> list[bytes]:
    """Inverse of :func:`frontier_pack`, checked against the tree size."""
    packed = bytes(packed)
    if len(packed) != HASH_SIZE * size.bit_count():
        raise LedgerError(f"a frontier of a {size}-leaf tree has {size.bit_count()} hashes")
    return [packed[i : i + HASH_SIZE] for i in range(0, len(packed), HASH_SIZE)]
