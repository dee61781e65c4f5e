"""The transparency log at scale: appends, roots/checkpoints and proofs, beside pymerkle.

Each database runs in a child process with a fresh data directory (SQLite in WAL mode; then a
fresh PostgreSQL database ``madoguchi_bench_ledger`` when the server answers):

- **appends**: N leaves through the real path (pending entries inserted in transactions of
  20,000, then ``ledger_sequence``: indices, every subtree hash, the head, a signed checkpoint);
- **checkpoint**: the latest signed checkpoint (what ``/log/checkpoint`` reads) and a root
  recomputed at a random size from the stored subtrees;
- **inclusion / consistency proofs** at N leaves for random indices and sizes (the planner lists
  the nodes, one query fetches them), plus the whole ``/api/v1/log/proof/inclusion`` request;
- **pymerkle** ``SqliteTree`` on the same N entries in the same run (SQLite child only);
- **intake cost** (``--intake``): ``bench/intake_workload.intake_throughput`` without the log,
  with it (pending entry + a deferred sequencing task) and sequencing inline on commit.

    .venv/bin/python bench/ledger.py --leaves 20000 --intake-messages 200   # smoke run
    .venv/bin/python bench/ledger.py --write-docs                           # `make bench`
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.docs_report import replace_between  # noqa: E402
from bench.ledger_report import BATCH, INTAKE_MODES, render  # noqa: E402
from bench.machine import cpu_model  # noqa: E402

OUT = ROOT / "bench" / "out" / "ledger.json"
START, END = "<!-- bench:ledger:start -->", "<!-- bench:ledger:end -->"
PG_ADMIN_URL = os.environ.get("MADOGUCHI_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_DB = "madoguchi_bench_ledger"
SYNTHETIC_EVENT_IDS = 10**12  # the appended entries' event ids: far above any real event's


def commitments(start: int, count: int) -> list[bytes]:
    return [hashlib.sha256(n.to_bytes(8, "big")).digest() for n in range(start, start + count)]


def timed_ms(calls: list, run) -> dict[str, float]:
    """Median and p99 (ms) of ``run(arg)`` over ``calls``."""
    samples = []
    for arg in calls:
        t0 = time.perf_counter_ns()
        run(arg)
        samples.append((time.perf_counter_ns() - t0) / 1e6)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(0.99 * len(samples)))]
    return {"median_ms": statistics.median(samples), "p99_ms": p99, "n": len(samples)}


# --- child: the Django store ------------------------------------------------------------------


def configure_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "madoguchi.desk.settings"
    os.environ.update(MADOGUCHI_MODE="development", MADOGUCHI_DEBUG="0")
    os.environ["MADOGUCHI_LOG_LEVEL"] = "WARNING"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    if not os.environ.get("DATABASE_URL"):
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def store_measurements(leaves: int, queries: int, seed: int) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from madoguchi.ledger import verify_consistency, verify_inclusion
    from madoguchi.transparency import selectors
    from madoguchi.transparency.models import Entry
    from madoguchi.transparency.services import (
        checkpoint_current,
        checkpoint_sign,
        ledger_sequence,
    )

    table = connection.ops.quote_name(Entry._meta.db_table)
    columns = "(event_id, ticket_id, commitment, created_at)"
    insert = f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s)"
    copy = f"COPY {table} {columns} FROM STDIN"
    insert_s = sequence_s = 0.0
    for start in range(0, leaves, BATCH):
        count = min(BATCH, leaves - start)
        now = timezone.now()
        rows = [
            (SYNTHETIC_EVENT_IDS + start + n, 1, c, now)
            for n, c in enumerate(commitments(start, count))
        ]
        t0 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:  # a batch producer of entries
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(copy) as stream:
                    for row in rows:
                        stream.write_row(row)
            else:
                cursor.executemany(insert, rows)
        t1 = time.perf_counter()
        ledger_sequence(limit=BATCH)
        sequence_s += time.perf_counter() - t1
        insert_s += t1 - t0
        print(f"  {start + count:,} leaves", end="\r", flush=True)
    print()
    rng = random.Random(seed)
    checkpoint = checkpoint_current()
    size, root = checkpoint.tree_size, bytes(checkpoint.root)
    indices = [rng.randrange(size) for _ in range(queries)]
    firsts = [rng.randrange(1, size) for _ in range(queries)]
    # correctness of what is timed, once
    leaf, proof = selectors.inclusion_proof_at(leaf_index=indices[0], tree_size=size)
    assert verify_inclusion(leaf, indices[0], size, proof, root)
    old_root = selectors.root_at(firsts[0])
    proof = selectors.consistency_proof_between(first=firsts[0], second=size)
    assert verify_consistency(firsts[0], size, proof, old_root, root)
    client = Client()
    for index in indices[:3]:  # the first requests build the URL resolver and schemas
        client.get(f"/api/v1/log/proof/inclusion?leaf_index={index}&tree_size={size}")
    return {
        "backend": connection.vendor,
        "leaves": size,
        "append": {
            "seconds": insert_s + sequence_s,
            "per_s": leaves / (insert_s + sequence_s),
            "insert_s": insert_s,
            "sequence_s": sequence_s,
            "sequence_per_s": leaves / sequence_s,
        },
        "checkpoint": timed_ms([None] * queries, lambda _: checkpoint_current()),
        "checkpoint_sign": timed_ms(
            [None] * max(1, queries // 4), lambda _: checkpoint_sign(size=size, root=root)
        ),
        "root": timed_ms([rng.randrange(1, size + 1) for _ in range(queries)], selectors.root_at),
        "inclusion": timed_ms(
            indices, lambda i: selectors.inclusion_proof_at(leaf_index=i, tree_size=size)
        ),
        "consistency": timed_ms(
            firsts, lambda f: selectors.consistency_proof_between(first=f, second=size)
        ),
        "inclusion_api": timed_ms(
            indices[: max(1, queries // 4)],
            lambda i: client.get(f"/api/v1/log/proof/inclusion?leaf_index={i}&tree_size={size}"),
        ),
    }


def pymerkle_measurements(leaves: int, queries: int, seed: int, data_dir: Path) -> dict[str, Any]:
    from importlib.metadata import version

    from pymerkle import SqliteTree

    tree = SqliteTree(str(data_dir / "pymerkle.db"))
    t0 = time.perf_counter()
    for start in range(0, leaves, BATCH):
        tree.append_entries(commitments(start, min(BATCH, leaves - start)))
    seconds = time.perf_counter() - t0
    rng = random.Random(seed)
    size = tree.get_size()
    few = max(3, queries // 20)  # its proofs take ~0.1 s each: fewer samples

    def cold(run):
        def call(arg):
            tree.cache_clear()
            run(arg)

        return call

    def ops(wrap) -> dict[str, Any]:
        return {
            "root": timed_ms([None] * few, wrap(lambda _: tree.get_root(size))),
            "inclusion": timed_ms(
                [rng.randrange(1, size + 1) for _ in range(few)],
                wrap(lambda i: tree.prove_inclusion(i, size)),
            ),
            "consistency": timed_ms(
                [rng.randrange(1, size) for _ in range(few)],
                wrap(lambda f: tree.prove_consistency(f, size)),
            ),
        }

    result = {
        "version": version("pymerkle"),
        "leaves": size,
        "append": {"seconds": seconds, "per_s": leaves / seconds},
        "cold": ops(cold),  # its subroot cache cleared before each call
        "warm": ops(lambda run: run),  # the cache kept from call to call, as in a server
    }
    tree.close()
    return result


def intake_measurement(messages: int, seed: int) -> dict[str, Any]:
    """The same messages through intake in each mode, interleaved message by message.

    Mode order rotates per message and each mode has its own customers and tickets, so load
    drift on a shared machine hits every mode alike and each message is paired across modes.
    """
    from django.conf import settings

    from bench import intake_workload
    from bench.corpus_gen import generate
    from madoguchi.analysis import warm_up
    from madoguchi.tickets.intake import Inbound, intake
    from madoguchi.transparency import services

    real_append = services.entry_append

    saved_mode = getattr(settings, "LEDGER_SEQUENCE", None)

    def set_mode(mode: str) -> None:
        no_log = mode == INTAKE_MODES[0]
        services.entry_append = (lambda *, event: None) if no_log else real_append
        settings.LEDGER_SEQUENCE = "inline" if mode == INTAKE_MODES[2] else "task"

    warm_up()
    samples = generate(messages, seed=seed)
    plans = {
        mode: intake_workload.intake_plan(samples, seed=seed, prefix=f"mode{n}")
        for n, mode in enumerate(INTAKE_MODES)
    }
    tickets: dict[tuple[str, int], Any] = {}
    times: dict[str, list[float]] = {mode: [] for mode in INTAKE_MODES}
    try:
        for i in range(messages):
            order = INTAKE_MODES[i % 3 :] + INTAKE_MODES[: i % 3]
            for mode in order:
                fields = dict(plans[mode][i])
                reply_to = fields.pop("reply_to", None)
                if reply_to is not None:
                    fields["ticket"] = tickets[(mode, reply_to)]
                set_mode(mode)
                t0 = time.perf_counter_ns()
                result = intake(inbound=Inbound(**fields))
                times[mode].append((time.perf_counter_ns() - t0) / 1e6)
                tickets[(mode, i)] = result.ticket
    finally:
        services.entry_append = real_append
        if saved_mode is None:
            del settings.LEDGER_SEQUENCE
        else:
            settings.LEDGER_SEQUENCE = saved_mode
    base = times[INTAKE_MODES[0]]
    out: dict[str, Any] = {"messages": messages}
    for mode, values in times.items():
        ratios = [v / b for v, b in zip(values, base, strict=True)]
        out[mode] = {
            "median_ms": statistics.median(values),
            "mean_ms": statistics.fmean(values),
            "paired_cost": statistics.median(ratios) - 1,  # median over messages of t/t_without
        }
    return out


# --- parent: one child per database (and per intake mode) -------------------------------------


def run_child(args: argparse.Namespace, env: dict[str, str], *child_args: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="madoguchi-bench-ledger-") as data_dir:
        result_file = Path(data_dir) / "result.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            *("--leaves", str(args.leaves), "--queries", str(args.queries)),
            *("--seed", str(args.seed), "--result-file", str(result_file), *child_args),
            *(["--no-pymerkle"] if args.no_pymerkle else []),
        ]
        child_env = {**os.environ, **env, "MADOGUCHI_DATA_DIR": data_dir}
        subprocess.run(command, check=True, env=child_env, cwd=ROOT)
        return json.loads(result_file.read_text("utf-8"))


def postgres_admin():
    try:
        import psycopg

        return psycopg.connect(PG_ADMIN_URL, connect_timeout=3, autocommit=True)
    except Exception as exc:  # no server, no driver: that backend is skipped, said why
        print(f"PostgreSQL not reachable ({type(exc).__name__}: {exc}); skipping it")
        return None


def on_backends(args: argparse.Namespace, results: dict, key: str, *child_args: str) -> None:
    """Run one child per backend; the PostgreSQL one in a database made and dropped here."""
    for backend in args.backends:
        if backend == "sqlite":
            results[key]["sqlite"] = run_child(args, {"DATABASE_URL": ""}, *child_args)
            continue
        admin = postgres_admin()
        if admin is None:
            results["skipped"].append(backend)
            continue
        with admin:
            results["machine"]["postgresql"] = admin.execute("SHOW server_version").fetchone()[0]
            admin.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}"')
            admin.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
            try:
                base, _, _ = PG_ADMIN_URL.rpartition("/")
                env = {"DATABASE_URL": f"{base}/{PG_BENCH_DB}"}
                results[key]["postgresql"] = run_child(args, env, *child_args)
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}"')


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    import platform

    results: dict[str, Any] = {
        "machine": {
            "cpu_model": cpu_model(),
            "logical_cpus": os.cpu_count(),
            "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        },
        "store": {},
        "intake": {},
        "skipped": [],
        "leaves": args.leaves,
    }
    if args.leaves:
        on_backends(args, results, "store", "--child", "store")
    if args.intake_messages:
        child = ("--child", "intake", "--intake-messages", str(args.intake_messages))
        on_backends(args, results, "intake", *child)
    return results


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000, help="0: skip the store")
    parser.add_argument("--queries", type=int, default=400, help="timed calls per operation")
    parser.add_argument("--intake-messages", type=int, default=1_000, help="0: skip intake")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--no-pymerkle", action="store_true")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child", choices=["store", "intake"], help=argparse.SUPPRESS)
    parser.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        configure_django()
        if args.child == "store":
            result = store_measurements(args.leaves, args.queries, args.seed)
            if result["backend"] == "sqlite" and not args.no_pymerkle:
                data_dir = Path(os.environ["MADOGUCHI_DATA_DIR"])
                result["pymerkle"] = pymerkle_measurements(
                    args.leaves, args.queries, args.seed, data_dir
                )
        else:
            result = intake_measurement(args.intake_messages, args.seed)
        args.result_file.write_text(json.dumps(result, indent=1), "utf-8")
        return 0
    results = run_all(args)
    results["intake_messages"] = args.intake_messages
    default = args.leaves == 1_000_000 and args.write_docs
    command = (
        "make bench" if default else "python bench/ledger.py " + " ".join(argv or sys.argv[1:])
    )
    text = render(results, command)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    if args.write_docs:
        path = ROOT / "docs" / "benchmarks.md"
        body = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
        path.write_text(replace_between(body, START, END, text), "utf-8")
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
