"""Run Yelp's detect-secrets (default plugins and filters) over messages, timing each one.

Two fair ways exist and both are offered: ``line`` feeds each non-empty line of a message to
``detect_secrets.core.scan.scan_line`` (its ad-hoc string API, eager search on);
``file`` writes every message to its own ``.txt`` file *before* timing and calls
``detect_secrets.core.scan.scan_file`` (what ``SecretsCollection.scan_file`` runs).

>>> spans, ns = scan(["password = 'hunter2hunter2'"], mode="line")
>>> len(spans) == len(ns) == 1
True
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bench.scoring import Found

MODES = ("line", "file")


def _locate(line: str, offset: int, value: str | None) -> Found:
    """The span of a reported value inside its line; the whole line when it cannot be found."""
    at = line.find(value) if value else -1
    if at < 0:
        return (None, offset, offset + len(line))
    return (None, offset + at, offset + at + len(value or ""))


@contextmanager
def _settings() -> Iterator[None]:
    from detect_secrets.settings import default_settings

    with default_settings():
        yield


def _scan_lines(texts: Sequence[str]) -> tuple[list[list[Found]], list[int]]:
    from detect_secrets.core.scan import scan_line

    found: list[list[Found]] = []
    times: list[int] = []
    clock = time.perf_counter_ns
    for text in texts:
        t0 = clock()
        spans: list[Found] = []
        offset = 0
        for line in text.split("\n"):
            if line.strip():
                spans.extend(_locate(line, offset, s.secret_value) for s in scan_line(line))
            offset += len(line) + 1
        times.append(clock() - t0)
        found.append(spans)
    return found, times


def _scan_files(texts: Sequence[str]) -> tuple[list[list[Found]], list[int]]:
    from detect_secrets.core.scan import scan_file

    found: list[list[Found]] = []
    times: list[int] = []
    clock = time.perf_counter_ns
    with tempfile.TemporaryDirectory(prefix="madoguchi-bench-", dir=_tmp_root()) as tmp:
        paths = []
        for i, text in enumerate(texts):
            path = Path(tmp, f"message-{i:06d}.txt")
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        for text, path in zip(texts, paths, strict=True):
            t0 = clock()
            secrets = list(scan_file(path))
            times.append(clock() - t0)
            lines = text.split("\n")
            starts = [0]
            for line in lines:
                starts.append(starts[-1] + len(line) + 1)
            spans = []
            for s in secrets:
                n = min(max(s.line_number, 1), len(lines)) - 1
                spans.append(_locate(lines[n], starts[n], s.secret_value))
            found.append(spans)
    return found, times


def _tmp_root() -> str | None:
    """A RAM-backed directory when there is one, so the file mode measures scanning, not disk."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() else None


def scan(texts: Sequence[str], *, mode: str) -> tuple[list[list[Found]], list[int]]:
    """Reported spans per message and per-message nanoseconds, in ``mode`` (``line``/``file``)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    with _settings():
        return _scan_lines(texts) if mode == "line" else _scan_files(texts)


def version() -> str:
    from importlib.metadata import version as dist_version

    return dist_version("detect-secrets")
