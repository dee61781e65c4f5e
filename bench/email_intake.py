"""E-mail intake benchmark: mails/s through the real SMTP receiver (``madoguchi smtpd``).

A ``madoguchi smtpd`` process listens on a free port over a temporary data directory (SQLite,
or a scratch PostgreSQL database with ``--database-url``). Several SMTP connections at once
send a mix of the repository's fixture mails (tests/fixtures/mail/: Japanese in ISO-2022-JP,
Shift_JIS, EUC-JP and UTF-8, HTML-only, attachments, a bounce, an auto-reply, a list mail,
a loop) and generated Japanese, English and mixed support mails (bench/corpus_gen.py, about
30 % with a planted secret; both put together by bench/mail_gen.py); a few mails are delivered
twice, as a sending server that did not see the 250 would. Measured: mails/s over the timed
run, the SMTP transaction latency (MAIL FROM .. the answer to DATA: the receiver answers 250
only after the commit), the receiver's CPU per mail, and afterwards, in the database, that
every accepted mail is stored exactly once: as a ticket message (``InboundMail`` by
Message-ID) or as parked mail.

    python bench/email_intake.py                      # 1,000 mails over 8 connections, SQLite
    python bench/email_intake.py --quick              # 100 mails
    python bench/email_intake.py --database-url postgres://postgres@127.0.0.1:5432/postgres
    python bench/email_intake.py --write-docs         # also update docs/benchmarks.md

With ``--database-url`` the SQLite run is followed by one on that PostgreSQL server, in a
database ``madoguchi_bench_email`` created and dropped here (the URL's own database is only
used to create it).
"""

from __future__ import annotations

# The issue calls this bench/email.py; a file of that name in bench/ would shadow the standard
# library's ``email`` package for every script run from this directory (urllib and smtplib
# import it), so it is email_intake.py.
import argparse
import json
import os
import shutil
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(ROOT))

from bench import machine  # noqa: E402
from bench.desk_server import DeskServer, percentile  # noqa: E402
from bench.docs_report import replace_between  # noqa: E402
from bench.mail_gen import DOMAIN, RECIPIENT, Mail, build_mails, delivery_plan  # noqa: E402

OUT = ROOT / "bench" / "out" / "email.json"
START = "<!-- bench:email:start -->"
END = "<!-- bench:email:end -->"
TARGET_MAILS_PER_S = 50.0
FULL = {"mails": 1_000}
QUICK = {"mails": 100}
PG_BENCH_DB = "madoguchi_bench_email"
WARMUP = 5


# --- sending -------------------------------------------------------------------------------


@dataclass
class Connection:
    """One SMTP client connection's results."""

    accepted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    latency_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def send_all(port: int, mails: list[Mail], connection: Connection) -> None:
    """Send ``mails`` over one connection; a refused mail is recorded, not retried."""
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=120) as client:
            client.ehlo("bench.example")
            for mail in mails:
                started = time.perf_counter()
                try:
                    client.sendmail(mail.mail_from, [RECIPIENT], mail.raw)
                except smtplib.SMTPResponseException as exc:
                    connection.refused.append(mail.message_id)
                    connection.errors.append(f"{exc.smtp_code} {exc.smtp_error!r}")
                    client.rset()
                    continue
                connection.latency_ms.append((time.perf_counter() - started) * 1000)
                connection.accepted.append(mail.message_id)
    except (OSError, smtplib.SMTPException) as exc:  # the connection failed: say so
        connection.errors.append(f"{type(exc).__name__}: {exc}")


