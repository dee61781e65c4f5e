"""Writes for the knowledge base: importing help articles from Markdown files.

>>> # article_import(bundled_content_dir())  -> ImportCounts(created=84, updated=0, unchanged=0)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from madoguchi.kb.loader import (
    ArticleFileError,
    ArticleSource,
    bundled_content_dir,
    iter_article_files,
    read_article,
)
from madoguchi.kb.models import Article

log = logging.getLogger(__name__)

__all__ = ["ArticleFileError", "ImportCounts", "article_import"]


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
