"""``/articles``: the help centre's articles, read-only (scope ``articles:read``)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from madoguchi.api.auth import require_scope
from madoguchi.api.errors import COMMON, ApiError, errors
from madoguchi.api.pagination import page
from madoguchi.api.schemas import ArticleFilter, ArticleOut, ArticlePage
from madoguchi.kb.models import Article

router = Router(tags=["articles"])


def _summary(article: Article) -> dict:
    return {
        "slug": article.slug,
        "language": article.language,
        "intent": article.intent,
        "title": article.title,
        "summary": article.summary,
        "updated_at": article.updated_at,
    }


@router.get("/articles", response={200: ArticlePage, **errors(*COMMON)})
def list_articles(request: HttpRequest, filters: Query[ArticleFilter]):
    require_scope(request, "articles:read")
    qs = Article.objects.all()
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.intent:
        qs = qs.filter(intent=filters.intent)
    rows, cursor = page(qs, cursor=filters.cursor, limit=filters.limit)
    return {"items": [_summary(a) for a in rows], "next_cursor": cursor}


@router.get("/articles/{language}/{slug}", response={200: ArticleOut, **errors(*COMMON, 404)})
def get_article(request: HttpRequest, language: str, slug: str):
    require_scope(request, "articles:read")
    if len(slug) > 120 or len(language) > 8 or "\x00" in slug + language:
        raise ApiError(404, "not found")
    article = Article.objects.filter(language=language, slug=slug).first()
    if article is None:
        raise ApiError(404, "not found")
    related = article.related if isinstance(article.related, list) else []
    return {**_summary(article), "body": article.body, "related": [str(r) for r in related]}
