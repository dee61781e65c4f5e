"""The log's tables: pending and sequenced entries, stored subtree hashes, the head, checkpoints.

An :class:`Entry` is written in the same transaction as its ticket event, without a leaf index
(pending); the sequencer (``services.ledger_sequence``) later gives entries consecutive indices
in commit order, stores every completed subtree hash as a :class:`Node` and signs a
:class:`Checkpoint`. The single :class:`Head` row is the sequencer's lock and holds the tree's
size, root and right edge, so a root never has to be recomputed.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from madoguchi.ledger import LedgerError

#: a Node's key packs (level, index) into one integer: level << NODE_LEVEL_SHIFT | index
NODE_LEVEL_SHIFT = 48


def node_key(level: int, index: int) -> int:
    """The primary key of subtree (level, index); indexes up to 2**48 leaves."""
    if not 0 <= index < 1 << NODE_LEVEL_SHIFT or not 0 <= level < 64:
        raise LedgerError(f"no subtree ({level}, {index}) in a log of at most 2**48 leaves")
    return (level << NODE_LEVEL_SHIFT) | index


def node_of_key(key: int) -> tuple[int, int]:
    return key >> NODE_LEVEL_SHIFT, key & ((1 << NODE_LEVEL_SHIFT) - 1)


class Entry(models.Model):
    """One ticket event's commitment; ``leaf_index`` is None until sequenced.

    No foreign keys on purpose: deleting an event or a ticket must not delete (or be blocked by)
    its entry; ``madoguchi log verify`` reports the entry whose event is gone.
    """

    event_id = models.BigIntegerField(unique=True)
    ticket_id = models.BigIntegerField(db_index=True)
    #: HMAC-SHA256(ticket salt, canonical event record): the log entry's bytes (docs/ledger.md)
    commitment = models.BinaryField(max_length=32)
    leaf_index = models.BigIntegerField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sequenced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # the sequencer's queue: only the (few) pending rows are in this index
            models.Index(fields=["id"], condition=Q(leaf_index__isnull=True), name="entry_pending"),
        ]

    def __str__(self) -> str:
        return f"entry {self.event_id} @ {self.leaf_index}"


class Node(models.Model):
    """A complete subtree's hash; level 0 holds the leaf hashes."""

    key = models.BigIntegerField(primary_key=True)
    hash = models.BinaryField(max_length=32)

    def __str__(self) -> str:
        level, index = node_of_key(self.key)
        return f"node ({level}, {index})"


class Head(models.Model):
    """The tree head (one row, pk 1); the sequencer locks it while it appends."""

    size = models.BigIntegerField(default=0)
    root = models.BinaryField(max_length=32)
    #: the complete subtrees along the right edge, biggest first (ledger.frontier_pack)
    frontier = models.BinaryField(default=b"")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"head {self.size}"


class Checkpoint(models.Model):
    """A signed checkpoint (C2SP tlog-checkpoint note) as it was published."""

    tree_size = models.BigIntegerField(db_index=True)
    root = models.BinaryField(max_length=32)
    note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        get_latest_by = "id"

    def __str__(self) -> str:
        return f"checkpoint {self.tree_size}"
