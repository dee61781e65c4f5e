"""Does ``analyze`` stay linear on hostile input? Times each input at two sizes.

Run by ``make bench`` (after the throughput run). For every hostile shape it times
``analyze`` on a 100,000-character and a 1,000,000-character message on one core and prints
the ratio: about 10 is linear, about 100 would be quadratic. With ``--write-docs`` the table
goes into docs/benchmarks.md between its own markers.

    python bench/hostile_scaling.py [--write-docs]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from mnemonic import Mnemonic  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from bench.docs_report import replace_between  # noqa: E402
from madoguchi.analysis import analyze, warm_up  # noqa: E402

START = "<!-- bench:hostile:start -->"
END = "<!-- bench:hostile:end -->"
SMALL, LARGE = 100_000, 1_000_000
WORDS = Mnemonic("english").wordlist


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _garbage(n: int) -> str:
    # one fixed 100,000-byte block repeated, so both sizes hold the same kind of content and
    # the ratio measures scaling, not how many lucky matches a fresh random block holds
    block = random.Random(7).randbytes(SMALL).decode("utf-8", errors="replace")
    return _repeat(block)(n)


def _words(n: int) -> str:
    return _repeat(" ".join(WORDS[i * 7 % 2048] for i in range(2048)) + " ")(n)


SHAPES: dict[str, Callable[[int], str]] = {
    "support prose (ja/en)": _repeat("送金が反映されません。Please help me with 0.5 ETH. "),
    "binary garbage": _garbage,
    "newlines": _repeat("\n"),
    "numbered lines": _repeat("1. \n"),
    "wordlist words": _words,
    "hex": _repeat("0123456789abcdef"),
    "base58": _repeat("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"),
    "digits and commas": _repeat("1,"),
    "万 signs": _repeat("万"),
    "@ signs": _repeat("@"),
    "http:// repeated": _repeat("http://"),
    "'password is' repeated": _repeat("password is "),
    "zero-width spaces": _repeat("\u200b"),
    "fullwidth digits": _repeat("０"),
    "open braces": _repeat("{"),
}


def _time(text: str) -> float:
    t0 = time.process_time()
    analyze(text)
    return time.process_time() - t0


def run() -> list[tuple[str, float, float]]:
    warm_up()
    rows = []
    for name, make in SHAPES.items():
        small, large = make(SMALL), make(LARGE)
        rows.append((name, _time(small), _time(large)))
    return rows


def markdown(rows: list[tuple[str, float, float]]) -> str:
    lines = [
        "",
        "Command: `make bench` (runs `python bench/hostile_scaling.py --write-docs`). CPU seconds "
        "of one `analyze()` call; ratio ≈ 10 means linear, ≈ 100 would mean quadratic.",
        "",
        "| input | 100,000 chars (s) | 1,000,000 chars (s) | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, small, large in rows:
        lines.append(f"| {name} | {small:.3f} | {large:.3f} | {large / max(small, 1e-9):.1f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    rows = run()
    table = Table(title="analyze on hostile input: 100k vs 1M characters")
    for col in ("input", "100k s", "1M s", "ratio"):
        table.add_column(col, justify="left" if col == "input" else "right")
    for name, small, large in rows:
        table.add_row(name, f"{small:.3f}", f"{large:.3f}", f"{large / max(small, 1e-9):.1f}")
    Console().print(table)
    if args.write_docs:
        path = ROOT / "docs" / "benchmarks.md"
        path.write_text(
            replace_between(path.read_text("utf-8"), START, END, markdown(rows)), "utf-8"
        )
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
