"""``madoguchi guard ...``: the never-ask guard from the command line (pure: no database).

``guard eval FILE [--official FILE]`` prints precision and recall on a labelled JSON-lines file
(overall and per kind, plus the misjudged messages); ``guard check`` reads one message on stdin
and prints the verdict as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from madoguchi.trust import Registry

#: the labelled sets and the demo brand's official list, in the source tree
DATA_DIR = Path(__file__).resolve().parents[3] / "tests" / "guard" / "data"


def _fail(message: str) -> int:
    print(f"madoguchi guard: {message}", file=sys.stderr)
    return 2


def _registry(path: str | None) -> Registry | None:
    from madoguchi.trust import Registry

    return Registry.from_file(path) if path else None


def _cmd_eval(args: argparse.Namespace) -> int:
    from madoguchi.guard import EvaluationError, evaluate, read_examples
    from madoguchi.trust import TrustInputError

    try:
        registry = _registry(args.official)
        with open(args.file, encoding="utf-8") as handle:
            examples = read_examples(handle)
    except (OSError, UnicodeDecodeError, TrustInputError, EvaluationError) as exc:
        return _fail(str(exc))
    result = evaluate(examples, registry=registry)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    overall = result.overall
    print(f"{result.examples} messages; links checked: {'yes' if registry else 'no'}")
    print(f"{'':16} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    rows = [("overall", overall), *result.per_kind.items()]
    for name, score in rows:
        print(
            f"{name:16} {score.precision:9.3f} {score.recall:7.3f} {score.true_positives:4d} "
            f"{score.false_positives:4d} {score.false_negatives:4d}"
        )
    for text, expected, predicted in result.errors:
        print(f"\nexpected {list(expected)}, got {list(predicted)}:\n  {text}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from madoguchi.guard import check_outgoing
    from madoguchi.trust import TrustInputError

    try:
        registry = _registry(args.official)
    except (OSError, UnicodeDecodeError, TrustInputError) as exc:
        return _fail(str(exc))
    text = sys.stdin.read()
    result = check_outgoing(text, registry=registry)
    print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    return 1 if result.blocked else 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``madoguchi guard eval`` and ``madoguchi guard check``."""
    guard = sub.add_parser(
        "guard",
        help="the never-ask guard: evaluate it on a labelled file, or check one message",
        description="The never-ask guard blocks replies that ask for a recovery phrase, "
        "private key, password, one-time code, remote access or a transfer of funds, or that "
        "link outside the official registry.",
    )
    actions = guard.add_subparsers(dest="guard_command", required=True)
    default_official = DATA_DIR / "official.txt"
    evaluate = actions.add_parser(
        "eval",
        help="precision and recall on a labelled JSON-lines file",
        description='FILE has one {"text", "blocked", "kinds"} object per line '
        f"(e.g. {DATA_DIR / 'test.jsonl'}).",
    )
    evaluate.add_argument("file", metavar="FILE")
    evaluate.add_argument(
        "--official",
        metavar="FILE",
        default=str(default_official) if default_official.exists() else None,
        help="official values, one per line (as for `madoguchi verify`); default: the "
        "labelled sets' official.txt; links are not checked without one",
    )
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.set_defaults(func=_cmd_eval)
    check = actions.add_parser(
        "check",
        help="check one message read from stdin (exit status 1 if blocked)",
    )
    check.add_argument("--official", metavar="FILE", help="official values, one per line")
    check.set_defaults(func=_cmd_check)
