"""``madoguchi`` subcommands of the assistant's understanding engine: ask, eval, intents eval.

madoguchi ask [--jsonl] [--language ja|en]        classify questions against the desk's KB
madoguchi eval [FILE] [--json] [--bundled]       the dev set: top-1/top-3, abstention
madoguchi intents eval --train A.csv --test B.csv [--json]   the general classifier on your data

Thin: read input, call ``madoguchi.nlu`` (and ``kb.understanding`` for the desk's articles),
print. Django is set up only by the commands that read the desk's knowledge base.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from madoguchi.jsonl import jsonl_items

#: Largest question read from stdin (bytes); the engine reads the first 2,000 characters anyway.
MAX_QUESTION_BYTES = 1024 * 1024
DEFAULT_DEVSET = Path("tests/eval/queries.jsonl")


def _fail(command: str, message: str) -> int:
    print(f"madoguchi {command}: {message}", file=sys.stderr)
    return 2


def _desk_understander() -> Any:
    """The desk's engine; a fresh data directory gets the bundled knowledge base first."""
    from madoguchi.desk.server import database_migrate, django_setup

    django_setup()
    database_migrate()
    from madoguchi.kb.models import Article
    from madoguchi.kb.services import article_import
    from madoguchi.kb.understanding import understander

    if not Article.objects.exists():
        article_import()
    return understander()


def _bundled_understander() -> Any:
    """The engine over the bundled article files, without a database."""
    from madoguchi.kb.loader import bundled_content_dir, iter_article_files, read_article
    from madoguchi.nlu import ArticleRecord, Understander

    articles = []
    for path in iter_article_files(bundled_content_dir()):
        source = read_article(path)
        articles.append(
            ArticleRecord(
                slug=source.slug,
                language=source.language,
                intent=source.intent,
                title=source.title,
                summary=source.summary,
                body=source.body,
                examples=tuple(source.examples),
                related=tuple(source.related),
            )
        )
    return Understander(articles)


# --- ask ----------------------------------------------------------------------------------


def _ask_lines(
    stream: IO[bytes], understand: Callable[[str, str | None], dict[str, Any]], hint: str | None
) -> Iterator[dict[str, Any]]:
    """One result per input line; a bad line yields ``{"line": n, "error": ...}`` and goes on."""
    for number, item, error in jsonl_items(stream, key="text"):
        if item is None:
            yield {"line": number, "error": error}
            continue
        language = item.get("language", hint)
        if language not in (None, "ja", "en"):
            yield {"line": number, "error": '"language" must be "ja" or "en"'}
            continue
        out = understand(item["text"], language)
        if "id" in item:
            out = {"id": item["id"], **out}
        yield out


def _cmd_ask(args: argparse.Namespace) -> int:
    from madoguchi.desk.server import ServeError

    try:
        engine = _desk_understander()
    except ServeError as exc:
        return _fail("ask", str(exc))

    def understand(text: str, hint: str | None) -> dict[str, Any]:
        return engine.understand(text, language_hint=hint).as_dict()

    if args.jsonl:
        for result in _ask_lines(sys.stdin.buffer, understand, args.language):
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    data = sys.stdin.buffer.read(MAX_QUESTION_BYTES + 1)
    if len(data) > MAX_QUESTION_BYTES:
        return _fail("ask", f"question larger than {MAX_QUESTION_BYTES} bytes")
    text = data.decode("utf-8", errors="replace").strip()
    if not text:
        return _fail("ask", "no question on standard input (or use --jsonl)")
    print(json.dumps(understand(text, args.language), ensure_ascii=False))
    return 0


# --- eval ---------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def _render_devset(report: dict[str, dict[str, Any]], *, path: Path, seconds: float) -> None:
    print(f"Dev set {path}: {report['all']['n']} queries, {seconds:.1f} s")
    print("language      n   top-1   top-3   abstain precision   abstain recall")
    for language in ("ja", "en", "all"):
        if language not in report:
            continue
        row = report[language]
        print(
            f"{language:<8} {row['n']:>6}  {_percent(row['top1'])}  {_percent(row['top3'])}"
            f"   {_percent(row['abstain_precision'])} ({row['abstained']:>3})"
            f"     {_percent(row['abstain_recall'])} ({row['should_abstain']:>3})"
        )


