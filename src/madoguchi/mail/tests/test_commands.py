"""`madoguchi smtpd` and `madoguchi imap-poll` as an operator runs them (fresh data dir)."""

from __future__ import annotations

import os
import signal
import smtplib
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from madoguchi.mail.tests.dovecot import PASSWORD, USER, dovecot_binary, dovecot_start
from madoguchi.mail.tests.mailbuilder import DESK, fixture

# the commands through their own parser registration (desk/commands.py wires the same)
RUNNER = (
    "import argparse, sys\n"
    "from madoguchi.desk.commands_mail import add_commands\n"
    "parser = argparse.ArgumentParser(prog='madoguchi')\n"
    "add_commands(parser.add_subparsers(dest='command', required=True))\n"
    "args = parser.parse_args(sys.argv[1:])\n"
    "sys.exit(args.func(args))\n"
)


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MADOGUCHI_", "DJANGO_")) and k not in ("DATABASE_URL", "SECRET_KEY")
    }
    env.update({"MADOGUCHI_DATA_DIR": str(data_dir), **extra})
    return env


def _command(*args: str) -> list[str]:
    return [sys.executable, "-c", RUNNER, *args]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bodies(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / "madoguchi.sqlite3") as db:
        return [r[0] for r in db.execute("select body from tickets_message order by id")]


def test_smtpd_receives_until_terminated(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        _command("smtpd", "--port", str(port)),
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = process.stdout.readline()
        assert "receiving mail for madoguchi.invalid" in banner, process.stderr.read()
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            client.sendmail("x@example.jp", [DESK], fixture("ja_shiftjis_base64"))
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    assert any("口座への入金（日本円）が反映されていません。" in b for b in _bodies(tmp_path))


def test_smtpd_on_a_busy_port_fails_cleanly(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            _command("smtpd", "--port", str(port)),
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_imap_poll_without_settings_fails_cleanly(tmp_path):
    proc = subprocess.run(
        _command("imap-poll", "--once"),
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "MADOGUCHI_IMAP_HOST" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(dovecot_binary() is None, reason="dovecot not installed")
def test_imap_poll_once(tmp_path):
    server = dovecot_start()
    try:
        client = server.client()
        client.append("INBOX", None, None, fixture("ja_eucjp"))
        client.logout()
        env = _env(
            tmp_path,
            MADOGUCHI_IMAP_HOST="127.0.0.1",
            MADOGUCHI_IMAP_PORT=str(server.port),
            MADOGUCHI_IMAP_USER=USER,
            MADOGUCHI_IMAP_PASSWORD=PASSWORD,
            MADOGUCHI_IMAP_SECURITY="plain",
        )
        proc = subprocess.run(
            _command("imap-poll", "--once"),
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert "1 fetched, 1 new" in proc.stdout
    finally:
        server.stop()
    assert any("ログインできなくなりました。" in b for b in _bodies(tmp_path))
