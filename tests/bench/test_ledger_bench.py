"""bench/ledger.py at tiny size on the test database, so the script cannot rot unnoticed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` lives at the repo root, outside src/
    sys.path.insert(0, str(ROOT))

from bench import ledger, ledger_report  # noqa: E402
from madoguchi.transparency.models import Entry  # noqa: E402
from madoguchi.transparency.services import entry_append  # noqa: E402

pytestmark = pytest.mark.django_db


def test_the_store_pymerkle_and_intake_measurements_run_small(tmp_path, settings):
    store = ledger.store_measurements(leaves=300, queries=5, seed=1)
    assert store["leaves"] == 300 == Entry.objects.exclude(leaf_index=None).count()
    assert store["append"]["per_s"] > 0 and store["inclusion"]["n"] == 5
    store["pymerkle"] = ledger.pymerkle_measurements(300, 5, 1, tmp_path)
    assert store["pymerkle"]["leaves"] == 300
    intake = ledger.intake_measurement(messages=3, seed=2)
    assert set(ledger.INTAKE_MODES) <= set(intake)
    # the bench put the hook and the setting back
    from madoguchi.transparency import services

    assert services.entry_append is entry_append
    assert settings.LEDGER_SEQUENCE == "manual"  # as test_settings has it
    results = {
        "machine": {"cpu_model": "x", "logical_cpus": 1, "python": "3", "date": "today"},
        "store": {"sqlite": store},
        "intake": {"sqlite": intake},
        "leaves": 300,
        "intake_messages": 3,
    }
    text = ledger.render(results, "test")
    assert "pymerkle" in text and "sequencing inline" in text
    assert ledger_report.targets(results)
