"""Replies recognised without the intent model: a person, yes/no, don't know, a choice."""

from __future__ import annotations

import pytest

from madoguchi.dialogue import phrases
from madoguchi.dialogue.slots import check_email, check_phone, facts_from_entities


@pytest.mark.parametrize(
    "text",
    ["human please", "Can I talk to a real person?", "agent", "ｈｕｍａｎ please",
     "人と話したい", "オペレーター", "担当者に代わってください", "有人対応をお願いします"],
)  # fmt: skip
def test_wants_human(text):
    assert phrases.wants_human(text)


@pytest.mark.parametrize(
    "text",
    ["an agent on Telegram asked for my seed", "my withdrawal is stuck", "出金が届きません",
     "オペレーターを名乗る人から電話が来た"],
)  # fmt: skip
def test_a_mention_is_not_a_request(text):
    assert not phrases.wants_human(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("Yes, thanks!", True), ("はい、解決しました", True), ("no", False),
     ("いいえ", False), ("解決しません", False), ("still broken", False), ("what?", None)],
)  # fmt: skip
def test_yes_no(text, expected):
    assert phrases.yes_no(text) is expected


@pytest.mark.parametrize("text", ["I don't know", "no idea", "わからない", "分かりません", "不明"])
def test_dont_know(text):
    assert phrases.dont_know(text)


def test_choice():
    assert phrases.choice("2", 3) == 1
    assert phrases.choice("２", 3) == 1
    assert phrases.choice("4", 3) is None
    assert phrases.choice("none of these", 3) == -1
    assert phrases.choice("どれでもない", 3) == -1


def test_guess_language():
    assert phrases.guess_language("出金") == "ja"
    assert phrases.guess_language("my withdrawal is stuck") == "en"
    assert phrases.guess_language("ok") is None


def test_phone_and_email():
    assert check_phone("090-1234-5678") == "+819012345678"
    assert check_phone("+44 20 7946 0958") == "+442079460958"
    assert check_phone("12") is None
    assert check_phone("x" * 1000) is None
    assert check_email(" Taro@Example.JP ") == "taro@example.jp"
    assert check_email("not an address") is None


def test_amount_names_the_asset_too():
    entities = [
        {"kind": "amount", "text": "100 USDT", "value": {"quantity": "100", "unit": "USDT"}}
    ]
    assert facts_from_entities(entities, ("asset", "amount")) == {
        "amount": "100 USDT",
        "asset": "USDT",
    }
