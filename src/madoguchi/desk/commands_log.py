"""``madoguchi log``: the transparency log from the command line.

madoguchi log sequence                 give pending entries their leaf indices, sign a checkpoint
madoguchi log checkpoint               print the latest signed checkpoint (and the vkey on stderr)
madoguchi log verify [--checkpoint SAVED] [--save FILE] [--jsonl]
                                       recompute every leaf and node from the database; exit 1
                                       on tampering (each problem printed), 2 on a usage error

Thin like the other desk commands: set Django up, call a transparency service, print.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from madoguchi.desk.server import ServeError, database_migrate, django_setup


def _fail(command: str, message: str) -> int:
    print(f"madoguchi log {command}: {message}", file=sys.stderr)
    return 2


def _reporting(command: str, run):
    """``run(args)``, with a misconfigured log key or origin reported as a usage error (2)."""

    def wrapped(args: argparse.Namespace) -> int:
        from django.core.exceptions import ImproperlyConfigured

        try:
            return run(args)
        except ImproperlyConfigured as exc:
            return _fail(command, str(exc))

    return wrapped


def _setup(command: str) -> int | None:
    try:
        django_setup()
        database_migrate()
    except ServeError as exc:
        return _fail(command, str(exc))
    return None


def _cmd_sequence(args: argparse.Namespace) -> int:
    if (code := _setup("sequence")) is not None:
        return code
    from madoguchi.transparency.services import ledger_sequence

    result = ledger_sequence()
    print(f"Sequenced {result.appended} entries; the log has {result.tree_size} leaves.")
    return 0


def _cmd_checkpoint(args: argparse.Namespace) -> int:
    if (code := _setup("checkpoint")) is not None:
        return code
    from madoguchi.transparency.keys import log_verifier
    from madoguchi.transparency.services import checkpoint_current

    sys.stdout.write(checkpoint_current().note)
    print(f"vkey: {log_verifier()}", file=sys.stderr)
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    saved_note = None
    if args.checkpoint:
        try:
            saved_note = Path(args.checkpoint).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return _fail("verify", f"cannot read {args.checkpoint}: {exc}")
    if (code := _setup("verify")) is not None:
        return code
    from madoguchi.transparency.verify import ledger_verify

    report = ledger_verify(saved_note=saved_note)
    summary = {
        "ok": report.ok,
        "tree_size": report.tree_size,
        "checkpoint_size": report.checkpoint_size,
        "leaves_checked": report.leaves_checked,
        "pending": report.pending,
        "problems": report.counts,
    }
    if args.jsonl:
        for problem in report.problems:
            print(json.dumps(problem.as_dict(), ensure_ascii=False))
        print(json.dumps({"summary": summary}, ensure_ascii=False))
    else:
        for problem in report.problems:
            print(f"TAMPERING {problem.kind}: {problem.message}")
        state = "OK" if report.ok else f"FAILED ({sum(report.counts.values())} problems)"
        print(
            f"log verify: {state}; {report.leaves_checked} of {report.tree_size} leaves "
            f"recomputed, checkpoint size {report.checkpoint_size}, {report.pending} pending"
        )
    if args.save:
        if not report.ok:
            print("not saving a checkpoint of a log that failed verification", file=sys.stderr)
        else:
            try:
                Path(args.save).write_text(report.checkpoint_note, encoding="utf-8")
            except OSError as exc:
                return _fail("verify", f"cannot write {args.save}: {exc.strerror or exc}")
    return 0 if report.ok else 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``madoguchi log`` and its subcommands on the top-level parser."""
    log = sub.add_parser(
        "log",
        help="the transparency log: sequence, checkpoint, verify",
        description="The desk's transparency log of ticket events (docs/ledger.md).",
    )
    log_sub = log.add_subparsers(dest="log_command", metavar="COMMAND", required=True)

    sequence = log_sub.add_parser(
        "sequence",
        help="sequence pending entries now and sign a checkpoint",
        description="Give every committed pending entry its leaf index (the worker does this "
        "after each commit) and sign a new checkpoint.",
    )
    sequence.set_defaults(func=_reporting("sequence", _cmd_sequence))

    checkpoint = log_sub.add_parser(
        "checkpoint",
        help="print the latest signed checkpoint",
        description="Print the latest signed checkpoint note (C2SP tlog-checkpoint) on stdout "
        "and the log's verifier key on stderr.",
    )
    checkpoint.set_defaults(func=_reporting("checkpoint", _cmd_checkpoint))

    verify = log_sub.add_parser(
        "verify",
        help="recompute the log from the database and report tampering",
        description="Verify the latest checkpoint's signature, recompute every leaf from its "
        "event row and ticket salt and every stored tree node, and check a saved checkpoint "
        "for rollback, fork and consistency. Exit 0 when all is well, 1 on tampering.",
    )
    verify.add_argument("--checkpoint", metavar="SAVED_FILE", help="a checkpoint saved earlier")
    verify.add_argument(
        "--save", metavar="FILE", help="write the current checkpoint to FILE (only if all is well)"
    )
    verify.add_argument("--jsonl", action="store_true", help="one JSON object per problem")
    verify.set_defaults(func=_reporting("verify", _cmd_verify))
