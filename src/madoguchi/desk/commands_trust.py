"""``madoguchi verify --official FILE --jsonl``: is each pasted value official?

Pure: it needs no Django or database, so an operator can vet a list of links from a phishing
report anywhere. Each stdin line ``{"value": ...}`` yields one JSON line; a bad line yields
``{"line": n, "error": ...}`` and the run goes on, so one typo does not hide the rest.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from madoguchi.trust import Registry


def _verify_lines(registry: Registry, source: TextIO, out: TextIO) -> int:
    from madoguchi.trust import TrustInputError, check

    errors = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("value"), str):
                raise TrustInputError('expected an object with a string "value"')
            result: dict[str, object] = check(record["value"], registry).as_dict()
        except (json.JSONDecodeError, TrustInputError) as exc:
            errors += 1
            result = {"line": number, "error": str(exc)}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return 0 if errors == 0 else 1


def _cmd_verify(args: argparse.Namespace) -> int:
    from madoguchi.trust import Registry, TrustInputError

    try:
        registry = Registry.from_file(args.official)
    except (OSError, UnicodeDecodeError, TrustInputError) as exc:
        print(f"madoguchi verify: {exc}", file=sys.stderr)
        return 2
    if not args.jsonl:
        print("madoguchi verify: only --jsonl input is supported", file=sys.stderr)
        return 2
    return _verify_lines(registry, sys.stdin, sys.stdout)


def _cmd_officials(args: argparse.Namespace) -> int:
    """``madoguchi officials import|export FILE``: the desk's registry as one value per line."""
    from madoguchi.desk.server import ServeError, database_migrate, django_setup

    command = args.officials_command
    try:
        django_setup()
        database_migrate()
        from madoguchi.officials.selectors import officials_export_lines
        from madoguchi.officials.services import OfficialsImportError, officials_import

        if command == "export":
            text = "\n".join(officials_export_lines()) + "\n"
            if args.file == "-":
                sys.stdout.write(text)
            else:
                with open(args.file, "w", encoding="utf-8") as handle:
                    handle.write(text)
            return 0
        with open(args.file, encoding="utf-8") as handle:
            counts = officials_import(lines=handle.read().splitlines(), replace=args.replace)
    except (ServeError, OfficialsImportError, OSError, UnicodeDecodeError) as exc:
        print(f"madoguchi officials {command}: {exc}", file=sys.stderr)
        return 2
    print(
        f"Official channels: {counts.created} created, {counts.unchanged} unchanged, "
        f"{counts.removed} removed."
    )
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``madoguchi verify`` and ``madoguchi officials`` on the top-level parser."""
    officials = sub.add_parser(
        "officials",
        help="the desk's official channels: import or export the one-value-per-line list",
        description="Import or export the official-channel registry that /verify, the API, "
        "intake and the assistant check against. The format is the one `madoguchi verify "
        "--official` reads; a `# comment` line just before a value is its public label. "
        "Import is all or nothing; an invalid line is named and nothing is written.",
    )
    officials_sub = officials.add_subparsers(
        dest="officials_command", metavar="COMMAND", required=True
    )
    importer = officials_sub.add_parser("import", help="add the values of FILE (upsert)")
    importer.add_argument("file", metavar="FILE")
    importer.add_argument(
        "--replace", action="store_true", help="also delete channels that FILE does not list"
    )
    importer.set_defaults(func=_cmd_officials)
    exporter = officials_sub.add_parser("export", help="write the active channels to FILE")
    exporter.add_argument("file", metavar="FILE", help="a path, or - for standard output")
    exporter.set_defaults(func=_cmd_officials)
    verify = sub.add_parser(
        "verify",
        help="check domains, URLs, e-mail senders, numbers, handles against the official list",
        description='Read JSON lines {"value": ...} on stdin and print, per line, whether the '
        "value is official, an impersonation (and of what) or unknown, with the reasons in "
        "English and Japanese. FILE lists official values one per line: domains, "
        "mailto:addresses, tel:numbers, @platform:handle, app:store:id, staff:Name. "
        "Exit status 1 when some input lines were invalid, 2 when FILE is.",
    )
    verify.add_argument("--official", required=True, metavar="FILE", help="official values")
    verify.add_argument("--jsonl", action="store_true", help="JSON lines in and out")
    verify.set_defaults(func=_cmd_verify)
