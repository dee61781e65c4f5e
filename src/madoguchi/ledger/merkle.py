"""RFC 9162 (Certificate Transparency v2) Merkle tree hashing, proofs and proof verification.

The tree is the one of RFC 9162 §2.1 (identical to RFC 6962): leaves are hashed with a 0x00
prefix and interior nodes with 0x01, so a leaf can never be passed off as a node. Proof
generation reads hashes through :class:`HashStore` so that the desk can later keep the tree in
its database; :class:`MemoryStore` keeps every complete subtree hash, which makes a root or a
proof cost O(log n) hash reads instead of rehashing the whole log.

>>> store = MemoryStore()
>>> for entry in (b"a", b"b", b"c"):
...     _ = store.append(leaf_hash(entry))
>>> root = tree_root(store)
>>> proof = inclusion_proof(store, 1)
>>> verify_inclusion(leaf_hash(b"b"), 1, 3, proof, root)
True
>>> verify_inclusion(leaf_hash(b"x"), 1, 3, proof, root)
False
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from madoguchi.ledger._errors import LedgerError

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "HashStore",
    "MemoryStore",
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "range_hash",
    "tree_root",
    "verify_consistency",
    "verify_inclusion",
]


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data): the prefix keeps leaf and node hashes in separate domains."""
    return hashlib.sha256(b"\x00" + bytes(data)).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right) for an interior node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """Largest power of two strictly smaller than ``n`` (n >= 2): where RFC 9162 splits D[n]."""
    return 1 << ((n - 1).bit_length() - 1)


@runtime_checkable
class HashStore(Protocol):
    """Read side of a log's hash storage.

    ``subtree_hash(level, index)`` is the hash of the complete, aligned subtree holding leaves
    ``[index * 2**level, (index + 1) * 2**level)``; level 0 is the leaf hash itself. Only
    subtrees that lie entirely inside ``size()`` are ever requested. A database-backed store
    only has to persist these hashes (one row per completed subtree) to serve proofs.
    """

    def size(self) -> int:
        """Number of leaves in the tree."""
        ...

    def subtree_hash(self, level: int, index: int) -> bytes:
        """Hash of the complete subtree ``index`` at ``level`` (see class docstring)."""
        ...


class MemoryStore:
    """In-memory :class:`HashStore` that stores every complete subtree hash.

    Appending a leaf completes at most log2(n) subtrees, each computed once from its two
    halves, so building a tree of n leaves costs about 2n hashes in total.
    """

    def __init__(self) -> None:
        self._levels: list[list[bytes]] = [[]]
        self.reads = 0  # counted so tests can check proofs stay O(log n)

    def size(self) -> int:
        """Number of leaves appended so far."""
        return len(self._levels[0])

    def append(self, leaf: bytes) -> int:
        """Add a leaf *hash* (see :func:`leaf_hash`) and return its index."""
        if not isinstance(leaf, bytes) or len(leaf) != HASH_SIZE:
            raise LedgerError(f"a leaf hash is {HASH_SIZE} bytes")
        index = len(self._levels[0])
        self._levels[0].append(leaf)
        level, position = 0, index
        while position % 2 == 1:  # this leaf completed the right half of a bigger subtree
            row = self._levels[level]
            parent = node_hash(row[position - 1], row[position])
            level += 1
            if len(self._levels) == level:
                self._levels.append([])
            self._levels[level].append(parent)
            position //= 2
        return index

    def subtree_hash(self, level: int, index: int) -> bytes:
        """Stored hash of a complete subtree; :class:`LedgerError` if it does not exist yet."""
        self.reads += 1
        if level < 0 or index < 0 or level >= len(self._levels):
            raise LedgerError(f"no complete subtree at level {level}, index {index}")
        row = self._levels[level]
        if index >= len(row):
            raise LedgerError(f"no complete subtree at level {level}, index {index}")
        return row[index]


def range_hash(store: HashStore, start: int, end: int) -> bytes:
    """MTH(D[start:end]) for the ranges that occur in RFC 9162 proofs.

    ``start`` must be a multiple of the largest power of two not above ``end - start`` (true for
    every range the RFC recursion produces). A complete aligned range is one stored read;
    otherwise the range splits into one complete left part and a smaller right remainder, so
    the cost is at most one read per set bit of ``end - start``.
    """
    count = end - start
    if count <= 0:
        raise LedgerError("a range hash needs at least one leaf")
    if count & (count - 1) == 0:
        level = count.bit_length() - 1
        if start % count:
            raise LedgerError("range is not aligned to a stored subtree")
        return store.subtree_hash(level, start >> level)
    k = _split(count)
    return node_hash(range_hash(store, start, start + k), range_hash(store, start + k, end))


