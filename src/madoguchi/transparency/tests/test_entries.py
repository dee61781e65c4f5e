"""A leaf per ticket event, in the event's transaction; the sequencer's order and its checkpoints."""

from __future__ import annotations

import pytest
from django.db import transaction

from madoguchi.ledger import frontier_root, leaf_hash, verify_checkpoint
from madoguchi.ledger.frontier import frontier_unpack
from madoguchi.tickets.events import event_record
from madoguchi.tickets.models import Event, Ticket
from madoguchi.transparency.keys import log_verifier
from madoguchi.transparency.models import Checkpoint, Entry, Head, Node, node_key
from madoguchi.transparency.records import canonical_json, commitment
from madoguchi.transparency.records import event_record as record_of
from madoguchi.transparency.selectors import root_at
from madoguchi.transparency.services import ledger_sequence

pytestmark = pytest.mark.django_db


def test_every_event_gets_a_pending_entry_that_commits_to_it(file_request):
    ticket = file_request().ticket
    events = list(Event.objects.filter(ticket=ticket))
    entries = {e.event_id: e for e in Entry.objects.all()}
    assert events and set(entries) == {e.pk for e in events}
    for event in events:
        entry = entries[event.pk]
        assert entry.leaf_index is None and entry.ticket_id == ticket.pk  # pending
        assert bytes(entry.commitment) == commitment(ticket.ledger_salt, record_of(event))


def test_the_record_and_commitment_bytes_are_the_documented_ones(file_request):
    ticket = file_request().ticket
    event = Event.objects.filter(ticket=ticket, kind="created").get()
    record = canonical_json(record_of(event))
    assert record.startswith(b'{"actor_agent_id":null,"actor_kind":"customer","created_at":"')
    assert f'"id":{event.pk},"kind":"created","ticket_id":{ticket.pk}}}'.encode() in record
    assert b" " not in record.replace(b"Z", b"")  # no whitespace anywhere
    import hashlib
    import hmac

    expected = hmac.new(bytes.fromhex(ticket.ledger_salt), record, hashlib.sha256).digest()
    assert bytes(Entry.objects.get(event_id=event.pk).commitment) == expected


def test_a_rolled_back_change_leaves_no_entry(file_request):
    ticket = file_request().ticket
    before = Entry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        event_record(ticket=ticket, kind=Event.Kind.STATUS, actor_kind="system", data={"to": "x"})
        raise RuntimeError("the change fails after its event was written")
    assert Entry.objects.count() == before


def test_the_sequencer_assigns_consecutive_indices_in_order_and_signs(file_request):
    for n in range(4):
        file_request(email=f"c{n}@example.jp")
    pending = list(Entry.objects.order_by("id").values_list("id", flat=True))
    result = ledger_sequence(limit=3)  # several batches, each its own transaction
    assert result.appended == len(pending) == result.tree_size
    indices = list(Entry.objects.order_by("id").values_list("leaf_index", flat=True))
    assert indices == list(range(len(pending)))
    head = Head.objects.get()
    assert head.size == len(pending)
    assert frontier_root(frontier_unpack(bytes(head.frontier), head.size)) == bytes(head.root)
    assert root_at(head.size) == bytes(head.root)
    for entry in Entry.objects.all():
        stored = Node.objects.get(key=node_key(0, entry.leaf_index)).hash
        assert bytes(stored) == leaf_hash(bytes(entry.commitment))
    latest = Checkpoint.objects.order_by("-id").first()
    checkpoint = verify_checkpoint(latest.note, log_verifier())
    assert (checkpoint.tree_size, checkpoint.root_hash) == (head.size, bytes(head.root))
    assert ledger_sequence().appended == 0  # nothing pending: idempotent
    assert Checkpoint.objects.order_by("-id").first().pk == latest.pk  # no new signature either
    file_request(email="later@example.jp")
    ledger_sequence()
    later = list(Entry.objects.order_by("id").values_list("leaf_index", flat=True))
    assert later == list(range(len(later)))  # still no gap


def test_deleting_a_ticket_keeps_its_entries(file_request):
    ticket = file_request().ticket
    ledger_sequence()
    count = Entry.objects.count()
    Ticket.objects.filter(pk=ticket.pk).delete()  # the events go with it (CASCADE)
    assert Entry.objects.count() == count  # the log does not lose its leaves


def test_the_migration_gives_events_from_before_the_log_pending_entries(file_request):
    import importlib

    from django.apps import apps

    from madoguchi.transparency.verify import ledger_verify

    migration = importlib.import_module(
        "madoguchi.transparency.migrations.0002_entries_for_existing_events"
    )
    file_request()
    file_request(email="second@example.jp")
    Entry.objects.all().delete()  # as on a desk upgraded from before the log
    assert ledger_verify().counts.get("event_without_leaf") == Event.objects.count()
    migration._entries_for_existing_events(apps, None)
    migration._entries_for_existing_events(apps, None)  # idempotent
    assert Entry.objects.count() == Event.objects.count()
    ledger_sequence()
    assert ledger_verify().ok


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["task", "inline"])
def test_a_commit_gets_its_entries_sequenced_without_being_asked(settings, file_request, mode):
    """The default: after the event's commit a task runs the sequencer (the immediate backend
    runs it at once here); "inline" runs it in the commit hook itself."""
    settings.LEDGER_SEQUENCE = mode
    settings.LEDGER_SEQUENCE_DELAY = 0
    result = file_request(body="出金が届きません (auto sequencing)")
    entries = Entry.objects.filter(ticket_id=result.ticket.pk)
    assert entries.exists()
    assert not entries.filter(leaf_index=None).exists()
    assert Head.objects.get().size == Entry.objects.exclude(leaf_index=None).count()


@pytest.mark.django_db(transaction=True)
def test_manual_mode_leaves_entries_pending_after_commit(file_request):
    result = file_request(body="出金が届きません (manual)")
    assert Entry.objects.filter(ticket_id=result.ticket.pk, leaf_index=None).exists()
