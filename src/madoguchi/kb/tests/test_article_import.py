"""Importing help articles: an idempotent upsert by (slug, language), all or nothing."""

from __future__ import annotations

import shutil

import pytest

from madoguchi.kb.loader import ArticleFileError, bundled_content_dir
from madoguchi.kb.models import Article
from madoguchi.kb.services import ImportCounts, article_import


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "kb"
    shutil.copytree(bundled_content_dir(), target)
    return target


def test_import_is_idempotent(db, content):
    assert article_import(content) == ImportCounts(created=84)
    assert article_import(content) == ImportCounts(unchanged=84)
    assert Article.objects.count() == 84
    article = Article.objects.get(slug="funds-wrong-network", language="en")
    assert article.intent == "funds.wrong_network"
    assert article.title == "Sent on the wrong network"
    assert "## Check first" in article.body


def test_a_changed_file_updates_its_article_only(db, content):
    article_import(content)
    path = content / "funds.wrong_network.ja.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
    assert article_import(content) == ImportCounts(updated=1, unchanged=83)
    assert Article.objects.get(slug="funds-wrong-network", language="ja").body.endswith("追記。\n")


def test_none_imports_the_bundled_knowledge_base(db):
    assert article_import().total == 84


def test_one_bad_file_imports_nothing(db, content):
    (content / "broken.md").write_text("no front matter", encoding="utf-8")
    with pytest.raises(ArticleFileError, match=r"broken\.md"):
        article_import(content)
    assert Article.objects.count() == 0


def test_a_duplicate_slug_is_an_error(db, content):
    shutil.copy(content / "account.kyc.en.md", content / "copy.md")
    with pytest.raises(ArticleFileError, match="account-kyc"):
        article_import(content)
    assert Article.objects.count() == 0


def test_a_single_file_can_be_imported(db, content):
    assert article_import(content / "account.kyc.en.md") == ImportCounts(created=1)


def test_a_missing_path_is_a_clear_error(db, tmp_path):
    with pytest.raises(ArticleFileError, match="no such file"):
        article_import(tmp_path / "nope")
