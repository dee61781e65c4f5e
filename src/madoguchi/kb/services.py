"""Writes for the knowledge base: importing and exporting article files, recording votes.

>>> # article_import(bundled_content_dir())  -> ImportCounts(created=84, updated=0, unchanged=0)
>>> # article_export("kb/")                  -> ExportCounts(written=2, unchanged=82)
>>> # article_vote_record(article=a, voter=token, helpful=True)
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction

from madoguchi.kb.loader import (
    ArticleFileError,
    ArticleSource,
    bundled_content_dir,
    iter_article_files,
    parse_article,
    read_article,
)
from madoguchi.kb.models import Article, ArticleVote

log = logging.getLogger(__name__)

__all__ = [
    "ArticleFileError",
    "ExportCounts",
    "ImportCounts",
    "VoteOutcome",
    "article_export",
    "article_file_text",
    "article_import",
    "article_vote_record",
    "voter_digest",
]


@dataclass(frozen=True)
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _upsert(source: ArticleSource) -> str:
    article = (
        Article.objects.select_for_update()
        .filter(slug=source.slug, language=source.language)
        .first()
    )
    if article is None:
        article = Article(slug=source.slug, language=source.language)
        outcome = "created"
    elif (
        article.intent,
        article.title,
        article.body,
        article.summary,
        list(article.related),
        list(article.examples),
    ) == (
        source.intent,
        source.title,
        source.body,
        source.summary,
        list(source.related),
        list(source.examples),
    ):
        return "unchanged"
    else:
        outcome = "updated"
    article.intent = source.intent
    article.title = source.title
    article.body = source.body
    article.summary = source.summary
    article.related = list(source.related)
    article.examples = list(source.examples)
    article.full_clean()
    article.save()
    return outcome


def article_import(path: Path | str | None = None) -> ImportCounts:
    """Create or update articles from a file or a directory of ``*.md`` files.

    Upserts by ``(slug, language)``, so running it twice changes nothing the second time.
    ``None`` imports the sample knowledge base bundled with madoguchi. Every file is parsed
    before anything is written: one bad file raises :class:`ArticleFileError` and imports
    nothing. Two files with the same slug and language are an error too.
    """
    root = bundled_content_dir() if path is None else Path(path)
    sources = [read_article(file) for file in iter_article_files(root)]
    seen: set[tuple[str, str]] = set()
    for source in sources:
        key = (source.slug, source.language)
        if key in seen:
            raise ArticleFileError(f"two files define slug {source.slug!r} in {source.language}")
        seen.add(key)
    outcomes = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for source in sources:
            outcomes[_upsert(source)] += 1
    counts = ImportCounts(**outcomes)
    log.info(
        "articles imported from %s created=%d updated=%d unchanged=%d",
        root,
        counts.created,
        counts.updated,
        counts.unchanged,
    )
    return counts


# --- export: the database back to files, in the format article_import reads ----------------


@dataclass(frozen=True)
class ExportCounts:
    written: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.written + self.unchanged


def _one_line(text: str) -> str:
    """Front-matter values are single lines: an admin edit with line breaks is joined up.

    Only line breaks go; other spacing (a Japanese example's U+3000) is kept as written.
    """
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def article_file_text(article: Article) -> str:
    """The article as a front-matter + Markdown file that :func:`article_import` reads back.

    Raises :class:`ArticleFileError` if the result would not import (the admin uses this to
    refuse an edit that could not be saved to a file), so an export never writes a file that
    the next import rejects.
    """
    lines = [
        "---",
        f"title: {_one_line(article.title)}",
        f"intent: {article.intent}",
        f"slug: {article.slug}",
        f"language: {article.language}",
    ]
    if _one_line(article.summary):
        lines.append(f"summary: {_one_line(article.summary)}")
    related = [_one_line(str(slug)) for slug in article.related or () if _one_line(str(slug))]
    if related:
        lines.append(f"related: {', '.join(related)}")
    examples = [_one_line(str(e)) for e in article.examples or () if _one_line(str(e))]
    if examples:
        lines.append("examples:")
        lines.extend(f"  - {example}" for example in examples)
    lines.append("---")
    text = "\n".join(lines) + "\n" + article.body.replace("\r\n", "\n").strip() + "\n"
    parse_article(text, name=f"{article.slug}.{article.language}.md")  # raises if it would not
    return text


def _existing_files(directory: Path) -> dict[tuple[str, str], Path]:
    """Which file already holds each (slug, language): an export rewrites it in place.

    Unreadable or invalid files are skipped here; the next import reports them.
    """
    found: dict[tuple[str, str], Path] = {}
    for path in iter_article_files(directory):
        try:
            source = read_article(path)
        except (ArticleFileError, OSError):
            continue
        found.setdefault((source.slug, source.language), path)
    return found


def _write_atomically(path: Path, text: str) -> None:
    """Write next to ``path`` and rename: a crash never leaves half an article behind."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def article_export(directory: Path | str) -> ExportCounts:
    """Write every article to ``directory`` (created if missing) as importable files.

    A file that already defines an article's slug and language is rewritten in place, so
    exporting into the directory the articles came from gives a clean diff of the admin's
    edits. New articles get ``<intent>.<language>.md`` (or ``<slug>.<language>.md`` when that
    name is taken). Files whose text would not change are left alone. Every article is
    rendered before anything is written: one that could not be imported again writes nothing.
    """
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise ArticleFileError(f"{root}: not a directory")
    root.mkdir(parents=True, exist_ok=True)
    existing = _existing_files(root)
    taken = {path.resolve() for path in existing.values()}
    plan: list[tuple[Path, str]] = []
    for article in Article.objects.order_by("intent", "slug", "language"):
        text = article_file_text(article)
        path = existing.get((article.slug, article.language))
        if path is None:
            path = root / f"{article.intent}.{article.language}.md"
            if path.resolve() in taken or path.exists():
                path = root / f"{article.slug}.{article.language}.md"
            if path.resolve() in taken or path.exists():
                raise ArticleFileError(f"{path}: exists and holds another article")
            taken.add(path.resolve())
        plan.append((path, text))
    written = unchanged = 0
    for path, text in plan:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            unchanged += 1
            continue
        _write_atomically(path, text)
        written += 1
    log.info("articles exported to %s written=%d unchanged=%d", root, written, unchanged)
    return ExportCounts(written=written, unchanged=unchanged)


# --- votes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteOutcome:
    vote: ArticleVote
    #: False when this voter had voted on the article before (the vote was replaced)
    created: bool


def voter_digest(voter: str) -> str:
    """What is stored of a voter token (``ArticleVote.voter``): its SHA-256, hex."""
    return hashlib.sha256(voter.encode()).hexdigest()


def article_vote_record(*, article: Article, voter: str, helpful: bool) -> VoteOutcome:
    """Record one voter's "did this help?" answer; answering again replaces the earlier one.

    ``voter`` is an opaque token that identifies a browser session (the portal keeps a random
    one in the session); only its SHA-256 is stored. Two simultaneous first votes of the same
    voter end as one row: the loser of the unique constraint updates the winner's row.
    """
    if not voter:
        raise ValueError("a vote needs a voter token")
    digest = voter_digest(voter)
    with transaction.atomic():
        vote = ArticleVote.objects.select_for_update().filter(article=article, voter=digest).first()
        if vote is None:
            try:
                with transaction.atomic():
                    vote = ArticleVote.objects.create(
                        article=article, voter=digest, helpful=helpful
                    )
                return VoteOutcome(vote=vote, created=True)
            except IntegrityError:
                vote = ArticleVote.objects.select_for_update().get(article=article, voter=digest)
        if vote.helpful != helpful:
            vote.helpful = helpful
            vote.save(update_fields=["helpful", "updated_at"])
    return VoteOutcome(vote=vote, created=False)
