"""The engine over the bundled knowledge base: intent, article, language, alternatives."""

from __future__ import annotations

import pytest

from madoguchi.nlu import ArticleRecord, Understander


@pytest.mark.parametrize(
    ("text", "intent", "language"),
    [
        ("USDTを送ったのに着金しない", "funds.crypto_deposit_missing", "ja"),
        ("I sent ETH on the wrong network, can I get it back?", "funds.wrong_network", "en"),
        ("2FAのスマホをなくしました", "account.2fa_lost", "ja"),
        ("パスワードを忘れてログインできません", "account.login", "ja"),
        ("I want to talk to a real person", "other.human_agent", "en"),
        ("退会したいです", "account.close", "ja"),
        ("my ledger won't turn on after the firmware update", "wallet.device", "en"),
        ("XRPを送るときに宛先タグを入れ忘れました", "funds.missing_memo", "ja"),
        ("someone logged into my account and changed my email", "account.compromised", "en"),
    ],
)
def test_understands_common_questions_in_both_languages(engine, text, intent, language):
    result = engine.understand(text)
    assert (result.intent, result.language) == (intent, language)
    assert result.article is not None
    article = next(
        a for a in engine.articles if a.slug == result.article and a.language == language
    )
    assert article.intent == intent


def test_as_dict_has_the_documented_shape(engine):
    out = engine.understand("出金が遅い").as_dict()
    assert list(out) == [
        "intent",
        "confidence",
        "language",
        "article",
        "alternatives",
        "out_of_scope",
    ]
    assert 0.0 <= out["confidence"] <= 1.0
    assert out["alternatives"] and all(
        set(a) == {"intent", "confidence", "article"} for a in out["alternatives"]
    )
    assert out["intent"] not in [a["intent"] for a in out["alternatives"]]
    confidences = [a["confidence"] for a in out["alternatives"]]
    assert confidences == sorted(confidences, reverse=True)
    assert all(c <= out["confidence"] for c in confidences)


def test_language_hint_decides_only_text_without_words(engine):
    assert engine.understand("12345 0x12ab", language_hint="ja").language == "ja"
    assert engine.understand("出金が遅い", language_hint="en").language == "ja"
    with pytest.raises(ValueError, match="language_hint"):
        engine.understand("hello", language_hint="fr")


@pytest.mark.parametrize("text", ["", "   ", "？？？", "\x00"])
def test_empty_questions_are_unknown(engine, text):
    result = engine.understand(text)
    assert result.intent is None and result.out_of_scope == "unknown"


def test_odd_input(engine):
    with pytest.raises(TypeError):
        engine.understand(None)  # type: ignore[arg-type]
    long = "my withdrawal is stuck " * 5_000
    assert engine.understand(long).intent == "funds.withdrawal_delayed"
    assert engine.understand("🙂🙂🙂").intent is None


def test_a_knowledge_base_without_examples_still_answers_from_titles():
    kb = [
        ArticleRecord("a", "en", "x.login", "Cannot log in or reset password"),
        ArticleRecord("b", "en", "x.deposit", "Crypto deposit not credited"),
        ArticleRecord("c", "en", "x.fees", "Trading fees and spread"),
    ]
    engine = Understander(kb)
    assert engine.understand("how much are the trading fees").alternatives[0]["intent"] in {
        "x.fees",
        "x.login",
        "x.deposit",
    }


def test_an_empty_knowledge_base_knows_nothing():
    engine = Understander([])
    assert engine.understand("出金が遅い").out_of_scope == "unknown"
    assert engine.search("withdrawal", "en", 5) == []
