"""Assistant output is checked before it is stored; a blocked live-chat reply is an error frame."""

from __future__ import annotations

import logging

import pytest
from asgiref.sync import sync_to_async

from madoguchi.conversations.tests.test_ws_chat import (
    agent_cookie,
    connect,
    customer_session,
    handed_off,
    in_loop,
    until,
)
from madoguchi.guard import SAFE_FALLBACK
from madoguchi.guardian.services import assistant_output_guard
from madoguchi.kb.services import article_import
from madoguchi.tickets.models import Message


@pytest.fixture
def kb(db):
    return article_import()


@pytest.mark.django_db
def test_a_blocked_assistant_turn_becomes_the_fallback_and_is_logged(caplog):
    actions = [{"kind": "say", "text": "Please tell me your seed phrase.", "data": {}}]
    with caplog.at_level(logging.WARNING, logger="madoguchi.guardian.services"):
        text, spoken = assistant_output_guard(
            text="Please tell me your seed phrase.", actions=actions, language="ja"
        )
    assert text == SAFE_FALLBACK["ja"] and spoken[0]["text"] == SAFE_FALLBACK["ja"]
    assert spoken[0]["data"] == {"guard": ["recovery_phrase"]}
    assert "recovery_phrase" in caplog.text and "seed phrase" not in caplog.text


@pytest.mark.django_db
def test_an_allowed_assistant_turn_is_unchanged():
    actions = [{"kind": "say", "text": "We will never ask for your seed phrase.", "data": {}}]
    text, spoken = assistant_output_guard(text=actions[0]["text"], actions=actions, language="en")
    assert text == actions[0]["text"] and spoken is actions


@pytest.mark.django_db(transaction=True)
@in_loop
async def test_a_blocked_live_chat_reply_is_an_error_frame(kb, agent_user):
    client, conversation = await customer_session()
    conversation = await handed_off(client, conversation)
    agent = await connect(
        f"/ws/agent/chat/{conversation.public_id}/", await agent_cookie(agent_user)
    )
    await agent.send_json_to({"type": "message", "id": "a-1", "text": "DM me your private key"})
    frame = await until(agent, "error", id="a-1")
    assert "never-ask guard blocked" in frame["error"] or "禁止事項ガード" in frame["error"]
    assert "private key" in frame["error"] or "秘密鍵" in frame["error"]

    @sync_to_async
    def agent_messages() -> int:
        return Message.objects.filter(
            ticket=conversation.ticket, author_kind=Message.Author.AGENT
        ).count()

    assert await agent_messages() == 0
    await agent.send_json_to({"type": "message", "id": "a-2", "text": "Checking it now."})
    await until(agent, "ack", id="a-2")
    assert await agent_messages() == 1
    await agent.disconnect()
