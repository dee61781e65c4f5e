"""The ``madoguchi`` command. Thin: parses arguments, calls the library, prints.

madoguchi scan [--json | --jsonl] [--received-at ISO] [--tz ZONE] [FILE]
madoguchi scan --sample            the bundled sample conversation, analysed
madoguchi serve [--host H] [--port P] [--workers N] [--forwarded-allow-ips IPS]
madoguchi demo [--port P] [--data-dir DIR]
madoguchi createagent --username U [--email E] [--name N] [--role R] [--team SLUG ...]

The desk commands import Django only when they run, so ``scan`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from importlib.resources import files
from typing import IO, Any

from madoguchi import __version__
from madoguchi.analysis import analyze
from madoguchi.analysis._analyze import DEFAULT_TZ
from madoguchi.analysis._errors import AnalysisError
from madoguchi.desk.commands import add_desk_commands
from madoguchi.jsonl import jsonl_items

#: Largest single message ``scan`` accepts (bytes); bigger input gets a clear error.
MAX_MESSAGE_BYTES = 16 * 1024 * 1024


def _read_text(stream: IO[bytes]) -> str:
    data = stream.read(MAX_MESSAGE_BYTES + 1)
    if len(data) > MAX_MESSAGE_BYTES:
        raise AnalysisError(f"message larger than {MAX_MESSAGE_BYTES} bytes")
    # binary garbage is not an error: undecodable bytes become U+FFFD, lengths stay sane
    return data.decode("utf-8", errors="replace")


def _jsonl_results(
    stream: IO[bytes], *, tz: str, default_received_at: str | None
) -> Iterator[dict[str, Any]]:
    """One result per input line; a bad line yields an error object, never stops the stream."""
    for number, item, error in jsonl_items(stream, key="text"):
        if item is None:
            yield {"line": number, "error": error}
            continue
        received_at = item.get("received_at", default_received_at)
        try:
            result = analyze(item["text"], received_at=received_at, tz=item.get("tz", tz))
        except AnalysisError as exc:
            yield {"line": number, "error": str(exc)}
            continue
        out = result.as_dict()
        if "id" in item:
            out = {"id": item["id"], **out}
        yield out


def _cmd_scan(args: argparse.Namespace) -> int:
    if args.sample:
        return _scan_sample(args)
    stream: IO[bytes] = open(args.file, "rb") if args.file else sys.stdin.buffer
    try:
        if args.jsonl:
            out = sys.stdout
            for result in _jsonl_results(stream, tz=args.tz, default_received_at=args.received_at):
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                out.flush()
            return 0
        text = _read_text(stream)
        result = analyze(text, received_at=args.received_at, tz=args.tz)
    except AnalysisError as exc:
        print(f"madoguchi scan: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.file:
            stream.close()
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        from madoguchi.cli_render import render_analysis

        render_analysis(text_length=len(text), analysis=result)
    return 0


def _scan_sample(args: argparse.Namespace) -> int:
    from madoguchi.cli_render import render_conversation

    if args.file:
        print("madoguchi scan: --sample reads no FILE", file=sys.stderr)
        return 2

    sample = files("madoguchi.samples").joinpath("conversation.jsonl").read_text("utf-8")
    messages = [json.loads(line) for line in sample.splitlines() if line.strip()]
    render_conversation(messages, tz=args.tz)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="madoguchi",
        description="madoguchi (窓口): a bilingual support desk for crypto exchanges and wallets.",
    )
    parser.add_argument("--version", action="version", version=f"madoguchi {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    scan = sub.add_parser(
        "scan",
        help="analyse a message: redact secrets, find entities and findings",
        description="Read a message on stdin (or FILE) and analyse it. Default output is a "
        "human-readable view; --json prints one JSON object; --jsonl reads one JSON object "
        'per line ({"text": ..., "received_at": ...}) and streams one result per line.',
    )
    fmt = scan.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the result as JSON")
    fmt.add_argument("--jsonl", action="store_true", help="batch mode: JSON lines in and out")
    scan.add_argument("--received-at", help="message time (ISO 8601); default: now")
    fmt.add_argument(
        "--sample", action="store_true", help="analyse the bundled sample conversation and show it"
    )
    scan.add_argument("--tz", default=DEFAULT_TZ, help=f"desk time zone (default {DEFAULT_TZ})")
    scan.add_argument("file", nargs="?", help="read from FILE instead of stdin")
    scan.set_defaults(func=_cmd_scan)
    add_desk_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `madoguchi scan --jsonl | head` is fine
        return 0
    except OSError as exc:
        print(f"madoguchi: {exc.strerror or exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
