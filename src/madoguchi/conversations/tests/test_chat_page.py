"""The portal's chat page at /chat/, through Django's test client (plain HTTP, POST-redirect)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from madoguchi.conftest import PHRASE
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.conversations.views import CHAT_LIMIT, SESSION_KEY
from madoguchi.customers.services import magic_link_create
from madoguchi.tickets.services import message_post

JA = {"lang": "ja", "greeting": "サポートアシスタントです", "helped": "この内容で解決しましたか？",
      "yes": "はい、解決しました", "withdrawal": "USDTの出金が届かない",
      "secret": "重要: 秘密情報が送信されました", "you": "あなた"}  # fmt: skip
EN = {"lang": "en", "greeting": "support assistant", "helped": "Did this help?",
      "yes": "Yes, solved", "withdrawal": "My USDT withdrawal has not arrived",
      "secret": "Important: you sent us a secret", "you": "You"}  # fmt: skip


def client_in(language: str) -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE=language)


def send(client: Client, text: str, **extra):
    return client.post("/chat/send/", {"text": text, "client_id": extra.pop("cid", "")}, **extra)


@pytest.mark.parametrize("words", [JA, EN], ids=["ja", "en"])
def test_page_greets_without_storing_anything(kb, words):
    response = client_in(words["lang"]).get("/chat/")
    assert response.status_code == 200
    page = response.content.decode()
    assert words["greeting"] in page
    assert 'src="/static/conversations/chat.js"' in page
    assert "<script>" not in page  # the CSP forbids inline scripts
    assert not Conversation.objects.exists()  # a crawler's visit writes nothing


@pytest.mark.parametrize("words", [JA, EN], ids=["ja", "en"])
def test_send_answer_and_did_it_help(kb, words):
    client = client_in(words["lang"])
    response = send(client, words["withdrawal"])
    assert response.status_code == 302 and response["Location"] == "/chat/"
    page = client.get("/chat/").content.decode()
    assert words["withdrawal"] in page
    assert 'href="/help/funds-withdrawal-delayed/"' in page
    assert words["helped"] in page and words["yes"] in page and 'name="helped"' in page
    assert client.post("/chat/helped/", {"helped": "yes"}).status_code == 302
    conversation = Conversation.objects.get()
    assert conversation.state["phase"] == "listening"
    thread = client.get("/chat/thread/").content.decode()
    assert 'name="helped"' not in thread  # the buttons are gone once answered


@pytest.mark.parametrize("words", [JA, EN], ids=["ja", "en"])
def test_secret_warning_is_prominent_and_the_phrase_is_gone(kb, words):
    client = client_in(words["lang"])
    send(client, f"{PHRASE}")
    page = client.get("/chat/").content.decode()
    assert words["secret"] in page and 'class="secret-alert" role="alert"' in page
    assert "sausage" not in page
    assert "MDG-" in page  # the urgent hand-off's reference


def test_csrf_is_enforced(kb):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/chat/send/", {"text": "hello"}).status_code == 403
    assert client.post("/chat/helped/", {"helped": "yes"}).status_code == 403
    assert not Conversation.objects.exists()


def test_form_posts_carry_the_csrf_token(kb):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/chat/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/chat/send/", {"text": "hello", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_rate_limited_like_the_portal_forms(kb):
    client = client_in("en")
    for n in range(CHAT_LIMIT):
        assert send(client, f"hello {n}", REMOTE_ADDR="203.0.113.9").status_code == 302
    response = send(client, "one more", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert send(client_in("en"), "hello", REMOTE_ADDR="203.0.113.10").status_code == 302


def test_the_conversation_belongs_to_the_browser_session(kb):
    mine, theirs = client_in("en"), client_in("en")
    send(mine, "my secret story about order 12345")
    assert "order 12345" not in theirs.get("/chat/").content.decode()
    # a forged or copied session value is refused: a new conversation starts instead
    conversation = Conversation.objects.get()
    session = theirs.session
    session[SESSION_KEY] = conversation.public_id  # unsigned
    session.save()
    assert "order 12345" not in theirs.get("/chat/").content.decode()


def test_empty_and_oversized_messages_are_refused_with_the_reason(kb):
    client = client_in("en")
    response = send(client, "")
    assert response.status_code == 400 and "Please write your message." in response.content.decode()
    response = send(client, "x" * 20_001)
    assert response.status_code == 400


def test_a_resent_form_is_taken_once(kb):
    client = client_in("en")
    send(client, "my withdrawal has not arrived", cid="abc123")
    send(client, "my withdrawal has not arrived", cid="abc123")
    assert Turn.objects.filter(role="customer").count() == 1


def test_the_person_button_hands_off(kb):
    client = client_in("ja")
    assert client.post("/chat/person/").status_code == 302
    conversation = Conversation.objects.get()
    assert conversation.ticket is not None
    assert conversation.ticket.reference in client.get("/chat/").content.decode()


def test_the_agent_is_shown_by_name_the_assistant_as_the_assistant(kb, agent_user):
    client = client_in("en")
    send(client, "human please")
    ticket = Conversation.objects.get().ticket
    message_post(ticket=ticket, agent=agent_user, body="Hello, Aiko from support here.")
    page = client.get("/chat/").content.decode()
    assert "Aiko (support)" in page and "Hello, Aiko from support here." in page
    assert "Support assistant (automatic)" in page


def test_signed_in_customer_chats_as_themselves(kb, file_request):
    customer = file_request(email="taro@example.jp").ticket.requester
    client = client_in("ja")
    token = magic_link_create(customer=customer)
    client.post(f"/access/{token}/")
    send(client, "人と話したい")
    conversation = Conversation.objects.get()
    assert conversation.customer == customer
    assert conversation.ticket.requester == customer
    # another browser (not signed in) with a copy of the cookie value sees nothing
    stranger = client_in("ja")
    session = stranger.session
    session[SESSION_KEY] = client.session[SESSION_KEY]
    session.save()
    assert conversation.ticket.reference not in stranger.get("/chat/").content.decode()


def test_restart_starts_a_new_conversation(kb):
    client = client_in("en")
    send(client, "my withdrawal has not arrived")
    client.post("/chat/restart/")
    assert "my withdrawal has not arrived" not in client.get("/chat/").content.decode()
    assert Conversation.objects.get().status == Conversation.Status.CLOSED


def test_get_only_and_post_only(kb):
    client = client_in("en")
    assert client.post("/chat/").status_code == 405
    assert client.get("/chat/send/").status_code == 405


def test_the_operators_status_page_and_forum_are_linked_when_set(kb, settings):
    settings.STATUS_PAGE_URL = "https://status.example.com/"
    settings.COMMUNITY_URL = "https://forum.example.com/"
    client = client_in("en")
    send(client, "is the exchange down right now?")
    send(client, "What's the weather in Tokyo tomorrow?")
    page = client.get("/chat/").content.decode()
    assert 'href="https://status.example.com/"' in page
    assert 'href="https://forum.example.com/"' in page
