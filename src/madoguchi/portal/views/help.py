"""The help centre: browse by category, read an article, vote on it, search as you type.

Articles are shown in the UI language, or in the other one (marked) when that is all there
is. Search ranking is not done here: ``madoguchi.kb.understanding.search_articles`` ranks, this
module only turns its hits into links with a snippet. Votes go through
``kb.services.article_vote_record``; a browser session is one voter (a random token kept in
the session), so voting again changes the answer instead of adding one.
"""

from __future__ import annotations

import math
import secrets
import unicodedata
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi import taxonomy
from madoguchi.kb.loader import LANGUAGES
from madoguchi.kb.models import Article
from madoguchi.kb.services import article_vote_record
from madoguchi.portal.guidance import CATEGORY_HINTS, category_name
from madoguchi.portal.rate_limit import rate_limit_hit
from madoguchi.portal.rendering import render_markdown, snippet
from madoguchi.portal.selectors import (
    HelpEntry,
    article_category,
    article_languages,
    help_article,
    help_entries,
    related_entries,
    session_vote,
)
from madoguchi.portal.views._common import ui_language

#: Longest query the search accepts; a customer's question fits, a pasted e-mail does not.
MAX_QUERY = 200
RESULTS_LIMIT = 10
#: Searches per IP address per minute: typing sends a few a second, a scraper many more.
SEARCH_LIMIT, SEARCH_WINDOW = 240, 60
#: Votes per IP address per ten minutes (changing one's answer counts too).
VOTE_LIMIT, VOTE_WINDOW = 30, 10 * 60
#: Where the session keeps this browser's voter token.
VOTER_KEY = "kb_voter"
#: Each language's name in itself, for "the other language's version" links.
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


def _other(language: str) -> str:
    return "en" if language == "ja" else "ja"


def _article_url(article: Article) -> str:
    return (
        reverse("portal:help_article", args=[article.slug])
        + "?"
        + urlencode({"lang": article.language})
    )


def _entry_context(entry: HelpEntry) -> dict:
    article = entry.article
    return {
        "slug": article.slug,
        "title": article.title,
        "summary": article.summary,
        "language": article.language,
        "fallback": entry.fallback,
        "language_name": LANGUAGE_NAMES.get(article.language, article.language),
        "url": _article_url(article),
    }


def _category_context(category: str, language: str, entries: list[HelpEntry]) -> dict:
    return {
        "id": category,
        "name": category_name(category, language),
        "hint": CATEGORY_HINTS.get(category, ""),
        "url": reverse("portal:help_category", args=[category]),
        "articles": [_entry_context(e) for e in entries if e.category == category],
    }


@require_GET
def help_home(request: HttpRequest) -> HttpResponse:
    language = ui_language()
    entries = help_entries(language)
    categories = [_category_context(c, language, entries) for c in taxonomy.CATEGORIES]
    return render(request, "portal/help_home.html", {"categories": categories, "query": ""})


@require_GET
def help_category(request: HttpRequest, category: str) -> HttpResponse:
    if category not in taxonomy.CATEGORIES:
        raise Http404
    language = ui_language()
    context = _category_context(category, language, help_entries(language, category))
    return render(request, "portal/help_category.html", {"category": context, "query": ""})


def _voter(request: HttpRequest, *, create: bool) -> str | None:
    voter = request.session.get(VOTER_KEY)
    if not isinstance(voter, str) or not voter:
        voter = None
    if voter is None and create:
        voter = request.session[VOTER_KEY] = secrets.token_urlsafe(24)
    return voter


def _requested_language(request: HttpRequest, fallback: str) -> str:
    """``?lang=`` (or the vote form's ``lang``) if it is one we serve, else ``fallback``."""
    value = request.GET.get("lang") or request.POST.get("lang")
    return value if value in LANGUAGES else fallback


def _article_or_404(slug: str, language: str) -> HelpEntry:
    if len(slug) > 120:
        raise Http404
    entry = help_article(slug, language)
    if entry is None:
        raise Http404
    return entry


def _render_article(
    request: HttpRequest, entry: HelpEntry, *, notice: str = "", status: int = 200
) -> HttpResponse:
    ui = ui_language()
    article = entry.article
    other = _other(article.language)
    languages = article_languages(article.slug)
    has_other = other in languages
    try:
        intent = taxonomy.intent(article.intent)
    except taxonomy.UnknownIntentError:
        intent = None
    category = article_category(article.intent)
    html = render_markdown(article.body)
    context = {
        "article": article,
        "html": html,
        # only "only in English" when there is no version in the customer's language at all
        "fallback": article.language != ui and ui not in languages,
        "language_name": LANGUAGE_NAMES.get(article.language, article.language),
        "other_language": other if has_other else None,
        "other_language_name": LANGUAGE_NAMES[other],
        "other_url": reverse("portal:help_article", args=[article.slug])
        + "?"
        + urlencode({"lang": other}),
        "category": {
            "id": category,
            "name": category_name(category, ui),
            "url": reverse("portal:help_category", args=[category]),
        },
        "related": [
            _entry_context(e)
            for e in related_entries(article, article.language)
            # the bundled articles end with their own list of links: do not repeat it
            if f'href="/help/{e.article.slug}/' not in html
        ],
        "contact_url": reverse("portal:new_help", args=[intent.id])
        if intent
        else reverse("portal:new_pick"),
        "vote": session_vote(article, _voter(request, create=False)),
        "notice": notice,
        "query": "",
    }
    return render(request, "portal/help_article.html", context, status=status)


