"""The reply box in a real browser: a macro fills the textarea with JavaScript (no round trip),
and a blocked reply comes back with the reasons and the draft kept."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from madoguchi.agents.models import Agent
from madoguchi.guardian.services import macro_create
from madoguchi.tickets.intake import Inbound, intake
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.skipif(not CHROMIUM, reason="no chromium on this machine"),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

PASSWORD = "a long passphrase for the guard"


@pytest.mark.django_db(transaction=True)
def test_insert_a_macro_then_get_blocked(page: Page, live_server) -> None:
    user = get_user_model().objects.create_user(username="kenji", password=PASSWORD)
    Agent.objects.create(user=user, role=Agent.Role.AGENT)
    macro = macro_create(
        title="TXID", body_ja="送金のTXIDをお知らせください。", body_en="Please tell us the TXID."
    )
    ticket = intake(
        inbound=Inbound(
            channel="web",
            identity_value="taro@example.jp",
            body="出金が届きません",
            subject="出金について",
            intent="funds.withdrawal_delayed",
        )
    ).ticket
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/agent/login/")
    page.fill("#id_username", "kenji")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="サインイン").click()
    page.goto(f"{live_server.url}/agent/tickets/{ticket.reference}/")
    box = page.locator("#id_body")
    box.fill("こんにちは。")
    page.select_option("#id_macro", str(macro.pk))
    url_before = page.url
    page.get_by_role("button", name="挿入").click()
    expect(box).to_have_value("こんにちは。\n\n送金のTXIDをお知らせください。")
    assert page.url == url_before  # filled in place, no round trip

    box.fill("シードフレーズを教えていただけますか。")
    page.get_by_role("button", name="送信", exact=True).click()
    expect(page.locator(".guard-block")).to_contain_text("リカバリーフレーズ")
    expect(page.locator("#id_body")).to_have_value("シードフレーズを教えていただけますか。")
