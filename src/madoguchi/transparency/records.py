"""What a leaf commits to: a ticket event's canonical record, salted with its ticket's salt.

The exact bytes (docs/ledger.md, "Leaves"): the record is the JSON object

    {"actor_agent_id": int|null, "actor_kind": str, "created_at": "YYYY-MM-DDTHH:MM:SS.ffffffZ",
     "data": {...}, "id": int, "kind": str, "ticket_id": int}

serialised with sorted keys, no whitespace (``","`` and ``":"``), non-ASCII kept as UTF-8;
the commitment is ``HMAC-SHA256(key = bytes.fromhex(ticket.ledger_salt), record)``; the log
entry is those 32 bytes, and the Merkle leaf hash is ``SHA-256(0x00 || commitment)``.

>>> canonical_json({"b": 1, "a": "窓口"})
b'{"a":"\\xe7\\xaa\\x93\\xe5\\x8f\\xa3","b":1}'
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

RECORD_FIELDS = ("actor_agent_id", "actor_kind", "created_at", "data", "id", "kind", "ticket_id")


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def utc_iso(moment: datetime) -> str:
    """Always microseconds and ``Z``: one spelling per instant."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_record(event) -> dict[str, Any]:
    """The record of a ticket :class:`~madoguchi.tickets.models.Event`.

    ``data`` goes through a JSON round trip first, so the record built from the object just
    saved equals the one built later from the row read back (tuples become lists, and so on).
    """
    return {
        "actor_agent_id": event.actor_agent_id,
        "actor_kind": str(event.actor_kind),
        "created_at": utc_iso(event.created_at),
        "data": json.loads(json.dumps(event.data)),
        "id": event.pk,
        "kind": str(event.kind),
        "ticket_id": event.ticket_id,
    }


def commitment(salt_hex: str, record: dict[str, Any]) -> bytes:
    """HMAC-SHA256 of the canonical record, keyed by the ticket's salt (64 hex characters)."""
    return hmac.new(bytes.fromhex(salt_hex), canonical_json(record), hashlib.sha256).digest()
