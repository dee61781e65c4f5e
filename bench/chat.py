"""Live chat benchmark: N concurrent WebSocket sessions against a real desk process.

Each session holds one conversation (a widget token), connects to ``/ws/chat/<id>/`` on a
``madoguchi serve`` process (uvicorn, the real ASGI application) and sends a few questions to
the assistant, a think time apart. Measured: the reply latency (message sent -> the
assistant's answer on the socket), the acknowledgement latency (sent -> ack, i.e. committed),
errors, and after the run, against the database: lost messages (acknowledged or sent but not
stored exactly once) and duplicated ones (a turn received twice, or stored twice).

    python bench/chat.py                  # 200 sessions x 5 messages
    python bench/chat.py --quick          # 20 sessions x 3 messages
    python bench/chat.py --write-docs     # also update docs/benchmarks.md

``DeskServer`` (a desk process on a free port over its own data directory) lives in
:mod:`bench.desk_server`, shared with the e-mail bench and the live chat's browser and
multi-process tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(ROOT))

from bench import machine  # noqa: E402
from bench.desk_server import DeskServer, percentile, run_async  # noqa: E402
from bench.docs_report import replace_between  # noqa: E402

OUT = ROOT / "bench" / "out" / "chat.json"
START = "<!-- bench:chat:start -->"
END = "<!-- bench:chat:end -->"
TARGET_P99_MS = 250.0
FULL = {"sessions": 200, "messages": 5}
QUICK = {"sessions": 20, "messages": 3}
#: what the sessions ask (both languages; none asks for a person, so the assistant answers)
QUESTIONS = {
    "ja": [
        "USDTの出金が届きません",
        "二段階認証の設定方法を教えてください",
        "入金が反映されません",
        "本人確認の審査にどれくらいかかりますか",
        "手数料はいくらですか",
    ],
    "en": [
        "My USDT withdrawal has not arrived",
        "How do I set up two-factor authentication?",
        "My deposit is not showing",
        "How long does identity verification take?",
        "What are the trading fees?",
    ],
}


@dataclass
class Session:
    public_id: str
    token: str
    language: str
    sent: list[str] = field(default_factory=list)
    acked: set[str] = field(default_factory=set)
    seqs_seen: list[int] = field(default_factory=list)
    reply_ms: list[float] = field(default_factory=list)
    #: when each replied message was sent (perf_counter), for latency over time
    reply_sent_at: list[float] = field(default_factory=list)
    ack_ms: list[float] = field(default_factory=list)
    no_reply: int = 0
    connect_ms: float | None = None
    errors: list[str] = field(default_factory=list)


def make_sessions(server: DeskServer, count: int) -> list[Session]:
    """``count`` conversations begun on the desk's database, each with its widget token."""
    out = server.run_python(
        "import json\n"
        "from madoguchi.conversations.services import conversation_start\n"
        "from madoguchi.conversations.chat_protocol import widget_token\n"
        "rows = []\n"
        f"for i in range({count}):\n"
        "    lang = 'ja' if i % 2 == 0 else 'en'\n"
        "    c = conversation_start(channel='chat', language=lang)\n"
        "    rows.append([c.public_id, widget_token(c), lang])\n"
        "print(json.dumps(rows))\n"
    )
    return [Session(*row) for row in json.loads(out.strip().splitlines()[-1])]


async def run_session(
    session: Session,
    url: str,
    messages: int,
    think: float,
    rng: random.Random,
    everyone_connected: asyncio.Barrier | None = None,
) -> None:
    """Connect and resume, wait until every session is connected (the N sessions are then
    all open at once), then send ``messages`` questions, a think time apart."""
    import websockets

    ws_url = url.replace("http://", "ws://") + f"/ws/chat/{session.public_id}/"
    ws_url += f"?token={session.token}"
    await asyncio.sleep(rng.uniform(0, think))  # sessions do not all connect in the same ms
    connected = False
    try:
        started = time.perf_counter()
        async with websockets.connect(
            ws_url, origin=url, open_timeout=60, max_size=2**22
        ) as socket_:
            await socket_.send(json.dumps({"type": "resume", "after": 0}))
            await _until_state(socket_, session)
            session.connect_ms = (time.perf_counter() - started) * 1000
            connected = True
            if everyone_connected is not None:
                await everyone_connected.wait()
                await asyncio.sleep(rng.uniform(0, think))  # then they talk at their own pace
            for n in range(messages):
                client_id = f"b{n}-{session.public_id[:8]}-{rng.randrange(1 << 30):x}"
                text = QUESTIONS[session.language][rng.randrange(len(QUESTIONS[session.language]))]
                session.sent.append(client_id)
                started = time.perf_counter()
                await socket_.send(json.dumps({"type": "message", "id": client_id, "text": text}))
                replied = False
                while True:
                    frame = json.loads(await asyncio.wait_for(socket_.recv(), 30))
                    now = (time.perf_counter() - started) * 1000
                    if frame["type"] == "ack" and frame["id"] == client_id:
                        session.acked.add(client_id)
                        session.ack_ms.append(now)
                    elif frame["type"] == "turn":
                        session.seqs_seen.append(frame["seq"])
                        if frame["role"] == "assistant" and not replied:
                            replied = True
                            session.reply_ms.append(now)
                            session.reply_sent_at.append(started)
                    elif frame["type"] == "error":
                        session.errors.append(frame.get("error", "?"))
                        break
                    elif frame["type"] == "state" and client_id in session.acked:
                        break
                if not replied:
                    session.no_reply += 1
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    except Exception as exc:  # every failure is counted and reported
        session.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        if not connected and everyone_connected is not None:
            await everyone_connected.wait()  # a failed session must not hold the others


