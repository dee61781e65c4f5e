"""Tokens both models and the index share: Sudachi forms, English stems, concepts, n-grams."""

from __future__ import annotations

import pytest

from madoguchi.nlu.synonyms import CONCEPTS
from madoguchi.nlu.text import (
    char_ngrams,
    concepts,
    normalize,
    stem,
    tokens,
    word_pairs,
    word_tokens,
)


def test_normalize_folds_width_and_case():
    assert normalize("ＵＳＤＴ ｼｰﾄﾞﾌﾚｰｽﾞ") == "usdt シードフレーズ"


def test_japanese_uses_sudachi_normalised_forms():
    # 引出し and 引き出し are one form; 届か is the verb 届く
    assert "引き出し" in word_tokens(normalize("引出しができません"))
    assert "届く" in word_tokens(normalize("まだ届かない"))


def test_katakana_compounds_split_by_the_dictionary_are_joined():
    assert "ビットコイン" in tokens("ビットコインを送りました")
    assert "シードフレーズ" in tokens("シードフレーズを教えてしまった")


@pytest.mark.parametrize(
    ("texts", "concept"),
    [
        (
            [
                "出金したい",
                "引き出しができない",
                "引出しが遅い",
                "I want to withdraw",
                "my withdrawals",
                "how do I cash out",
            ],
            "§withdraw",
        ),
        (["着金しない", "反映されない", "it never arrived", "not credited yet"], "§arrive"),
        (["秘密鍵を教えた", "I shared my private key"], "§private_key"),
        (
            [
                "復元フレーズ",
                "リカバリーフレーズ",
                "シードフレーズ",
                "my seed phrase",
                "the recovery phrase",
                "12-word mnemonic",
            ],
            "§seed",
        ),
        (
            [
                "2段階認証",
                "二段階認証",
                "二要素認証",
                "lost my 2FA",
                "authenticator app",
                "認証アプリ",
            ],
            "§2fa",
        ),
        (["ネットワークを間違えた", "チェーン", "wrong network", "which chain"], "§network"),
        (["メモを忘れた", "宛先タグ", "forgot the memo", "destination tag"], "§memo"),
    ],
)
def test_synonyms_in_both_languages_map_to_one_concept(texts, concept):
    for text in texts:
        assert concept in tokens(text), text


def test_english_forms_match_whole_words_only():
    assert "§memo" not in concepts(normalize("our new tagline"))
    assert "§memo" in concepts(normalize("tags"))


def test_synonym_table_is_large_and_bilingual():
    forms = [f for forms in CONCEPTS.values() for f in forms]
    assert len(forms) >= 100
    assert any(not f.isascii() for f in forms) and any(f.isascii() for f in forms)


def test_light_english_stemming_joins_plural_and_tense():
    assert stem("withdrawals") == stem("withdrawal")
    assert stem("arrived") == stem("arrive")
    assert stem("fees") == stem("fee")
    assert stem("BTC") == "BTC"  # only lower-case alphabetic words are touched


def test_char_ngrams_cover_partial_words_in_both_scripts():
    assert "出金" in char_ngrams("出金が")
    assert "wit" in char_ngrams("withd")
    assert all(" " not in gram for gram in char_ngrams("a b c d"))


def test_word_pairs_keep_the_direction_words_tokens_drop():
    assert "withdraw to" in word_pairs(normalize("I want to withdraw to my bank"))
    assert "from bank" in word_pairs(normalize("deposit from my bank"))
    into, out_of = word_pairs(normalize("口座へ入金")), word_pairs(normalize("口座から入金"))
    assert "へ 入金" in into and "から 入金" in out_of
    assert not set(into) & {"から 入金"}


@pytest.mark.parametrize("text", ["", "   ", "!!!", "\x00\x01", "🙂" * 50, "a" * 100_000])
def test_odd_text_gives_tokens_not_errors(text):
    assert isinstance(tokens(text), list)
    assert isinstance(char_ngrams(text), list)
    assert isinstance(word_pairs(normalize(text)), list)
