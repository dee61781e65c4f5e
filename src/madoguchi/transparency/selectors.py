"""Reads of the log: the head, checkpoints, leaves and proofs, each in one or two queries.

A proof's node hashes are listed in advance by the pure planner (``ledger.inclusion_nodes``,
``consistency_nodes``, ``root_nodes``) and fetched with one ``WHERE key IN (...)`` query, so a
proof at a million leaves costs one index lookup per node in a single round trip.

>>> # inclusion_proof_at(leaf_index=5, tree_size=8) -> (leaf hash, [32-byte hashes])
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from madoguchi.ledger import (
    EMPTY_ROOT,
    LedgerError,
    PrefetchedStore,
    consistency_nodes,
    consistency_proof,
    inclusion_nodes,
    inclusion_proof,
    root_nodes,
    tree_root,
)
from madoguchi.ledger.plan import Node as NodeRef
from madoguchi.transparency.models import Checkpoint, Entry, Head, Node, node_key


class LogRangeError(LedgerError):
    """A size or index outside the log (the API answers 422 with this message)."""


def head_size() -> int:
    return Head.objects.filter(pk=1).values_list("size", flat=True).first() or 0


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-id").first()


def nodes_fetch(nodes: Iterable[NodeRef]) -> dict[NodeRef, bytes]:
    """The stored hashes of ``nodes``, in one query (a raw one: this is the hot path)."""
    wanted = {node_key(level, index): (level, index) for level, index in nodes}
    if not wanted:
        return {}
    table = connection.ops.quote_name(Node._meta.db_table)
    marks = ", ".join(["%s"] * len(wanted))
    sql = f"SELECT key, hash FROM {table} WHERE key IN ({marks})"  # noqa: S608 - parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, list(wanted))
        return {wanted[key]: bytes(value) for key, value in cursor.fetchall()}


def _out_of_range(what: str, value: int) -> LogRangeError:
    return LogRangeError(f"{what} {value} is beyond the log's {head_size()} leaves")


def _fetch_all(nodes: list[NodeRef], what: str, value: int) -> dict[NodeRef, bytes]:
    """Fetch every planned node. A plan for size n covers leaves [0, n) (with the proof's own
    leaf), so a missing node means n is beyond the log: no separate size query is needed."""
    fetched = nodes_fetch(nodes)
    if len(fetched) != len(set(nodes)):
        raise _out_of_range(what, value)
    return fetched


def _non_negative(value: int, what: str) -> None:
    if value < 0:
        raise LogRangeError(f"{what} must not be negative")


def root_at(tree_size: int) -> bytes:
    """MTH of the first ``tree_size`` leaves (any size up to the head)."""
    _non_negative(tree_size, "tree_size")
    if tree_size == 0:
        return EMPTY_ROOT
    nodes = root_nodes(tree_size)
    return tree_root(PrefetchedStore(tree_size, _fetch_all(nodes, "tree_size", tree_size)))


def inclusion_proof_at(*, leaf_index: int, tree_size: int) -> tuple[bytes, list[bytes]]:
    """(stored leaf hash, PATH(leaf_index, D[tree_size])) in one query."""
    _non_negative(tree_size, "tree_size")
    if not 0 <= leaf_index < tree_size:
        raise LogRangeError(f"leaf_index {leaf_index} is not in 0..{tree_size - 1}")
    nodes = [(0, leaf_index), *inclusion_nodes(leaf_index, tree_size)]
    fetched = _fetch_all(nodes, "tree_size", tree_size)
    proof = inclusion_proof(PrefetchedStore(tree_size, fetched), leaf_index)
    return fetched[(0, leaf_index)], proof


def consistency_proof_between(*, first: int, second: int) -> list[bytes]:
    """PROOF(first, D[second]) in one query (two when first == second: the size check)."""
    if not 0 < first <= second:
        raise LogRangeError(f"first must be in 1..second ({second}), not {first}")
    nodes = consistency_nodes(first, second)
    if not nodes and second > head_size():
        raise _out_of_range("second", second)
    return consistency_proof(PrefetchedStore(second, _fetch_all(nodes, "second", second)), first)


def leaf_at(leaf_index: int) -> tuple[bytes, bytes]:
    """(entry bytes = the commitment, stored leaf hash) of a sequenced leaf."""
    _non_negative(leaf_index, "leaf_index")
    entry = Entry.objects.filter(leaf_index=leaf_index).values_list("commitment", flat=True).first()
    stored = nodes_fetch([(0, leaf_index)]).get((0, leaf_index))
    if entry is None and stored is None:
        raise _out_of_range("leaf_index", leaf_index)
    if entry is None or stored is None:
        raise LedgerError(f"leaf {leaf_index} is missing from the database")
    return bytes(entry), stored


def ticket_entries(ticket_id: int) -> list[Entry]:
    return list(Entry.objects.filter(ticket_id=ticket_id).order_by("event_id"))
