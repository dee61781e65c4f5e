"""The dev set as a test: accuracy floors per language, a few points under what we measure.

The dev set (``queries.jsonl``, assembled from ``parts/``) was written separately from the
articles' example questions, which are what the engine trains on. The floors catch a
regression; they are not a target to tune against (tune on the examples, with
cross-validation, then look here). Measured numbers: docs/benchmarks.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from madoguchi.nlu import Understander
from madoguchi.nlu.evaluate import DevItem, evaluate_devset, load_devset
from tests.nlu.conftest import bundled_records

HERE = Path(__file__).parent
#: top-1 floors per language (abstaining on an out-of-scope query counts as right); measured
#: 2026-11-29 on 548 queries: ja 0.906, en 0.904 (top-3 0.977 / 0.968, abstain recall 0.90 / 0.90)
TOP1_FLOOR = {"ja": 0.87, "en": 0.87}
TOP3_FLOOR = {"ja": 0.94, "en": 0.93}
#: out-of-scope questions (incl. investment advice) the engine must decline
ABSTAIN_RECALL_FLOOR = 0.80


def devset() -> list[DevItem]:
    path = HERE / "queries.jsonl"
    if path.is_file():
        return load_devset(path)
    items: list[DevItem] = []
    for part in sorted((HERE / "parts").glob("*.jsonl")):
        items.extend(load_devset(part))
    return items


@pytest.fixture(scope="module")
def report():
    engine = Understander(bundled_records())
    return evaluate_devset(devset(), lambda text, hint: engine.understand(text, hint).as_dict())


def test_the_dev_set_is_big_enough_and_has_out_of_scope_queries():
    items = devset()
    assert len(items) >= 300
    for language in ("ja", "en"):
        mine = [i for i in items if i.language == language]
        assert len(mine) >= 100
        assert sum(i.intent is None for i in mine) >= 10


@pytest.mark.parametrize("language", ["ja", "en"])
def test_top1_and_top3_floors(report, language):
    row = report[language]
    assert row["top1"] >= TOP1_FLOOR[language], (row["top1"], row["misses"][:20])
    assert row["top3"] >= TOP3_FLOOR[language], row["top3"]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_out_of_scope_queries_are_declined(report, language):
    assert report[language]["abstain_recall"] >= ABSTAIN_RECALL_FLOOR
