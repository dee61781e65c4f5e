"""Intake throughput and agent-inbox latency, on SQLite and (when reachable) PostgreSQL.

Each database runs in its own child process (Django is configured once per process): a fresh
temporary data directory with SQLite in WAL mode, then a fresh PostgreSQL database
``madoguchi_bench`` created and dropped here. See :mod:`bench.intake_workload` for what is
measured and docs/benchmarks.md for the method and the figures.

    .venv/bin/python bench/intake.py --quick          # smoke run, a minute
    .venv/bin/python bench/intake.py --write-docs     # what `make bench` runs
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(ROOT))

from bench import intake_report  # noqa: E402

OUT = ROOT / "bench" / "out" / "intake.json"
DEFAULT_SEED = 20240601
#: the server and database the PostgreSQL run uses (trust auth on the project's machines)
PG_ADMIN_URL = os.environ.get("MADOGUCHI_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_DB = "madoguchi_bench"
FULL = {"messages": 2_000, "tickets": 100_000, "requests": 200}
QUICK = {"messages": 300, "tickets": 5_000, "requests": 20}


# --- parent: one child per database ---------------------------------------------------------


def postgres_admin():
    """A connection to the server's maintenance database, or None when it does not answer."""
    try:
        import psycopg

        return psycopg.connect(PG_ADMIN_URL, connect_timeout=3, autocommit=True)
    except Exception as exc:  # no server, no driver, refused: the run is skipped, said why
        print(f"PostgreSQL not reachable ({type(exc).__name__}: {exc}); skipping it")
        return None


def bench_database_url() -> str:
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    return f"{base}/{PG_BENCH_DB}"


def run_child(backend: str, args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"madoguchi-bench-{backend}-") as data_dir:
        result_file = Path(data_dir) / "result.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            backend,
            "--result-file",
            str(result_file),
            *("--messages", str(args.messages), "--tickets", str(args.tickets)),
            *("--requests", str(args.requests), "--seed", str(args.seed)),
        ]
        child_env = {**os.environ, **env, "MADOGUCHI_DATA_DIR": data_dir}
        subprocess.run(command, check=True, env=child_env, cwd=ROOT)
        return json.loads(result_file.read_text("utf-8"))


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {
        "machine": intake_report.machine_info(),
        "backends": {},
        "skipped": [],
        "notes": [],
    }
    if "sqlite" in args.backends:
        results["backends"]["sqlite"] = run_child("sqlite", args, {"DATABASE_URL": ""})
    if "postgresql" in args.backends:
        admin = postgres_admin()
        if admin is None:
            results["skipped"].append({"backend": "postgresql", "reason": "not reachable"})
        else:
            with admin:
                results["machine"]["postgresql"] = admin.execute("SHOW server_version").fetchone()[
                    0
                ]
                admin.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}"')
                admin.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
                try:
                    results["backends"]["postgresql"] = run_child(
                        "postgresql", args, {"DATABASE_URL": bench_database_url()}
                    )
                finally:
                    admin.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}"')
    return results


# --- child: configure Django for one database, measure -------------------------------------


