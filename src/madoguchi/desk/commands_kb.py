"""``madoguchi kb``: import, list and export the help articles.

madoguchi kb import [PATH]     Markdown files with front matter (default: the bundled sample)
madoguchi kb list [--language ja|en] [--intent ID]
madoguchi kb export DIR        the database back to files, so admin edits can be kept in git

Thin like the other desk commands: set Django up, call a kb service, print one line per
result. An operator's mistake (a bad file, a missing directory) prints one line and exits 2.
"""

from __future__ import annotations

import argparse
import sys

from madoguchi.desk.server import ServeError, database_migrate, django_setup


def _fail(command: str, message: str) -> int:
    print(f"madoguchi kb {command}: {message}", file=sys.stderr)
    return 2


def _cmd_import(args: argparse.Namespace) -> int:
    try:
        django_setup()
        database_migrate()
        from madoguchi.kb.services import ArticleFileError, article_import

        try:
            counts = article_import(args.path)
        except ArticleFileError as exc:
            return _fail("import", str(exc))
    except ServeError as exc:
        return _fail("import", str(exc))
    print(
        f"Help articles: {counts.created} created, {counts.updated} updated, "
        f"{counts.unchanged} unchanged."
    )
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    try:
        django_setup()
        database_migrate()
    except ServeError as exc:
        return _fail("list", str(exc))
    from django.db.models import Count, Q

    from madoguchi.kb.models import Article

    articles = Article.objects.annotate(
        yes=Count("votes", filter=Q(votes__helpful=True)),
        no=Count("votes", filter=Q(votes__helpful=False)),
    ).order_by("intent", "slug", "language")
    if args.language:
        articles = articles.filter(language=args.language)
    if args.intent:
        articles = articles.filter(intent=args.intent)
    rows = [
        (a.language, a.slug, a.intent, f"+{a.yes}/-{a.no}", a.title.replace("\t", " "))
        for a in articles
    ]
    print("\t".join(("language", "slug", "intent", "votes", "title")))
    for row in rows:
        print("\t".join(row))
    print(f"{len(rows)} articles.", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    try:
        django_setup()
        database_migrate()
        from madoguchi.kb.services import ArticleFileError, article_export

        try:
            counts = article_export(args.directory)
        except (ArticleFileError, OSError) as exc:
            return _fail("export", str(exc))
    except ServeError as exc:
        return _fail("export", str(exc))
    print(f"Help articles: {counts.written} written, {counts.unchanged} unchanged.")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``madoguchi kb`` and its subcommands on the top-level parser."""
    kb = sub.add_parser(
        "kb",
        help="help articles: import, list, export",
        description="Manage the knowledge base: import Markdown article files, list what is "
        "in the database, export it back to files (docs/operations.md).",
    )
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="COMMAND", required=True)

    importer = kb_sub.add_parser(
        "import",
        help="import help articles from Markdown files (upsert by slug and language)",
        description="Import help articles (Markdown with front matter: title, intent, slug, "
        "language; optional summary, related, examples) from a file or a directory. Without "
        "PATH: the bundled sample knowledge base. One invalid file imports nothing.",
    )
    importer.add_argument("path", nargs="?", help="a .md file or a directory of them")
    importer.set_defaults(func=_cmd_import)

    lister = kb_sub.add_parser(
        "list",
        help="list the help articles (tab-separated, with their votes)",
        description="Print one tab-separated line per article: language, slug, intent, "
        "votes (+helpful/-not helpful), title.",
    )
    lister.add_argument("--language", choices=("ja", "en"))
    lister.add_argument("--intent", metavar="ID", help="only this intent, e.g. funds.wrong_network")
    lister.set_defaults(func=_cmd_list)

    exporter = kb_sub.add_parser(
        "export",
        help="write every article to a directory as Markdown files (the import format)",
        description="Write the articles to DIR in the format `kb import` reads. A file that "
        "already holds an article is rewritten in place, so exporting into your content "
        "directory shows the admin's edits as a diff.",
    )
    exporter.add_argument("directory", metavar="DIR")
    exporter.set_defaults(func=_cmd_export)
