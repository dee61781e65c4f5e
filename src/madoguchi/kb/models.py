"""Help articles, one per intent and language (the full knowledge base grows in issue 4)."""

from __future__ import annotations

from django.db import models


class Article(models.Model):
    slug = models.SlugField(max_length=120)
    language = models.CharField(max_length=8)
    intent = models.CharField(max_length=64, db_index=True)
    title = models.CharField(max_length=200)
    body = models.TextField()  # Markdown
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["intent", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "language"], name="unique_article_language")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"
