"""A ticket's transparency receipt: its events' leaves, proofs and the signed checkpoint.

The JSON receipt carries everything a customer needs to check, with no help from the desk,
that each event of their ticket is in the log: the ticket's salt and each event's canonical
record (to recompute the commitment, docs/ledger.md "Leaves"), the leaf index, an inclusion
proof against the checkpoint, and the signed checkpoint itself (checked with the log's vkey).
Events not yet sequenced are listed as pending.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass, field

from madoguchi.ledger import PrefetchedStore, inclusion_nodes, inclusion_proof, leaf_hash
from madoguchi.tickets.models import Event, Ticket
from madoguchi.transparency import selectors, services
from madoguchi.transparency.keys import log_origin, log_verifier
from madoguchi.transparency.records import canonical_json, event_record

log = logging.getLogger(__name__)
RECEIPT_FORMAT = "madoguchi-transparency-receipt/1"


def b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


@dataclass
class ReceiptLine:
    event: Event
    leaf_index: int | None
    included: bool  # sequenced and covered by the checkpoint
    commitment: bytes | None
    proof: list[bytes] = field(default_factory=list)


@dataclass
class Receipt:
    ticket: Ticket
    lines: list[ReceiptLine]
    checkpoint_size: int
    checkpoint_root: bytes
    checkpoint_note: str

    @property
    def pending(self) -> int:
        return sum(1 for line in self.lines if not line.included)


def ticket_receipt(ticket: Ticket) -> Receipt:
    """Every event of ``ticket`` with its leaf and (when included) its inclusion proof."""
    checkpoint = services.checkpoint_current()
    size = checkpoint.tree_size
    entries = {e.event_id: e for e in selectors.ticket_entries(ticket.pk)}
    events = list(Event.objects.filter(ticket=ticket).order_by("created_at", "id"))
    lines = []
    for event in events:
        entry = entries.get(event.pk)
        index = entry.leaf_index if entry else None
        lines.append(
            ReceiptLine(
                event=event,
                leaf_index=index,
                included=index is not None and index < size,
                commitment=bytes(entry.commitment) if entry else None,
            )
        )
    wanted = {n for line in lines if line.included for n in inclusion_nodes(line.leaf_index, size)}
    store = PrefetchedStore(size, selectors.nodes_fetch(wanted))  # one query for every proof
    for line in lines:
        if line.included:
            line.proof = inclusion_proof(store, line.leaf_index)
    return Receipt(ticket, lines, size, bytes(checkpoint.root), checkpoint.note)


def receipt_document(receipt: Receipt) -> dict:
    """The downloadable JSON receipt."""
    events = []
    for line in receipt.lines:
        record = canonical_json(event_record(line.event)).decode("utf-8")
        item = {
            "event_id": line.event.pk,
            "kind": line.event.kind,
            "record": record,
            "commitment": b64(line.commitment) if line.commitment else None,
            "leaf_hash": b64(leaf_hash(line.commitment)) if line.commitment else None,
            "leaf_index": line.leaf_index,
            "status": "included" if line.included else "pending",
        }
        if line.included:
            item["inclusion_proof"] = [b64(p) for p in line.proof]
        events.append(item)
    return {
        "format": RECEIPT_FORMAT,
        "ticket": receipt.ticket.reference,
        "log": {"origin": log_origin(), "vkey": str(log_verifier())},
        "checkpoint": {
            "tree_size": receipt.checkpoint_size,
            "root_hash": b64(receipt.checkpoint_root),
            "note": receipt.checkpoint_note,
        },
        "salt": receipt.ticket.ledger_salt,
        "how_to_verify": (
            "commitment = HMAC-SHA256(key=bytes.fromhex(salt), msg=record as UTF-8); "
            "leaf_hash = SHA-256(0x00 || commitment); check inclusion_proof for leaf_index "
            "against checkpoint.root_hash (RFC 9162) and the checkpoint note's signature "
            "with the log's vkey (C2SP signed-note). docs/ledger.md explains each step."
        ),
        "events": events,
    }


def receipt_for_page(ticket: Ticket) -> Receipt | None:
    """The receipt for the customer's request page; None (logged) if the log cannot answer,
    so a broken log key never takes the customer's conversation down with it."""
    try:
        return ticket_receipt(ticket)
    except Exception:
        log.exception("transparency receipt unavailable for ticket %s", ticket.pk)
        return None
