"""The assistant answers "is this official?" with the registry's verdict (real engine, ja/en)."""

from __future__ import annotations

import pytest

from madoguchi.conversations.models import Turn
from madoguchi.conversations.services import conversation_message_post, conversation_start
from madoguchi.kb.services import article_import

pytestmark = pytest.mark.django_db

SAY = {
    "en": {
        "with_link": "Is https://madoguchi-support-login.com your official website?",
        "official": "Is support@madoguchi.example really your address?",
        "handle": "@madoguchi_help_jp on X says it is your support, is it legit?",
        "bare": "is this official?",
        "pasted": "madoguchi-exchange-login.net",
    },
    "ja": {
        "with_link": "https://madoguchi-support-login.com は公式サイトですか？",
        "official": "support@madoguchi.example からのメールは本物ですか？",
        "handle": "X の @madoguchi_help_jp はサポートの公式アカウントですか？",
        "bare": "これは公式ですか？",
        "pasted": "madoguchi-exchange-login.net",
    },
}
HEAR = {
    "en": {
        "impersonation": "is NOT ours: it imitates madoguchi.example",
        "handle": "is NOT ours: it imitates madoguchi",
        "advice": "Do not enter your password",
        "why": "Why: It adds words to the brand name madoguchi",
        "official": "is an official Madoguchi Exchange channel",
        "ask": "Please paste the link",
    },
    "ja": {
        "impersonation": "は当社のものではありません。madoguchi.example を装った偽物です",
        "handle": "は当社のものではありません。madoguchi を装った偽物です",
        "advice": "パスワード・認証コード・リカバリーフレーズを入力せず",
        "why": "理由: ブランド名 madoguchi に単語を付け足した名前",
        "official": "は Madoguchi Exchange の公式チャネルです",
        "ask": "貼り付けてください",
    },
}


@pytest.fixture
def desk(registry):
    article_import()


def _said(reply) -> str:
    return "\n".join(t.text for t in reply.turns if t.role != Turn.Role.CUSTOMER)


def _verdicts(reply) -> list[dict]:
    return [
        a["data"]["verdict"]
        for t in reply.turns
        if t.role != Turn.Role.CUSTOMER
        for a in t.actions
        if a.get("data", {}).get("key") == "verify_verdict"
    ]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_pasted_phishing_link_gets_the_impersonation_verdict(desk, language):
    conversation = conversation_start(language=language)
    reply = conversation_message_post(conversation=conversation, text=SAY[language]["with_link"])
    said = _said(reply)
    assert HEAR[language]["impersonation"] in said
    assert HEAR[language]["advice"] in said
    assert HEAR[language]["why"] in said
    # quoted so that it cannot be clicked (and the never-ask guard lets the verdict through)
    assert "madoguchi-support-login(.)com" in said
    assert "https://madoguchi-support-login.com" not in said
    assert [v["verdict"] for v in _verdicts(reply)] == ["impersonation"]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_an_official_address_is_confirmed(desk, language):
    conversation = conversation_start(language=language)
    reply = conversation_message_post(conversation=conversation, text=SAY[language]["official"])
    assert HEAR[language]["official"] in _said(reply)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_lookalike_handle_is_flagged(desk, language):
    conversation = conversation_start(language=language)
    reply = conversation_message_post(conversation=conversation, text=SAY[language]["handle"])
    assert HEAR[language]["handle"] in _said(reply)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_nothing_to_check_asks_for_it_then_checks_what_is_pasted(desk, language):
    conversation = conversation_start(language=language)
    reply = conversation_message_post(conversation=conversation, text=SAY[language]["bare"])
    assert HEAR[language]["ask"] in _said(reply)
    assert not _verdicts(reply)
    reply = conversation_message_post(conversation=conversation, text=SAY[language]["pasted"])
    assert [v["verdict"] for v in _verdicts(reply)] == ["impersonation"]
    assert "madoguchi-exchange-login(.)net" in _said(reply)
