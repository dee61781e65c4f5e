"""Each ticket gets its own transparency-log salt (existing tickets too: one each, not shared)."""

import secrets

from django.db import migrations, models

import madoguchi.tickets.models


def _salt_existing(apps, schema_editor):
    Ticket = apps.get_model("tickets", "Ticket")
    for ticket in Ticket.objects.filter(ledger_salt="").only("pk").iterator():
        Ticket.objects.filter(pk=ticket.pk).update(ledger_salt=secrets.token_hex(32))


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0002_ticket_priority_rank_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="ticket",
            name="ledger_salt",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(_salt_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ticket",
            name="ledger_salt",
            field=models.CharField(
                default=madoguchi.tickets.models.ledger_salt, editable=False, max_length=64
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="kind",
            field=models.CharField(
                choices=[
                    ("created", "created"),
                    ("message", "message"),
                    ("note", "internal note"),
                    ("status", "status changed"),
                    ("priority", "priority changed"),
                    ("assignment", "assignee changed"),
                    ("team", "team changed"),
                    ("intent", "intent changed"),
                    ("secret_redacted", "secret redacted"),
                    ("viewed", "viewed"),
                    ("guard_override", "never-ask guard overridden"),
                ],
                max_length=24,
            ),
        ),
    ]