def _checked_size(store: HashStore, tree_size: int | None) -> int:
    current = store.size()
    size = current if tree_size is None else tree_size
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise LedgerError("tree size must be a non-negative integer")
    if size > current:
        raise LedgerError(f"tree size {size} is beyond the log's {current} leaves")
    return size


def tree_root(store: HashStore, tree_size: int | None = None) -> bytes:
    """MTH of the first ``tree_size`` leaves (default: all); SHA-256("") for the empty tree."""
    size = _checked_size(store, tree_size)
    return EMPTY_ROOT if size == 0 else range_hash(store, 0, size)


def inclusion_proof(store: HashStore, index: int, tree_size: int | None = None) -> list[bytes]:
    """RFC 9162 §2.1.3.1 PATH(index, D[tree_size]), leaf-most node first."""
    size = _checked_size(store, tree_size)
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < size:
        raise LedgerError(f"leaf index {index!r} is not in a tree of size {size}")
    path: list[bytes] = []
    start, end = 0, size
    while end - start > 1:  # walk down from the root, collecting siblings
        k = _split(end - start)
        if index - start < k:
            path.append(range_hash(store, start + k, end))
            end = start + k
        else:
            path.append(range_hash(store, start, start + k))
            start += k
    path.reverse()
    return path


def consistency_proof(store: HashStore, old_size: int, tree_size: int | None = None) -> list[bytes]:
    """RFC 9162 §2.1.4.1 PROOF(old_size, D[tree_size]); empty when the sizes are equal."""
    size = _checked_size(store, tree_size)
    if not isinstance(old_size, int) or isinstance(old_size, bool) or not 0 < old_size <= size:
        raise LedgerError(f"old size {old_size!r} must be in 1..{size}")
    path: list[bytes] = []
    start, end, m, whole = 0, size, old_size, True
    while m != end - start:  # SUBPROOF(m, D[start:end], whole), unrolled
        k = _split(end - start)
        if m <= k:
            path.append(range_hash(store, start + k, end))
            end = start + k
        else:
            path.append(range_hash(store, start, start + k))
            start, m, whole = start + k, m - k, False
    if not whole:
        path.append(range_hash(store, start, end))
    path.reverse()
    return path


def _is_hash(value: object) -> bool:
    return isinstance(value, bytes) and len(value) == HASH_SIZE


def _is_proof(value: object) -> bool:
    """A proof is a list or tuple of 32-byte hashes (not bytes, which would iterate as ints)."""
    return isinstance(value, (list, tuple)) and all(_is_hash(p) for p in value)


def _is_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def verify_inclusion(
    leaf: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``proof`` show leaf hash ``leaf`` at ``index`` under ``root``?

    Returns False (never raises) for anything malformed: index >= size, hashes that are not
    32 bytes, too many or too few proof nodes.
    """
    if not (_is_hash(leaf) and _is_hash(root) and _is_size(index) and _is_size(tree_size)):
        return False
    if index >= tree_size or not _is_proof(proof):
        return False
    fn, sn, r = index, tree_size - 1, leaf
    for p in proof:
        if sn == 0:
            return False  # more nodes than the tree has levels
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> bool:
    """RFC 9162 §2.1.4.2: is the tree ``new_root`` (``new_size``) an append-only extension of
    ``old_root`` (``old_size``)?

    Equal sizes need an empty proof and equal roots. ``old_size == 0`` is rejected, as in the
    transparency-dev library: the empty tree has no root to pin, so a client that has seen no
    checkpoint should simply verify the new one. Never raises.
    """
    if not (_is_hash(old_root) and _is_hash(new_root)):
        return False
    if not (_is_size(old_size) and _is_size(new_size)) or old_size == 0 or old_size > new_size:
        return False
    if not _is_proof(proof):
        return False
    if old_size == new_size:
        return len(proof) == 0 and old_root == new_root
    if len(proof) == 0:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0
