"""Investment advice is flagged (never answered); other out-of-scope questions abstain."""

from __future__ import annotations

import pytest

from madoguchi.nlu.scope import INVESTMENT_ADVICE_EXAMPLES, investment_advice


@pytest.mark.parametrize(
    "text",
    [
        "Which coin should I buy now?",
        "is it a good time to buy ETH",
        "will bitcoin go up next week?",
        "price prediction for XRP please",
        "should I sell my SOL or hold",
        "BTCは今買い時ですか?",
        "おすすめの銘柄を教えて",
        "ビットコインはこれから上がりますか",
        "どのコインを買えばいいですか",
        "ETHの価格は今後どうなりますか",
    ],
)
def test_investment_advice_is_recognised_in_both_languages(text):
    assert investment_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "How do I buy BTC on the app?",
        "is it going to take long?",
        "does the app crash a lot",
        "my withdrawal is stuck",
        "market order vs limit order which one should i use",
        "手数料は下がりますか",
        "ビットコインの買い方を教えて",
        "出金が届かない",
    ],
)
def test_support_questions_about_buying_are_not_advice(text):
    assert not investment_advice(text)


def test_no_article_example_is_mistaken_for_advice(bundled_articles):
    flagged = [e for a in bundled_articles for e in a.examples if investment_advice(e)]
    assert flagged == []


@pytest.mark.parametrize(
    "text", ["Which coin should I buy?", "BTCは今買い時?", "will ETH go up tomorrow"]
)
def test_engine_declines_investment_advice_without_an_article(engine, text):
    result = engine.understand(text)
    assert result.intent is None and result.article is None
    assert result.out_of_scope == "investment_advice"


def test_advice_the_patterns_miss_is_learnt_by_the_classifier(engine):
    """The classifier's refused class catches advice phrased in ways no pattern lists."""
    missed = [t for t in INVESTMENT_ADVICE_EXAMPLES if not investment_advice(t)]
    assert missed  # the learnt class has something to do
    results = [engine.understand(t) for t in missed]
    assert all(r.intent is None for r in results)


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather in Osaka tomorrow",
        "おいしいパスタのレシピを教えて",
        "who won the baseball game",
        "今日の晩ごはん何にしよう",
    ],
)
def test_unrelated_questions_abstain_in_both_languages(engine, text):
    result = engine.understand(text)
    assert result.intent is None and result.article is None
    assert result.out_of_scope == "unknown"
