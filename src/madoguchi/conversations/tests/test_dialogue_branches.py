"""Every branch of the conversation, in Japanese and English, end to end through the services.

The real understanding engine over the bundled knowledge base; tickets opened through intake;
agents replying through ``tickets.services``. Nothing is mocked.
"""

from __future__ import annotations

import pytest

from madoguchi.conftest import PHRASE
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.conversations.selectors import conversation_thread
from madoguchi.conversations.services import (
    ConversationError,
    conversation_close,
    conversation_helped,
    conversation_message_post,
    conversation_start,
    conversation_sync,
)
from madoguchi.tickets.intake import screen
from madoguchi.tickets.models import Message, Ticket
from madoguchi.tickets.services import TicketChange, message_post, ticket_update

VALID_ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
BAD_ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"  # one letter's case flipped: checksum
LANGUAGES = ["ja", "en"]

#: What the customer writes, per language (written out, not looked up).
SAY = {
    "ja": {
        "withdrawal": "USDTの出金が届かない",
        "wrong_address": "間違ったアドレスにUSDTを送ってしまった",
        "with_facts": f"ERC20で{VALID_ETH}に0.5 ETHを送ったけど、アドレスを間違えました",
        "hacked": "アカウントが乗っ取られた",
        "secret": f"リカバリーフレーズはこれです {PHRASE} 助けてください",
        "human": "人と話したい",
        "weather": "明日の東京の天気は？",
        "invest": "今買うべきコインを教えて",
        "angry": "いい加減にしろ！！出金がまだ届かない、最悪",
        "dont_know": "わからない",
        "phone": "090-1234-5678",
        # the engine is unsure about these (a clarifying question, not an answer)
        "vague": "ちょっと問題があって",
        "experts": "弁護士か税理士を紹介してほしい",
        "outage": "サイトがダウンしてる？",
        "none": "どれでもない",
        "skip": "スキップ",
    },
    "en": {
        "withdrawal": "My USDT withdrawal has not arrived",
        "wrong_address": "I sent USDT to the wrong address",
        "with_facts": f"I sent 0.5 ETH to the wrong address, {VALID_ETH} on ERC20, I mistyped it",
        "hacked": "my account was hacked",
        "secret": f"here is my recovery phrase {PHRASE} please help",
        "human": "human please",
        "weather": "What's the weather in Tokyo tomorrow?",
        "invest": "Which coin should I buy now?",
        "angry": "THIS IS RIDICULOUS!!! MY WITHDRAWAL STILL HASN'T ARRIVED",
        "dont_know": "I don't know",
        "phone": "+81 90-1234-5678",
        "vague": "I have a problem",
        "experts": "can you recommend a lawyer or tax accountant?",
        "outage": "is the exchange down right now?",
        "none": "none of these",
        "skip": "skip",
    },
}
#: What the assistant must say, per language.
HEAR = {
    "ja": {
        "never": ["リカバリーフレーズ", "秘密鍵", "遠隔操作", "送金"],
        "helped": "この内容で解決しましたか？",
        "checksum": "チェックサムが一致しません",
        "ask_email": "メールアドレスを教えてください",
        "steps": "今すぐ次のことを行ってください",
        "priority": "優先対応",
        "phone": "お電話番号",
        "secret": "リカバリーフレーズが送信されました",
        "human": "担当者にお繋ぎします",
        "invest": "投資に関する助言はいたしかねます",
        "decline": "コミュニティフォーラム",
        "angry": "大変申し訳ございません",
        "agent_left": "担当者の対応が終了しました",
        "clarify": "次のうちどれに近いですか？",
        "experts": "弁護士または税理士",
        "status": "ステータスページ",
        "general": "お書きいただいた内容は担当者が確認します",
    },
    "en": {
        "never": ["recovery phrase", "private keys", "remote access", "send funds"],
        "helped": "Did this help?",
        "checksum": "fails its checksum",
        "ask_email": "Which e-mail address",
        "steps": "do these steps first",
        "priority": "priority queue",
        "phone": "phone number",
        "secret": "You sent your recovery phrase",
        "human": "passing you to a support agent",
        "invest": "we cannot give investment advice",
        "decline": "community forum",
        "angry": "I am very sorry",
        "agent_left": "The agent has finished",
        "clarify": "Is it one of these?",
        "experts": "a lawyer or a tax accountant",
        "status": "status page",
        "general": "who will read what you wrote",
    },
}


def said(reply) -> str:
    """Everything the assistant (and the security notices) said in one reply."""
    return "\n".join(t.text for t in reply.turns if t.role != Turn.Role.CUSTOMER)


