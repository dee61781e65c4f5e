"""The articles' admin: pages load, vote counts and ratio in the list, one example per line,
filters by language, category and intent, and no edit the next export could not write."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from madoguchi.kb.models import Article, ArticleVote
from madoguchi.kb.services import article_vote_record
from madoguchi.kb.tests.factories import article_create

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:kb_article_changelist")


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.jp", "x" * 20)
    client.force_login(user)
    return client


def _form(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "slug": article.slug,
        "language": article.language,
        "intent": article.intent,
        "summary": article.summary,
        "body": article.body,
        "related": "\n".join(article.related),
        "examples": "\n".join(article.examples),
    }
    return {**data, **changes}


def test_the_list_shows_votes_and_the_helpful_ratio(admin_client):
    article = article_create(title="Wrong network article")
    for voter, helpful in (("a", True), ("b", True), ("c", True), ("d", False)):
        article_vote_record(article=article, voter=voter, helpful=helpful)
    article_create("unvoted", title="Nobody voted")
    page = admin_client.get(CHANGELIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wrong network article" in html and "75%" in html
    assert '<td class="field-helpful_votes">3</td>' in html
    assert '<td class="field-unhelpful_votes">1</td>' in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("language=ja", "Japanese one", "English one"),
        ("category=security", "English one", "Japanese one"),
        ("intent=funds.wrong_network", "Japanese one", "English one"),
    ],
)
def test_filters(admin_client, query, shown, hidden):
    article_create("en-one", "en", intent="security.phishing_report", title="English one")
    article_create("ja-one", "ja", intent="funds.wrong_network", title="Japanese one")
    html = admin_client.get(f"{CHANGELIST}?{query}").content.decode()
    assert shown in html and hidden not in html


def test_change_page_edits_examples_one_per_line(admin_client):
    article = article_create(examples=["first question"], related=["funds-missing-memo"])
    url = reverse("admin:kb_article_change", args=[article.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "first question</textarea>" in page.content.decode()
    response = admin_client.post(
        url,
        _form(
            article,
            examples="first question\n\n  second one  \r\nthird",
            related="funds-missing-memo, funds-crypto-deposit-missing\nfunds-fees",
            summary="Check the network first.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.examples == ["first question", "second one", "third"]
    assert article.related == ["funds-missing-memo", "funds-crypto-deposit-missing", "funds-fees"]
    assert article.summary == "Check the network first."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"related": "Not A Slug"}, "__all__", "is not a slug"),
        ({"intent": "Funds Wrong"}, "__all__", "intent must look like"),
        ({"body": "   "}, "body", ""),
        ({"language": "fr"}, "language", ""),
    ],
)
def test_an_edit_the_import_would_reject_is_refused(admin_client, changes, field, message):
    article = article_create()
    url = reverse("admin:kb_article_change", args=[article.pk])
    response = admin_client.post(url, _form(article, **changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors and message in " ".join(errors[field])
    article.refresh_from_db()
    assert article.intent == "funds.wrong_network" and article.related == []


def test_add_page_loads_and_creates(admin_client):
    assert admin_client.get(reverse("admin:kb_article_add")).status_code == 200
    response = admin_client.post(
        reverse("admin:kb_article_add"),
        {
            "title": "New article",
            "slug": "new-article",
            "language": "ja",
            "intent": "other.feedback",
            "summary": "",
            "body": "本文",
            "related": "",
            "examples": "質問1\n質問2",
        },
    )
    assert response.status_code == 302
    assert Article.objects.get(slug="new-article").examples == ["質問1", "質問2"]


def test_votes_are_listed_read_only(admin_client):
    article = article_create()
    article_vote_record(article=article, voter="a", helpful=True)
    listing = admin_client.get(reverse("admin:kb_articlevote_changelist"))
    assert listing.status_code == 200 and article.slug in listing.content.decode()
    assert admin_client.get(reverse("admin:kb_articlevote_add")).status_code == 403
    vote = ArticleVote.objects.get()
    page = admin_client.get(reverse("admin:kb_articlevote_change", args=[vote.pk]))
    assert page.status_code == 200 and 'name="helpful"' not in page.content.decode()
