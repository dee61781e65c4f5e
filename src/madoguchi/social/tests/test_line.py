"""LINE end to end: a signed webhook in, the assistant's answer out to the fake LINE API."""

from __future__ import annotations

import pytest

from madoguchi.conftest import PHRASE
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.customers.models import ContactIdentity
from madoguchi.social.models import InboundEvent, OutboundSocial, SocialContact
from madoguchi.social.tests.conftest import LINE_USER, line_body, line_text
from madoguchi.tickets.models import Message, Ticket

GREETING = {"ja": "リカバリーフレーズ", "en": "recovery phrase"}
WITHDRAWAL = {"ja": "USDTの出金が届かない", "en": "My USDT withdrawal has not arrived"}
SECRET = {
    "ja": f"リカバリーフレーズはこれです {PHRASE} 助けてください",
    "en": f"here is my recovery phrase {PHRASE} please help",
}
SECRET_WARNING = {"ja": "リカバリーフレーズが送信されました", "en": "You sent your recovery phrase"}


def stored_texts() -> list[str]:
    return (
        [t.text for t in Turn.objects.all()]
        + [str(t.actions) for t in Turn.objects.all()]
        + [m.body for m in Message.objects.all()]
        + [str(c.state) for c in Conversation.objects.all()]
        + [str(o.texts) for o in OutboundSocial.objects.all()]
    )


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_text_message_is_answered_by_the_assistant_through_the_reply_api(
    kb, api, post_line, language
):
    event = line_text(WITHDRAWAL[language], token="reply-token-1")
    response = post_line(event)
    assert response.status_code == 200
    # one conversation for the LINE user, with the screened message and the answer
    contact = SocialContact.objects.get(platform="line", external_user=LINE_USER)
    assert contact.customer.identities.get().value == f"line:{LINE_USER}"
    assert contact.customer.identities.get().kind == ContactIdentity.Kind.SOCIAL
    conversation = contact.conversation
    assert conversation.channel == "line"
    said = [t for t in conversation.turns.all() if t.role == Turn.Role.ASSISTANT]
    assert len(said) >= 2  # the greeting and the answer
    # delivered with the reply token, with the Bearer token, as LINE text messages
    [call] = api.calls
    assert call.path == "/v2/bot/message/reply" and call.status == 200
    assert call.json["replyToken"] == "reply-token-1"
    assert call.headers["Authorization"] == "Bearer line-access-token-for-tests"
    delivered = "\n".join(api.texts())
    assert GREETING[language] in delivered
    assert said[-1].text.splitlines()[0] in delivered
    assert OutboundSocial.objects.get().status == "sent"


def test_the_same_user_keeps_one_conversation(kb, api, post_line):
    post_line(line_text("USDTの出金が届かない"))
    post_line(line_text("まだ届きません"))
    assert Conversation.objects.count() == 1
    assert SocialContact.objects.count() == 1
    customer_turns = Turn.objects.filter(role=Turn.Role.CUSTOMER).count()
    assert customer_turns == 2
    # the second answer has no greeting
    assert api.calls[1].json["messages"][0]["text"] != api.calls[0].json["messages"][0]["text"]


@pytest.mark.parametrize("signature", ["", "bm90IHRoZSBzaWduYXR1cmU=", "%%%not base64%%%"])
def test_a_missing_or_bad_signature_is_401_and_nothing_is_stored(kb, api, post_line, signature):
    response = post_line(line_text("出金が届かない"), signature=signature)
    assert response.status_code == 401
    assert not InboundEvent.objects.exists() and not Conversation.objects.exists()
    assert not Ticket.objects.exists() and api.calls == []


def test_a_body_changed_after_signing_is_refused(kb, api, post_line):
    from madoguchi.social.payloads import line_signature
    from madoguchi.social.tests.conftest import LINE_SECRET

    signed = line_body(line_text("hello"))
    tampered = signed.replace(b"hello", b"hellO")
    response = post_line(signature=line_signature(signed, LINE_SECRET), body=tampered)
    assert response.status_code == 401
    assert not Conversation.objects.exists()


def test_a_redelivered_event_is_taken_once(kb, api, post_line):
    event = line_text("USDTの出金が届かない", event_id="01HREDELIVERY00000000000001")
    assert post_line(event).status_code == 200
    again = dict(event, deliveryContext={"isRedelivery": True}, replyToken="another-token")
    assert post_line(again).status_code == 200
    assert Turn.objects.filter(role=Turn.Role.CUSTOMER).count() == 1
    assert InboundEvent.objects.count() == 1
    assert len(api.calls) == 1  # answered once


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_recovery_phrase_is_redacted_before_storage_and_the_reply_warns(
    kb, api, post_line, language
):
    post_line(line_text(SECRET[language]))
    for word in ("sausage", "legal winner thank year"):
        assert not any(word in text for text in stored_texts())
    delivered = "\n".join(api.texts())
    assert SECRET_WARNING[language] in delivered
    assert "sausage" not in delivered
    # the secret hands off at once: an urgent ticket for the LINE identity
    ticket = Ticket.objects.get()
    assert ticket.secret_exposed and ticket.priority == "urgent"
    assert ticket.requester.identities.get().value == f"line:{LINE_USER}"


