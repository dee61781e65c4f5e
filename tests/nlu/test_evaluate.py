"""Metrics: the dev-set report, labelled CSV reading, the classifier report."""

from __future__ import annotations

import pytest

from madoguchi.nlu.evaluate import (
    DatasetError,
    DevItem,
    classification_report,
    devset_report,
    load_devset,
    read_labelled_csv,
)


def result(intent, *alternatives):
    return {"intent": intent, "alternatives": [{"intent": a} for a in alternatives]}


def test_devset_report_counts_top1_top3_and_abstention():
    items = [
        DevItem("a", "en", "x"),  # right
        DevItem("b", "en", "y"),  # wrong, y second: top-3 right
        DevItem("c", "en", None),  # abstained: right
        DevItem("d", "en", None),  # answered: wrong
        DevItem("e", "en", "z"),  # abstained on an in-scope question: wrong, z in alternatives
        DevItem("f", "ja", "x"),
    ]
    results = [
        result("x", "y"),
        result("x", "y", "z"),
        result(None, "x"),
        result("x"),
        result(None, "z"),
        result("x"),
    ]
    report = devset_report(items, results)
    en = report["en"]
    assert en["n"] == 5 and en["top1"] == 0.4 and en["top3"] == 0.8
    assert en["abstained"] == 2 and en["should_abstain"] == 2
    assert en["abstain_precision"] == 0.5 and en["abstain_recall"] == 0.5
    assert report["ja"]["top1"] == 1.0 and report["ja"]["abstain_precision"] is None
    assert report["all"]["n"] == 6
    assert {m["text"] for m in en["misses"]} == {"b", "d", "e"}


def test_load_devset_reads_lines_and_names_the_bad_one(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(
        '{"text": "a", "language": "en", "intent": "x"}\n\n'
        '{"text": "b", "language": "ja", "intent": null}\n',
        encoding="utf-8",
    )
    assert load_devset(good) == [DevItem("a", "en", "x"), DevItem("b", "ja", None)]
    cases = {
        "not json": ":1: invalid JSON",
        '{"text": 1, "language": "en", "intent": null}': 'string "text"',
        '{"text": "a", "language": "fr", "intent": null}': '"language"',
        '{"text": "a", "language": "en", "intent": 3}': '"intent"',
    }
    for line, message in cases.items():
        bad = tmp_path / "bad.jsonl"
        bad.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(DatasetError, match=message):
            load_devset(bad)
    with pytest.raises(DatasetError, match="no such file"):
        load_devset(tmp_path / "absent.jsonl")
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(DatasetError, match="no queries"):
        load_devset(tmp_path / "empty.jsonl")
    (tmp_path / "latin1.jsonl").write_bytes('{"text": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(DatasetError, match="UTF-8"):
        load_devset(tmp_path / "latin1.jsonl")


@pytest.mark.parametrize("column", ["label", "intent", "category", "Label"])
def test_read_labelled_csv_accepts_each_label_column(tmp_path, column):
    path = tmp_path / "data.csv"
    path.write_text(f'text,{column}\nhello there,greet\n,skip\n"a, b",list\n', encoding="utf-8")
    assert read_labelled_csv(path) == (["hello there", "a, b"], ["greet", "list"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"body,label\nx,y\n", "no 'text' column"),
        (b"text,topic\nx,y\n", "no label column"),
        (b"text,label\n,\n", "no rows"),
        ("text,label\ncaf\xe9,x\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_read_labelled_csv_errors_are_clear(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(DatasetError, match=message):
        read_labelled_csv(path)


def test_read_labelled_csv_missing_file(tmp_path):
    with pytest.raises(DatasetError, match="no such file"):
        read_labelled_csv(tmp_path / "nope.csv")
    with pytest.raises(DatasetError, match="directory"):
        read_labelled_csv(tmp_path)


def test_classification_report_accuracy_macro_f1_and_confusions():
    gold = ["a", "a", "b", "b", "c"]
    predicted = ["a", "b", "b", "b", None]
    report = classification_report(gold, predicted)
    assert report["accuracy"] == 0.6
    # F1: a = 2/3, b = 0.8, c = 0
    assert report["macro_f1"] == pytest.approx((2 / 3 + 0.8 + 0) / 3, abs=1e-4)
    assert {"gold": "a", "predicted": "b", "count": 1} in report["confused"]
    assert {"gold": "c", "predicted": "(abstained)", "count": 1} in report["confused"]
