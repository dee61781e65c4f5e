"""`madoguchi scan` (and `scan --sample`), run as a user runs them (a real subprocess)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXE = shutil.which("madoguchi", path=str(Path(sys.executable).parent)) or "madoguchi"
PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    return subprocess.run(
        [EXE, *args], input=stdin, capture_output=True, timeout=120, env=env, check=False
    )


def test_scan_json_prints_the_documented_shape_and_never_the_secret():
    text = f"助けてください。シードは {PHRASE} です。"
    proc = run("scan", "--json", "--received-at", "2026-11-29T10:00:00+09:00", stdin=text.encode())
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {"redacted", "language", "secrets", "entities", "findings"}
    assert out["language"] == "ja"
    assert out["secrets"][0]["kind"] == "recovery_phrase"
    start, end = out["secrets"][0]["start"], out["secrets"][0]["end"]
    assert text[start:end] == PHRASE
    assert "sausage" not in proc.stdout.decode() and "sausage" not in proc.stderr.decode()


def test_scan_jsonl_streams_one_result_per_line_and_reports_bad_lines():
    lines = [
        json.dumps({"id": "a", "text": "my password is hunter2!!"}),
        "not json",
        json.dumps({"text": 42}),
        json.dumps({"id": "b", "text": "0.5 ETH を送りました", "received_at": "2026-11-29T10:00"}),
        json.dumps({"text": "x", "tz": "Nowhere/Land"}),
        "",
    ]
    proc = run("scan", "--jsonl", stdin="\n".join(lines).encode())
    assert proc.returncode == 0, proc.stderr
    results = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(results) == 5  # the blank line is skipped, nothing else is lost
    assert results[0]["id"] == "a" and results[0]["secrets"][0]["kind"] == "password"
    assert "hunter2" not in results[0]["redacted"]
    assert results[1] == {"line": 2, "error": results[1]["error"]}
    assert "invalid JSON" in results[1]["error"]
    assert "text" in results[2]["error"]
    assert results[3]["id"] == "b" and results[3]["language"] == "ja"
    assert "time zone" in results[4]["error"]


def test_scan_plain_is_human_readable_and_redacted():
    proc = run("scan", stdin=b"my password is hunter2!! please reset")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "[redacted: password]" in out
    assert "hunter2" not in out
    assert "language: en" in out


def test_scan_survives_binary_garbage():
    proc = run("scan", "--json", stdin=bytes(range(256)) * 200)
    assert proc.returncode == 0, proc.stderr
    assert "redacted" in json.loads(proc.stdout)


def test_scan_reads_a_file_and_reports_a_missing_one(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("XRP を rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh に送金", encoding="utf-8")
    ok = run("scan", "--json", str(path))
    assert ok.returncode == 0
    assert any(e["kind"] == "address" for e in json.loads(ok.stdout)["entities"])
    missing = run("scan", "--json", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert b"No such file" in missing.stderr


def test_unknown_command_is_a_usage_error():
    proc = run("frobnicate")
    assert proc.returncode == 2
    assert b"invalid choice" in proc.stderr


@pytest.mark.timeout(120)
def test_scan_sample_shows_the_sample_conversation_redacted():
    proc = run("scan", "--sample")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318" not in out
    assert "sausage" not in out and "Tr0ub4dor" not in out
    assert "network_mismatch" in out
    assert "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t" in out
