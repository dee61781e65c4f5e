"""The ticket page: conversation, notes, facts with badges, entities, other tickets, banner,
masked e-mail and its logged reveal, in Japanese and English; markup always escaped."""

from __future__ import annotations

import pytest

from madoguchi.conftest import PHRASE
from madoguchi.tickets.models import Event
from madoguchi.tickets.services import message_post

pytestmark = pytest.mark.django_db

TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
TXID = "0x" + "ab" * 32


@pytest.fixture
def ticket(file_request, agent_user):
    ticket = file_request(
        subject="USDTが届かない",
        intent="funds.wrong_network",
        body=f"ERC20で 50 USDT を {TRON} に送りました",
        facts={"asset": "USDT", "network": "ERC20", "address": TRON, "tx_hash": "zz"},
    ).ticket
    message_post(ticket=ticket, agent=agent_user, body="確認します", internal=False)
    message_post(ticket=ticket, agent=agent_user, body="社内: 入金チームに確認中", internal=True)
    return ticket


def _page(client, ticket) -> str:
    response = client.get(f"/agent/tickets/{ticket.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_header_and_conversation_in_japanese(agent_client, ticket):
    page = _page(agent_client, ticket)
    assert ticket.reference in page and "USDTが届かない" in page
    assert "誤ったネットワークで送金した" in page  # intent title
    assert "Webフォーム" in page and "高" in page
    assert "ERC20で 50 USDT" in page
    assert 'class="message message-customer"' in page
    assert 'class="message message-agent"' in page and "確認します" in page
    assert 'class="message message-note"' in page and "入金チームに確認中" in page
    assert "network_mismatch" in page and "トロン（TRC20）のアドレス" in page


def test_the_page_in_english(en_agent_client, ticket):
    page = _page(en_agent_client, ticket)
    assert "Sent on the wrong network" in page and "Conversation" in page
    assert "is a Tron (TRC20) address" in page
    assert "Checklist facts" in page and "Transaction ID" in page


def test_facts_carry_validity_chain_and_problem_badges(agent_client, ticket):
    page = _page(agent_client, ticket)
    facts = page.split('class="card facts"')[1].split("</section>")[0]
    address_row = facts.split("fact-address")[1].split("</tr>")[0]
    assert TRON in address_row and "validity-valid" in address_row and "tron" in address_row
    tx_row = facts.split("fact-tx_hash")[1].split("</tr>")[0]
    assert "トランザクションIDではない" in tx_row and "validity-unchecked" in tx_row
    assert "fact-amount" in facts and "未入力" in facts  # a slot the customer left empty
    assert "network_mismatch" in facts  # the cross-field finding of the checklist


def test_entities_of_the_latest_customer_message(agent_client, ticket, file_request):
    file_request(body=f"txid {TXID} です。アドレスは {TRON[:-1]}x", ticket=ticket, subject="")
    page = _page(agent_client, ticket)
    entities = page.split('class="card entities"')[1].split("</section>")[0]
    assert TXID in entities and "entity-txid" in entities
    address = entities.split("entity-address")[1].split("</tr>")[0]
    assert "validity-invalid" in address and "tron" in address
    assert "50 USDT" not in entities  # the first message's amount: only the latest counts


def test_other_tickets_of_the_same_customer(agent_client, ticket, file_request):
    other = file_request(subject="別件の問い合わせ").ticket
    stranger = file_request(email="someone@example.com", subject="他人の件").ticket
    page = _page(agent_client, ticket)
    side = page.split('class="card other-tickets"')[1].split("</section>")[0]
    assert other.reference in side and "別件の問い合わせ" in side
    assert stranger.reference not in side


def test_the_timeline_lists_events_with_actors(agent_client, ticket):
    page = _page(agent_client, ticket)
    timeline = page.split('class="card timeline"')[1].split("</section>")[0]
    assert "作成" in timeline and "社内メモ" in timeline and "Aiko" in timeline
    assert "ステータス変更" in timeline and "新規 → お客様の返信待ち" in timeline


def test_secret_banner_lists_what_was_redacted_and_the_checklist(agent_client, file_request):
    ticket = file_request(body=f"シードは {PHRASE} です").ticket
    page = _page(agent_client, ticket)
    banner = page.split('class="secret-banner"')[1].split("</section>")[0]
    assert "リカバリーフレーズ" in banner
    assert "凍結" in banner and "新しいウォレット" in banner and "二度と求めない" in banner
    assert "sausage" not in page


def test_markup_in_every_field_is_escaped(agent_client, file_request, agent_user):
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    ticket = file_request(
        subject=attack, body=attack, name=attack, facts={"error_message": attack}
    ).ticket
    message_post(ticket=ticket, agent=agent_user, body=attack, internal=True)
    page = _page(agent_client, ticket)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    inbox = agent_client.get("/agent/?status=any").content.decode()
    assert "<script>alert" not in inbox and "&lt;script&gt;" in inbox


def test_the_requester_email_is_masked_until_revealed_and_every_reveal_is_logged(
    agent_client, ticket, agent_user
):
    page = _page(agent_client, ticket)
    assert "t***@example.jp" in page and "taro@example.jp" not in page
    response = agent_client.post(f"/agent/tickets/{ticket.reference}/reveal/")
    assert response.status_code == 302
    reveals = Event.objects.filter(ticket=ticket, kind=Event.Kind.VIEWED).exclude(
        data__field="ticket"  # opening the page is recorded too, separately
    )
    event = reveals.get()
    assert event.actor_agent == agent_user and event.data == {"field": "requester_email"}
    revealed = _page(agent_client, ticket)
    assert "taro@example.jp" in revealed
    assert "依頼者のメールアドレス" in revealed  # the reveal shows in the timeline
    assert "taro@example.jp" not in _page(agent_client, ticket)  # shown once, masked again
    agent_client.post(f"/agent/tickets/{ticket.reference}/reveal/")
    assert reveals.count() == 2


def test_a_reveal_for_one_ticket_does_not_unmask_another(agent_client, ticket, file_request):
    other = file_request(email="hanako@example.jp").ticket
    agent_client.post(f"/agent/tickets/{ticket.reference}/reveal/")
    assert "hanako@example.jp" not in _page(agent_client, other)


def test_pages_carry_the_strict_csp_and_no_inline_script(agent_client, ticket):
    response = agent_client.get(f"/agent/tickets/{ticket.reference}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    page = response.content.decode()
    assert "<script>" not in page and "style=" not in page and "onclick" not in page


def test_opening_a_ticket_is_recorded_once_per_agent_in_a_window(agent_client, file_request):
    from madoguchi.tickets.models import Event

    ticket = file_request().ticket
    url = f"/agent/tickets/{ticket.reference}/"
    assert agent_client.get(url).status_code == 200
    assert agent_client.get(url).status_code == 200
    views = Event.objects.filter(ticket=ticket, kind="viewed", data__field="ticket")
    assert views.count() == 1
    assert views.get().actor_agent.get_username() == "aiko"
