"""Telegram end to end: an Update with the secret token in, ``sendMessage`` out."""

from __future__ import annotations

import pytest

from madoguchi.conftest import PHRASE
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.social.models import InboundEvent, SocialContact
from madoguchi.social.tests.conftest import telegram_update
from madoguchi.social.tests.fake_platforms import TELEGRAM_TOKEN
from madoguchi.tickets.models import Message, Ticket

TEXT = {"ja": "USDTの出金が届かない", "en": "My USDT withdrawal has not arrived"}
GREETING = {"ja": "リカバリーフレーズ", "en": "recovery phrase"}
WARNING = {"ja": "リカバリーフレーズが送信されました", "en": "You sent your recovery phrase"}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_message_is_answered_with_send_message(kb, api, post_telegram, language):
    response = post_telegram(telegram_update(TEXT[language], update_id=100, lang=language))
    assert response.status_code == 200
    contact = SocialContact.objects.get(platform="telegram", external_user="987654321")
    assert contact.language == language
    assert contact.customer.identities.get().value == "telegram:987654321"
    assert contact.conversation.channel == "telegram"
    assert all(c.path == f"/bot{TELEGRAM_TOKEN}/sendMessage" for c in api.calls)
    assert {c.json["chat_id"] for c in api.calls} == {987654321}
    delivered = "\n".join(api.texts())
    assert GREETING[language] in delivered
    answer = contact.conversation.turns.filter(role=Turn.Role.ASSISTANT).last()
    assert answer.text.splitlines()[0] in delivered


@pytest.mark.parametrize("secret", ["", "wrong-secret", "telegram-secret-token-for-tests "])
def test_a_missing_or_wrong_secret_token_is_401_and_nothing_is_stored(
    kb, api, post_telegram, secret
):
    response = post_telegram(telegram_update("出金が届かない", update_id=1), secret=secret)
    assert response.status_code == 401
    assert not InboundEvent.objects.exists() and not Conversation.objects.exists()
    assert api.calls == []


def test_a_duplicate_update_is_taken_once(kb, api, post_telegram):
    update = telegram_update("出金が届かない", update_id=555)
    post_telegram(update)
    calls = len(api.calls)
    post_telegram(update)
    assert Turn.objects.filter(role=Turn.Role.CUSTOMER).count() == 1
    assert len(api.calls) == calls


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_recovery_phrase_is_redacted_and_warned(kb, api, post_telegram, language):
    text = {"ja": f"リカバリーフレーズ {PHRASE}", "en": f"my recovery phrase is {PHRASE}"}
    post_telegram(telegram_update(text[language], update_id=7, lang=language))
    stored = [t.text for t in Turn.objects.all()] + [m.body for m in Message.objects.all()]
    assert not any("sausage" in s for s in stored)
    delivered = "\n".join(api.texts())
    assert WARNING[language] in delivered and "sausage" not in delivered
    assert Ticket.objects.get().priority == "urgent"


def test_start_greets_stickers_get_the_text_only_answer(kb, api, post_telegram):
    post_telegram(telegram_update("/start", update_id=1, lang="en"))
    post_telegram(telegram_update(None, update_id=2, lang="en"))
    texts = api.texts()
    assert "recovery phrase" in texts[0]
    assert "I can only read text messages" in texts[-1]


@pytest.mark.parametrize(
    "body",
    [
        b"{}",
        b'{"update_id": "1"}',
        b'{"update_id": 1, "message": {"chat": {"id": "x"}}}',
        b'{"update_id": 1, "message": {"chat": {"id": 1}, "text": ["x"]}}',
        b'{"update_id": 99999999999999999999, "message": {}}',
    ],
)
def test_malformed_updates_are_400(kb, api, post_telegram, body):
    assert post_telegram(body).status_code == 400
    assert not InboundEvent.objects.exists()


def test_edits_groups_and_bots_are_accepted_and_ignored(kb, api, post_telegram):
    group = telegram_update("hi all", update_id=3)
    group["message"]["chat"] = {"id": -100123, "type": "supergroup"}
    bot = telegram_update("hi", update_id=4)
    bot["message"]["from"]["is_bot"] = True
    for update in ({"update_id": 2, "edited_message": {}}, group, bot):
        assert post_telegram(update).status_code == 200
    assert not Conversation.objects.exists() and api.calls == []
