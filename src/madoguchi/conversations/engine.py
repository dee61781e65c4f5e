"""The dialogue's collaborators, built from the desk's knowledge base (reads only).

``assistant()`` is the pure :class:`madoguchi.dialogue.Assistant` wired to the real
understanding engine (``kb.understanding.understander``), to the ``Article`` rows and to the
official-channel registry (``officials.selectors.verdict_for``) for "is this official?".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings

from madoguchi.dialogue import ArticleRef, Assistant, Understander
from madoguchi.kb.models import Article
from madoguchi.officials.selectors import verdict_for

#: the answer's length when an article has no summary: its first paragraph, cut here
_SUMMARY_CHARS = 300
_MARKUP = re.compile(r"[#*_`>\[\]]|\(/[^)]*\)")


def _first_paragraph(body: str) -> str:
    for block in re.split(r"\n\s*\n", body or ""):
        line = _MARKUP.sub("", " ".join(block.split())).strip()
        if line and not line.startswith(("-", "1.")):
            return line[:_SUMMARY_CHARS]
    return ""


def article_ref(intent: str | None, slug: str | None, language: str) -> ArticleRef | None:
    """The article to show: ``slug`` in ``language`` if it exists, else the intent's first."""
    rows = Article.objects.filter(language=language)
    article = rows.filter(slug=slug).first() if slug else None
    if article is None and intent:
        article = rows.filter(intent=intent).order_by("slug").first()
    if article is None:
        return None
    summary = article.summary.strip() or _first_paragraph(article.body)
    return ArticleRef(article.slug, article.title, summary, article.intent)


def default_understander(language: str = "ja") -> Understander:
    """The real engine over the current articles; ``language`` decides text with no words."""
    from madoguchi.kb.understanding import understander

    # built on first use: a greeting or an agent event needs no model
    return lambda text: understander().understand(text, language_hint=language)


def assistant(language: str = "ja", understand: Callable[[str], object] | None = None) -> Assistant:
    return Assistant(
        understand or default_understander(language),
        article_ref,
        tz=settings.TIME_ZONE,
        verify=verdict_for,
    )
