"""`madoguchi createagent` and `apikey`, as an operator runs them (fresh data dir)."""

from __future__ import annotations

import sqlite3

from tests.cli.desk_process import desk_env, run

PASSWORD = "a long and unusual passphrase"


def _user(data_dir, username):
    with sqlite3.connect(data_dir / "madoguchi.sqlite3") as db:
        return db.execute(
            "SELECT u.is_staff, u.is_superuser, u.email, u.first_name, a.role, a.language "
            "FROM auth_user u JOIN agents_agent a ON a.user_id = u.id WHERE u.username = ?",
            (username,),
        ).fetchone()


def test_createagent_reads_the_password_from_the_environment(tmp_path):
    env = desk_env(tmp_path, MADOGUCHI_AGENT_PASSWORD=PASSWORD)
    proc = run(
        "createagent", "--username", "mika", "--email", "Mika@Example.JP", "--name", "Mika",
        "--role", "lead", "--language", "en", env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "mika" in proc.stdout
    assert PASSWORD not in proc.stdout + proc.stderr
    assert _user(tmp_path, "mika") == (0, 0, "mika@example.jp", "Mika", "lead", "en")


def test_createagent_superuser_gets_admin_access(tmp_path):
    env = desk_env(tmp_path, MADOGUCHI_AGENT_PASSWORD=PASSWORD)
    proc = run("createagent", "--username", "root-agent", "--superuser", env=env)
    assert proc.returncode == 0, proc.stderr
    assert _user(tmp_path, "root-agent")[:2] == (1, 1)


def test_createagent_reports_every_problem_cleanly(tmp_path):
    env = desk_env(tmp_path, MADOGUCHI_AGENT_PASSWORD="short", LANG="C.UTF-8")
    proc = run("createagent", "--username", "bad name!", env=env)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "too short" in proc.stderr  # the password validator's message
    assert "username" in proc.stderr.lower()


def test_createagent_unknown_team_and_duplicate_user(tmp_path):
    env = desk_env(tmp_path, MADOGUCHI_AGENT_PASSWORD=PASSWORD, LANG="C.UTF-8")
    proc = run("createagent", "--username", "nao", "--team", "nosuchteam", env=env)
    assert proc.returncode == 2 and "nosuchteam" in proc.stderr
    assert _user(tmp_path, "nao") is None  # nothing half-created
    assert run("createagent", "--username", "nao", env=env).returncode == 0
    again = run("createagent", "--username", "nao", env=env)
    assert again.returncode == 2 and "already taken" in again.stderr


def test_createagent_without_a_password_or_terminal_is_refused(tmp_path):
    proc = run("createagent", "--username", "nao", env=desk_env(tmp_path))
    assert proc.returncode == 2
    assert "MADOGUCHI_AGENT_PASSWORD" in proc.stderr


def test_apikey_prints_a_working_key_once_and_stores_only_its_hash(tmp_path):
    import hashlib

    proc = run("apikey", "--name", "exchange backend", env=desk_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    key = next(line for line in proc.stdout.splitlines() if line.startswith("mdg_"))
    with sqlite3.connect(tmp_path / "madoguchi.sqlite3") as db:
        rows = db.execute("SELECT name, key_hash FROM madoguchi_api_apikey").fetchall()
    assert rows == [("exchange backend", hashlib.sha256(key.encode()).hexdigest())]
