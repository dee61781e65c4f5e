"""Live chat in a real browser against a real desk process (uvicorn serving the ASGI app).

Django's ``live_server`` is WSGI only, so the desk runs as ``madoguchi serve`` on a free port
over a temporary data directory (``bench.desk_server.DeskServer``). A Japanese customer chats with
the assistant over the WebSocket, reloads (the history comes back and the chat goes on), asks
for a person; an agent signs in, opens the ticket, joins from the live panel and writes; the
customer sees the agent's name and the reply, and the agent sees the customer typing.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from bench.desk_server import DeskServer, free_port
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
)

AGENT, PASSWORD = "aiko", "a long passphrase for the live chat"
REFERENCE = re.compile(r"MDG-\d{2}-\d{6}")
#: what the pages say, written out (a missing translation fails the test)
JA = {
    "assistant_status": "サポートアシスタント（自動応答）が対応しています。",
    "assistant": "サポートアシスタント（自動応答）",
    "send": "送信",
    "person": "担当者と話す",
    "online": "お客様はチャットに接続中です。",
    "join": "チャットに参加",
    "typing": "お客様が入力中です…",
    "joined_status": "Aiko（サポート担当）が対応しています。",
}


@pytest.fixture(scope="module")
def operator_site(tmp_path_factory):
    """An operator's web page on another origin, with the one widget tag (port known early:
    the desk must list the origin in MADOGUCHI_WIDGET_ORIGINS)."""
    root = tmp_path_factory.mktemp("operator-site")
    port = free_port()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def desk(tmp_path_factory, operator_site):
    _root, origin = operator_site
    server = DeskServer(
        Path(tmp_path_factory.mktemp("live-chat-desk")),
        env={"MADOGUCHI_WIDGET_ORIGINS": origin},
    )
    server.prepare()
    server.run_python(
        "from madoguchi.agents.services import agent_create\n"
        f"agent_create(username={AGENT!r}, password={PASSWORD!r}, name='Aiko', language='ja')\n"
    )
    with server.start():
        yield server


def test_customer_chats_reloads_and_an_agent_takes_over(desk: DeskServer, browser: Browser):
    customer = browser.new_context(locale="ja-JP").new_page()
    customer.goto(desk.url + "/chat/")
    thread = customer.locator("#chat-thread")
    customer.get_by_label("メッセージ").fill("USDTの出金が届きません")
    customer.get_by_role("button", name=JA["send"], exact=True).click()

    # the socket: the message is acknowledged (no "sending" bubble left) and answered
    # (the desk's first message loads the understanding model: seconds, hence the timeout)
    expect(thread.locator("article[data-role=customer]")).to_contain_text(
        "USDTの出金が届きません", timeout=60_000
    )
    expect(thread.locator("article[data-role=assistant]").last).to_contain_text(JA["assistant"])
    expect(thread.locator(".chat-pending")).to_have_count(0)
    expect(customer.locator("#chat-status")).to_have_text(JA["assistant_status"])

    # a reload shows the history, and the chat goes on over a new socket
    customer.reload()
    expect(thread).to_contain_text("USDTの出金が届きません")
    expect(customer.locator("#chat-status")).to_have_text(JA["assistant_status"])
    customer.get_by_label("メッセージ").fill("TRC20で送りました")
    customer.get_by_role("button", name=JA["send"], exact=True).click()
    expect(thread.locator("article[data-role=customer]").last).to_contain_text("TRC20で送りました")
    expect(thread.locator(".chat-pending")).to_have_count(0)

    customer.locator("#chat-controls").get_by_role("button", name=JA["person"]).click()
    reference_line = customer.locator(".chat-reference-live")
    expect(reference_line).to_contain_text(REFERENCE)
    reference = REFERENCE.search(reference_line.inner_text()).group(0)

    agent = browser.new_context(locale="ja-JP").new_page()
    agent.goto(desk.url + "/agent/login/")
    agent.get_by_label("ユーザー名").fill(AGENT)
    agent.get_by_label("パスワード").fill(PASSWORD)
    agent.get_by_role("button", name="サインイン", exact=True).click()
    expect(agent.locator("h1")).to_be_visible()
    agent.goto(f"{desk.url}/agent/tickets/{reference}/")
    panel = agent.locator("#live-chat")
    expect(panel.locator(".live-chat-presence")).to_have_text(JA["online"])

    customer.get_by_label("メッセージ").press_sequentially("もしもし")
    expect(panel.locator(".live-chat-typing")).to_have_text(JA["typing"])

    panel.get_by_role("button", name=JA["join"]).click()
    expect(customer.locator("#chat-status")).to_have_text(JA["joined_status"])
    expect(thread.locator("article[data-role=agent]").last).to_contain_text("Aiko")

    panel.locator("textarea").fill("担当のAikoです。確認します。")
    panel.get_by_role("button", name=JA["send"], exact=True).click()
    reply = thread.locator("article[data-role=agent]").last
    expect(reply).to_contain_text("担当のAikoです。確認します。")
    expect(reply.locator("header")).to_contain_text("Aiko")
    # the agent's panel shows the customer's earlier turns too
    expect(panel.locator(".live-turn-customer").first).to_be_visible()


def test_the_widget_on_an_operator_site_chats_and_resumes(desk, operator_site, browser: Browser):
    root, origin = operator_site
    (root / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Exchange</title>'
        f'<script src="{desk.url}/static/conversations/widget.js" data-madoguchi="{desk.url}" '
        "async></script></head><body><h1>Exchange</h1></body></html>",
        "utf-8",
    )
    page = browser.new_context(locale="en-US").new_page()
    page.goto(origin + "/index.html")
    page.get_by_role("button", name="Chat with support").click()
    frame = page.frame_locator("iframe[data-madoguchi-frame]")
    expect(frame.locator("#chat-status")).to_be_attached()
    frame.get_by_label("Your message").fill("My deposit is not showing")
    frame.get_by_role("button", name="Send", exact=True).click()
    thread = frame.locator("#chat-thread")
    expect(thread.locator("article[data-role=customer]")).to_contain_text(
        "My deposit is not showing", timeout=60_000
    )
    expect(thread.locator("article[data-role=assistant]").last).to_contain_text(
        "Support assistant (automatic)"
    )
    expect(frame.locator("#chat-status")).to_have_text(
        "You are talking with the support assistant (automatic)."
    )
    # the operator's page reloads: the frame's token brings the same conversation back
    page.reload()
    page.get_by_role("button", name="Chat with support").click()
    frame = page.frame_locator("iframe[data-madoguchi-frame]")
    expect(frame.locator("#chat-thread article[data-role=customer]")).to_contain_text(
        "My deposit is not showing"
    )