def test_stickers_are_answered_politely_and_follow_is_greeted(kb, api, post_line):
    sticker = line_text("x")
    sticker["message"] = {"id": "1", "type": "sticker", "packageId": "1", "stickerId": "1"}
    follow = {k: v for k, v in line_text("x").items() if k != "message"}
    follow["type"] = "follow"
    unfollow = dict(follow, type="unfollow", webhookEventId="01UNFOLLOW0000000000000000")
    unfollow.pop("replyToken")
    assert post_line(follow, sticker, unfollow).status_code == 200
    texts = api.texts()
    assert any("リカバリーフレーズ" in t for t in texts)  # the greeting (language: ja)
    assert any("テキストメッセージ" in t for t in texts)  # the polite "text only"
    assert not Ticket.objects.exists()


def test_group_events_and_a_verification_request_are_accepted_and_ignored(kb, api, post_line):
    group = line_text("hi")
    group["source"] = {"type": "group", "groupId": "C" + "0" * 32, "userId": LINE_USER}
    assert post_line(group).status_code == 200
    assert post_line().status_code == 200  # the console's "Verify": no events
    assert not Conversation.objects.exists() and api.calls == []


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"events": "x"}',
        b'{"events": [{"type": "message"}]}',
        b'{"events": [{"webhookEventId": "01A", "source": {"type": "user", "userId": "x"}}]}',
        b'{"events": [{"webhookEventId": "01A", "type": "message", "source": {"type": "user",'
        b' "userId": "U' + b"0" * 32 + b'"}, "message": {"type": "text", "text": 5}}]}',
        '{"events": [], "x": "\u202e"}'.encode() + b"\xff",
    ],
)
def test_malformed_bodies_are_400(kb, api, post_line, body):
    from madoguchi.social.payloads import line_signature
    from madoguchi.social.tests.conftest import LINE_SECRET

    response = post_line(body=body, signature=line_signature(body, LINE_SECRET))
    assert response.status_code == 400
    assert not InboundEvent.objects.exists()


def test_a_huge_body_is_413_and_markup_is_stored_as_text(kb, api, post_line, client):
    from madoguchi.social.payloads import line_signature
    from madoguchi.social.tests.conftest import LINE_SECRET

    huge = b'{"events": [], "pad": "' + b"a" * (10 * 1024 * 1024) + b'"}'
    assert post_line(body=huge, signature=line_signature(huge, LINE_SECRET)).status_code == 413
    post_line(line_text("<script>alert(1)</script> {{ settings.SECRET_KEY }} 出金が届かない"))
    turn = Turn.objects.get(role=Turn.Role.CUSTOMER)
    assert "<script>" in turn.text  # kept as text; templates escape it


def test_an_oversized_message_gets_the_reason_not_an_error(kb, api, post_line):
    response = post_line(line_text("あ" * 25_000))
    assert response.status_code == 200
    assert any("長すぎます" in t or "too long" in t for t in api.texts())
    assert not Turn.objects.filter(role=Turn.Role.CUSTOMER).exists()


def test_the_channel_is_off_without_credentials(kb, client, settings):
    settings.MADOGUCHI_LINE_CHANNEL_SECRET = ""
    response = client.post("/hooks/line/", data=b"{}", content_type="application/json")
    assert response.status_code == 404
    assert client.get("/hooks/telegram/").status_code == 404


def test_get_is_refused(kb, api, client):
    assert client.get("/hooks/line/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_the_same_event_delivered_twice_at_once_is_taken_once(api):
    import threading

    from django.db import connection
    from django.test import Client

    from madoguchi.social.payloads import line_signature
    from madoguchi.social.tests.conftest import LINE_SECRET

    body = line_body(line_text("出金が届かない", event_id="01HCONCURRENT0000000000001"))
    signature = line_signature(body, LINE_SECRET)
    statuses: list[int] = []
    start = threading.Barrier(2)

    def deliver() -> None:
        start.wait()
        try:
            response = Client().post(
                "/hooks/line/", data=body, content_type="application/json",
                HTTP_X_LINE_SIGNATURE=signature,
            )  # fmt: skip
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200]
    assert InboundEvent.objects.count() == 1
    assert Turn.objects.filter(role=Turn.Role.CUSTOMER).count() == 1
    assert Conversation.objects.count() == 1
    assert len(api.calls) == 1


def test_over_real_http_a_signed_webhook_is_answered_on_the_fake_line_api(api, live_server):
    """The whole loop over sockets: LINE's POST to a running server, the reply to LINE's API."""
    import urllib.request

    from madoguchi.kb.services import article_import
    from madoguchi.social.payloads import line_signature
    from madoguchi.social.tests.conftest import LINE_SECRET

    article_import()
    body = line_body(line_text("USDTの出金が届かない", token="live-token"))
    request = urllib.request.Request(
        f"{live_server.url}/hooks/line/",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Line-Signature": line_signature(body, LINE_SECRET),
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    [call] = api.calls
    assert call.path == "/v2/bot/message/reply" and call.json["replyToken"] == "live-token"
    assert "出金" in "\n".join(api.texts())
