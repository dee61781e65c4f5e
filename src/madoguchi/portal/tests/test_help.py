"""The help centre in Japanese and English: browsing, articles, votes and search.

Page texts are written out (not looked up through gettext) so a missing translation fails.
"""

from __future__ import annotations

import pytest
from django.test import Client

from madoguchi.kb.models import ArticleVote
from madoguchi.kb.services import article_import
from madoguchi.kb.tests.factories import article_create
from madoguchi.portal.tests.conftest import browser
from madoguchi.portal.views.help import MAX_QUERY, SEARCH_LIMIT, VOTE_LIMIT

pytestmark = pytest.mark.django_db

HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def articles():
    """A small KB: one article in both languages, one only in English, one only in Japanese."""
    both_ja = article_create(
        "funds-wrong-network",
        "ja",
        title="誤ったネットワークで送金した",
        body="## まず確認\n\n**トランザクションID**を確認してください。<script>alert(1)</script>"
        "\n\n[危険](javascript:alert(1))",
        summary="ネットワークを確認してください。",
        related=["funds-missing-memo", "does-not-exist", "account-kyc"],
    )
    both_en = article_create(
        "funds-wrong-network",
        "en",
        title="Sent on the wrong network",
        body="## Check first\n\nFind the **transaction ID**.",
        related=["funds-missing-memo"],
    )
    en_only = article_create(
        "funds-missing-memo",
        "en",
        intent="funds.missing_memo",
        title="Forgot the memo or tag",
        summary="Contact us with the transaction ID.",
    )
    ja_only = article_create(
        "account-kyc", "ja", intent="account.kyc", title="本人確認について", body="本人確認の手順。"
    )
    return {"both_ja": both_ja, "both_en": both_en, "en_only": en_only, "ja_only": ja_only}


# --- browsing ---------------------------------------------------------------------------------


