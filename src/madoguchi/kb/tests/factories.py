"""Articles for the kb and portal tests, built through the model with sensible defaults."""

from __future__ import annotations

from madoguchi.kb.models import Article


def article_create(
    slug: str = "funds-wrong-network",
    language: str = "en",
    *,
    intent: str = "funds.wrong_network",
    title: str | None = None,
    body: str | None = None,
    summary: str = "",
    related: list[str] | None = None,
    examples: list[str] | None = None,
) -> Article:
    article = Article(
        slug=slug,
        language=language,
        intent=intent,
        title=title or f"{slug} ({language})",
        body=body or f"## {slug}\n\nThe body of {slug} in {language}.\n",
        summary=summary,
        related=related or [],
        examples=examples or [],
    )
    article.full_clean()
    article.save()
    return article