def post(conversation, text, **kwargs):
    return conversation_message_post(conversation=conversation, text=text, **kwargs)


def actions_of(reply) -> list[dict]:
    return [a for t in reply.turns if t.role != Turn.Role.CUSTOMER for a in t.actions]


@pytest.mark.parametrize("language", LANGUAGES)
def test_greeting_says_what_support_never_asks_for(kb, language):
    conversation = conversation_start(language=language)
    greeting = conversation.turns.get()
    assert greeting.role == Turn.Role.ASSISTANT
    for words in HEAR[language]["never"]:
        assert words in greeting.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_confident_answer_with_article_then_helped(kb, language):
    conversation = conversation_start(language=language)
    reply = post(conversation, SAY[language]["withdrawal"])
    shown = [a for a in actions_of(reply) if a["kind"] == "show_article"]
    assert shown and shown[0]["data"]["link"] == "/help/funds-withdrawal-delayed/"
    assert shown[0]["data"]["summary"]  # the article's short answer, in the thread
    assert HEAR[language]["helped"] in said(reply)
    conversation_helped(conversation=conversation, yes=True)
    conversation.refresh_from_db()
    assert conversation.state["phase"] == "listening"
    assert conversation.ticket is None and not Ticket.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_helped_collects_facts_an_invalid_address_is_asked_again(kb, language):
    conversation = conversation_start(language=language)
    post(conversation, SAY[language]["wrong_address"])
    conversation_helped(conversation=conversation, yes=False)
    conversation.refresh_from_db()
    # USDT was in the first message: the checklist starts at the network
    assert conversation.state["facts"] == {"asset": "USDT"}
    assert conversation.state["pending_slot"] == "network"
    # the rest, one at a time; the transaction id is not known
    for answer in ("ERC20", "100 USDT", SAY[language]["dont_know"]):
        post(conversation, answer)
    conversation.refresh_from_db()
    assert conversation.state["pending_slot"] == "address"
    reply = post(conversation, BAD_ETH)
    assert HEAR[language]["checksum"] in said(reply)
    conversation.refresh_from_db()
    assert conversation.state["pending_slot"] == "address"
    reply = post(conversation, VALID_ETH)
    assert HEAR[language]["ask_email"] in said(reply)
    reply = post(conversation, "hanako@example.jp")
    conversation.refresh_from_db()
    ticket = conversation.ticket
    assert ticket is not None and ticket.reference in said(reply)
    assert conversation.status == Conversation.Status.HANDED_OFF
    assert ticket.intent == "funds.wrong_address" and ticket.channel == "chat"
    assert ticket.requester.primary_email == "hanako@example.jp"
    assert ticket.facts["address"]["valid"] is True
    assert ticket.facts["address"]["value"] == VALID_ETH
    assert set(ticket.facts) == {"asset", "network", "amount", "address"}
    summary = ticket.messages.first().body
    assert "funds.wrong_address" in summary and "funds-wrong-address" in summary


