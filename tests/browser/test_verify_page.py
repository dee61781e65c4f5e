"""``/verify/`` in a real browser: paste, check, read the verdict, in Japanese and English; a
phone-sized screen; the page works with JavaScript turned off."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from madoguchi.desk import demo_data
from madoguchi.officials.services import officials_import

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
)

TEXT = {
    "ja": {
        "heading": "これは公式ですか？",
        "box": "リンク・ドメイン・メールアドレス・電話番号・アカウント名・氏名",
        "check": "確認する",
        "fake": "なりすまし: 当社ではありません",
        "official": "公式",
        "list": "当社の公式チャネル",
    },
    "en": {
        "heading": "Is this official?",
        "box": "Link, domain, e-mail address, phone number, handle or name",
        "check": "Check",
        "fake": "Impersonation: this is not us",
        "official": "Official",
        "list": "Our official channels",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_paste_a_lookalike_then_an_official_address(
    language: str, page: Page, live_server, tmp_path: Path
) -> None:
    officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())
    t = TEXT[language]
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(live_server.url + "/verify/")
    if language == "en":
        page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name=t["heading"], level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=t["list"])).to_be_visible()

    page.get_by_label(t["box"]).fill("https://madoguchi-support-login.com/verify")
    page.get_by_role("button", name=t["check"]).click()
    verdict = page.get_by_role("status")
    expect(verdict.get_by_role("heading", name=t["fake"])).to_be_visible()
    expect(verdict).to_contain_text("madoguchi.example")
    # nothing on the page links to what was pasted
    assert page.locator("a[href*='madoguchi-support-login']").count() == 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(tmp_path / f"{language}-impersonation.png"), full_page=True)

    page.get_by_label(t["box"]).fill("support@madoguchi.example")
    page.get_by_role("button", name=t["check"]).click()
    expect(page.get_by_role("status").get_by_role("heading", name=t["official"])).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_page_works_without_javascript(browser: Browser, live_server) -> None:
    officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/verify/")
    page.get_by_role("textbox").fill("madoguchi.net")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status")).to_contain_text("madoguchi.example")
    context.close()
