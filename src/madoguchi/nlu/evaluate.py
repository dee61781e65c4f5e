"""Measuring the engine: the dev set (top-1/top-3, abstention) and a general classifier report.

Dev-set lines are ``{"text": ..., "language": "ja"|"en", "intent": id|null}``; ``null`` means
the assistant should abstain (out of scope, investment advice). Abstention is "predicted
intent is null"; its precision and recall treat abstaining as the positive class.

>>> items = [DevItem("a", "en", "x"), DevItem("b", "en", None)]
>>> results = [{"intent": "x", "alternatives": []}, {"intent": "x", "alternatives": []}]
>>> devset_report(items, results)["en"]["top1"]
0.5
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from madoguchi.nlu._errors import NluError, TrainingDataError

__all__ = [
    "DatasetError",
    "DevItem",
    "classification_report",
    "devset_report",
    "evaluate_devset",
    "load_devset",
    "read_labelled_csv",
]

LABEL_COLUMNS = ("label", "intent", "category")


class DatasetError(NluError, ValueError):
    """A dev set or CSV file that cannot be read: the message says which line and why."""


@dataclass(frozen=True, slots=True)
class DevItem:
    text: str
    language: str
    intent: str | None


def load_devset(path: Path | str) -> list[DevItem]:
    """Read a JSONL dev set; :class:`DatasetError` naming the first bad line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise DatasetError(f"{path}: no such file") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise DatasetError(f'{path}:{number}: expected an object with a string "text"')
        language = obj.get("language")
        intent = obj.get("intent")
        if language not in ("ja", "en"):
            raise DatasetError(f'{path}:{number}: "language" must be "ja" or "en"')
        if intent is not None and not isinstance(intent, str):
            raise DatasetError(f'{path}:{number}: "intent" must be a string or null')
        items.append(DevItem(obj["text"], language, intent))
    if not items:
        raise DatasetError(f"{path}: no queries")
    return items


def _candidates(result: dict[str, Any], k: int) -> list[str | None]:
    ranked: list[str | None] = [result["intent"]] if result.get("intent") else []
    ranked += [a["intent"] for a in result.get("alternatives", ())]
    return ranked[:k]


def devset_report(
    items: Sequence[DevItem], results: Sequence[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Per language (and ``all``): n, top1, top3, abstention precision/recall, the misses."""
    groups: dict[str, list[tuple[DevItem, dict[str, Any]]]] = {}
    for item, result in zip(items, results, strict=True):
        groups.setdefault(item.language, []).append((item, result))
        groups.setdefault("all", []).append((item, result))
    report: dict[str, dict[str, Any]] = {}
    for language, pairs in sorted(groups.items()):
        top1 = top3 = 0
        abstained = abstained_right = should_abstain = 0
        misses = []
        for item, result in pairs:
            predicted = result.get("intent")
            if item.intent is None:
                should_abstain += 1
                right = predicted is None
                top3_right = right
            else:
                right = predicted == item.intent
                top3_right = item.intent in _candidates(result, 3)
            if predicted is None:
                abstained += 1
                abstained_right += item.intent is None
            top1 += right
            top3 += top3_right
            if not right:
                misses.append({"text": item.text, "gold": item.intent, "predicted": predicted})
        n = len(pairs)
        report[language] = {
            "n": n,
            "top1": round(top1 / n, 4),
            "top3": round(top3 / n, 4),
            "abstain_precision": round(abstained_right / abstained, 4) if abstained else None,
            "abstain_recall": round(abstained_right / should_abstain, 4)
            if should_abstain
            else None,
            "abstained": abstained,
            "should_abstain": should_abstain,
            "misses": misses,
        }
    return report


def evaluate_devset(
    items: Sequence[DevItem], understand: Callable[[str, str | None], dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Run ``understand(text, language_hint)`` over the dev set and report."""
    return devset_report(items, [understand(item.text, None) for item in items])


def read_labelled_csv(path: Path | str) -> tuple[list[str], list[str]]:
    """Texts and labels from a CSV with a header: ``text`` and ``label``/``intent``/``category``.

    :class:`DatasetError` for a missing file or column, a bad encoding or no rows. Rows with an
    empty text or label are skipped (a labelled history has some).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise DatasetError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise DatasetError(f"{path}: is a directory") from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}: not UTF-8 (byte {exc.start}); save the CSV as UTF-8") from exc
    if not content.strip():
        raise DatasetError(f"{path}: empty file")
    try:
        reader = csv.DictReader(io.StringIO(content, newline=""))
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        if "text" not in header:
            raise DatasetError(f"{path}: no 'text' column (header: {', '.join(header)})")
        label_column = next((c for c in LABEL_COLUMNS if c in header), None)
        if label_column is None:
            raise DatasetError(
                f"{path}: no label column; name it one of {', '.join(LABEL_COLUMNS)}"
            )
        originals = {h.strip().lower(): h for h in reader.fieldnames or []}
        texts, labels = [], []
        for row in reader:
            text = (row.get(originals["text"]) or "").strip()
            label = (row.get(originals[label_column]) or "").strip()
            if text and label:
                texts.append(text)
                labels.append(label)
    except csv.Error as exc:
        raise DatasetError(f"{path}: not a valid CSV ({exc})") from exc
    if not texts:
        raise DatasetError(f"{path}: no rows with both a text and a label")
    return texts, labels


def classification_report(
    gold: Sequence[str], predicted: Sequence[str | None], *, top_pairs: int = 10
) -> dict[str, Any]:
    """Accuracy, macro-F1 over the gold labels, and the most frequent confusions.

    A ``None`` prediction (abstention) counts as wrong and is listed as ``"(abstained)"``.
    """
    if len(gold) != len(predicted):
        raise TrainingDataError("gold and predicted differ in length")
    if not gold:
        raise TrainingDataError("nothing to evaluate")
    labels = sorted(set(gold))
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    confusions = Counter(
        (g, p if p is not None else "(abstained)")
        for g, p in zip(gold, predicted, strict=True)
        if g != p
    )
    return {
        "n": len(gold),
        "labels": len(labels),
        "accuracy": round(correct / len(gold), 4),
        "macro_f1": round(sum(f1s) / len(f1s), 4),
        "confused": [
            {"gold": g, "predicted": p, "count": c}
            for (g, p), c in confusions.most_common(top_pairs)
        ],
    }
