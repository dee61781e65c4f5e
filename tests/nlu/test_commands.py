"""`madoguchi ask | eval | intents eval` as an operator runs them (subprocesses, fresh data dir)."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli.desk_process import EXE, desk_env, run


def ask(*args: str, stdin: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, "ask", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> dict[str, str]:
    """One data dir for the module: the first command imports the KB and trains (cached)."""
    return desk_env(tmp_path_factory.mktemp("desk"))


def test_ask_one_question_on_a_fresh_desk(desk):
    proc = ask(stdin="USDTの出金が3時間たっても届きません\n", env=desk)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out)[:5] == ["intent", "confidence", "language", "article", "alternatives"]
    assert out["intent"] == "funds.withdrawal_delayed"
    assert out["language"] == "ja" and out["article"] == "funds-withdrawal-delayed"
    assert out["out_of_scope"] is None


def test_ask_jsonl_streams_results_and_reports_bad_lines(desk):
    lines = "\n".join(
        [
            json.dumps({"text": "I forgot my password", "id": "q1"}),
            "not json",
            json.dumps({"nope": 1}),
            json.dumps({"text": "BTCは今買い時?"}),
            json.dumps({"text": "12345", "language": "ja"}),
            json.dumps({"text": "x", "language": "de"}),
        ]
    )
    proc = ask("--jsonl", stdin=lines, env=desk)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 6
    assert out[0]["id"] == "q1" and out[0]["intent"] == "account.login"
    assert out[1] == {"line": 2, "error": out[1]["error"]} and "invalid JSON" in out[1]["error"]
    assert out[2]["line"] == 3 and "text" in out[2]["error"]
    assert out[3]["intent"] is None and out[3]["out_of_scope"] == "investment_advice"
    assert out[4]["language"] == "ja"
    assert out[5]["line"] == 6 and "language" in out[5]["error"]


def test_ask_without_a_question_is_a_clear_error(desk):
    proc = ask(stdin="  \n", env=desk)
    assert proc.returncode == 2 and "no question" in proc.stderr and "Traceback" not in proc.stderr


def test_eval_prints_per_language_metrics(desk, tmp_path):
    devset = tmp_path / "dev.jsonl"
    devset.write_text(
        "\n".join(
            json.dumps(q, ensure_ascii=False)
            for q in [
                {"text": "出金が届かない", "language": "ja", "intent": "funds.withdrawal_delayed"},
                {"text": "明日の天気は?", "language": "ja", "intent": None},
                {
                    "text": "my deposit never arrived",
                    "language": "en",
                    "intent": "funds.crypto_deposit_missing",
                },
                {"text": "which coin should I buy?", "language": "en", "intent": None},
            ]
        ),
        encoding="utf-8",
    )
    proc = run("eval", str(devset), env=desk)
    assert proc.returncode == 0, proc.stderr
    assert "top-1" in proc.stdout and "abstain" in proc.stdout
    assert any(line.startswith("ja") for line in proc.stdout.splitlines())
    as_json = run("eval", str(devset), "--json", "--bundled", env=desk)
    report = json.loads(as_json.stdout)
    assert report["ja"]["n"] == 2 and report["en"]["n"] == 2 and report["all"]["n"] == 4
    assert 0 <= report["en"]["top1"] <= 1 and "misses" not in report["en"]


def test_eval_errors(desk, tmp_path):
    missing = run("eval", str(tmp_path / "none.jsonl"), env=desk)
    assert missing.returncode == 2 and "not found" in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    broken = run("eval", str(bad), env=desk)
    assert broken.returncode == 2 and ":1:" in broken.stderr and "Traceback" not in broken.stderr


def test_eval_default_path_is_relative_to_the_working_directory(desk, tmp_path):
    proc = subprocess.run(
        [EXE, "eval"],
        cwd=tmp_path,
        env=desk,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2 and "tests/eval/queries.jsonl" in proc.stderr


def write_csv(path, rows, header="text,label"):
    path.write_text(
        header + "\n" + "\n".join(f'"{t}",{label}' for t, label in rows) + "\n", encoding="utf-8"
    )
    return path


TRAIN = [
    (f"{w} {x}", label)
    for label, words in {
        "weather": ["rain", "snow", "sunny", "forecast"],
        "food": ["pizza", "sushi", "noodles", "dinner"],
        "travel": ["flight", "hotel", "airport", "train"],
    }.items()
    for w in words
    for x in ("today", "tomorrow", "please", "question")
]


def test_intents_eval_trains_on_one_csv_and_reports_on_another(tmp_path):
    train = write_csv(tmp_path / "a.csv", TRAIN, header="text,category")
    test = write_csv(
        tmp_path / "b.csv",
        [
            ("rain later", "weather"),
            ("sushi dinner", "food"),
            ("hotel booking", "travel"),
            ("snow forecast", "food"),
        ],
    )
    proc = run(
        "intents", "eval", "--train", str(train), "--test", str(test), env=desk_env(tmp_path)
    )
    assert proc.returncode == 0, proc.stderr
    assert "accuracy  0.7500" in proc.stdout and "macro-F1" in proc.stdout
    assert "food -> weather: 1" in proc.stdout
    as_json = run(
        "intents",
        "eval",
        "--train",
        str(train),
        "--test",
        str(test),
        "--json",
        env=desk_env(tmp_path),
    )
    report = json.loads(as_json.stdout)
    assert report["accuracy"] == 0.75 and report["train"] == {"n": len(TRAIN), "labels": 3}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"body,label\nx,y\n", "no 'text' column"),
        (b"text,kind\nx,y\n", "no label column"),
        (b"text,label\n\xff\xfe,x\n", "not UTF-8"),
    ],
)
def test_intents_eval_bad_files(tmp_path, content, message):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    good = write_csv(tmp_path / "good.csv", TRAIN)
    proc = run("intents", "eval", "--train", str(bad), "--test", str(good), env=desk_env(tmp_path))
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_intents_eval_single_label_training_set(tmp_path):
    one = write_csv(tmp_path / "one.csv", [("a b", "x"), ("c d", "x")])
    proc = run("intents", "eval", "--train", str(one), "--test", str(one), env=desk_env(tmp_path))
    assert proc.returncode == 2 and "two different labels" in proc.stderr
