"""bench/intake.py at tiny size on the test database, so the script cannot rot unnoticed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` lives at the repo root, outside src/
    sys.path.insert(0, str(ROOT))

from bench.corpus_gen import generate  # noqa: E402

from bench import intake, intake_report, intake_workload  # noqa: E402
from madoguchi.tickets.models import Message, Ticket  # noqa: E402

pytestmark = pytest.mark.django_db


def test_the_plan_is_deterministic_and_mixes_new_tickets_and_replies():
    samples = generate(60, seed=3)
    plan = intake_workload.intake_plan(samples, seed=3)
    assert plan == intake_workload.intake_plan(samples, seed=3)
    replies = [step for step in plan if "reply_to" in step]
    assert 0 < len(replies) < len(plan)
    for step in replies:  # a reply answers an earlier ticket of the same customer
        assert step["reply_to"] < plan.index(step)
        assert plan[step["reply_to"]]["identity_value"] == step["identity_value"]
    assert any("facts" in step for step in plan)
    assert len({step["external_id"] for step in plan}) == len(plan)


def test_intake_throughput_runs_the_full_intake():
    result = intake_workload.intake_throughput(messages=20, seed=5, warmup=2)
    assert result["messages"] == 20
    assert result["new_tickets"] + result["replies"] == 20
    assert result["messages_per_s"] > 0 and 0 < result["p50_ms"] <= result["p99_ms"]
    assert result["queries_per_message"] > 3
    # warm-up, the timed run and the query probe, each message stored once
    assert Message.objects.filter(author_kind="customer").count() == 2 + 20 + 20


def test_seeded_tickets_and_the_inbox_page():
    seeded = intake_workload.seed_tickets(300, seed=7, batch=120)
    assert seeded["total_tickets"] == Ticket.objects.count() == 300
    assert Ticket.objects.filter(reference__isnull=True).count() == 0
    assert Ticket.objects.filter(created_at__lt=Ticket.objects.latest("created_at").created_at)
    queries = dict(list(intake_workload.INBOX_QUERIES.items())[:3])
    queries["page 2"] = "status=any&page=2"
    inbox = intake_workload.inbox_latency(requests=2, queries=queries, warmup=1)
    assert set(inbox) == set(queries)
    for row in inbox.values():
        assert row["requests"] == 2 and 0 < row["p50_ms"] <= row["max_ms"]
        assert 0 < row["sql_queries"] < 25
        assert row["slowest_sql"]["sql"]
        assert row["gc_full_collections"] >= 0
    assert intake_workload.explain(inbox["page 2"]["slowest_sql"]["sql"])


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert intake_workload.percentile(values, 50) == 50
    assert intake_workload.percentile(values, 99) == 99
    assert intake_workload.percentile([7.0], 99) == 7.0


def test_the_docs_section_replaces_only_its_markers(tmp_path):
    row = {"query": "", "requests": 2, "p50_ms": 9.0, "sql_queries": 9}
    row |= {"gc_full_collections": 1, "gc_full_max_ms": 40.0}
    run = {
        "intake": {
            "messages": 20,
            "new_tickets": 15,
            "replies": 5,
            "messages_per_s": 321.0,
            "p50_ms": 2.5,
            "p99_ms": 9.0,
            "queries_per_message": 14.0,
        },
        "seed": {"total_tickets": 300, "seconds": 0.4},
        "inbox": {
            "default": {**row, "p99_ms": 12.0},
            "slow search": {**row, "query": "q=x", "p99_ms": 180.0},
            "default after gc.freeze()": {**row, "p99_ms": 160.0},
        },
    }
    results = {
        "command": "python bench/intake.py --quick",
        "machine": {**intake_report.machine_info(), "postgresql": "16.4"},
        "backends": {"sqlite": run},
        "skipped": [{"backend": "postgresql", "reason": "not reachable"}],
    }
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n<!-- bench:results:start -->keep<!-- bench:results:end -->\n")
    intake_report.update(doc, results, quick=True)
    intake_report.update(doc, results, quick=True)  # idempotent: one section, replaced
    text = doc.read_text()
    assert text.count(intake_report.START) == 1 and text.count(intake_report.END) == 1
    assert "keep" in text and text.index("keep") < text.index(intake_report.START)
    assert "| sqlite | 20 | 15 / 5 | 321 |" in text
    assert "skipped: not reachable" in text and "quick smoke run" in text
    assert "| slow search | `?q=x` | 9.0 | 180.0 | 9 | 1 (40) |" in text
    assert intake_report.targets(results) == {
        "intake >= 300 messages/s on SQLite": True,
        "inbox p99 < 150 ms at 300 tickets, default view (sqlite)": True,
        "inbox p99 < 150 ms at 300 tickets, every view (sqlite)": False,  # not the frozen row
    }


def test_arguments_quick_and_full_sizes():
    assert intake.parse_args(["--quick"]).tickets == intake.QUICK["tickets"]
    full = intake.parse_args([])
    assert (full.messages, full.tickets, full.requests) == (2_000, 100_000, 200)
    assert full.backends == ["sqlite", "postgresql"]
    assert intake.command_line(intake.parse_args(["--write-docs"])) == "make bench"