def send_concurrently(port: int, plan: list[Mail], connections: int) -> list[Connection]:
    """``plan`` dealt round-robin over ``connections`` SMTP connections sending at once."""
    results = [Connection() for _ in range(connections)]
    threads = [
        threading.Thread(target=send_all, args=(port, plan[n::connections], results[n]))
        for n in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# --- the receiver --------------------------------------------------------------------------


class SmtpReceiver(DeskServer):
    """``madoguchi smtpd`` (it migrates its database itself) on a free port."""

    def start(self, timeout: float = 120.0) -> SmtpReceiver:
        madoguchi = shutil.which("madoguchi", path=str(Path(sys.executable).parent)) or "madoguchi"
        command = [madoguchi, "smtpd", "--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=self.log.open("w"), stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"smtpd exited:\n{self.log.read_text()[-3000:]}")
            if "receiving mail for" in self.log.read_text():
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=2):
                        return self
                except OSError:
                    pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"smtpd did not answer in {timeout}s:\n{self.log.read_text()[-3000:]}")


_COUNT_CODE = """
import json, re, sys
from collections import Counter
from madoguchi.mail.models import InboundMail, ParkedMail
from madoguchi.tickets.models import Message, Ticket
ids = set(json.load(sys.stdin))
stored = Counter(
    InboundMail.objects.filter(message_id__in=ids).values_list("message_id", flat=True)
)
parked = Counter()
reasons = Counter()
header = re.compile(rb"^Message-ID:[ \\t]*(<[^>\\r\\n]*>)", re.I | re.M)
for raw, reason in ParkedMail.objects.values_list("raw", "reason"):
    found = header.search(bytes(raw))
    if found and found.group(1).decode("ascii", "replace") in ids:
        parked[found.group(1).decode("ascii", "replace")] += 1
        reasons[reason] += 1
print(json.dumps({
    "stored": dict(stored),
    "parked": dict(parked),
    "parked_reasons": dict(reasons),
    "tickets": Ticket.objects.count(),
    "customer_messages": Message.objects.filter(author_kind="customer").count(),
    "inbound_mail": InboundMail.objects.count(),
    "parked_total": ParkedMail.objects.count(),
}))
"""


def database_counts(receiver: SmtpReceiver, message_ids: list[str]) -> dict[str, Any]:
    """Per Message-ID, how often it is stored as a message and as parked mail; totals."""
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + _COUNT_CODE],
        env=receiver.env,
        cwd=ROOT,
        input=json.dumps(sorted(set(message_ids))),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"counting the stored mail failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- one run -------------------------------------------------------------------------------


