"""Reads for the portal: a customer's own tickets, the help articles, a session's votes."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q, QuerySet

from madoguchi import taxonomy
from madoguchi.customers.models import Customer
from madoguchi.kb.models import Article, ArticleVote
from madoguchi.kb.services import voter_digest
from madoguchi.tickets.models import Ticket


def customer_tickets(customer: Customer) -> QuerySet[Ticket]:
    return Ticket.objects.filter(requester=customer).order_by("-updated_at", "-id")


def intent_articles(intent_id: str, language: str) -> QuerySet[Article]:
    return Article.objects.filter(intent=intent_id, language=language).order_by("slug")


# --- the help centre -------------------------------------------------------------------------


@dataclass(frozen=True)
class HelpEntry:
    """An article as the help centre lists it: in the UI language, or the other one if that is
    all there is (``fallback``: the page marks it, and sets the text's ``lang``)."""

    article: Article
    fallback: bool
    category: str


def article_category(intent_id: str) -> str:
    """The taxonomy category of an article's intent; an operator's own intents go to "other"."""
    category = taxonomy.category_of(intent_id)
    return category if category in taxonomy.CATEGORIES else "other"


def _intent_order() -> dict[str, int]:
    return {intent.id: index for index, intent in enumerate(taxonomy.all_intents())}


def _entries(articles: Iterable[Article], language: str) -> list[HelpEntry]:
    """One entry per slug: the ``language`` version, else any other; in taxonomy order."""
    chosen: dict[str, Article] = {}
    for article in articles:
        current = chosen.get(article.slug)
        if current is None or (article.language == language and current.language != language):
            chosen[article.slug] = article
    order = _intent_order()
    ranked = sorted(chosen.values(), key=lambda a: (order.get(a.intent, len(order)), a.slug))
    return [
        HelpEntry(article=a, fallback=a.language != language, category=article_category(a.intent))
        for a in ranked
    ]


def help_entries(language: str, category: str | None = None) -> list[HelpEntry]:
    """Every article for the help centre (of one category if given), one per slug."""
    articles = Article.objects.defer("body", "examples")
    if category is not None:
        articles = (
            articles.filter(intent__startswith=f"{category}.")
            if category != "other"
            else articles.exclude(
                reduce(
                    operator.or_,
                    (Q(intent__startswith=f"{c}.") for c in taxonomy.CATEGORIES if c != "other"),
                )
            )
        )
    return _entries(articles, language)


def help_article(slug: str, language: str) -> HelpEntry | None:
    """The article with this slug in ``language``, else in the other language, else None."""
    return next(iter(_entries(Article.objects.filter(slug=slug), language)), None)


def article_languages(slug: str) -> list[str]:
    """The languages this article exists in."""
    return sorted(Article.objects.filter(slug=slug).values_list("language", flat=True))


def related_entries(article: Article, language: str) -> list[HelpEntry]:
    """The article's related articles that exist, in the order its author gave."""
    slugs = [s for s in (article.related or []) if isinstance(s, str) and s != article.slug][:20]
    by_slug = {
        e.article.slug: e for e in _entries(Article.objects.filter(slug__in=slugs), language)
    }
    return [by_slug[s] for s in dict.fromkeys(slugs) if s in by_slug]


def session_vote(article: Article, voter: str | None) -> bool | None:
    """This browser session's answer to "did this help?" on the article (None: no answer)."""
    if not voter:
        return None
    return (
        ArticleVote.objects.filter(article=article, voter=voter_digest(voter))
        .values_list("helpful", flat=True)
        .first()
    )
