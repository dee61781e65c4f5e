"""Precision and recall of the guard on a labelled JSON-lines file.

Each line: ``{"text": ..., "blocked": true|false, "kinds": [...]}``. Overall figures count
messages (blocked or not); per-kind figures count (message, kind) pairs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from madoguchi.guard._check import check_outgoing
from madoguchi.guard._types import KINDS
from madoguchi.trust import Registry


class EvaluationError(ValueError):
    """A line of the labelled file that cannot be read."""


@dataclass(frozen=True)
class Example:
    text: str
    blocked: bool
    kinds: frozenset[str]


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.true_positives += 1
        elif predicted:
            self.false_positives += 1
        elif actual:
            self.false_negatives += 1


@dataclass
class Evaluation:
    examples: int = 0
    overall: Score = field(default_factory=Score)
    per_kind: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    #: (text, expected kinds, predicted kinds) of every message judged wrongly
    errors: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        def score(s: Score) -> dict[str, object]:
            return {
                "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                "tp": s.true_positives, "fp": s.false_positives, "fn": s.false_negatives,
            }  # fmt: skip

        return {
            "examples": self.examples,
            "overall": score(self.overall),
            "per_kind": {k: score(s) for k, s in self.per_kind.items()},
        }


def read_examples(lines: Iterable[str]) -> list[Example]:
    """Parse the labelled lines; blank lines are skipped, a bad line raises EvaluationError."""
    examples: list[Example] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, blocked, kinds = row["text"], row["blocked"], row.get("kinds", [])
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationError(f"line {number}: {exc}") from exc
        unknown = set(kinds) - set(KINDS)
        if not isinstance(text, str) or not isinstance(blocked, bool) or unknown:
            raise EvaluationError(f"line {number}: bad text, blocked or kinds {sorted(unknown)}")
        if blocked != bool(kinds):
            raise EvaluationError(f"line {number}: a blocked message names its kinds")
        examples.append(Example(text, blocked, frozenset(kinds)))
    return examples


def evaluate(examples: Iterable[Example], *, registry: Registry | None = None) -> Evaluation:
    result = Evaluation()
    for example in examples:
        verdict = check_outgoing(example.text, registry=registry)
        predicted = set(verdict.kinds)
        result.examples += 1
        result.overall.add(verdict.blocked, example.blocked)
        for kind in KINDS:
            result.per_kind[kind].add(kind in predicted, kind in example.kinds)
        if verdict.blocked != example.blocked or predicted != example.kinds:
            expected = tuple(k for k in KINDS if k in example.kinds)
            result.errors.append((example.text, expected, verdict.kinds))
    return result
