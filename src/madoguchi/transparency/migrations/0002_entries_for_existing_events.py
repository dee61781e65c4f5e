"""Events written before the log existed get pending entries, so the first sequencer run logs
them (in id order) and `log verify` does not report them as events without a leaf."""

from types import SimpleNamespace

from django.db import migrations
from django.utils import timezone

from madoguchi.transparency.records import commitment, event_record

BATCH = 2_000
FIELDS = ("id", "ticket_id", "kind", "actor_kind", "actor_agent_id", "data", "created_at")


def _entries_for_existing_events(apps, schema_editor):
    Event = apps.get_model("tickets", "Event")
    Entry = apps.get_model("transparency", "Entry")
    logged = set(Entry.objects.values_list("event_id", flat=True))
    rows = Event.objects.order_by("id").values(*FIELDS, "ticket__ledger_salt")
    batch = []
    now = timezone.now()
    for row in rows.iterator(chunk_size=BATCH):
        if row["id"] in logged:
            continue
        event = SimpleNamespace(pk=row["id"], **{k: row[k] for k in FIELDS})
        value = commitment(row["ticket__ledger_salt"], event_record(event))
        batch.append(
            Entry(event_id=row["id"], ticket_id=row["ticket_id"], commitment=value, created_at=now)
        )
        if len(batch) >= BATCH:
            Entry.objects.bulk_create(batch)
            batch = []
    Entry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0001_initial"),
        ("tickets", "0003_ledger_salt_guard_override"),
    ]

    operations = [
        migrations.RunPython(_entries_for_existing_events, migrations.RunPython.noop),
    ]
