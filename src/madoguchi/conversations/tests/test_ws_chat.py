"""The live chat over WebSocket, through the real ASGI application (Channels' communicator).

Each test drives the customer's socket (bound to a browser session made by Django's test
client, or to a widget token) and, for take-over, the agent's socket (a signed-in agent's
session), with the in-memory channel layer and the real database and assistant.
"""

from __future__ import annotations

import asyncio
import functools
import secrets
import threading
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from madoguchi.conversations.chat_protocol import widget_token
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.tickets.models import Message

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
TIMEOUT = 10  # seconds for one frame: generous, the first message loads the language model


def in_loop(test: Callable[..., Coroutine]) -> Callable[..., None]:
    """Run an ``async def`` test in an event loop of its own thread: the suite's browser tests
    leave Playwright's loop running in the main thread, where ``asyncio.run`` is refused (and
    pytest-asyncio with it)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        box: dict[str, BaseException] = {}

        def target() -> None:
            try:
                asyncio.run(test(*args, **kwargs))
            except BaseException as exc:  # re-raised in the test's thread
                box["error"] = exc

        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
        if "error" in box:
            raise box["error"]

    return run


def _application():
    from madoguchi.desk.asgi import application

    return application


def _cookie(client: Client) -> bytes:
    return "; ".join(f"{k}={v.value}" for k, v in client.cookies.items()).encode()


@sync_to_async
def customer_session(language: str = "en") -> tuple[Client, Conversation]:
    """A browser that has begun a conversation on /chat/ (the session holds it)."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    first = secrets.token_hex(8)
    response = client.post("/chat/send/", {"text": "hello", "client_id": first})
    assert response.status_code == 302
    return client, Conversation.objects.get(turns__client_message_id=first)


async def connect(path: str, cookie: bytes = b"") -> WebsocketCommunicator:
    headers = [ORIGIN] + ([(b"cookie", cookie)] if cookie else [])
    communicator = WebsocketCommunicator(_application(), path, headers=headers)
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    assert connected
    return communicator


async def customer_socket(client: Client, conversation: Conversation) -> WebsocketCommunicator:
    return await connect(f"/ws/chat/{conversation.public_id}/", _cookie(client))


async def until(communicator: WebsocketCommunicator, kind: str, **match: Any) -> dict:
    """The next frame of ``kind`` (and matching fields); frames before it are skipped."""
    while True:
        frame = await communicator.receive_json_from(timeout=TIMEOUT)
        if frame["type"] == kind and all(frame.get(k) == v for k, v in match.items()):
            return frame


async def frames_until_state(communicator: WebsocketCommunicator) -> list[dict]:
    frames = []
    while True:
        frame = await communicator.receive_json_from(timeout=TIMEOUT)
        frames.append(frame)
        if frame["type"] == "state":
            return frames


@sync_to_async
def turns_with_id(conversation: Conversation, client_id: str) -> int:
    return Turn.objects.filter(conversation=conversation, client_message_id=client_id).count()


@in_loop
async def test_ack_comes_after_the_turn_is_committed_then_the_answer(kb):
    client, conversation = await customer_session()
    ws = await customer_socket(client, conversation)
    await ws.send_json_to({"type": "message", "id": "m-1", "text": "My withdrawal is stuck"})
    ack = await ws.receive_json_from(timeout=TIMEOUT)
    assert ack["type"] == "ack" and ack["id"] == "m-1" and ack["duplicate"] is False
    assert await turns_with_id(conversation, "m-1") == 1  # committed before the ack left
    frames = await frames_until_state(ws)
    turns = [f for f in frames if f["type"] == "turn"]
    assert [t["role"] for t in turns] == ["customer", "assistant"]
    assert turns[0]["seq"] == ack["seq"] < turns[1]["seq"]
    assert turns[1]["author"] == "Support assistant (automatic)"
    assert "withdrawal" in turns[1]["html"].lower()
    assert "<script" not in turns[0]["html"]
    await ws.disconnect()


