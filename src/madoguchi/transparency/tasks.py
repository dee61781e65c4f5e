"""Background work for the log: the sequencer as a task (an adapter, idempotent)."""

from __future__ import annotations

from django_tasks import task

from madoguchi.transparency import services


@task()
def ledger_sequence_task() -> int:
    return services.ledger_sequence().appended
