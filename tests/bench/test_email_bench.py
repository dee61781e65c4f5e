"""bench/email_intake.py on a tiny run: a real ``madoguchi smtpd``, real SMTP, every mail stored once."""

from __future__ import annotations

import json
import sys
from email import message_from_bytes
from email import policy as email_policy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` lives at the repo root, outside src/
    sys.path.insert(0, str(ROOT))

from bench import email_intake as email_bench  # noqa: E402
from bench import mail_gen  # noqa: E402


def test_a_small_run_stores_every_accepted_mail_exactly_once(tmp_path):
    out = tmp_path / "email.json"
    argv = ["--mails", "24", "--connections", "3", "--out", str(out)]
    assert email_bench.main(argv) == 0
    results = json.loads(out.read_text("utf-8"))
    [run] = results["runs"]
    assert run["backend"] == "sqlite" and run["mails"] == 24
    assert run["redeliveries"] >= 1 and run["deliveries"] == 24 + run["redeliveries"]
    assert run["accepted"] == run["deliveries"] and run["refused"] == run["errors"] == 0
    assert run["lost"] == run["duplicated"] == run["stored_though_refused"] == 0
    # each distinct mail is a ticket message or parked mail, never both, never neither
    assert run["stored_as_message"] + run["parked"] == 24
    assert run["kinds"]["fixture"] == 3 and run["parked"] >= 1
    assert run["customer_messages"] == run["inbound_mail_rows"]
    assert 0 < run["latency_ms"]["p50"] <= run["latency_ms"]["p99"]
    assert results["command"] == "python bench/email_intake.py --mails 24 --connections 3"


def test_the_mails_are_distinct_deterministic_and_readable():
    mails = mail_gen.build_mails(40, seed=7)
    assert mails == mail_gen.build_mails(40, seed=7)
    assert len({m.message_id for m in mails}) == 40
    kinds = {m.kind for m in mails}
    assert {"generated:ja", "generated:en"} <= kinds
    assert any(k.startswith("fixture:") for k in kinds)
    charsets = set()
    for mail in mails:
        parsed = message_from_bytes(mail.raw, policy=email_policy.default)
        assert parsed["Message-ID"] == mail.message_id
        assert len(parsed.get_all("Message-ID")) == 1
        if mail.kind.startswith("generated"):
            charsets.add(parsed.get_content_charset())
            assert parsed.get_content().strip()
    assert {"iso-2022-jp", "utf-8"} <= charsets
    plan = mail_gen.delivery_plan(mails, seed=7)
    assert set(plan) == set(mails) and len(plan) > len(mails)


def test_a_message_id_is_replaced_or_added():
    raw = b"From: a@example.jp\r\nMessage-ID: <old@x>\r\nSubject: s\r\n\r\nbody\r\n"
    replaced = mail_gen.with_message_id(raw, "<new@y>")
    assert b"<old@x>" not in replaced and replaced.count(b"Message-ID: <new@y>\r\n") == 1
    added = mail_gen.with_message_id(b"From: a@example.jp\r\n\r\nbody\r\n", "<new@y>")
    assert added.startswith(b"Message-ID: <new@y>\r\n")


def _run(**changes):
    run = {
        "backend": "sqlite", "mails": 1000, "deliveries": 1025, "redeliveries": 25,
        "kinds": {"fixture": 125, "generated:ja": 400, "generated:en": 300},
        "connections": 8, "accepted": 1025, "refused": 0, "errors": 0,
        "mails_per_s": 64.0, "server_cpu_ms_per_mail": 11.0,
        "latency_ms": {"p50": 40.0, "p90": 120.0, "p99": 300.0, "max": 800.0},
        "stored_as_message": 970, "parked": 30, "parked_reasons": {"automated": 30},
        "tickets": 975, "lost": 0, "duplicated": 0, "stored_though_refused": 0,
    }  # fmt: skip
    return run | changes


def test_the_docs_section_says_whether_the_target_was_met(tmp_path):
    results = {"command": "python bench/email_intake.py", "machine": {"cpu": "x", "cpus": 2}}
    met = email_bench.render(results | {"runs": [_run()]}, quick=False)
    assert "sqlite **met**" in met and "| SQLite (WAL) | 64.0 | 40.0 |" in met
    for bad in ({"mails_per_s": 30.0}, {"lost": 1}, {"duplicated": 2}, {"refused": 1}):
        text = email_bench.render(results | {"runs": [_run(**bad)]}, quick=False)
        assert "sqlite **NOT met**" in text
    both = [_run(), _run(backend="postgresql", server_version="15.2", mails_per_s=40.0)]
    text = email_bench.render(results | {"runs": both}, quick=True)
    assert "sqlite **met**, postgresql **NOT met**" in text and "PostgreSQL 15.2" in text


def test_arguments():
    assert email_bench.parse_args([]).mails == email_bench.FULL["mails"]
    assert email_bench.parse_args(["--quick"]).mails == email_bench.QUICK["mails"]
    assert email_bench.command_line(email_bench.parse_args(["--write-docs"])) == (
        "python bench/email_intake.py"
    )
    for bad in (["--mails", "0"], ["--connections", "0"], ["--database-url", "mysql://x/y"]):
        with pytest.raises(SystemExit):
            email_bench.parse_args(bad)
