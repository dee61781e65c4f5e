"""Shared fixtures: the bundled knowledge base as plain records, and one engine built on it."""

from __future__ import annotations

import pytest

from madoguchi.kb.loader import bundled_content_dir, iter_article_files, read_article
from madoguchi.nlu import ArticleRecord, Understander


def bundled_records() -> list[ArticleRecord]:
    records = []
    for path in iter_article_files(bundled_content_dir()):
        source = read_article(path)
        records.append(
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
    return records


@pytest.fixture(scope="session")
def bundled_articles() -> list[ArticleRecord]:
    return bundled_records()


@pytest.fixture(scope="session")
def engine(bundled_articles) -> Understander:
    """Trained once per test session (a few seconds): tests only read from it."""
    return Understander(bundled_articles)
