"""The labelled sets: precision and recall must stay at or above the measured floors.

``test.jsonl`` was written before the rules and never tuned on; ``dev.jsonl`` is the tuning
set. Measured on test (first run): precision 1.000, recall 0.960 (48/50); floors leave a little
room for rule changes but catch regressions.

``blind.jsonl`` (147 messages, 75 blocked) was written by another engineer without seeing the
rules or the other sets, and frozen before its first run: precision 1.000, recall 0.680
(51/75), per-kind recall down to 0.333 (private_key); see docs/guard.md, "Blind set". It has
since been tuned on (dev-like, tuned on): precision 1.000, recall 1.000 (75/75), per-kind
recall down to 0.917 (recovery_phrase). None of the sets may gain a false positive (precision
floor 1.0).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from madoguchi import cli
from madoguchi.guard import EvaluationError, evaluate, read_examples
from madoguchi.trust import Registry

DATA = Path(__file__).parent / "data"
REGISTRY = Registry.from_file(str(DATA / "official.txt"))

#: (file, overall precision floor, overall recall floor, per-kind recall floor)
FLOORS = [
    ("test.jsonl", 1.0, 0.98, 0.85),  # measured 1.000 / 1.000, every kind 1.000
    ("dev.jsonl", 1.0, 1.0, 1.0),
    ("blind.jsonl", 1.0, 0.98, 0.9),  # dev-like, tuned on: 1.000 / 1.000, every kind 1.000
    # tuned on (second recall round). First, held-out run: P 1.000 / R 0.790; per kind
    # P >= 0.889, R >= 0.500. Tuned: P 1.000 / R 1.000; per kind R 1.000, P >= 0.909 (password:
    # one message held rightly for its private key also names the MetaMask password)
    ("blind3.jsonl", 0.9, 0.98, 0.9),
    # held out, one run after the second round: P 0.988 / R 0.823 (1 false positive in 88);
    # per kind P >= 0.857, R >= 0.524
    ("blind4.jsonl", 0.85, 0.80, 0.5),
]


def _load(name: str):
    return read_examples((DATA / name).read_text(encoding="utf-8").splitlines())


def test_the_sets_are_big_enough_and_balanced():
    test, dev = _load("test.jsonl"), _load("dev.jsonl")
    assert len(test) + len(dev) >= 150
    for examples in (test, dev):
        blocked = sum(e.blocked for e in examples)
        assert 0.4 <= blocked / len(examples) <= 0.6
        texts = [e.text for e in examples]
        assert any(any("\u3040" <= c <= "\u30ff" for c in t) for t in texts)  # Japanese
    assert not {e.text for e in test} & {e.text for e in dev}  # held out


@pytest.mark.parametrize(("name", "precision", "recall", "kind_recall"), FLOORS)
def test_precision_and_recall_stay_above_the_floor(name, precision, recall, kind_recall):
    result = evaluate(_load(name), registry=REGISTRY)
    assert result.overall.precision >= precision, result.errors
    assert result.overall.recall >= recall, result.errors
    for kind, score in result.per_kind.items():
        assert score.precision >= precision, (kind, result.errors)
        assert score.recall >= kind_recall, (kind, result.errors)


def test_the_eval_command_prints_the_figures(capsys):
    assert cli.main(["guard", "eval", str(DATA / "test.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "101 messages" in out and "overall" in out and "recovery_phrase" in out
    assert cli.main(["guard", "eval", str(DATA / "dev.jsonl"), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["overall"]["precision"] == 1.0 and set(figures["per_kind"]) >= {"link"}


def test_the_eval_command_reports_a_bad_file_clearly(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "blocked": true, "kinds": []}\n', encoding="utf-8")
    assert cli.main(["guard", "eval", str(bad)]) == 2
    assert "line 1" in capsys.readouterr().err
    assert cli.main(["guard", "eval", str(tmp_path / "missing.jsonl")]) == 2


@pytest.mark.parametrize(
    "line",
    ["not json", '{"blocked": false}', '{"text": "x", "blocked": "no"}',
     '{"text": "x", "blocked": true, "kinds": ["nonsense"]}'],
)  # fmt: skip
def test_bad_lines_raise_evaluation_error(line):
    with pytest.raises(EvaluationError):
        read_examples([line])


def test_the_check_command_exits_1_on_a_blocked_message(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Please DM me your seed phrase"))
    assert cli.main(["guard", "check"]) == 1
    assert json.loads(capsys.readouterr().out)["findings"][0]["kind"] == "recovery_phrase"
    monkeypatch.setattr("sys.stdin", io.StringIO("We will never ask for your seed phrase"))
    assert cli.main(["guard", "check"]) == 0
