"""BM25 ranking and the help centre's search-as-you-type, in both languages."""

from __future__ import annotations

import pytest

from madoguchi.nlu import ArticleRecord, Understander
from madoguchi.nlu.retrieval import BM25Index


def test_bm25_ranks_rarer_matching_terms_higher():
    index = BM25Index([["deposit", "missing"], ["password", "reset"], ["deposit", "fee"]])
    scores = index.scores(["deposit", "missing"])
    assert scores[0] > scores[2] > scores[1] == 0
    assert index.scores(["unknown"]).max() == 0


def test_bm25_completions_for_a_partial_word():
    index = BM25Index([["withdrawal", "withdraw"], ["with", "wallet"]])
    assert set(index.completions("withd")) == {"withdraw", "withdrawal"}
    assert index.completions("") == []
    assert index.completions("zzz") == []


def test_empty_index_scores_nothing():
    assert BM25Index([]).scores(["x"]).shape == (0,)


@pytest.mark.parametrize(
    ("query", "language", "slug"),
    [
        (
            "withd",
            "en",
            {
                "funds-withdrawal-delayed",
                "funds-fiat-withdrawal",
                "security-unauthorized-withdrawal",
            },
        ),
        ("wrong netw", "en", {"funds-wrong-network"}),
        ("passwo", "en", {"account-login"}),
        ("出金", "ja", {"funds-withdrawal-delayed", "funds-fiat-withdrawal"}),
        ("ネットワーク間", "ja", {"funds-wrong-network"}),
        ("ｽﾃｰｷﾝｸﾞ", "ja", {"asset-staking"}),
        ("二段階認証", "ja", {"account-2fa-lost"}),
        ("秘密鍵", "ja", {"security-secret-exposed", "wallet-recovery"}),
    ],
)
def test_search_as_you_type_finds_the_article(engine, query, language, slug):
    hits = engine.search(query, language, 3)
    assert hits and hits[0].language == language
    assert {h.slug for h in hits} & slug, [h.slug for h in hits]


def test_search_prefers_the_query_language_then_falls_back(engine):
    hits = engine.search("withdrawal", "ja", 200)
    languages = [h.language for h in hits]
    assert languages[0] == "ja"
    assert languages == sorted(languages, key=lambda lang: lang != "ja")  # ja first, then en
    assert "en" in languages  # English words also reach the English articles


def test_search_detects_the_language_when_not_given(engine):
    assert engine.search("出金が遅い", None, 1)[0].language == "ja"
    assert engine.search("withdrawal late", None, 1)[0].language == "en"


@pytest.mark.parametrize("query", ["", "   ", "\x00", "!!!"])
def test_empty_or_symbol_queries_find_nothing(engine, query):
    assert engine.search(query, "en", 5) == []


def test_search_limits_and_bad_language(engine):
    assert engine.search("withdrawal", "en", 0) == []
    assert len(engine.search("withdrawal", "en", 2)) == 2
    with pytest.raises(ValueError, match="language"):
        engine.search("withdrawal", "fr", 5)


def test_search_hits_carry_what_the_help_centre_shows(engine):
    hit = engine.search("staking", "en", 1)[0]
    assert (hit.slug, hit.language, hit.intent) == ("asset-staking", "en", "asset.staking")
    assert hit.title and hit.score > 0


def test_article_falls_back_to_the_other_language():
    kb = [
        ArticleRecord(
            "pw", "en", "login", "Reset your password", examples=("forgot password",) * 3
        ),
        ArticleRecord("dep", "en", "deposit", "Deposit missing", examples=("deposit missing",) * 3),
        ArticleRecord("dep", "ja", "deposit", "入金が反映されない", examples=("入金がない",) * 3),
    ]
    engine = Understander(kb)
    result = engine.understand("パスワードを忘れた password")
    assert result.language == "ja"
    if result.intent == "login":
        assert result.article == "pw"  # no Japanese article: the English one
