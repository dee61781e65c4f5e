"""`madoguchi chat` in a terminal: a whole dialogue piped in, against a fresh data directory."""

from __future__ import annotations

import re
import sqlite3
import subprocess

import pytest

from tests.cli.desk_process import EXE, desk_env

REFERENCE = re.compile(r"^ticket: (MDG-\d{2}-\d{6})$", re.MULTILINE)
PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"


def chat(data_dir, language: str, lines: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, "chat", "--language", language],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        env=desk_env(data_dir),
        check=False,
    )


def _rows(data_dir, sql):
    with sqlite3.connect(data_dir / "madoguchi.sqlite3") as db:
        return db.execute(sql).fetchall()


@pytest.mark.slow
def test_a_dialogue_in_japanese_ends_in_a_ticket(tmp_path):
    proc = chat(
        tmp_path,
        "ja",
        ["USDTの出金が届かない", "いいえ", "ERC20", "100 USDT", "わからない",
         "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "わからない", "taro@example.jp"],
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "imported 84 bundled help articles" in out
    assert "サポートアシスタントです" in out  # the greeting
    assert "/help/funds-withdrawal-delayed/" in out  # the answer's link
    assert "この内容で解決しましたか？" in out
    assert "ネットワークを教えてください。" in out  # a checklist question
    reference = REFERENCE.search(out).group(1)
    assert f"お問い合わせ {reference} を作成しました" in out
    assert _rows(tmp_path, "SELECT intent, channel FROM tickets_ticket") == [
        ("funds.withdrawal_delayed", "chat")
    ]


@pytest.mark.slow
def test_english_secret_and_quit(tmp_path):
    proc = chat(tmp_path, "en", [f"my recovery phrase is {PHRASE}", "skip", "/quit", "never read"])
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "[!] ⚠ You sent your recovery phrase" in out
    assert REFERENCE.search(out)
    assert "never read" not in out
    assert "sausage" not in out  # the transcript shows the line as stored, redacted
    stored = _rows(tmp_path, "SELECT text FROM conversations_turn")
    stored += _rows(tmp_path, "SELECT body FROM tickets_message")
    assert not any("sausage" in row[0] for row in stored)
    assert _rows(tmp_path, "SELECT priority, secret_exposed FROM tickets_ticket") == [("urgent", 1)]
