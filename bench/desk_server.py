"""A real desk process for benchmarks and tests, and the statistics their reports share.

:class:`DeskServer` runs ``madoguchi serve`` (uvicorn, the real ASGI application) on a free
port over its own data directory; ``bench/chat.py``, ``bench/email_intake.py`` (its SMTP
receiver subclasses it) and the live chat's browser and multi-process tests all start desks
this way, so it lives apart from any one benchmark. :func:`run_async` lets that code drive
sockets from a thread that already runs an event loop; :func:`percentile` is the
nearest-rank percentile their reports print.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_async(coroutine: Any) -> Any:
    """``asyncio.run``, in a thread of its own when this thread already runs an event loop
    (pytest with Playwright's sync API or pytest-asyncio does)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = asyncio.run(coroutine)
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box.get("result")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the OS picks it), for a desk that must not collide."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _python() -> str:
    return sys.executable


class DeskServer:
    """A real desk process (``madoguchi serve``, uvicorn) on a free port.

    ``prepare()`` migrates the database and imports the sample articles once (run it before
    starting several processes on one database: they must not migrate at the same time).
    """

    def __init__(
        self, data_dir: Path, *, env: dict[str, str] | None = None, workers: int = 1
    ) -> None:
        self.data_dir = Path(data_dir)
        self.workers = workers
        self.port = free_port()
        self.env = {
            **os.environ,
            "MADOGUCHI_DATA_DIR": str(self.data_dir),
            "MADOGUCHI_MODE": "development",
            "MADOGUCHI_DEBUG": "0",
            "SECRET_KEY": "bench-and-tests-only-" + "k" * 40,
            "DJANGO_SETTINGS_MODULE": "madoguchi.desk.settings",
            **(env or {}),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process: subprocess.Popen | None = None
        self.log = self.data_dir / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def run_python(self, code: str) -> str:
        """Run ``code`` with Django set up on this desk's settings (a separate process)."""
        prelude = "import django; django.setup()\n"
        done = subprocess.run(
            [_python(), "-c", prelude + code],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"desk python failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def prepare(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.run_python(
            "from django.core.management import call_command\n"
            "call_command('migrate', interactive=False, verbosity=0)\n"
            "from madoguchi.kb.services import article_import\n"
            "article_import()\n"
        )

    def start(self, timeout: float = 60.0) -> DeskServer:
        madoguchi = shutil.which("madoguchi", path=str(Path(_python()).parent)) or "madoguchi"
        command = [madoguchi, "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--no-task-worker", "--log-level", "warning", "--workers", str(self.workers)]
        self.process = subprocess.Popen(
            command,
            env=self.env,
            cwd=ROOT,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"desk exited:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/help/", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"desk did not answer in {timeout}s:\n{self.log.read_text()[-3000:]}")

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server process so far (Linux), else None."""
        if self.process is None:
            return None
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> DeskServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank ``p``-th percentile (``p`` in 0..100) of ``values``; None when empty, so a
    report shows a dash rather than failing on a run that measured nothing."""
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]
