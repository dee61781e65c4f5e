"""`madoguchi serve` and production mode, as an operator runs them (real subprocesses)."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.cli.desk_process import EXE, STRONG_KEY, desk_env, free_port, run


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None  # not listening yet


def _serve_until_it_answers(env: dict[str, str], paths: tuple[str, ...]) -> tuple[int, str]:
    """Start `madoguchi serve`, poll ``paths`` until one answers, stop it: (status, output)."""
    port = free_port()
    proc = subprocess.Popen(
        [EXE, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    status = None
    try:
        deadline = time.monotonic() + 90
        while status is None and time.monotonic() < deadline and proc.poll() is None:
            for path in paths:
                status = status or _status(f"http://127.0.0.1:{port}{path}")
            time.sleep(0.2)
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=30)
    assert status is not None, f"no answer (exit code {proc.returncode}):\n{output}"
    assert f"http://127.0.0.1:{port}/" in output
    return status, output


@pytest.mark.timeout(120)
def test_serve_migrates_prints_the_url_and_answers_http(tmp_path):
    status, output = _serve_until_it_answers(desk_env(tmp_path), ("/agent/login/", "/admin/login/"))
    assert status < 500
    assert (tmp_path / "madoguchi.sqlite3").exists()  # migrated on start
    assert "Traceback" not in output


@pytest.mark.timeout(120)
def test_production_serve_collects_and_serves_static_files(tmp_path):
    env = desk_env(
        tmp_path,
        MADOGUCHI_MODE="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        MADOGUCHI_SSL_REDIRECT="0",  # no TLS proxy in a test
        MADOGUCHI_SITE_URL="https://desk.example.com",
    )
    status, output = _serve_until_it_answers(env, ("/static/desk/desk.css",))
    assert status == 200
    assert (tmp_path / "static" / "desk" / "desk.css").exists()  # collectstatic ran
    assert "madoguchi production desk" in output and "Traceback" not in output


def test_serve_on_a_taken_port_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run("serve", "--port", str(port), env=desk_env(tmp_path))
    assert proc.returncode == 2
    assert f"port {port}" in proc.stderr and "already in use" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, "needs SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-short"}, "too weak"),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_real_settings(tmp_path, extra, expected):
    env = desk_env(tmp_path, MADOGUCHI_MODE="production", **extra)
    proc = run("serve", "--port", str(free_port()), env=env)
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert proc.stderr.count("\n") <= 2 and "Traceback" not in proc.stderr
    assert proc.stdout == ""  # never got as far as printing a URL


def test_production_settings_pass_check_deploy(tmp_path):
    env = desk_env(
        tmp_path,
        MADOGUCHI_MODE="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="desk.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    django_admin = str(Path(EXE).with_name("django-admin"))
    proc = subprocess.run(
        [django_admin, "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SETTINGS_MODULE": "madoguchi.desk.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "System check identified no issues" in proc.stdout


def test_scan_still_starts_without_django(tmp_path):
    proc = subprocess.run(
        [EXE, "scan", "--json"],
        input="hello",
        env=desk_env(tmp_path, MADOGUCHI_MODE="production"),  # desk settings are not read
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
