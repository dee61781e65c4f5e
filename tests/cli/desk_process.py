"""Running `madoguchi` desk commands as a user does: a subprocess with a clean environment."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

EXE = shutil.which("madoguchi", path=str(Path(sys.executable).parent)) or "madoguchi"
#: what the test process may carry that must not leak into a desk started by a test
_INHERITED_SETTINGS = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests; production refuses it
    "DATABASE_URL",
    "TEST_DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "REDIS_URL",
    "EMAIL_HOST",
    "EMAIL_BACKEND",
)
STRONG_KEY = "k3Y-" + "9fQ2xLm7pR4tVw8zA1cE5gJ0hN6bD3sU" * 2


def desk_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in _INHERITED_SETTINGS and not k.startswith("MADOGUCHI_")
    }
    env.update({"MADOGUCHI_DATA_DIR": str(data_dir), "NO_COLOR": "1", **extra})
    return env


def run(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
