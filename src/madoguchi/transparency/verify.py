"""``madoguchi log verify``: recompute the whole log from the database and report tampering.

Checks, in one pass over the leaves in index order:

- the latest checkpoint's signature (the log's key), and that the log has not shrunk below it;
- every leaf index from 0 to the head's size has an entry (no gap);
- each entry's commitment equals the one recomputed from its event row and its ticket's salt
  (``event_edited``), and the event still exists (``event_deleted``);
- every stored subtree hash (leaves included) equals the one recomputed from the entries
  (``node_altered``, ``node_missing``, ``node_extra``), and so do the head's root and the
  checkpoint's root;
- every event has an entry (``event_without_leaf``);
- with a saved checkpoint: its signature, no rollback (``rollback``), the same root at its size
  (``fork``) and a valid consistency proof to the current checkpoint (``inconsistent``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db.models import Exists, OuterRef

from madoguchi.ledger import (
    Checkpoint as CheckpointBody,
)
from madoguchi.ledger import (
    LedgerError,
    frontier_append,
    frontier_root,
    leaf_hash,
    verify_checkpoint,
    verify_consistency,
)
from madoguchi.tickets.models import Event
from madoguchi.transparency import selectors
from madoguchi.transparency.keys import log_verifier
from madoguchi.transparency.models import Entry, Head, Node, node_key
from madoguchi.transparency.records import commitment, event_record

CHUNK = 5_000
MAX_LISTED = 1_000  # problems listed one by one per kind; the rest are counted


@dataclass
class Problem:
    kind: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"problem": self.kind, "message": self.message, **self.details}


@dataclass
class VerifyReport:
    tree_size: int = 0
    checkpoint_size: int | None = None
    checkpoint_note: str = ""
    leaves_checked: int = 0
    pending: int = 0
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.counts

    def add(self, kind: str, message: str, **details: Any) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= MAX_LISTED:
            self.problems.append(Problem(kind, message, details))


_EVENT_FIELDS = ("id", "ticket_id", "kind", "actor_kind", "actor_agent_id", "data", "created_at")


def _events(ids: list[int]) -> dict[int, tuple[SimpleNamespace, str]]:
    rows = Event.objects.filter(pk__in=ids).values(*_EVENT_FIELDS, "ticket__ledger_salt")
    return {
        row["id"]: (SimpleNamespace(pk=row["id"], **row), row["ticket__ledger_salt"])
        for row in rows
    }


def _check_entry(report: VerifyReport, entry: dict, events: dict) -> None:
    found = events.get(entry["event_id"])
    where = {"event_id": entry["event_id"], "leaf_index": entry["leaf_index"]}
    if found is None:
        report.add("event_deleted", f"event {entry['event_id']} is gone but logged", **where)
        return
    event, salt = found
    if commitment(salt, event_record(event)) != bytes(entry["commitment"]):
        report.add(
            "event_edited", f"event {entry['event_id']} differs from its commitment", **where
        )


def _stored_nodes(produced: list[tuple[int, int, bytes]]) -> dict[int, bytes]:
    """The stored hashes for the nodes a chunk produced: one range query per level."""
    by_level: dict[int, list[int]] = {}
    for level, index, _value in produced:
        by_level.setdefault(level, []).append(index)
    stored: dict[int, bytes] = {}
    for level, indices in by_level.items():
        low, high = node_key(level, min(indices)), node_key(level, max(indices))
        for key, value in Node.objects.filter(key__gte=low, key__lte=high).values_list(
            "key", "hash"
        ):
            stored[key] = bytes(value)
    return stored


def _check_tree(report: VerifyReport, size: int, sizes_of_interest: set[int]) -> dict[int, bytes]:
    """Rebuild the tree from the stored entries, compare every stored node; return the
    recomputed roots at ``sizes_of_interest``."""
    frontier: list[bytes] = []
    roots: dict[int, bytes] = {}
    if 0 in sizes_of_interest:
        roots[0] = frontier_root(frontier)
    position = 0
    for start in range(0, size, CHUNK):
        end = min(start + CHUNK, size)
        entries = list(
            Entry.objects.filter(leaf_index__gte=start, leaf_index__lt=end)
            .order_by("leaf_index")
            .values("event_id", "commitment", "leaf_index")
        )
        events = _events([e["event_id"] for e in entries])
        produced: list[tuple[int, int, bytes]] = []
        for entry in entries:
            while position < entry["leaf_index"]:  # a gap: the tree cannot be rebuilt past it
                report.add(
                    "leaf_missing", f"no entry has leaf index {position}", leaf_index=position
                )
                return roots
            _check_entry(report, entry, events)
            produced += frontier_append(frontier, position, leaf_hash(bytes(entry["commitment"])))
            position += 1
            report.leaves_checked += 1
            if position in sizes_of_interest:
                roots[position] = frontier_root(frontier)
        if position < end:
            report.add("leaf_missing", f"no entry has leaf index {position}", leaf_index=position)
            return roots
        stored = _stored_nodes(produced)
        for level, index, value in produced:
            got = stored.get(node_key(level, index))
            if got is None:
                report.add(
                    "node_missing", f"node ({level}, {index}) is missing", level=level, index=index
                )
            elif got != value:
                report.add(
                    "node_altered", f"node ({level}, {index}) was altered", level=level, index=index
                )
    expected = sum(size >> level for level in range(size.bit_length()))
    if Node.objects.count() > expected:
        report.add(
            "node_extra", f"more stored nodes than a {size}-leaf tree has", expected=expected
        )
    return roots


def _saved_checkpoint(report: VerifyReport, saved_note: str) -> CheckpointBody | None:
    try:
        return verify_checkpoint(saved_note, log_verifier())
    except LedgerError as exc:
        report.add("saved_checkpoint_invalid", f"the saved checkpoint does not verify: {exc}")
        return None


def ledger_verify(*, saved_note: str | None = None) -> VerifyReport:
    """Check the whole log against the database (see the module docstring)."""
    report = VerifyReport()
    head = Head.objects.filter(pk=1).first()
    size = head.size if head else 0
    report.tree_size = size
    current = None
    latest = selectors.latest_checkpoint()
    if latest is not None:
        report.checkpoint_note = latest.note
        try:
            current = verify_checkpoint(latest.note, log_verifier())
            report.checkpoint_size = current.tree_size
        except LedgerError as exc:
            report.add("checkpoint_invalid", f"the latest checkpoint does not verify: {exc}")
    saved = _saved_checkpoint(report, saved_note) if saved_note is not None else None
    interest = {c.tree_size for c in (current, saved) if c is not None and c.tree_size <= size}
    roots = _check_tree(report, size, interest | {size})
    if head is not None and size in roots and roots[size] != bytes(head.root):
        report.add("head_altered", "the head's root is not the recomputed root")
    if current is not None:
        if current.tree_size > size:
            report.add("rollback", f"the log has {size} leaves, its checkpoint {current.tree_size}")
        elif roots.get(current.tree_size, current.root_hash) != current.root_hash:
            report.add("checkpoint_root", "the checkpoint's root is not the recomputed root")
    if saved is not None and current is not None:
        _compare_saved(report, saved, current, roots)
    _check_unlogged_and_pending(report)
    return report


def _compare_saved(report, saved: CheckpointBody, current: CheckpointBody, roots) -> None:
    if saved.tree_size > current.tree_size:
        report.add(
            "rollback",
            f"the saved checkpoint has {saved.tree_size} leaves, the log now {current.tree_size}",
        )
        return
    if saved.tree_size in roots and roots[saved.tree_size] != saved.root_hash:
        report.add("fork", f"the log's root at size {saved.tree_size} is not the saved one")
        return
    if saved.tree_size == 0:
        return
    try:
        proof = selectors.consistency_proof_between(first=saved.tree_size, second=current.tree_size)
    except LedgerError as exc:
        report.add("inconsistent", f"no consistency proof: {exc}")
        return
    if not verify_consistency(
        saved.tree_size, current.tree_size, proof, saved.root_hash, current.root_hash
    ):
        report.add("inconsistent", "the consistency proof from the saved checkpoint fails")


def _check_unlogged_and_pending(report: VerifyReport) -> None:
    unlogged = Event.objects.filter(~Exists(Entry.objects.filter(event_id=OuterRef("pk"))))
    for event_id in unlogged.values_list("id", flat=True)[: MAX_LISTED + 1]:
        report.add("event_without_leaf", f"event {event_id} has no log entry", event_id=event_id)
    pending = list(
        Entry.objects.filter(leaf_index__isnull=True).values("event_id", "commitment", "leaf_index")
    )
    report.pending = len(pending)
    events = _events([e["event_id"] for e in pending])
    for entry in pending:
        _check_entry(report, entry, events)
