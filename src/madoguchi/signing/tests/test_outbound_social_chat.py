"""Codes on LINE, Telegram and in the chat: in the payloads the platforms receive, under each
desk bubble, in the WebSocket frames, and next to desk messages on the agent's ticket page."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from madoguchi.conversations.chat_protocol import turn_payload
from madoguchi.conversations.models import Turn
from madoguchi.conversations.selectors import conversation_thread
from madoguchi.conversations.services import conversation_message_post, conversation_start
from madoguchi.kb.services import article_import
from madoguchi.signing.models import VerificationCode
from madoguchi.signing.selectors import code_check
from madoguchi.social.models import SocialContact
from madoguchi.social.tests.conftest import LINE_USER, line_text, telegram_update
from madoguchi.tickets.services import message_post

pytestmark = pytest.mark.django_db

CODE = re.compile(r"MDG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


@pytest.fixture
def kb(db):
    return article_import()


def test_every_line_answer_ends_with_a_genuine_code(kb, api, post_line):
    post_line(line_text("USDTの出金が届かない"))
    texts = api.texts()
    assert texts
    for text in texts:
        last = text.splitlines()[-1]
        [code] = CODE.findall(last)
        assert "確認コード" in last and "/verify/code/" in last
        check = code_check(text=code)
        assert check.genuine and check.channels == ["line"]


def test_a_sticker_answer_on_telegram_has_a_code_too(kb, api, post_telegram):
    post_telegram(telegram_update(None, update_id=5001, lang="en"))
    [text] = api.texts()
    codes = CODE.findall(text)
    assert codes and "Verification code" in text
    assert all(code_check(text=c).genuine for c in codes)
    assert VerificationCode.objects.filter(subject="social-reply:telegram:5001").exists()


def test_an_agent_reply_shares_one_code_between_e_mail_and_line(
    api, file_request, agent_user, django_capture_on_commit_callbacks
):
    ticket = file_request().ticket
    SocialContact.objects.create(
        platform="line", external_user=LINE_USER, customer=ticket.requester, language="ja"
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = message_post(ticket=ticket, agent=agent_user, body="確認しています。")
    [pushed] = api.texts()
    [code] = CODE.findall(pushed)
    row = VerificationCode.objects.get(subject=f"message:{message.pk}")
    assert code.replace("-", "").endswith(row.code)
    assert row.channels == ["email", "line"]
    from madoguchi.mail.models import OutboundMail

    mail = OutboundMail.objects.get(ticket_message=message)
    assert code in mail.body_text  # the same code in the e-mail


def test_a_rolled_back_reply_queues_no_push_and_leaves_no_code(api, file_request, agent_user):
    ticket = file_request().ticket
    SocialContact.objects.create(
        platform="telegram", external_user="987654321", customer=ticket.requester
    )
    before = VerificationCode.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        message_post(ticket=ticket, agent=agent_user, body="取り消し")
        raise RuntimeError("rolled back")
    assert VerificationCode.objects.count() == before and api.calls == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_chat_turns_of_the_desk_carry_codes_and_the_customers_do_not(kb, language):
    conversation = conversation_start(language=language)
    reply = conversation_message_post(conversation=conversation, text="出金が届かない")
    turns = list(conversation.turns.all())
    desk = [t for t in turns if t.role != Turn.Role.CUSTOMER]
    assert desk and all(
        VerificationCode.objects.filter(subject=f"turn:{t.pk}").exists() for t in desk
    )
    assert not VerificationCode.objects.filter(
        subject__in=[f"turn:{t.pk}" for t in turns if t.role == Turn.Role.CUSTOMER]
    ).exists()
    items = conversation_thread(conversation)
    assert all(CODE.fullmatch(i.code) for i in items if i.role != "customer")
    assert all(i.code == "" for i in items if i.role == "customer")
    # the socket frame: the code as a field and as the label under the bubble
    answer = next(t for t in reply.turns if t.role == Turn.Role.ASSISTANT)
    frame = turn_payload(answer, language)
    assert CODE.fullmatch(frame["verification_code"])
    assert frame["verification_code"] in frame["html"]
    label = "確認コード" if language == "ja" else "Verification code"
    assert label in frame["html"]
    assert code_check(text=frame["verification_code"]).channels == ["chat"]
    customer = next(t for t in reply.turns if t.role == Turn.Role.CUSTOMER)
    assert turn_payload(customer, language)["verification_code"] == ""


def test_the_chat_page_shows_the_code_under_each_desk_bubble(kb, client):
    response = client.get("/chat/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    sent = client.post("/chat/send/", {"text": "my deposit is missing", "client_id": ""})
    assert sent.status_code == 302
    page = client.get("/chat/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    codes = CODE.findall(page)
    assert len(codes) >= 2 and all(code_check(text=c).genuine for c in codes)
    assert "Verification code" in page


def test_an_agent_reply_mirrored_into_the_chat_keeps_its_code(kb, agent_user):
    conversation = conversation_start(language="ja")
    conversation_message_post(conversation=conversation, text="人と話したい")
    conversation.refresh_from_db()
    ticket = conversation.ticket
    assert ticket is not None
    message = message_post(ticket=ticket, agent=agent_user, body="担当のAikoです。")
    conversation_message_post(conversation=conversation, text="よろしくお願いします")
    mirrored = [t for t in conversation.turns.all() if t.role == Turn.Role.AGENT]
    assert mirrored
    row = VerificationCode.objects.get(subject=f"message:{message.pk}")
    assert "chat" in row.channels
    item = next(i for i in conversation_thread(conversation) if "Aiko" in i.text)
    assert item.code.replace("-", "").endswith(row.code)


def test_the_agent_ticket_page_shows_the_code_of_each_public_desk_message(
    client, file_request, agent_user
):
    ticket = file_request().ticket
    public = message_post(ticket=ticket, agent=agent_user, body="公開の返信")
    message_post(ticket=ticket, agent=agent_user, body="内部メモ", internal=True)
    client.force_login(agent_user)
    page = client.get(f"/agent/tickets/{ticket.reference}/").content.decode()
    row = VerificationCode.objects.get(subject=f"message:{public.pk}")
    codes = CODE.findall(page)
    assert len(codes) == 1 and codes[0].replace("-", "").endswith(row.code)