def run_backend(args: argparse.Namespace, database_url: str = "") -> dict[str, Any]:
    """Start a receiver on a fresh database, send, stop it, count what was stored."""
    data_dir = Path(tempfile.mkdtemp(prefix="madoguchi-email-bench-"))
    env = {
        "MADOGUCHI_MAIL_DOMAIN": DOMAIN,
        "DEFAULT_FROM_EMAIL": RECIPIENT,
        "MADOGUCHI_LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DATABASE_URL": database_url,
    }
    receiver = SmtpReceiver(data_dir, env=env)
    if not database_url:
        receiver.env.pop("DATABASE_URL", None)
    backend = "postgresql" if database_url else "sqlite"
    mails = build_mails(args.mails + WARMUP, args.seed)
    warmup, timed = mails[:WARMUP], mails[WARMUP:]
    plan = delivery_plan(timed, args.seed)
    try:
        with receiver.start():
            print(f"[{backend}] {len(plan):,} deliveries over {args.connections} connections …")
            send_concurrently(receiver.port, warmup, 1)  # first-use imports, caches, the model
            cpu_before = receiver.cpu_seconds()
            started = time.perf_counter()
            connections = send_concurrently(receiver.port, plan, args.connections)
            wall = time.perf_counter() - started
            cpu_after = receiver.cpu_seconds()
        counts = database_counts(receiver, [m.message_id for m in mails])
    finally:
        receiver.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    accepted = [mid for c in connections for mid in c.accepted]
    refused = [mid for c in connections for mid in c.refused]
    latency = [ms for c in connections for ms in c.latency_ms]
    errors = [e for c in connections for e in c.errors]
    timed_ids = [m.message_id for m in timed]
    accepted_set = set(accepted)
    times = {mid: counts["stored"].get(mid, 0) + counts["parked"].get(mid, 0) for mid in timed_ids}
    lost = [mid for mid in timed_ids if mid in accepted_set and times[mid] == 0]
    duplicated = [mid for mid in timed_ids if times[mid] > 1]
    stored_refused = [mid for mid in timed_ids if mid not in accepted_set and times[mid] > 0]
    server_cpu = (
        cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    )
    kinds: dict[str, int] = {}
    for mail in timed:
        key = mail.kind.split(":")[0] if mail.kind.startswith("fixture") else mail.kind
        kinds[key] = kinds.get(key, 0) + 1
    return {
        "backend": backend,
        "mails": len(timed),
        "deliveries": len(plan),
        "redeliveries": len(plan) - len(timed),
        "kinds": kinds,
        "connections": args.connections,
        "accepted": len(accepted),
        "refused": len(refused),
        "errors": len(errors),
        "error_samples": errors[:5],
        "wall_s": wall,
        "mails_per_s": len(accepted) / wall if wall else None,
        "latency_ms": {
            "p50": percentile(latency, 50),
            "p90": percentile(latency, 90),
            "p99": percentile(latency, 99),
            "max": max(latency) if latency else None,
            "mean": statistics.fmean(latency) if latency else None,
        },
        "server_cpu_ms_per_mail": server_cpu * 1000 / len(accepted)
        if server_cpu and accepted
        else None,
        "stored_as_message": sum(1 for mid in timed_ids if counts["stored"].get(mid)),
        "parked": sum(1 for mid in timed_ids if counts["parked"].get(mid)),
        "parked_reasons": counts["parked_reasons"],
        "tickets": counts["tickets"],
        "customer_messages": counts["customer_messages"],
        "inbound_mail_rows": counts["inbound_mail"],
        "lost": len(lost),
        "duplicated": len(duplicated),
        "stored_though_refused": len(stored_refused),
        "lost_samples": lost[:5],
        "duplicated_samples": duplicated[:5],
    }


def postgres_run(args: argparse.Namespace) -> dict[str, Any]:
    """The run on a scratch database of the server at ``--database-url``, dropped after."""
    import psycopg

    base, _, _ = args.database_url.rpartition("/")
    with psycopg.connect(args.database_url, connect_timeout=5, autocommit=True) as admin:
        version = admin.execute("SHOW server_version").fetchone()[0]
        admin.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}"')
        admin.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
        try:
            result = run_backend(args, f"{base}/{PG_BENCH_DB}")
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')
    result["server_version"] = version.split()[0]  # "15.2", not the distribution's suffix
    return result


def run(args: argparse.Namespace) -> dict[str, Any]:
    runs = [run_backend(args)]
    if args.database_url:
        runs.append(postgres_run(args))
    return {
        "seed": args.seed,
        "runs": runs,
        "machine": {"cpu": machine.cpu_model(), "cpus": os.cpu_count()},
    }


# --- report --------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def target_met(run_: dict[str, Any]) -> bool:
    """At least 50 mails/s, nothing refused, lost or duplicated."""
    return (
        (run_["mails_per_s"] or 0) >= TARGET_MAILS_PER_S
        and run_["refused"] == 0
        and run_["errors"] == 0
        and run_["lost"] == 0
        and run_["duplicated"] == 0
        and run_["stored_though_refused"] == 0
    )


