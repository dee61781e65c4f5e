"""Help articles (one or more per intent and language, with the example questions that train
the assistant) and the customers' "did this help?" votes."""

from __future__ import annotations

from django.db import models


class Article(models.Model):
    slug = models.SlugField(max_length=120)
    language = models.CharField(max_length=8)
    intent = models.CharField(max_length=64, db_index=True)
    title = models.CharField(max_length=200)
    body = models.TextField()  # Markdown
    #: one or two sentences the assistant answers with (links to the article)
    summary = models.TextField(blank=True, default="")
    #: slugs of related articles, in the order shown
    related = models.JSONField(default=list, blank=True)
    #: questions as customers write them; they train the intent classifier
    examples = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["intent", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "language"], name="unique_article_language")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class ArticleVote(models.Model):
    """One "did this help?" answer per browser session and article; voting again replaces it.

    ``voter`` is a hash of a random token kept in the customer's session (never the session
    key itself), so the table links no vote to a person or a cookie an attacker could reuse.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=64)
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "voter"], name="unique_article_vote")
        ]

    def __str__(self) -> str:
        return f"{self.article.slug} ({self.article.language}): {'yes' if self.helpful else 'no'}"
