"""A chat with the assistant in a real browser, in Japanese (the default) and in English.

The customer asks, reads the answer, says it did not help, gives the network, then asks for a
person; an agent answers on the ticket and the customer reads it, by name, in the same thread.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from madoguchi.agents.services import agent_create
from madoguchi.conversations.models import Conversation
from madoguchi.kb.services import article_import
from madoguchi.kb.understanding import understander
from madoguchi.tickets.services import message_post

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop + live_server

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
)

TEXT = {
    "ja": {
        "title": "サポートとチャット",
        "greeting": "サポートアシスタントです",
        "message": "メッセージ",
        "send": "送信",
        "question": "USDTの出金が届かない",
        "helped": "この内容で解決しましたか？",
        "no": "いいえ、まだ解決していません",
        "network_q": "ネットワークを教えてください。",
        "human": "人と話したい",
        "reference": "受付番号:",
        "bot": "サポートアシスタント（自動応答）",
        "agent_reply": "担当のAikoです。出金状況を確認しています。",
    },
    "en": {
        "title": "Chat with support",
        "greeting": "this is the Madoguchi Exchange support assistant",
        "message": "Your message",
        "send": "Send",
        "question": "My USDT withdrawal has not arrived",
        "helped": "Did this help?",
        "no": "No, I still need help",
        "network_q": "Please tell me: Network",
        "human": "human please",
        "reference": "Your reference number:",
        "bot": "Support assistant (automatic)",
        "agent_reply": "Aiko here, I am checking your withdrawal.",
    },
}


def _switch_language(page: Page, language: str) -> None:
    if language == "en":
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def _send(page: Page, t: dict[str, str], text: str) -> None:
    """Type and send one line; wait until the thread shows it (sent by the page's script)."""
    box = page.get_by_label(t["message"])
    box.fill(text)
    page.get_by_role("button", name=t["send"], exact=True).click()
    expect(page.locator("article.message-customer").last).to_contain_text(text)
    expect(box).to_have_value("")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_chat_round_trip(language: str, page: Page, live_server, tmp_path) -> None:
    article_import()
    understander()  # trained here, once: the live server (a thread) shares it
    agent = agent_create(username="aiko", password="a long passphrase for the desk", name="Aiko")
    t = TEXT[language]
    page.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)
    page.goto(live_server.url + "/chat/")
    _switch_language(page, language)
    expect(page.get_by_role("heading", name=t["title"])).to_be_visible()
    expect(page.get_by_text(t["greeting"])).to_be_visible()

    _send(page, t, t["question"])
    expect(page.locator('a[href="/help/funds-withdrawal-delayed/"]')).to_be_visible()
    expect(page.get_by_text(t["helped"]).first).to_be_visible()
    page.screenshot(path=str(tmp_path / f"{language}-1-answer.png"), full_page=True)

    page.get_by_role("button", name=t["no"]).click()
    expect(page.get_by_text(t["network_q"])).to_be_visible()
    _send(page, t, "ERC20")
    _send(page, t, t["human"])
    expect(page.get_by_text(t["reference"])).to_be_visible()
    reference = page.locator(".chat-reference strong").inner_text()
    assert re.fullmatch(r"MDG-\d{2}-\d{6}", reference)

    ticket = Conversation.objects.get().ticket
    assert ticket.reference == reference and ticket.facts["network"]["value"] == "ethereum"
    message_post(ticket=ticket, agent=agent, body=t["agent_reply"])
    page.reload()
    expect(page.get_by_text(t["agent_reply"])).to_be_visible()
    # the agent is shown by name, the assistant as the assistant
    expect(page.locator("article.message-agent header")).to_contain_text("Aiko")
    expect(page.locator("article.message-assistant header").first).to_contain_text(t["bot"])
    page.screenshot(path=str(tmp_path / f"{language}-2-agent.png"), full_page=True)
