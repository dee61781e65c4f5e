"""The live chat across two real desk processes sharing Redis and one database.

Two ``madoguchi serve`` processes (uvicorn) run with ``REDIS_URL`` and the same database:
PostgreSQL (a fresh database on the server of ``TEST_DATABASE_URL``) when that is set, else
one SQLite file. A customer's socket is connected to process B; what is written through
process A (the customer's second tab, then an agent joining and replying from the workspace
socket) reaches it. Skipped when Redis does not answer (``TEST_REDIS_URL``, default
``redis://127.0.0.1:6379/9``).
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from bench.desk_server import DeskServer, run_async

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
AGENT = "aiko"


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # no server, refused, no driver: the test is skipped, said why
        return False


pytestmark = [
    pytest.mark.skipif(not _redis_answers(), reason=f"Redis does not answer at {REDIS_URL}"),
    pytest.mark.slow,
]


@pytest.fixture
def database_url():
    """A fresh PostgreSQL database when TEST_DATABASE_URL is set (dropped after), else None."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield None
        return
    import psycopg

    name = f"madoguchi_chat_mp_{secrets.token_hex(4)}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(base)
    yield urlunsplit(parts._replace(path="/" + name))
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _frames_until(socket_, predicate, timeout: float = 60.0) -> dict:
    async def wait() -> dict:
        while True:
            frame = json.loads(await socket_.recv())
            if predicate(frame):
                return frame

    return await asyncio.wait_for(wait(), timeout)


async def _scenario(a: DeskServer, b: DeskServer, public_id: str, token: str, cookie: str):
    import websockets

    def url(server: DeskServer, path: str) -> str:
        return server.url.replace("http://", "ws://") + path

    customer_path = f"/ws/chat/{public_id}/?token={token}"
    async with websockets.connect(url(b, customer_path), origin=b.url) as on_b:
        await on_b.send(json.dumps({"type": "resume", "after": 0}))
        await _frames_until(on_b, lambda f: f["type"] == "state")
        async with websockets.connect(url(a, customer_path), origin=a.url) as on_a:
            await on_a.send(json.dumps({"type": "message", "id": "tab-2", "text": "human please"}))
            ack = await _frames_until(on_a, lambda f: f["type"] == "ack")
            assert ack["id"] == "tab-2"
            # written through A, pushed to the socket on B (Redis carries the nudge)
            seen = await _frames_until(
                on_b, lambda f: f["type"] == "turn" and f["seq"] == ack["seq"]
            )
            assert seen["text"] == "human please" and seen["role"] == "customer"
            state = await _frames_until(on_b, lambda f: f["type"] == "state" and f["reference"])
            assert state["reference"]
        agent_path = f"/ws/agent/chat/{public_id}/"
        async with websockets.connect(
            url(a, agent_path), origin=a.url, additional_headers={"Cookie": cookie}
        ) as agent:
            presence = await _frames_until(on_b, lambda f: f["type"] == "presence")
            assert presence["role"] == "agent" and presence["name"] == "Aiko"
            await agent.send(json.dumps({"type": "join"}))
            joined = await _frames_until(
                on_b, lambda f: f["type"] == "turn" and f["role"] == "agent"
            )
            assert joined["agent"] == "Aiko"
            await agent.send(json.dumps({"type": "message", "id": "a-1", "text": "Aiko here."}))
            reply = await _frames_until(
                on_b, lambda f: f["type"] == "turn" and f["text"] == "Aiko here."
            )
            assert reply["role"] == "agent" and "Aiko" in reply["author"]


def test_a_message_through_process_a_reaches_a_socket_on_process_b(tmp_path: Path, database_url):
    env = {"REDIS_URL": REDIS_URL}
    if database_url:
        env["DATABASE_URL"] = database_url
    a = DeskServer(tmp_path, env=env)
    b = DeskServer(tmp_path, env=env)  # the same data directory: the same SQLite file
    a.prepare()
    made = a.run_python(
        "import json\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from madoguchi.agents.services import agent_create\n"
        "from madoguchi.conversations.services import conversation_start\n"
        "from madoguchi.conversations.chat_protocol import widget_token\n"
        f"user = agent_create(username={AGENT!r}, password='a long passphrase here',"
        " name='Aiko', language='en')\n"
        "s = SessionStore()\n"
        "s[SESSION_KEY] = str(user.pk)\n"
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "s[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "s.create()\n"
        "c = conversation_start(channel='chat', language='en')\n"
        "print(json.dumps([c.public_id, widget_token(c), s.session_key]))\n"
    )
    public_id, token, session_key = json.loads(made.strip().splitlines()[-1])
    with a.start(), b.start():
        run_async(_scenario(a, b, public_id, token, f"sessionid={session_key}"))