@in_loop
async def test_a_duplicate_id_is_acknowledged_again_and_stored_once(kb):
    client, conversation = await customer_session()
    ws = await customer_socket(client, conversation)
    message = {"type": "message", "id": "dup-1", "text": "How do I enable 2FA?"}
    await ws.send_json_to(message)
    first = await until(ws, "ack")
    await frames_until_state(ws)
    await ws.send_json_to(message)
    again = await until(ws, "ack")
    assert again["duplicate"] is True and again["seq"] == first["seq"]
    assert await turns_with_id(conversation, "dup-1") == 1
    await ws.disconnect()


@in_loop
async def test_resume_after_a_drop_returns_exactly_the_missed_turns(kb):
    client, conversation = await customer_session()
    ws = await customer_socket(client, conversation)
    await ws.send_json_to({"type": "resume", "after": 0})
    history = [f for f in await frames_until_state(ws) if f["type"] == "turn"]
    assert history[0]["role"] == "assistant"  # the greeting: the whole conversation so far
    last = history[-1]["seq"]
    await ws.disconnect()  # the network drops; meanwhile the page (plain HTTP) sends one more
    await sync_to_async(client.post)("/chat/send/", {"text": "still waiting", "client_id": "h-2"})
    ws = await customer_socket(client, conversation)
    await ws.send_json_to({"type": "resume", "after": last})
    missed = [f for f in await frames_until_state(ws) if f["type"] == "turn"]
    assert missed and missed[0]["role"] == "customer" and missed[0]["text"] == "still waiting"
    assert all(f["seq"] > last for f in missed)
    expected = await sync_to_async(
        lambda: list(conversation.turns.filter(pk__gt=last).values_list("pk", flat=True))
    )()
    assert [f["seq"] for f in missed] == expected
    await ws.disconnect()


@sync_to_async
def agent_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return _cookie(client)


@sync_to_async
def handed_off(client: Client, conversation: Conversation) -> Conversation:
    assert client.post("/chat/person/").status_code == 302
    conversation.refresh_from_db()
    assert conversation.ticket is not None
    return conversation


@in_loop
async def test_agent_join_silences_the_assistant_and_names_the_agent(kb, agent_user):
    client, conversation = await customer_session()
    conversation = await handed_off(client, conversation)
    customer = await customer_socket(client, conversation)
    agent = await connect(
        f"/ws/agent/chat/{conversation.public_id}/", await agent_cookie(agent_user)
    )
    presence = await until(customer, "presence", role="agent")
    assert presence["online"] is True and presence["name"] == "Aiko"

    await agent.send_json_to({"type": "join"})
    joined = await until(customer, "turn", role="agent")
    assert joined["agent"] == "Aiko" and "Aiko" in joined["author"]
    state = await until(customer, "state")
    assert state["agent"] == "Aiko"

    await agent.send_json_to({"type": "typing", "on": True})
    typing = await until(customer, "typing")
    assert typing["role"] == "agent" and typing["name"] == "Aiko" and typing["typing"] is True

    await customer.send_json_to({"type": "message", "id": "c-1", "text": "My BTC never arrived"})
    await until(customer, "ack", id="c-1")
    after = [f for f in await frames_until_state(customer) if f["type"] == "turn"]
    assert [f["role"] for f in after] == ["customer"]  # the assistant stays silent
    seen = await until(agent, "turn", role="customer", text="My BTC never arrived")
    assert seen["author"] == "Customer"

    await agent.send_json_to({"type": "message", "id": "a-1", "text": "Checking it now."})
    await until(agent, "ack", id="a-1")
    reply = await until(customer, "turn", role="agent", text="Checking it now.")
    assert reply["author"] == "Aiko (support)"
    assert (
        await sync_to_async(
            lambda: Message.objects.filter(
                ticket=conversation.ticket, body="Checking it now."
            ).count()
        )()
        == 1
    )  # the ticket stays the record

    await agent.send_json_to({"type": "leave"})
    back = await until(customer, "turn", role="assistant")
    assert back["text"]  # the assistant says it is back
    await agent.disconnect()
    gone = await until(customer, "presence", role="agent")
    assert gone["online"] is False
    await customer.disconnect()


