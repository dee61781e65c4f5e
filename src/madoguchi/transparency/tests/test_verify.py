"""`madoguchi log verify` finds every kind of tampering: an edited or deleted event row, an event
written around the log, an altered stored node or head, a rolled-back or forked checkpoint."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from madoguchi.cli import main
from madoguchi.ledger import Checkpoint as CheckpointBody
from madoguchi.ledger import sign_checkpoint
from madoguchi.tickets.models import Event
from madoguchi.transparency.keys import log_signer
from madoguchi.transparency.models import Entry, Head, Node, node_key
from madoguchi.transparency.services import checkpoint_current, ledger_sequence
from madoguchi.transparency.verify import ledger_verify

pytestmark = pytest.mark.django_db


def kinds(report) -> set[str]:
    return set(report.counts)


def test_an_untouched_log_verifies(logged_tickets):
    report = ledger_verify(saved_note=checkpoint_current().note)
    assert report.ok, report.problems
    assert report.leaves_checked == report.tree_size == Event.objects.count()


def test_an_event_edited_with_queryset_update_is_found(logged_tickets):
    event = Event.objects.filter(kind="status").first() or Event.objects.first()
    Event.objects.filter(pk=event.pk).update(data={"to": "closed", "from": "new"})
    report = ledger_verify()
    assert kinds(report) == {"event_edited"}
    assert report.problems[0].details["event_id"] == event.pk


def test_an_event_edited_with_raw_sql_is_found(logged_tickets):
    event = Event.objects.first()
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET actor_kind = 'agent' WHERE id = %s", [event.pk])
    assert kinds(ledger_verify()) == {"event_edited"}


def test_a_deleted_event_is_found(logged_tickets):
    event = Event.objects.last()
    Event.objects.filter(pk=event.pk).delete()
    report = ledger_verify()
    assert kinds(report) == {"event_deleted"}
    assert report.problems[0].details["event_id"] == event.pk


def test_an_event_written_around_the_log_is_found(logged_tickets):
    ticket = logged_tickets[1]
    sneaky = Event.objects.create(ticket=ticket, kind="viewed", actor_kind="agent", data={})
    report = ledger_verify()
    assert kinds(report) == {"event_without_leaf"}
    assert report.problems[0].details["event_id"] == sneaky.pk


@pytest.mark.parametrize("level", [0, 1])
def test_an_altered_stored_node_is_found(logged_tickets, level):
    key = node_key(level, 0)
    stored = bytes(Node.objects.get(key=key).hash)
    Node.objects.filter(key=key).update(hash=bytes([stored[0] ^ 1]) + stored[1:])
    report = ledger_verify()
    assert "node_altered" in kinds(report)
    assert report.problems[0].details == {"level": level, "index": 0}


def test_an_altered_commitment_breaks_the_signed_root(logged_tickets):
    entry = Entry.objects.get(leaf_index=0)
    value = bytes(entry.commitment)
    Entry.objects.filter(pk=entry.pk).update(commitment=bytes([value[0] ^ 0x80]) + value[1:])
    found = kinds(ledger_verify())
    assert {"event_edited", "node_altered", "checkpoint_root", "head_altered"} <= found


def test_a_rolled_back_log_is_found_from_a_saved_checkpoint(logged_tickets, file_request):
    file_request(email="more@example.jp")
    ledger_sequence()
    saved = checkpoint_current().note
    # the operator restores an older backup: the log shrinks below what a client saw
    head = Head.objects.get()
    size = head.size - 2
    Entry.objects.filter(leaf_index__gte=size).delete()
    Event.objects.filter(pk__in=Entry.objects.values("event_id")).count()
    root = bytes(head.root)
    Head.objects.filter(pk=head.pk).update(size=size)
    older = sign_checkpoint(CheckpointBody(log_signer().name, size, root), log_signer())
    from madoguchi.transparency.models import Checkpoint

    Checkpoint.objects.create(tree_size=size, root=root, note=older)
    assert "rollback" in kinds(ledger_verify(saved_note=saved))


def test_a_forked_log_is_found_from_a_saved_checkpoint(logged_tickets):
    signer = log_signer()
    current = checkpoint_current()
    forged_root = bytes(32)  # a different tree of the same size, signed by the log's own key
    saved = sign_checkpoint(CheckpointBody(signer.name, current.tree_size, forged_root), signer)
    assert "fork" in kinds(ledger_verify(saved_note=saved))
    smaller = sign_checkpoint(CheckpointBody(signer.name, 2, forged_root), signer)
    assert "fork" in kinds(ledger_verify(saved_note=smaller))


def test_a_saved_checkpoint_with_a_flipped_bit_is_refused(logged_tickets):
    note = checkpoint_current().note
    flipped = note.replace(note.split("\n")[1], str(int(note.split("\n")[1]) + 1), 1)
    assert "saved_checkpoint_invalid" in kinds(ledger_verify(saved_note=flipped))


def test_the_command_exits_1_on_tampering_and_prints_each_problem(logged_tickets, tmp_path, capsys):
    saved = tmp_path / "checkpoint.txt"
    assert main(["log", "verify", "--save", str(saved)]) == 0
    assert saved.read_text() == checkpoint_current().note
    capsys.readouterr()
    event = Event.objects.first()
    Event.objects.filter(pk=event.pk).update(kind="note")
    assert main(["log", "verify", "--checkpoint", str(saved), "--jsonl"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["problem"] == "event_edited" and lines[0]["event_id"] == event.pk
    assert lines[-1]["summary"]["ok"] is False
    assert main(["log", "verify", "--checkpoint", str(tmp_path / "missing")]) == 2


def test_sequence_and_checkpoint_commands(file_request, capsys):
    file_request()
    assert main(["log", "sequence"]) == 0
    out = capsys.readouterr().out
    assert "Sequenced" in out
    assert main(["log", "checkpoint"]) == 0
    captured = capsys.readouterr()
    assert captured.out == checkpoint_current().note and "vkey:" in captured.err
