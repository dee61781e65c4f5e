"""``article_vote_record``: one vote per voter and article; voting again replaces it."""

from __future__ import annotations

import pytest

from madoguchi.kb.models import ArticleVote
from madoguchi.kb.services import article_vote_record, voter_digest
from madoguchi.kb.tests.factories import article_create

pytestmark = pytest.mark.django_db


def test_a_first_vote_is_created_and_stores_only_the_voter_hash():
    article = article_create()
    outcome = article_vote_record(article=article, voter="token-a", helpful=True)
    assert outcome.created
    row = ArticleVote.objects.get()
    assert row.helpful is True and row.article == article
    assert row.voter == voter_digest("token-a") and "token-a" not in row.voter


def test_voting_again_changes_the_answer_instead_of_adding_one():
    article = article_create()
    article_vote_record(article=article, voter="token-a", helpful=True)
    outcome = article_vote_record(article=article, voter="token-a", helpful=False)
    assert not outcome.created
    assert list(ArticleVote.objects.values_list("helpful", flat=True)) == [False]
    article_vote_record(article=article, voter="token-a", helpful=False)  # same answer: no-op
    assert ArticleVote.objects.count() == 1


def test_votes_are_per_voter_and_per_article():
    first, second = article_create("a-one"), article_create("a-two")
    article_vote_record(article=first, voter="token-a", helpful=True)
    article_vote_record(article=first, voter="token-b", helpful=False)
    article_vote_record(article=second, voter="token-a", helpful=False)
    assert ArticleVote.objects.count() == 3
    assert first.votes.filter(helpful=True).count() == 1
    assert second.votes.filter(helpful=False).count() == 1


def test_a_vote_without_a_voter_is_refused():
    with pytest.raises(ValueError, match="voter"):
        article_vote_record(article=article_create(), voter="", helpful=True)
    assert not ArticleVote.objects.exists()


def test_deleting_an_article_deletes_its_votes():
    article = article_create()
    article_vote_record(article=article, voter="token-a", helpful=True)
    article.delete()
    assert not ArticleVote.objects.exists()