@in_loop
async def test_a_reply_from_the_ticket_page_reaches_the_socket(kb, agent_user):
    client, conversation = await customer_session()
    conversation = await handed_off(client, conversation)
    customer = await customer_socket(client, conversation)

    @sync_to_async
    def reply_on_ticket():
        from madoguchi.tickets.services import message_post

        message_post(ticket=conversation.ticket, agent=agent_user, body="Hello from the desk")

    await reply_on_ticket()
    turn = await until(customer, "turn", role="agent")
    assert turn["text"] == "Hello from the desk" and turn["author"] == "Aiko (support)"
    await customer.disconnect()


@in_loop
async def test_foreign_or_forged_conversations_are_refused(kb, agent_user):
    client, conversation = await customer_session()
    stranger, other = await customer_session()
    for path, cookie in [
        (f"/ws/chat/{conversation.public_id}/", _cookie(stranger)),  # someone else's
        (f"/ws/chat/{conversation.public_id}/", b""),  # no session at all
        (f"/ws/chat/{conversation.public_id}/?token={widget_token(other)}", b""),  # wrong token
        (f"/ws/chat/{conversation.public_id}/?token=forged", b""),
        ("/ws/chat/does-not-exist/", _cookie(client)),
        (f"/ws/agent/chat/{conversation.public_id}/", _cookie(client)),  # not an agent
    ]:
        headers = [ORIGIN] + ([(b"cookie", cookie)] if cookie else [])
        ws = WebsocketCommunicator(_application(), path, headers=headers)
        connected, code = await ws.connect(timeout=TIMEOUT)
        assert not connected, path
        assert code == 4403, path
    evil = WebsocketCommunicator(
        _application(),
        f"/ws/chat/{conversation.public_id}/",
        headers=[(b"origin", b"https://evil.example"), (b"cookie", _cookie(client))],
    )
    connected, _code = await evil.connect(timeout=TIMEOUT)
    assert not connected  # a cross-site page cannot ride the customer's cookie


@in_loop
async def test_the_widget_token_opens_its_conversation(kb):
    _client, conversation = await customer_session("ja")
    ws = await connect(f"/ws/chat/{conversation.public_id}/?token={widget_token(conversation)}")
    await ws.send_json_to({"type": "message", "id": "w-1", "text": "出金が届きません"})
    await until(ws, "ack", id="w-1")
    answer = await until(ws, "turn", role="assistant")
    assert answer["author"] == "サポートアシスタント（自動応答）"
    await ws.disconnect()


@in_loop
async def test_bad_frames_get_clear_errors_not_a_crash(kb):
    client, conversation = await customer_session()
    ws = await customer_socket(client, conversation)
    await ws.send_to(text_data="not json")
    assert (await ws.receive_json_from(timeout=TIMEOUT))["type"] == "error"
    for frame in [
        [],
        {"type": 3},
        {"type": "nonsense"},
        {"type": "message", "id": "", "text": "x"},
        {"type": "message", "id": "desk:agent-message:1", "text": "x"},
        {"type": "message", "id": "ok-1", "text": 42},
        {"type": "message", "id": "ok-2", "text": "   "},
    ]:
        await ws.send_json_to(frame)
        assert (await ws.receive_json_from(timeout=TIMEOUT))["type"] == "error", frame
    await ws.send_json_to({"type": "resume", "after": "yesterday"})
    assert (await frames_until_state(ws))[-1]["type"] == "state"
    await ws.send_json_to({"type": "ping"})
    assert (await ws.receive_json_from(timeout=TIMEOUT))["type"] == "pong"
    await ws.disconnect()
    await asyncio.sleep(0)


@in_loop
async def test_buttons_over_the_socket_speak_the_conversations_language(kb):
    client, conversation = await customer_session("en")
    ws = await customer_socket(client, conversation)
    await ws.send_json_to({"type": "person"})
    pressed = await until(ws, "turn", role="customer")
    assert pressed["text"] == "Talk to a person"  # not the desk's default language
    state = await until(ws, "state")
    assert state["reference"]  # handed off: the ticket's reference is shown
    await ws.disconnect()