async def _until_state(socket_: Any, session: Session) -> None:
    while True:
        frame = json.loads(await asyncio.wait_for(socket_.recv(), 30))
        if frame["type"] == "turn":
            session.seqs_seen.append(frame["seq"])
        if frame["type"] == "state":
            return


def stored_counts(server: DeskServer, sessions: list[Session]) -> dict[str, int]:
    """How many customer turns each sent client id has in the database."""
    ids = [cid for s in sessions for cid in s.sent]
    code = (
        "import json, sys\n"
        "from collections import Counter\n"
        "from madoguchi.conversations.models import Turn\n"
        "ids = json.load(sys.stdin)\n"
        "found = Counter(Turn.objects.filter(client_message_id__in=ids)"
        ".values_list('client_message_id', flat=True))\n"
        "print(json.dumps(dict(found)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=server.env,
        cwd=ROOT,
        input=json.dumps(ids),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(args: argparse.Namespace) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="madoguchi-chat-bench-"))
    env = {"REDIS_URL": args.redis_url} if args.redis_url else {}
    server = DeskServer(data_dir, env=env, workers=args.workers)
    try:
        server.prepare()
        warm, *sessions = make_sessions(server, args.sessions + 1)
        with server.start():
            rng = random.Random(args.seed)
            # the first message loads the understanding model (seconds): not a session's latency
            run_async(run_session(warm, server.url, 2, 0.0, random.Random(0)))
            cpu_before = server.cpu_seconds()
            started = time.perf_counter()

            async def everyone() -> None:
                barrier = asyncio.Barrier(len(sessions))
                await asyncio.gather(
                    *(
                        run_session(
                            s,
                            server.url,
                            args.messages,
                            args.think,
                            random.Random(rng.random()),
                            barrier,
                        )
                        for s in sessions
                    )
                )

            run_async(everyone())
            wall = time.perf_counter() - started
            cpu_after = server.cpu_seconds()
        server_cpu = (
            cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
        )
        counts = stored_counts(server, sessions)
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    sent = [cid for s in sessions for cid in s.sent]
    lost = [cid for cid in sent if counts.get(cid, 0) == 0]
    duplicated_stored = [cid for cid in sent if counts.get(cid, 0) > 1]
    duplicated_frames = sum(len(s.seqs_seen) - len(set(s.seqs_seen)) for s in sessions)
    unacked = sum(1 for s in sessions for cid in s.sent if cid not in s.acked)
    replies = [ms for s in sessions for ms in s.reply_ms]
    acks = [ms for s in sessions for ms in s.ack_ms]
    connects = [s.connect_ms for s in sessions if s.connect_ms is not None]
    errors = [e for s in sessions for e in s.errors]
    return {
        "sessions": args.sessions,
        "messages_per_session": args.messages,
        "think_s": args.think,
        "channel_layer": "redis" if args.redis_url else "in-memory",
        "workers": args.workers,
        "messages_sent": len(sent),
        "replies": len(replies),
        "no_reply": sum(s.no_reply for s in sessions),
        "reply_ms": {
            "p50": percentile(replies, 50),
            "p90": percentile(replies, 90),
            "p99": percentile(replies, 99),
            "max": max(replies) if replies else None,
            "mean": statistics.fmean(replies) if replies else None,
        },
        "ack_ms": {"p50": percentile(acks, 50), "p99": percentile(acks, 99)},
        "connect_ms": {"p50": percentile(connects, 50), "p99": percentile(connects, 99)},
        "errors": len(errors),
        "error_samples": errors[:5],
        "lost": len(lost),
        "unacknowledged": unacked,
        "duplicated": len(duplicated_stored) + duplicated_frames,
        "wall_s": wall,
        "messages_per_s": len(sent) / wall if wall else None,
        # with several workers the measured process is only their supervisor
        "server_cpu_ms_per_message": server_cpu * 1000 / len(sent)
        if server_cpu and sent and args.workers == 1
        else None,
        "machine": {"cpu": machine.cpu_model(), "cpus": os.cpu_count()},
    }


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def render(results: dict[str, Any], *, quick: bool) -> str:
    r = results
    ok = (
        r["reply_ms"]["p99"] is not None
        and r["reply_ms"]["p99"] < TARGET_P99_MS
        and r["lost"] == 0
        and r["duplicated"] == 0
        and r["errors"] == 0
    )
    lines = [
        "",
        "## Live chat",
        "",
        f"Command: `{r['command']}`{' (quick run)' if quick else ''}. Machine: {r['machine']['cpu']}, "
        f"{r['machine']['cpus']} CPUs; `madoguchi serve` with "
        f"{r['workers']} worker process{'es' if r['workers'] > 1 else ''} (uvicorn), SQLite, "
        f"{r['channel_layer']} channel layer.",
        "",
        f"{r['sessions']} concurrent WebSocket sessions x {r['messages_per_session']} messages "
        f"(all connected first, then a message every ~{r['think_s']:g} s each): "
        f"{r['messages_sent']:,} messages in "
        f"{r['wall_s']:.1f} s ({r['messages_per_s']:.1f}/s); the server spent "
        f"{_ms(r['server_cpu_ms_per_message'])} ms of CPU per message.",
        "",
        "| | p50 | p90 | p99 | max |",
        "|---|---:|---:|---:|---:|",
        f"| reply (sent -> assistant's answer), ms | {_ms(r['reply_ms']['p50'])} | "
        f"{_ms(r['reply_ms']['p90'])} | {_ms(r['reply_ms']['p99'])} | {_ms(r['reply_ms']['max'])} |",
        f"| ack (sent -> committed), ms | {_ms(r['ack_ms']['p50'])} | | {_ms(r['ack_ms']['p99'])} | |",
        f"| connect + resume (all {r['sessions']} opening within ~{r['think_s']:g} s), ms | "
        f"{_ms(r['connect_ms']['p50'])} | | {_ms(r['connect_ms']['p99'])} | |",
        "",
        f"Errors: {r['errors']}. Lost: {r['lost']}. Duplicated: {r['duplicated']}. "
        f"Unacknowledged: {r['unacknowledged']}. Messages without an assistant reply: "
        f"{r['no_reply']}.",
        "",
        (
            f"One process's ceiling at that CPU cost: about "
            f"{1000 / r['server_cpu_ms_per_message']:.0f} messages/s (one core; the sessions' "
            "client runs on the same machine); offered more, replies queue (try `--think 1`)."
            if r.get("server_cpu_ms_per_message")
            else ""
        ),
        "",
        f"Target (p99 < {TARGET_P99_MS:.0f} ms, zero lost or duplicated): "
        f"**{'met' if ok else 'NOT met'}**.",
        "",
    ]
    return "\n".join(lines)