def test_help_home_in_japanese(articles):
    page = browser("ja").get("/help/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "ヘルプセンター" in html and "ヘルプセンターを検索" in html
    assert "入出金" in html and "口座・ログイン" in html  # category names
    assert "誤ったネットワークで送金した" in html and "Sent on the wrong network" not in html
    assert "本人確認について" in html
    # an article only in English is listed, marked, with its lang attribute
    assert 'lang="en">Forgot the memo or tag</a>' in html and "(Englishのみ)" in html
    assert "このカテゴリーにはまだ記事がありません。" in html  # e.g. trading has none here


def test_help_home_in_english(articles):
    html = browser("en").get("/help/").content.decode()
    assert "Help centre" in html and "Deposits and withdrawals" in html
    assert "Sent on the wrong network" in html and "誤ったネットワークで送金した" not in html
    assert 'lang="ja">本人確認について</a>' in html and "(only in 日本語)" in html
    assert "Someone got into your account" in html  # the category hints


def test_category_page_lists_only_its_articles(articles):
    html = browser("en").get("/help/category/funds/").content.decode()
    assert "Deposits and withdrawals" in html
    assert "Sent on the wrong network" in html and "Forgot the memo or tag" in html
    assert "本人確認について" not in html
    assert "Contact us with the transaction ID." in html  # summaries on the category page


def test_unknown_category_and_article_are_404(articles):
    client = browser("en")
    assert client.get("/help/category/nope/").status_code == 404
    assert client.get("/help/no-such-article/").status_code == 404
    assert client.get("/help/" + "a" * 130 + "/").status_code == 404


def test_operator_intents_outside_the_taxonomy_are_listed_under_other(articles):
    article_create("our-own", "en", intent="custom.thing", title="Our own topic")
    html = browser("en").get("/help/category/other/").content.decode()
    assert "Our own topic" in html and "Sent on the wrong network" not in html
    page = browser("en").get("/help/our-own/")
    assert page.status_code == 200 and 'href="/new/"' in page.content.decode()


# --- an article -------------------------------------------------------------------------------


def test_article_page_in_japanese(articles):
    page = browser("ja").get("/help/funds-wrong-network/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>誤ったネットワークで送金した</h1>" in html
    assert "<strong>トランザクションID</strong>" in html  # Markdown rendered
    assert "<script>alert" not in html and "javascript:" not in html  # and sanitised
    assert 'href="/help/funds-wrong-network/?lang=en"' in html and ">English</a>" in html
    assert "この記事は役に立ちましたか？" in html and ">はい</button>" in html
    assert 'href="/new/funds.wrong_network/"' in html  # the intent's contact flow
    assert 'href="/chat/"' in html and "アシスタントに質問する" in html
    # related: existing ones in order, a missing slug skipped, fallbacks marked
    related = html[html.index("関連する記事") :]
    assert related.index("Forgot the memo or tag") < related.index("本人確認について")
    assert "does-not-exist" not in related


def test_article_page_in_english_links_the_japanese_version(articles):
    html = browser("en").get("/help/funds-wrong-network/").content.decode()
    assert "<h1>Sent on the wrong network</h1>" in html
    assert 'href="/help/funds-wrong-network/?lang=ja"' in html and ">日本語</a>" in html
    assert "Did this help?" in html and "Related articles" in html
    assert "only available in" not in html


def test_the_other_language_version_by_query(articles):
    html = browser("ja").get("/help/funds-wrong-network/?lang=en").content.decode()
    assert "<h1>Sent on the wrong network</h1>" in html
    assert 'lang="en"' in html and ">日本語</a>" in html
    assert "この記事は" in html and "のみでご覧いただけます" not in html  # ja exists
    assert browser("ja").get("/help/funds-wrong-network/?lang=xx").status_code == 200


def test_an_article_only_in_the_other_language_is_shown_and_marked(articles):
    html = browser("ja").get("/help/funds-missing-memo/").content.decode()
    assert "<h1>Forgot the memo or tag</h1>" in html
    assert "この記事はEnglishのみでご覧いただけます。" in html
    assert '<article class="card help-article" lang="en">' in html
    assert ">日本語</a>" not in html  # no Japanese version to link


def test_related_articles_the_body_already_links_are_not_repeated(articles):
    article = articles["both_en"]
    article.body += "\n## Related articles\n\n- [Memo](/help/funds-missing-memo/)\n"
    article.save()
    html = browser("en").get("/help/funds-wrong-network/").content.decode()
    assert html.count("Related articles") == 1  # the body's own heading only
    assert 'href="/help/funds-missing-memo/"' in html


# --- votes ------------------------------------------------------------------------------------


def test_vote_without_javascript_posts_and_redirects(articles):
    client = browser("en")
    response = client.post("/help/funds-wrong-network/vote/", {"helpful": "yes", "lang": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/help/funds-wrong-network/?lang=en#vote"
    vote = ArticleVote.objects.get()
    assert vote.article == articles["both_en"] and vote.helpful is True
    html = client.get(response["Location"]).content.decode()
    assert 'value="yes" aria-pressed="true"' in html
    assert "Thank you. We are glad it helped." in html


def test_changing_the_vote_updates_it_and_sessions_vote_separately(articles):
    client = browser("ja")
    url = "/help/funds-wrong-network/vote/"
    client.post(url, {"helpful": "yes", "lang": "ja"})
    client.post(url, {"helpful": "no", "lang": "ja"})
    assert list(ArticleVote.objects.values_list("helpful", flat=True)) == [False]
    html = client.get("/help/funds-wrong-network/").content.decode()
    assert 'value="no" aria-pressed="true"' in html and "お役に立てず申し訳ありません" in html
    browser("ja").post(url, {"helpful": "yes", "lang": "ja"})  # another browser session
    assert ArticleVote.objects.filter(article=articles["both_ja"]).count() == 2
    client.post(url, {"helpful": "yes", "lang": "en"})  # the English version is another article
    assert ArticleVote.objects.filter(article=articles["both_en"]).count() == 1


def test_vote_with_javascript_gets_json(articles):
    client = browser("en")
    response = client.post(
        "/help/funds-wrong-network/vote/", {"helpful": "no", "lang": "en"}, **JSON
    )
    assert response.status_code == 200
    body = response.json()
    assert body["helpful"] is False and "Sorry it did not help" in body["message"]
    japanese = browser("ja").post(
        "/help/funds-wrong-network/vote/", {"helpful": "yes", "lang": "ja"}, **JSON
    )
    assert japanese.json()["message"] == "ご回答ありがとうございます。お役に立てて何よりです。"


def test_vote_needs_a_csrf_token(articles):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/help/funds-wrong-network/vote/", {"helpful": "yes"})
    assert response.status_code == 403
    assert not ArticleVote.objects.exists()
    page = client.get("/help/funds-wrong-network/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/help/funds-wrong-network/vote/", {"helpful": "yes", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and ArticleVote.objects.count() == 1


@pytest.mark.parametrize("answer", ["", "maybe", "YES", "<script>"])
def test_a_vote_that_is_not_yes_or_no_is_refused(articles, answer):
    client = browser("en")
    response = client.post("/help/funds-wrong-network/vote/", {"helpful": answer})
    assert response.status_code == 400 and "Choose Yes or No." in response.content.decode()
    response = client.post("/help/funds-wrong-network/vote/", {"helpful": answer}, **JSON)
    assert response.status_code == 400 and response.json()["error"] == "Choose Yes or No."
    assert not ArticleVote.objects.exists()


def test_votes_are_rate_limited(articles):
    client = browser("en")
    for _ in range(VOTE_LIMIT):
        assert client.post("/help/funds-wrong-network/vote/", {"helpful": "yes"}).status_code == 302
    response = client.post("/help/funds-wrong-network/vote/", {"helpful": "no"})
    assert response.status_code == 429 and "Too many answers" in response.content.decode()
    assert ArticleVote.objects.get().helpful is True
    assert (
        client.post("/help/funds-wrong-network/vote/", {"helpful": "no"}, **JSON).status_code == 429
    )


def test_vote_on_a_missing_article_or_by_get(articles):
    client = browser("en")
    assert client.post("/help/nope/vote/", {"helpful": "yes"}).status_code == 404
    assert client.get("/help/funds-wrong-network/vote/").status_code == 405


# --- search -----------------------------------------------------------------------------------


@pytest.fixture
def bundled_kb():
    article_import()


def _search(client: Client, q: str, lang: str | None = None, **headers):
    params = {"q": q} if lang is None else {"q": q, "lang": lang}
    return client.get("/help/search/", params, **headers)


def test_search_json_japanese(bundled_kb):
    response = _search(browser("ja"), "出金", "ja")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["query"] == "出金" and body["language"] == "ja"
    results = body["results"]
    assert 1 <= len(results) <= 10
    top = {r["intent"] for r in results[:5]}
    assert "funds.withdrawal_delayed" in top or "funds.fiat_withdrawal" in top
    for result in results:
        assert result["title"] and result["snippet"] and result["language"] == "ja"
        assert result["url"] == f"/help/{result['slug']}/?lang=ja"
    assert "出金" in " ".join(r["title"] for r in results[:3])


def test_search_json_partial_english_word(bundled_kb):
    results = _search(browser("en"), "withdr", "en").json()["results"]
    assert results
    assert any("withdrawal" in r["title"].lower() for r in results[:3])
    # the result links open the article
    assert browser("en").get(results[0]["url"]).status_code == 200


def test_search_defaults_to_the_ui_language(bundled_kb):
    body = _search(browser("en"), "deposit").json()
    assert body["language"] == "en" and body["results"]


@pytest.mark.parametrize("q", ["", "   ", "\x00", "\u202e\u200b"])
def test_empty_search_is_an_empty_list(bundled_kb, q):
    response = _search(browser("en"), q, "en")
    assert response.status_code == 200 and response.json()["results"] == []


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00%ff",
        "😀" * 50,
        "ｗｉｔｈｄｒａｗａｌ",
        "invoice\u202efdp.exe",
        "a" * MAX_QUERY,
        "{{ settings.SECRET_KEY }}",
        "出金\n\t\r入金",
    ],
)
def test_garbage_queries_do_not_crash(bundled_kb, q):
    response = _search(browser("ja"), q, "ja")
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_a_too_long_query_is_a_clear_400(bundled_kb):
    response = _search(browser("en"), "a" * (MAX_QUERY + 1), "en")
    assert response.status_code == 400
    assert response.json()["error"] == f"Please use at most {MAX_QUERY} characters."
    ja = _search(browser("ja"), "あ" * 1000, "ja")
    assert (
        ja.status_code == 400 and ja.json()["error"] == f"{MAX_QUERY}文字以内で入力してください。"
    )


def test_an_unknown_language_is_a_400(bundled_kb):
    response = _search(browser("en"), "deposit", "fr")
    assert response.status_code == 400 and "ja or en" in response.json()["error"]


def test_search_results_page_without_javascript(bundled_kb):
    response = _search(browser("ja"), "出金", "ja", **HTML)
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "検索結果" in html and 'value="出金"' in html
    assert 'class="help-results"' in html and "/help/funds-" in html
    assert "Accept" in response["Vary"]


def test_search_results_page_escapes_the_query(bundled_kb):
    response = _search(browser("en"), '"><script>alert(1)</script>', "en", **HTML)
    html = response.content.decode()
    assert response.status_code == 200 and "<script>alert(1)" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_search_results_page_bad_input(bundled_kb):
    response = _search(browser("en"), "x" * 500, "en", **HTML)
    assert response.status_code == 400
    assert "Please use at most 200 characters." in response.content.decode()
    nothing = _search(browser("en"), "zzqqxx", "en", **HTML).content.decode()
    assert "No articles found" in nothing


# --- the rest of the portal points at the help centre ----------------------------------------


@pytest.mark.parametrize(
    ("language", "help_word", "ask"),
    [("ja", "ヘルプ", "アシスタントに質問する"), ("en", "Help", "Ask the assistant")],
)
def test_navigation_and_home_point_at_the_help_centre(articles, language, help_word, ask):
    html = browser(language).get("/").content.decode()
    assert f'<a href="/help/">{help_word}</a>' in html
    assert f'<a href="/chat/">{ask}</a>' in html
    assert 'action="/help/search/"' in html and 'name="q"' in html  # the search box
    assert 'src="/static/portal/help.js"' in html


def test_pages_use_no_inline_script(articles):
    for url in ("/", "/help/", "/help/category/funds/", "/help/funds-wrong-network/"):
        response = browser("en").get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"]
        html = response.content.decode()
        assert html.count("<script") == html.count('<script src="/static/portal/help.js" defer>')


def test_search_with_an_empty_knowledge_base(db):
    response = _search(browser("en"), "deposit", "en")
    assert response.status_code == 200 and response.json()["results"] == []
    assert browser("ja").get("/help/").status_code == 200


def test_search_is_rate_limited_per_address(articles):
    client = browser("en")
    for _ in range(SEARCH_LIMIT):
        assert _search(client, "network", "en").status_code == 200
    response = _search(client, "network", "en")
    assert response.status_code == 429 and "Too many searches" in response.json()["error"]
    assert _search(client, "", "en").status_code == 200  # an empty box costs nothing