@pytest.mark.parametrize("language", LANGUAGES)
def test_facts_in_the_first_message_are_not_asked_again(kb, language):
    conversation = conversation_start(language=language)
    post(conversation, SAY[language]["with_facts"])
    reply = conversation_helped(conversation=conversation, yes=False)
    asked = [a["data"]["slot"] for a in actions_of(reply) if a["kind"] == "ask_slot"]
    conversation.refresh_from_db()
    state = conversation.state
    assert state["intent"] in ("funds.wrong_network", "funds.wrong_address")
    assert asked == ["tx_hash"]
    assert state["facts"]["address"] == VALID_ETH
    assert {"network", "amount", "asset"} <= set(state["facts"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_unsure_clarifying_question_then_general_handoff(kb, language):
    conversation = conversation_start(language=language)
    reply = post(conversation, SAY[language]["vague"])
    assert HEAR[language]["clarify"] in said(reply)
    options = next(a for a in actions_of(reply) if a["kind"] == "clarify")["data"]["options"]
    assert 1 <= len(options) <= 3
    assert f"1. {options[0]['title']}" in said(reply)
    reply = post(conversation, SAY[language]["none"])
    assert HEAR[language]["general"] in said(reply)
    assert HEAR[language]["ask_email"] in said(reply)
    post(conversation, SAY[language]["skip"])
    conversation.refresh_from_db()
    ticket = conversation.ticket
    assert ticket is not None and ticket.requester.primary_email is None
    assert SAY[language]["vague"] in ticket.messages.first().body


def test_clarifying_answer_by_number_shows_that_article(kb):
    conversation = conversation_start(language="en")
    reply = post(conversation, SAY["en"]["vague"])
    options = next(a for a in actions_of(reply) if a["kind"] == "clarify")["data"]["options"]
    reply = post(conversation, "1")
    conversation.refresh_from_db()
    assert conversation.state["intent"] == options[0]["intent"]
    kinds = [a["kind"] for a in actions_of(reply)]
    assert kinds[0] == "show_article" and kinds[-1] == "ask_helped"


@pytest.mark.parametrize("language", LANGUAGES)
def test_urgent_intent_protective_steps_then_handoff_with_callback(kb, language):
    conversation = conversation_start(language=language)
    reply = post(conversation, SAY[language]["hacked"])
    kinds = [a["kind"] for a in actions_of(reply)]
    assert kinds.index("show_steps") < kinds.index("offer_callback")
    text = said(reply)
    assert HEAR[language]["steps"] in text and HEAR[language]["priority"] in text
    conversation.refresh_from_db()
    ticket = conversation.ticket
    assert ticket.intent == "account.compromised" and ticket.priority == "urgent"
    assert ticket.reference in text
    reply = post(conversation, SAY[language]["phone"])
    conversation.refresh_from_db()
    assert conversation.state["callback_phone"] == "+819012345678"
    assert "+819012345678" in said(reply)
    # the number reached the ticket too, as the customer's message
    assert ticket.messages.filter(author_kind="customer").count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_secret_is_redacted_warned_playbook_urgent_handoff(kb, language):
    conversation = conversation_start(language=language)
    reply = post(conversation, SAY[language]["secret"])
    assert HEAR[language]["secret"] in said(reply)
    assert [t.role for t in reply.turns][:2] == [Turn.Role.CUSTOMER, Turn.Role.SYSTEM]
    kinds = [a["kind"] for a in actions_of(reply)]
    assert kinds[:2] == ["warn_secret", "show_steps"]
    conversation.refresh_from_db()
    ticket = conversation.ticket
    assert ticket.secret_exposed and ticket.priority == "urgent"
    assert ticket.intent == "security.secret_exposed"
    # the phrase is nowhere: not in the turns, the state, the ticket or its messages
    stored = [t.text for t in Turn.objects.all()] + [str(t.actions) for t in Turn.objects.all()]
    stored += [m.body for m in Message.objects.all()] + [str(conversation.state)]
    for word in ("sausage", "legal winner thank year"):
        assert not any(word in s for s in stored)
    assert "[" in reply.turns[0].text  # the redaction marker stands in its place


@pytest.mark.parametrize("language", LANGUAGES)
def test_human_please_hands_off_at_once_even_mid_checklist(kb, language):
    conversation = conversation_start(language=language)
    post(conversation, SAY[language]["wrong_address"])
    conversation_helped(conversation=conversation, yes=False)
    reply = post(conversation, SAY[language]["human"])
    assert HEAR[language]["human"] in said(reply)
    conversation.refresh_from_db()
    assert conversation.ticket is not None
    assert conversation.ticket.intent == "funds.wrong_address"
    assert conversation.state["human_requested"] is True


@pytest.mark.parametrize("language", LANGUAGES)
def test_human_please_as_the_first_line(kb, language):
    conversation = conversation_start(language=language)
    post(conversation, SAY[language]["human"])
    conversation.refresh_from_db()
    assert conversation.ticket.intent == "other.human_agent"


@pytest.mark.parametrize("language", LANGUAGES)
def test_agent_joins_the_assistant_stays_silent_until_the_agent_leaves(kb, agent_user, language):
    conversation = conversation_start(language=language)
    post(conversation, SAY[language]["hacked"])
    conversation.refresh_from_db()
    ticket = conversation.ticket
    message_post(ticket=ticket, agent=agent_user, body="Aiko here, I froze withdrawals.")
    message_post(ticket=ticket, agent=agent_user, body="note to self", internal=True)
    before = Message.objects.filter(ticket=ticket, author_kind="customer").count()
    for line in ("hello?", SAY[language]["human"], SAY[language]["invest"]):
        reply = post(conversation, line)
        assert [t.role for t in reply.turns] == [Turn.Role.CUSTOMER]  # no assistant turn
    # the lines went to the ticket, through intake
    assert Message.objects.filter(ticket=ticket, author_kind="customer").count() == before + 3
    thread = conversation_thread(conversation)
    agents = [item for item in thread if item.role == "agent"]
    assert [a.text for a in agents] == ["Aiko here, I froze withdrawals."]  # never the note
    assert "Aiko" in agents[0].author
    # the agent solves the ticket: the assistant is back
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(status="solved"))
    conversation = conversation_sync(conversation=conversation)
    assert conversation.state["agent_joined"] is False
    assert HEAR[language]["agent_left"] in conversation.turns.last().text


@pytest.mark.parametrize("language", LANGUAGES)
def test_out_of_scope_and_investment_advice_are_declined(kb, language):
    conversation = conversation_start(language=language)
    reply = post(conversation, SAY[language]["invest"])
    assert HEAR[language]["invest"] in said(reply)
    assert [a["data"]["reason"] for a in actions_of(reply)] == ["investment_advice"]
    reply = post(conversation, SAY[language]["weather"])
    assert HEAR[language]["decline"] in said(reply)
    conversation.refresh_from_db()
    assert conversation.ticket is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_angry_customer_acknowledged_handed_off_sooner_sentiment_in_summary(kb, language):
    conversation = conversation_start(language=language)
    reply = post(conversation, SAY[language]["angry"])
    assert HEAR[language]["angry"] in said(reply)
    assert not [a for a in actions_of(reply) if a["kind"] in ("show_article", "ask_slot")]
    reply = post(conversation, "hanako@example.jp")
    conversation.refresh_from_db()
    ticket = conversation.ticket
    assert ticket is not None
    summary = ticket.messages.first().body
    assert "angry" in summary and "exclamations" in summary


@pytest.mark.parametrize("language", LANGUAGES)
def test_referrals_to_experts_and_to_the_status_page(kb, language):
    conversation = conversation_start(language=language)
    reply = post(conversation, SAY[language]["experts"])
    assert HEAR[language]["experts"] in said(reply)
    conversation_helped(conversation=conversation, yes=True)
    reply = post(conversation, SAY[language]["outage"])
    assert HEAR[language]["status"] in said(reply)
    assert [a["data"].get("link") for a in actions_of(reply) if a["kind"] == "say"] == ["status"]


def test_screening_is_the_same_as_intake(kb):
    """The chat stores what intake would store: the same screen, the same redaction."""
    conversation = conversation_start(language="en")
    text = f"my password is hunter2!! and my phrase {PHRASE}"
    reply = post(conversation, text)
    post(conversation, "human please")
    conversation.refresh_from_db()
    post(conversation, text)
    stored = conversation.ticket.messages.filter(author_kind="customer").last().body
    assert reply.turns[0].text == stored == screen(text).redacted
    assert "hunter2" not in stored


def test_a_message_sent_twice_is_taken_once(kb):
    conversation = conversation_start(language="en")
    first = post(conversation, SAY["en"]["withdrawal"], client_message_id="m-1")
    again = post(conversation, SAY["en"]["withdrawal"], client_message_id="m-1")
    assert not first.duplicate and again.duplicate and again.turns == []
    assert conversation.turns.filter(role=Turn.Role.CUSTOMER).count() == 1


def test_a_message_sent_twice_after_handoff_reaches_the_ticket_once(kb):
    conversation = conversation_start(language="en")
    post(conversation, SAY["en"]["human"])
    conversation.refresh_from_db()
    post(conversation, "more details", client_message_id="m-2")
    post(conversation, "more details", client_message_id="m-2")
    assert conversation.ticket.messages.filter(body="more details").count() == 1


@pytest.mark.parametrize(
    ("text", "client_id"),
    [("", None), ("   ", None), ("x" * 20_001, None), ("hello", "x" * 65), ("hello", "a\nb")],
)
def test_bad_input_is_a_clear_error(kb, text, client_id):
    conversation = conversation_start(language="en")
    with pytest.raises(ConversationError):
        post(conversation, text, client_message_id=client_id)
    assert conversation.turns.count() == 1  # the greeting only


def test_nul_characters_are_dropped_not_fatal(kb):
    conversation = conversation_start(language="en")
    reply = post(conversation, "my withdrawal\x00 has not arrived")
    assert "\x00" not in reply.turns[0].text


def test_signed_in_customer_owns_the_ticket(kb, file_request):
    customer = file_request(email="taro@example.jp").ticket.requester
    conversation = conversation_start(language="ja", customer=customer)
    post(conversation, SAY["ja"]["human"])
    conversation.refresh_from_db()
    assert conversation.ticket.requester == customer


def test_a_closed_conversation_takes_no_more_messages(kb):
    conversation = conversation_start(language="en")
    conversation = conversation_close(conversation=conversation)
    assert conversation.status == Conversation.Status.CLOSED
    with pytest.raises(ConversationError):
        post(conversation, "hello again")
