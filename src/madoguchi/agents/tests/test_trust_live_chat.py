"""Live chat as agents see it: a customer's links are defanged and flagged, never clickable.

Frames of the agent's socket (``/ws/agent/chat/<id>/``) carry the customer's turn with every
link, domain or address that is not official defanged in ``text`` and flagged in
``body_html`` and ``html``; the customer's own socket still gets the text as typed.
"""

from __future__ import annotations

import re

import pytest
from asgiref.sync import sync_to_async

from madoguchi.conversations.chat_protocol import turn_payload
from madoguchi.conversations.models import Turn
from madoguchi.conversations.services import conversation_message_post, conversation_start
from madoguchi.conversations.tests.test_ws_chat import (
    agent_cookie,
    connect,
    customer_session,
    customer_socket,
    frames_until_state,
    handed_off,
    in_loop,
    until,
)
from madoguchi.desk import demo_data
from madoguchi.kb.services import article_import
from madoguchi.officials.services import officials_import

PHISH = "https://madoguchi-support-login.com/verify"
DEFANGED = "hxxps[://]madoguchi-support-login[.]com/verify"
TEXT = f"Is {PHISH} yours? The mail also named https://madoguchi.example/help"


def _no_clickable_phish(markup: str) -> None:
    assert PHISH not in markup
    assert not re.search(r"<a\b[^>]*madoguchi-support-login", markup)


@pytest.fixture
def registry(db):
    officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())


@pytest.mark.django_db
def test_a_customer_turn_is_defanged_and_flagged_for_agents_only(registry):
    conversation = conversation_start(language="en")
    conversation_message_post(conversation=conversation, text=TEXT, client_message_id="c-1")
    turn = conversation.turns.get(client_message_id="c-1")
    assert "links" not in turn.actions[0]  # before the hand-off: checked when shown
    agent = turn_payload(turn, "en", audience="agent")
    assert (
        agent["text"] == f"Is {DEFANGED} yours? The mail also named https://madoguchi.example/help"
    )
    for markup in (agent["body_html"], agent["html"]):
        _no_clickable_phish(markup)
        assert DEFANGED in markup
        assert "impersonates madoguchi.example" in markup
        assert 'class="badge badge-ok">official</span>' in markup
    customer = turn_payload(turn, "en", audience="customer")
    assert customer["text"] == TEXT and "body_html" not in customer  # unchanged for them


@pytest.mark.django_db
def test_flags_follow_the_conversation_language_and_escape_markup(registry):
    conversation = conversation_start(language="ja")
    text = f'<img src=x onerror=alert(1)> {PHISH}"><script>alert(2)</script>'
    conversation_message_post(conversation=conversation, text=text, client_message_id="c-1")
    turn = conversation.turns.get(client_message_id="c-1")
    agent = turn_payload(turn, "ja", audience="agent")
    assert "madoguchi.example のなりすまし" in agent["body_html"]
    assert "<img" not in agent["body_html"] and "<script" not in agent["body_html"]
    assert "<script" not in agent["html"] and "&lt;img" in agent["html"]


@pytest.mark.django_db
def test_agent_and_assistant_turns_are_left_alone(registry):
    conversation = conversation_start(language="en")
    greeting = conversation.turns.get(role=Turn.Role.ASSISTANT)
    payload = turn_payload(greeting, "en", audience="agent")
    assert "body_html" not in payload and payload["text"] == greeting.text


@pytest.fixture
def kb(db):
    article_import()


@pytest.mark.django_db(transaction=True)
@in_loop
async def test_the_agent_socket_gets_defanged_turns_before_and_after_the_hand_off(kb, agent_user):
    await sync_to_async(officials_import)(lines=demo_data.OFFICIAL_CHANNELS.splitlines())
    client, conversation = await customer_session(language="en")
    await sync_to_async(client.post)("/chat/send/", {"text": TEXT, "client_id": "before"})
    conversation = await handed_off(client, conversation)
    customer = await customer_socket(client, conversation)
    await customer.send_json_to({"type": "message", "id": "after", "text": f"again: {PHISH}"})
    await until(customer, "ack", id="after")
    mine = [f for f in await frames_until_state(customer) if f["type"] == "turn"]
    assert mine[0]["text"] == f"again: {PHISH}"  # the customer's own view is as typed

    agent = await connect(
        f"/ws/agent/chat/{conversation.public_id}/", await agent_cookie(agent_user)
    )
    await agent.send_json_to({"type": "resume", "after": 0})
    turns = [f for f in await frames_until_state(agent) if f["type"] == "turn"]
    said = [f for f in turns if f["role"] == "customer" and "madoguchi-support" in f["text"]]
    assert len(said) == 2  # one stored before the hand-off, one through intake after it
    for frame in said:
        assert DEFANGED in frame["text"]
        _no_clickable_phish(frame["body_html"])
        _no_clickable_phish(frame["html"])
        assert "impersonates madoguchi.example" in frame["body_html"]
    await agent.disconnect()
    await customer.disconnect()