def configure_django() -> None:
    """The desk's real settings, quiet: DEBUG off, e-mail kept in memory, warnings only."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "madoguchi.desk.settings"
    os.environ["MADOGUCHI_MODE"] = "development"
    os.environ["MADOGUCHI_DEBUG"] = "0"
    os.environ["MADOGUCHI_LOG_LEVEL"] = "WARNING"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    if not os.environ.get("DATABASE_URL"):
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def run_child_measurements(args: argparse.Namespace) -> dict[str, Any]:
    configure_django()
    from django.db import connection

    from bench import intake_workload as workload

    print(f"[{args.child}] intake: {args.messages:,} messages …", flush=True)
    throughput = workload.intake_throughput(messages=args.messages, seed=args.seed)
    _forget_intake_leftovers()
    existing = _ticket_count()
    print(f"[{args.child}] seeding to {args.tickets:,} tickets …", flush=True)
    seeded = workload.seed_tickets(max(0, args.tickets - existing), seed=args.seed)
    print(f"[{args.child}] inbox: {args.requests} requests per view …", flush=True)
    # the default view first as a process that never froze its start-up objects, then every
    # view as the desk serves it: desk/asgi.py calls gc.freeze() once started (it cannot be
    # undone for the objects it moved, hence this order)
    default_label, default_query = next(iter(workload.INBOX_QUERIES.items()))
    unfrozen = workload.inbox_latency(
        requests=args.requests,
        queries={f"{default_label} {intake_report.UNFROZEN}": default_query},
    )
    inbox = workload.inbox_latency(requests=args.requests, freeze_gc=True)
    inbox.update(unfrozen)
    for row in inbox.values():
        if row["p99_ms"] >= intake_report.TARGET_INBOX_P99_MS or args.explain:
            row["slowest_sql"]["plan"] = workload.explain(row["slowest_sql"]["sql"])
    return {
        "backend": connection.vendor,
        "intake": throughput,
        "seed": seeded,
        "inbox": inbox,
    }


def _forget_intake_leftovers() -> None:
    """Drop what the intake run left in memory that a server would not hold (the e-mails the
    local-memory backend kept, the logged SQL), so the inbox's garbage collections are a
    server's, not this script's."""
    import gc

    from django.core import mail
    from django.db import reset_queries

    mail.outbox = []
    reset_queries()
    gc.collect()


def _ticket_count() -> int:
    from madoguchi.tickets.models import Ticket

    return Ticket.objects.count()


# --- output ---------------------------------------------------------------------------------


def print_tables(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="intake (full path, one process)")
    for col in ("database", "messages", "new / replies", "msg/s", "p50 ms", "p99 ms", "SQL/msg"):
        table.add_column(col, justify="left" if col == "database" else "right")
    for name, run in results["backends"].items():
        t = run["intake"]
        table.add_row(
            name,
            f"{t['messages']:,}",
            f"{t['new_tickets']:,} / {t['replies']:,}",
            f"{t['messages_per_s']:,.0f}",
            f"{t['p50_ms']:.2f}",
            f"{t['p99_ms']:.2f}",
            f"{t['queries_per_message']:.1f}",
        )
    console.print(table)
    for name, run in results["backends"].items():
        table = Table(title=f"inbox on {name}, {run['seed']['total_tickets']:,} tickets")
        for col in ("view", "p50 ms", "p99 ms", "SQL", "slowest SQL ms", "full GCs (max ms)"):
            table.add_column(col, justify="left" if col == "view" else "right")
        for label, row in run["inbox"].items():
            table.add_row(
                label,
                f"{row['p50_ms']:.1f}",
                f"{row['p99_ms']:.1f}",
                str(row["sql_queries"]),
                f"{row['slowest_sql']['ms']:.1f}",
                f"{row['gc_full_collections']} ({row['gc_full_max_ms']:.0f})",
            )
        console.print(table)
        for label, row in run["inbox"].items():
            if "plan" in row["slowest_sql"]:
                console.print(f"[bold]{name} · {label}[/bold] slowest SQL:")
                console.print(row["slowest_sql"]["sql"], markup=False)
                console.print(row["slowest_sql"]["plan"], markup=False)
    for target, ok in intake_report.targets(results).items():
        console.print(f"{'pass' if ok else 'FAIL'}  {target}", markup=False)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes")
    parser.add_argument("--messages", type=int, help=f"intake messages ({FULL['messages']:,})")
    parser.add_argument("--tickets", type=int, help=f"tickets for the inbox ({FULL['tickets']:,})")
    parser.add_argument("--requests", type=int, help=f"requests per view ({FULL['requests']})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--backends", default="sqlite,postgresql", help="comma-separated (sqlite,postgresql)"
    )
    parser.add_argument("--explain", action="store_true", help="show every view's query plan")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    parser.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    for key, value in sizes.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    return args


def command_line(args: argparse.Namespace) -> str:
    if args.write_docs and not args.quick:
        return "make bench"
    return "python bench/intake.py" + (" --quick" if args.quick else "")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        result = run_child_measurements(args)
        args.result_file.write_text(json.dumps(result, indent=1), "utf-8")
        return 0
    results = run_all(args)
    results["command"] = command_line(args)
    results["sizes"] = {k: getattr(args, k) for k in FULL}
    print_tables(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    if args.write_docs:
        path = ROOT / "docs" / "benchmarks.md"
        intake_report.update(path, results, quick=args.quick)
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
