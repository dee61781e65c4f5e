"""The Django glue: the engine over the desk's Article rows, rebuilt when they change."""

from __future__ import annotations

import pytest

from madoguchi.kb import understanding
from madoguchi.kb.models import Article
from madoguchi.kb.understanding import encoder_from_environment, search_articles, understander
from madoguchi.nlu import EncoderError, MiniLMEncoder, OpenAICompatibleEncoder

pytestmark = pytest.mark.django_db


def article(slug, language, intent, title, *examples):
    return Article.objects.create(
        slug=slug,
        language=language,
        intent=intent,
        title=title,
        body=title,
        examples=list(examples),
    )


@pytest.fixture
def articles():
    article(
        "pw",
        "en",
        "account.login",
        "Reset your password",
        "forgot my password",
        "cannot log in",
        "password reset mail",
    )
    article(
        "pw",
        "ja",
        "account.login",
        "パスワードの再設定",
        "パスワードを忘れた",
        "ログインできない",
        "再設定メールが来ない",
    )
    article(
        "dep",
        "en",
        "funds.deposit",
        "Deposit not credited",
        "deposit missing",
        "deposit never arrived",
        "where is my deposit",
    )
    article(
        "dep",
        "ja",
        "funds.deposit",
        "入金が反映されない",
        "入金が反映されない",
        "着金しない",
        "入金したのに残高が増えない",
    )


def test_understander_reads_the_articles_and_is_cached(articles):
    engine = understander()
    assert understander() is engine  # nothing changed: the same object
    result = engine.understand("パスワードを忘れてしまいました")
    assert (result.intent, result.article, result.language) == ("account.login", "pw", "ja")


def test_a_changed_article_rebuilds_the_engine(articles):
    engine = understander()
    row = Article.objects.get(slug="dep", language="en")
    row.examples = [*row.examples, "my crypto transfer has not shown up"]
    row.save()
    assert understander(wait=True) is not engine
    article(
        "close",
        "en",
        "account.close",
        "Close your account",
        "close my account",
        "delete my account",
        "how do I leave",
    )
    assert understander(wait=True).understand("delete my account").intent == "account.close"


def test_without_waiting_the_previous_engine_answers_during_a_rebuild(articles):
    engine = understander()
    article(
        "close",
        "en",
        "account.close",
        "Close your account",
        "close my account",
        "delete my account",
        "how do I leave",
    )
    assert understander(wait=False) is engine  # at once: the rebuild runs in the background
    understanding._state["thread"].join(timeout=120)
    rebuilt = understander(wait=False)
    assert rebuilt is not engine
    assert rebuilt.understand("delete my account").intent == "account.close"


def test_search_articles_for_the_help_centre(articles):
    hits = search_articles("passw", "en")
    assert hits[0].slug == "pw" and hits[0].language == "en"
    assert search_articles("入金", "ja", limit=1)[0].slug == "dep"
    assert search_articles("入金", None)[0].language == "ja"
    assert search_articles("deposit", "xx")  # an unknown language is detected instead


def test_an_empty_knowledge_base_answers_nothing():
    assert understander().understand("出金が遅い").intent is None
    assert search_articles("withdrawal", "en") == []


def test_encoder_configuration_from_the_environment():
    assert encoder_from_environment({}) is None
    assert encoder_from_environment({"MADOGUCHI_NLU_ENCODER": "none"}) is None
    assert isinstance(encoder_from_environment({"MADOGUCHI_NLU_ENCODER": "minilm"}), MiniLMEncoder)
    remote = encoder_from_environment(
        {
            "MADOGUCHI_NLU_ENCODER": "openai",
            "MADOGUCHI_NLU_ENCODER_URL": "http://127.0.0.1:8080/v1",
            "MADOGUCHI_NLU_ENCODER_MODEL": "embed",
            "MADOGUCHI_NLU_ENCODER_KEY": "k",
        }
    )
    assert isinstance(remote, OpenAICompatibleEncoder) and remote.api_key == "k"
    with pytest.raises(EncoderError, match="MADOGUCHI_NLU_ENCODER_URL"):
        encoder_from_environment({"MADOGUCHI_NLU_ENCODER": "openai"})
    with pytest.raises(EncoderError, match="minilm, openai or none"):
        encoder_from_environment({"MADOGUCHI_NLU_ENCODER": "bert"})
