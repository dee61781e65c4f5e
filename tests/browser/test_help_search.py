"""The help centre in a real browser: search as you type, open a result, vote.

Japanese by default (the browser's Accept-Language), English through the language button.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from madoguchi.kb.models import ArticleVote
from madoguchi.kb.services import article_import

pytestmark = pytest.mark.filterwarnings(
    # pytest-base-url (pulled in by pytest-playwright) still defines an instance-method fixture
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
)

#: What the pages say, written out so a missing translation fails the test.
TEXT = {
    "ja": {
        "help": "ヘルプ",
        "heading": "ヘルプセンター",
        "search": "ヘルプセンターを検索",
        "query": "出金",
        "partial": "出金 届",
        "question": "この記事は役に立ちましたか？",
        "yes": "はい",
        "no": "いいえ",
        "thanks_yes": "お役に立てて何よりです。",
        "thanks_no": "お役に立てず申し訳ありません",
        "search_button": "検索",
        "results": "検索結果",
    },
    "en": {
        "help": "Help",
        "heading": "Help centre",
        "search": "Search the help centre",
        "query": "withdr",
        "partial": "withdrawal not",
        "question": "Did this help?",
        "yes": "Yes",
        "no": "No",
        "thanks_yes": "We are glad it helped.",
        "thanks_no": "Sorry it did not help",
        "search_button": "Search",
        "results": "Search results",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_search_as_you_type_open_a_result_and_vote(
    language: str, page: Page, live_server, tmp_path: Path
) -> None:
    article_import()
    t = TEXT[language]
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/")
    if language == "en":
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_role("navigation").get_by_role("link", name=t["help"], exact=True).click()
    expect(page.get_by_role("heading", name=t["heading"], level=1)).to_be_visible()

    box = page.get_by_role("combobox", name=t["search"])
    box.press_sequentially(t["query"], delay=60)  # typed, not pasted: the debounce must cope
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    count = options.count()
    assert 1 <= count <= 10
    first_title = options.first.locator("strong").inner_text()
    assert first_title and options.first.locator(".help-snippet").inner_text()

    # keyboard: down selects the first, Escape closes, typing more searches again
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    box.fill("")
    box.press_sequentially(t["partial"], delay=40)
    expect(options.first).to_be_visible()
    box.press("ArrowDown")
    title = options.first.locator("strong").inner_text()
    page.screenshot(path=str(tmp_path / f"{language}-1-search.png"), full_page=True)
    box.press("Enter")

    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    assert re.search(r"/help/[a-z0-9-]+/\?lang=" + language, page.url), page.url
    expect(page.get_by_role("heading", name=t["question"])).to_be_visible()

    # vote with the script: no reload, the answer is shown in place, changing it updates it
    url_before = page.url
    page.get_by_role("button", name=t["yes"], exact=True).click()
    expect(page.get_by_text(t["thanks_yes"])).to_be_visible()
    expect(page.get_by_role("button", name=t["yes"], exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.url == url_before
    page.get_by_role("button", name=t["no"], exact=True).click()
    expect(page.get_by_text(t["thanks_no"])).to_be_visible()
    vote = ArticleVote.objects.select_related("article").get()
    assert vote.helpful is False and vote.article.title == title
    assert vote.article.language == language

    # the answer is remembered for this browser session
    page.reload()
    expect(page.get_by_role("button", name=t["no"], exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    page.screenshot(path=str(tmp_path / f"{language}-2-article.png"), full_page=True)
    print(f"screenshots: {tmp_path}")


@pytest.mark.django_db(transaction=True)
def test_search_and_vote_work_without_javascript(browser, live_server):
    article_import()
    t = TEXT["ja"]
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(live_server.url + "/help/")
        page.get_by_role("combobox", name=t["search"]).fill(t["query"])
        page.get_by_role("button", name=t["search_button"], exact=True).click()
        expect(page.get_by_role("heading", name=t["results"], level=1)).to_be_visible()
        first = page.locator(".help-results a").first
        title = first.inner_text()
        first.click()
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        page.get_by_role("button", name=t["yes"], exact=True).click()
        expect(page.get_by_text(t["thanks_yes"])).to_be_visible()
        assert page.url.endswith("#vote")
        assert ArticleVote.objects.get().helpful is True
    finally:
        context.close()
