"""Concurrent sequencers never assign an index twice or leave a gap, and writing an entry never
waits for a running sequencer (PostgreSQL: separate connections in threads)."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection, connections, transaction

from madoguchi.ledger import MemoryStore, leaf_hash, tree_root, verify_checkpoint
from madoguchi.transparency.keys import log_verifier
from madoguchi.transparency.models import Entry, Head, Node, node_key
from madoguchi.transparency.services import checkpoint_current, ledger_sequence

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS, PER_WRITER, SEQUENCERS = 3, 40, 3


def _entry(n: int) -> Entry:
    return Entry(event_id=n, ticket_id=1, commitment=n.to_bytes(32, "big"))


def _in_thread(work, errors: list) -> threading.Thread:
    def run():
        try:
            work()
        except Exception as exc:  # surfaced by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def test_concurrent_writers_and_sequencers_give_consecutive_indices_once():
    Entry.objects.bulk_create([_entry(n) for n in range(1, 61)])
    done = threading.Event()
    errors: list = []

    def write(base: int):
        for n in range(PER_WRITER):
            with transaction.atomic():
                _entry(base + n).save()

    def sequence():
        while not done.is_set():
            ledger_sequence(limit=7)

    writers = [_in_thread(lambda b=1000 * (w + 1): write(b), errors) for w in range(WRITERS)]
    sequencers = [_in_thread(sequence, errors) for _ in range(SEQUENCERS)]
    for thread in writers + sequencers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    for thread in sequencers:
        thread.join()
    assert not errors, errors
    ledger_sequence()
    total = 60 + WRITERS * PER_WRITER
    rows = list(Entry.objects.order_by("leaf_index").values_list("leaf_index", "commitment"))
    assert [index for index, _ in rows] == list(range(total))  # each index once, no gap
    store = MemoryStore()
    for _index, value in rows:
        store.append(leaf_hash(bytes(value)))
    head = Head.objects.get()
    assert head.size == total and bytes(head.root) == tree_root(store)
    assert Node.objects.count() == sum(total >> level for level in range(total.bit_length()))
    assert bytes(Node.objects.get(key=node_key(2, 3)).hash) == store.subtree_hash(2, 3)
    checkpoint = verify_checkpoint(checkpoint_current().note, log_verifier())
    assert (checkpoint.tree_size, checkpoint.root_hash) == (total, tree_root(store))


@pytest.mark.skipif(
    "postgres" not in os.environ.get("TEST_DATABASE_URL", ""), reason="PostgreSQL row locks"
)
def test_writing_an_entry_does_not_wait_for_a_running_sequencer():
    ledger_sequence()  # the head row exists
    locked, release = threading.Event(), threading.Event()
    errors: list = []

    def hold_the_head():
        with transaction.atomic():
            Head.objects.select_for_update().get(pk=1)
            locked.set()
            release.wait(10)

    holder = _in_thread(hold_the_head, errors)
    holder.start()
    assert locked.wait(10)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")  # fail, rather than hang
            _entry(1).save()  # an event's transaction: commits while the head is locked
    finally:
        release.set()
        holder.join()
    assert not errors, errors
    assert Entry.objects.filter(leaf_index__isnull=True).count() == 1