@require_GET
def help_article_view(request: HttpRequest, slug: str) -> HttpResponse:
    entry = _article_or_404(slug, _requested_language(request, ui_language()))
    return _render_article(request, entry)


def _prefers_json(request: HttpRequest) -> bool:
    """The script asks for JSON; a browser's plain form, and a client sending nothing, HTML."""
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _accepts_json(request: HttpRequest) -> bool:
    """JSON unless HTML is preferred: a browser's form gets HTML, ``*/*`` and scripts JSON."""
    return request.get_preferred_type(["application/json", "text/html"]) == "application/json"


def _vote_message(helpful: bool | None) -> str:
    if helpful is None:
        return ""
    if helpful:
        return _("Thank you. We are glad it helped.")
    return _("Thank you. Sorry it did not help: ask the assistant or contact us below.")


@require_POST
def help_vote(request: HttpRequest, slug: str) -> HttpResponse:
    """Record "did this help?": a form POST answered by a redirect, or JSON for the script."""
    entry = _article_or_404(slug, _requested_language(request, ui_language()))
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        if _prefers_json(request):
            return JsonResponse({"error": _("Choose Yes or No.")}, status=400)
        return _render_article(request, entry, notice=_("Choose Yes or No."), status=400)
    ip = request.META.get("REMOTE_ADDR", "")
    if not rate_limit_hit("help-vote", ip, limit=VOTE_LIMIT, window=VOTE_WINDOW):
        message = _("Too many answers from your connection. Please try again in a few minutes.")
        if _prefers_json(request):
            return JsonResponse({"error": message}, status=429)
        return _render_article(request, entry, notice=message, status=429)
    helpful = answer == "yes"
    article_vote_record(article=entry.article, voter=_voter(request, create=True), helpful=helpful)
    if _prefers_json(request):
        return JsonResponse({"helpful": helpful, "message": _vote_message(helpful)})
    return redirect(_article_url(entry.article) + "#vote")


class QueryError(ValueError):
    """A search request we answer with 400 (the message is shown to the customer)."""


def _clean_query(raw: str) -> str:
    """The query without control and format characters (NUL, bidi overrides), trimmed."""
    if len(raw) > MAX_QUERY:
        raise QueryError(_("Please use at most %(limit)d characters.") % {"limit": MAX_QUERY})
    kept = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in raw)
    return " ".join(kept.split())


def help_results(query: str, language: str) -> list[dict]:
    """Search hits as the page and the script show them: title, snippet, link."""
    if not query:
        return []
    from madoguchi.kb.understanding import search_articles

    hits = list(search_articles(query, language, limit=RESULTS_LIMIT))[:RESULTS_LIMIT]
    keys = {(h.slug, h.language) for h in hits}
    slugs = {slug for slug, _lang in keys}
    articles = {
        (a.slug, a.language): a
        for a in Article.objects.filter(slug__in=slugs).defer("examples")
        if (a.slug, a.language) in keys
    }
    length = 90 if language == "ja" else 160
    results = []
    for hit in hits:
        article = articles.get((hit.slug, hit.language))
        if article is None:  # deleted since the index was built
            continue
        results.append(
            {
                "slug": article.slug,
                "language": article.language,
                "intent": article.intent,
                "title": article.title,
                "snippet": snippet(article.summary, article.body, length=length),
                "url": _article_url(article),
                "score": round(score, 4) if math.isfinite(score := float(hit.score)) else 0.0,
            }
        )
    return results


@require_GET
def help_search(request: HttpRequest) -> HttpResponse:
    """``?q=&lang=``: JSON for the search-as-you-type script, an HTML page for a plain form.

    The answer's type follows the Accept header (a browser's form submission prefers HTML,
    ``fetch`` asking for JSON and clients sending ``*/*`` get JSON), so one URL serves both.
    """
    wants_json = _accepts_json(request)
    language = request.GET.get("lang") or ui_language()
    raw = request.GET.get("q", "")
    status, error, results, query = 200, "", [], ""
    if language not in LANGUAGES:
        status, error = 400, _("Unknown language: use ja or en.")
        language = ui_language()
    else:
        try:
            query = _clean_query(raw)
        except QueryError as exc:
            status, error = 400, str(exc)
    if status == 200 and query:
        ip = request.META.get("REMOTE_ADDR", "")
        if not rate_limit_hit("help-search", ip, limit=SEARCH_LIMIT, window=SEARCH_WINDOW):
            status, error = 429, _("Too many searches. Please wait a minute and try again.")
        else:
            results = help_results(query, language)
    if wants_json:
        body = {"query": query, "language": language, "results": results}
        if error:
            body = {"error": error, **body}
        response: HttpResponse = JsonResponse(body, status=status)
    else:
        context = {
            "query": raw[:MAX_QUERY] if status == 400 else query,
            "results": results,
            "error": error,
            "language": language,
        }
        response = render(request, "portal/help_results.html", context, status=status)
    patch_vary_headers(response, ["Accept"])
    return response
