"""The live chat socket sends each desk turn with its code (field and label in the markup)."""

from __future__ import annotations

import re

import pytest
from asgiref.sync import sync_to_async

from madoguchi.conversations.tests.test_ws_chat import (
    TIMEOUT,
    customer_session,
    customer_socket,
    frames_until_state,
    in_loop,
)
from madoguchi.kb.services import article_import
from madoguchi.signing.selectors import code_check

pytestmark = pytest.mark.django_db(transaction=True)

CODE = re.compile(r"MDG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


@pytest.fixture
def kb(db):
    return article_import()


@in_loop
async def test_the_assistants_frame_carries_a_genuine_code(kb):
    client, conversation = await customer_session()
    ws = await customer_socket(client, conversation)
    await ws.send_json_to({"type": "message", "id": "s-1", "text": "My withdrawal is stuck"})
    assert (await ws.receive_json_from(timeout=TIMEOUT))["type"] == "ack"
    turns = [f for f in await frames_until_state(ws) if f["type"] == "turn"]
    await ws.disconnect()
    customer, assistant = turns
    assert customer["verification_code"] == "" and "Verification code" not in customer["html"]
    code = assistant["verification_code"]
    assert CODE.fullmatch(code) and code in assistant["html"]
    assert "Verification code" in assistant["html"]
    check = await sync_to_async(code_check)(text=code)
    assert check.genuine and check.channels == ["chat"]
