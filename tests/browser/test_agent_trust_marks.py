"""The agent's ticket page in a real browser: a customer's phishing link in the live chat panel
(over the real WebSocket of a real desk process) and in the side panels is defanged and
flagged, never a link; a supervisor finds the guard's review in the navigation.

The conversation is made in the desk's own process (``DeskServer.run_python``): a customer
asks about a lookalike link, then asks for a person; the agent's panel then receives the turns
over ``/ws/agent/chat/<id>/`` and renders them with ``live_chat.js``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.desk_server import DeskServer
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
)

LEAD, PASSWORD = "kenji", "a long passphrase for the trust marks"
PHISH = "https://madoguchi-support-login.com/verify"
DEFANGED = "hxxps[://]madoguchi-support-login[.]com/verify"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    server = DeskServer(Path(tmp_path_factory.mktemp("trust-marks-desk")))
    server.prepare()
    reference = server.run_python(
        "from madoguchi.agents.services import agent_create\n"
        "from madoguchi.conversations.services import (\n"
        "    conversation_handoff, conversation_message_post, conversation_start)\n"
        "from madoguchi.desk import demo_data\n"
        "from madoguchi.officials.services import officials_import\n"
        "officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())\n"
        f"agent_create(username={LEAD!r}, password={PASSWORD!r}, name='Kenji', role='lead')\n"
        "c = conversation_start(language='en')\n"
        f"conversation_message_post(conversation=c, text='Is {PHISH} your site?', "
        "client_message_id='m-1')\n"
        "c = conversation_handoff(conversation=c).conversation\n"
        "print(c.ticket.reference)\n"
    ).strip()
    with server.start():
        server.reference = reference
        yield server


def test_the_live_panel_shows_the_link_defanged_and_flagged(desk: DeskServer, browser: Browser):
    page = browser.new_context(locale="en-US").new_page()
    page.goto(desk.url + "/agent/login/")
    page.get_by_label("Username").fill(LEAD)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator("h1")).to_be_visible()

    # a supervisor: the guard's review is in the navigation
    nav_link = page.locator("nav.site-nav a[href='/agent/guard/']")
    expect(nav_link).to_have_text("Guard overrides")

    page.goto(f"{desk.url}/agent/tickets/{desk.reference}/")
    turn = page.locator("#live-chat .live-turn-customer", has_text="madoguchi-support-login")
    expect(turn).to_have_count(1, timeout=30_000)
    expect(turn).to_contain_text(DEFANGED)
    expect(turn.locator(".badge-danger")).to_contain_text("impersonates madoguchi.example")
    expect(turn.locator("a")).to_have_count(0)
    assert PHISH not in turn.inner_text()
    # nowhere on the page is the lookalike a link or shown as it was typed
    expect(page.locator("a[href*='madoguchi-support-login']")).to_have_count(0)
    assert PHISH not in page.locator("body").inner_text()
