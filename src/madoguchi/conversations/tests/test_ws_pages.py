"""The pages around the live chat: the widget frame, the start endpoints, the agent's panel."""

from __future__ import annotations

import pytest
from django.test import Client

from madoguchi.conversations.chat_protocol import token_public_id
from madoguchi.conversations.models import Conversation
from madoguchi.conversations.views import CHAT_LIMIT


@pytest.mark.parametrize(
    ("lang", "words"), [("ja", "サポートとチャット"), ("en", "Chat with support")]
)
def test_widget_page_is_framable_only_by_the_configured_sites(kb, settings, lang, words):
    settings.WIDGET_ORIGINS = ["https://exchange.example"]
    response = Client().get(f"/chat/widget/?lang={lang}")
    assert response.status_code == 200
    page = response.content.decode()
    assert words in page and f'lang="{lang}"' in page
    assert 'src="/static/conversations/chat.js"' in page and "<script>" not in page
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://exchange.example;" in csp
    assert "script-src 'self'" in csp
    assert "X-Frame-Options" not in response.headers
    assert not Conversation.objects.exists()  # showing the frame writes nothing


def test_other_pages_still_refuse_to_be_framed(kb):
    response = Client().get("/chat/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_widget_start_gives_a_token_for_a_new_conversation(kb):
    response = Client(enforce_csrf_checks=True).post("/chat/widget/start/", {"lang": "en"})
    assert response.status_code == 200
    data = response.json()
    conversation = Conversation.objects.get(public_id=data["id"])
    assert conversation.language == "en" and token_public_id(data["token"]) == data["id"]
    assert token_public_id(data["token"] + "x") is None
    assert Client().get("/chat/widget/start/").status_code == 405


def test_widget_start_is_rate_limited_per_address(kb):
    client = Client()
    for _ in range(CHAT_LIMIT):
        assert client.post("/chat/widget/start/").status_code == 200
    assert client.post("/chat/widget/start/").status_code == 429


def test_portal_start_binds_the_session_and_is_csrf_checked(kb):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/chat/start/").status_code == 403  # no CSRF token
    page = client.get("/chat/")
    token = page.context["csrf_token"]
    first = client.post("/chat/start/", {"csrfmiddlewaretoken": str(token)}).json()
    again = client.post("/chat/start/", {"csrfmiddlewaretoken": str(token)}).json()
    assert first["id"] == again["id"]  # the session's conversation, not a new one each time
    page = client.get("/chat/").content.decode()
    assert f'data-conversation="{first["id"]}"' in page


def test_live_panel_only_on_tickets_from_a_chat(kb, agent_user, file_request):
    agent_client = Client()
    agent_client.force_login(agent_user)
    chat = Client(HTTP_ACCEPT_LANGUAGE="en")
    chat.post("/chat/person/")
    conversation = Conversation.objects.get()
    page = agent_client.get(f"/agent/tickets/{conversation.ticket.reference}/").content.decode()
    assert f'data-ws-path="/ws/agent/chat/{conversation.public_id}/"' in page
    assert "/static/agents/live_chat.js" in page
    web = file_request().ticket
    page = agent_client.get(f"/agent/tickets/{web.reference}/").content.decode()
    assert 'id="live-chat"' not in page