def render(results: dict[str, Any], *, quick: bool) -> str:
    runs = results["runs"]
    first = runs[0]
    kinds = ", ".join(
        f"{k.removeprefix('generated:')} {v:,}" for k, v in sorted(first["kinds"].items())
    )
    label = {"sqlite": "SQLite (WAL)", "postgresql": "PostgreSQL"}
    lines = [
        "",
        "## E-mail intake (SMTP)",
        "",
        f"Command: `{results['command']}`{' (quick run)' if quick else ''}. Machine: "
        f"{results['machine']['cpu']}, {results['machine']['cpus']} CPUs; one `madoguchi smtpd` "
        "process (aiosmtpd; each mail parsed, analysed and committed in a worker thread before "
        "the 250), the client on the same machine.",
        "",
        f"{first['mails']:,} distinct mails ({kinds}; the fixtures are tests/fixtures/mail/ "
        f"with a fresh Message-ID each) plus {first['redeliveries']} delivered a second time, "
        f"over {first['connections']} SMTP connections at once, after {WARMUP} warm-up mails. "
        "Accepted/s counts every 250 (second deliveries included) over the timed run; latency "
        "is one SMTP transaction, MAIL FROM to the answer to DATA.",
        "",
        "| database | accepted/s | p50 ms | p90 ms | p99 ms | max ms | receiver CPU ms/mail "
        "| refused | lost | duplicated |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        name = label[r["backend"]] + (f" {r['server_version']}" if r.get("server_version") else "")
        lat = r["latency_ms"]
        lines.append(
            f"| {name} | {r['mails_per_s']:.1f} | {_ms(lat['p50'])} | {_ms(lat['p90'])} "
            f"| {_ms(lat['p99'])} | {_ms(lat['max'])} | {_ms(r['server_cpu_ms_per_mail'])} "
            f"| {r['refused']} | {r['lost']} | {r['duplicated']} |"
        )
    lines += [
        "",
        "Afterwards, per Message-ID in the database: "
        + "; ".join(
            f"{r['backend']}: {r['stored_as_message']:,} stored as ticket messages, "
            f"{r['parked']:,} parked for an agent ("
            + ", ".join(f"{k} {v}" for k, v in sorted(r["parked_reasons"].items()))
            + f"), {r['tickets']:,} tickets in the database (warm-up included); each exactly once"
            + ("" if r["lost"] == r["duplicated"] == 0 else " — **not** each exactly once")
            for r in runs
        )
        + "."
        + (
            " The second deliveries were answered 250 and stored no second time."
            if all(r["refused"] == 0 and r["duplicated"] == 0 for r in runs)
            else ""
        ),
        "",
        (
            f"One process's ceiling at that CPU cost: about "
            f"{1000 / first['server_cpu_ms_per_mail']:.0f} mails/s on one core (SQLite); "
            "the receiver runs each mail in a worker thread, but the threads share one "
            "interpreter (the GIL)."
            if first.get("server_cpu_ms_per_mail")
            else ""
        ),
        "",
        f"Target (at least {TARGET_MAILS_PER_S:.0f} mails/s, none refused, lost or duplicated): "
        + ", ".join(f"{r['backend']} **{'met' if target_met(r) else 'NOT met'}**" for r in runs)
        + ".",
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"smoke run: {QUICK['mails']} mails")
    parser.add_argument("--mails", type=int, help=f"distinct mails to send ({FULL['mails']:,})")
    parser.add_argument("--connections", type=int, default=8, help="SMTP connections at once")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument(
        "--database-url",
        default="",
        help="also run on this PostgreSQL server (in a scratch database created and dropped)",
    )
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.mails is None:
        args.mails = (QUICK if args.quick else FULL)["mails"]
    if args.mails < 1 or args.connections < 1:
        parser.error("--mails and --connections must be at least 1")
    if args.database_url and not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must be a postgres:// URL")
    return args


def command_line(args: argparse.Namespace) -> str:
    line = "python bench/email_intake.py" + (" --quick" if args.quick else "")
    if args.mails != (QUICK if args.quick else FULL)["mails"]:
        line += f" --mails {args.mails}"
    if args.connections != 8:
        line += f" --connections {args.connections}"
    return line + (" --database-url postgres://..." if args.database_url else "")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    results["command"] = command_line(args)
    print(render(results, quick=args.quick))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    if args.write_docs:
        path = ROOT / "docs" / "benchmarks.md"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
        path.write_text(replace_between(text, START, END, render(results, quick=args.quick)))
        print(f"updated {path.relative_to(ROOT)}")
    return 0 if all(r["lost"] == r["duplicated"] == 0 for r in results["runs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