def print_results(results: dict[str, Any]) -> None:
    print(render(results, quick=False))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 20 sessions")
    parser.add_argument("--sessions", type=int, help=f"concurrent sessions ({FULL['sessions']})")
    parser.add_argument("--messages", type=int, help=f"messages per session ({FULL['messages']})")
    parser.add_argument(
        "--think", type=float, default=5.0, help="seconds between a session's messages (~5)"
    )
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--redis-url", default="", help="run the desk with this REDIS_URL")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    for key, value in sizes.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.sessions < 1 or args.messages < 1 or args.think < 0:
        parser.error("--sessions and --messages must be at least 1, --think not negative")
    return args


def command_line(args: argparse.Namespace) -> str:
    line = "python bench/chat.py" + (" --quick" if args.quick else "")
    for name, default in (("sessions", None), ("messages", None), ("think", 5.0), ("workers", 1)):
        value = getattr(args, name)
        sizes = QUICK if args.quick else FULL
        if value != (sizes.get(name) if default is None else default):
            line += f" --{name} {value:g}" if isinstance(value, float) else f" --{name} {value}"
    return line + (" --redis-url ..." if args.redis_url else "")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    results["command"] = command_line(args)
    print_results(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    if args.write_docs:
        path = ROOT / "docs" / "benchmarks.md"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
        section = render(results, quick=args.quick)
        path.write_text(replace_between(text, START, END, section), "utf-8")
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