def _cmd_eval(args: argparse.Namespace) -> int:
    from madoguchi.nlu.evaluate import DatasetError, evaluate_devset, load_devset

    path = Path(args.file) if args.file else DEFAULT_DEVSET
    if not path.is_file():
        hint = "" if args.file else " (run from the repository root, or give FILE)"
        return _fail("eval", f"dev set not found: {path}{hint}")
    try:
        items = load_devset(path)
    except DatasetError as exc:
        return _fail("eval", str(exc))
    if args.bundled:
        engine = _bundled_understander()
    else:
        from madoguchi.desk.server import ServeError

        try:
            engine = _desk_understander()
        except ServeError as exc:
            return _fail("eval", str(exc))
    start = time.perf_counter()
    report = evaluate_devset(items, lambda text, hint: engine.understand(text, hint).as_dict())
    seconds = time.perf_counter() - start
    if args.json:
        if not args.misses:
            for row in report.values():
                row.pop("misses", None)
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    _render_devset(report, path=path, seconds=seconds)
    if args.misses:
        print()
        for language in ("ja", "en"):
            for miss in report.get(language, {}).get("misses", ()):
                print(
                    f"[{language}] gold={miss['gold']} predicted={miss['predicted']}: {miss['text']}"
                )
    return 0


# --- intents eval -------------------------------------------------------------------------


def _cmd_intents_eval(args: argparse.Namespace) -> int:
    from madoguchi.nlu import IntentClassifier, TrainingDataError
    from madoguchi.nlu.evaluate import DatasetError, classification_report, read_labelled_csv

    try:
        train_texts, train_labels = read_labelled_csv(args.train)
        test_texts, test_labels = read_labelled_csv(args.test)
    except DatasetError as exc:
        return _fail("intents eval", str(exc))
    start = time.perf_counter()
    try:
        # threshold 0: an operator's labelled history has no "out of scope" rows to learn from,
        # so every test row gets a label (the report is plain accuracy)
        classifier = IntentClassifier(threshold=0.0).fit(train_texts, train_labels)
    except TrainingDataError as exc:
        return _fail("intents eval", str(exc))
    trained = time.perf_counter() - start
    predicted = [p.label for p in classifier.predict_many(test_texts)]
    report = classification_report(test_labels, predicted)
    unseen = sorted(set(test_labels) - set(train_labels))
    report["train"] = {"n": len(train_texts), "labels": len(set(train_labels))}
    report["labels_not_in_train"] = unseen
    report["train_seconds"] = round(trained, 2)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(
        f"Trained on {report['train']['n']} rows ({report['train']['labels']} labels) in "
        f"{trained:.1f} s; tested on {report['n']} rows ({report['labels']} labels)."
    )
    print(f"accuracy  {report['accuracy']:.4f}")
    print(f"macro-F1  {report['macro_f1']:.4f}")
    if unseen:
        print(f"labels in the test set but not in training ({len(unseen)}): {', '.join(unseen)}")
    if report["confused"]:
        print("most confused (gold -> predicted: count):")
        for pair in report["confused"]:
            print(f"  {pair['gold']} -> {pair['predicted']}: {pair['count']}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register this module's subcommands on the top-level parser."""
    ask = sub.add_parser(
        "ask",
        help="classify a question against the desk's knowledge base (JSON out)",
        description="Read one question on stdin and print what the assistant understood: "
        '{"intent", "confidence", "language", "article", "alternatives", "out_of_scope"}. '
        'With --jsonl, read one {"text": ...} per line and print one result per line. '
        "A fresh data directory gets the bundled knowledge base first.",
    )
    ask.add_argument("--jsonl", action="store_true", help="batch mode: JSON lines in and out")
    ask.add_argument(
        "--language", choices=("ja", "en"), help="language hint for text with no letters"
    )
    ask.set_defaults(func=_cmd_ask)

    evaluate = sub.add_parser(
        "eval",
        help="evaluate the assistant on the dev set (top-1/top-3, abstention per language)",
        description="Run the development set (JSON lines: text, language, intent; intent null "
        "= should abstain) and print top-1/top-3 accuracy and abstention precision/recall per "
        f"language. Default FILE: {DEFAULT_DEVSET} (relative to the current directory).",
    )
    evaluate.add_argument("file", nargs="?", help=f"dev set (default {DEFAULT_DEVSET})")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--misses", action="store_true", help="also list the wrong answers")
    evaluate.add_argument(
        "--bundled",
        action="store_true",
        help="use the bundled article files instead of the desk's database",
    )
    evaluate.set_defaults(func=_cmd_eval)

    intents = sub.add_parser(
        "intents",
        help="the general intent classifier on your own labelled data",
        description="Train and evaluate the intent classifier on your own labelled history.",
    )
    intents_sub = intents.add_subparsers(dest="intents_command", required=True)
    intents_eval = intents_sub.add_parser(
        "eval",
        help="train on one CSV, report accuracy, macro-F1 and confusions on another",
        description="CSV files with a header: a 'text' column and a label column named "
        "'label', 'intent' or 'category' (UTF-8). Trains on --train, evaluates on --test.",
    )
    intents_eval.add_argument("--train", required=True, metavar="A.csv")
    intents_eval.add_argument("--test", required=True, metavar="B.csv")
    intents_eval.add_argument("--json", action="store_true", help="print the report as JSON")
    intents_eval.set_defaults(func=_cmd_intents_eval)
