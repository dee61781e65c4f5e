"""The social app as wired into the desk: agent replies, the web chat's call-back, the page."""

from __future__ import annotations

import pytest
from django.db import transaction

from madoguchi.conversations.services import conversation_message_post, conversation_start
from madoguchi.social.models import CallbackRequest, SocialContact
from madoguchi.social.tests.conftest import LINE_USER, line_text
from madoguchi.tickets.services import message_post

HACKED = {"ja": "アカウントが乗っ取られた", "en": "my account was hacked"}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_web_chat_handoff_number_becomes_a_callback_request(kb, language):
    conversation = conversation_start(language=language)
    conversation_message_post(conversation=conversation, text=HACKED[language])
    conversation_message_post(conversation=conversation, text="090-1234-5678")
    callback = CallbackRequest.objects.get()
    assert callback.phone == "+819012345678" and callback.ticket is not None


def test_an_agent_reply_from_the_workspace_reaches_line(
    kb, api, post_line, agent_user, client, django_capture_on_commit_callbacks
):
    post_line(line_text("人と話したい"))
    ticket = SocialContact.objects.get().conversation.ticket
    api.calls.clear()
    client.force_login(agent_user)
    page = client.get(f"/agent/tickets/{ticket.reference}/")
    assert f"/agent/phone/tickets/{ticket.reference}/calls/" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message_post(ticket=ticket, agent=agent_user, body="担当のAikoです。確認します。")
    [call] = api.calls
    assert call.path == "/v2/bot/message/push" and call.json["to"] == LINE_USER
    assert "担当のAikoです。" in api.texts()[0]
