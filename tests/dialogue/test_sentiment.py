"""The sentiment scorer: a bilingual lexicon and typographic signals."""

from __future__ import annotations

import pytest

from madoguchi.dialogue.sentiment import Sentiment, score


@pytest.mark.parametrize(
    "text",
    [
        "THIS IS RIDICULOUS!!! WHERE IS MY MONEY",
        "Unacceptable. Third time I write, you are useless!!",
        "ふざけるな！！何度も問い合わせてるのに出金されない",
        "いい加減にしてください！！最悪です",
    ],
)
def test_angry_messages(text):
    result = score(text)
    assert result.label == "angry" and result.signals


@pytest.mark.parametrize(
    "text",
    [
        "My USDT withdrawal has not arrived, txid below.",
        "出金について教えてください",
        "I sent ETH on ERC20 to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "KYC BTC USDT XRP API",  # tickers are not shouting
        "",
    ],
)
def test_calm_messages(text):
    assert score(text).label == "calm"


def test_frustration_sits_between():
    assert score("Still not arrived, this is frustrating").label == "frustrated"


def test_odd_input_is_calm_not_a_crash():
    assert score(None) == Sentiment(0.0, "calm")  # type: ignore[arg-type]
    assert score("!" * 100_000).score <= 1.0
