"""``article_export``: the database back to files that ``article_import`` reads unchanged."""

from __future__ import annotations

import shutil

import pytest

from madoguchi.kb.loader import ArticleFileError, bundled_content_dir, read_article
from madoguchi.kb.models import Article
from madoguchi.kb.services import (
    ExportCounts,
    ImportCounts,
    article_export,
    article_file_text,
    article_import,
)
from madoguchi.kb.tests.factories import article_create

pytestmark = pytest.mark.django_db

FIELDS = ("slug", "language", "intent", "title", "body", "summary", "related", "examples")


def _snapshot() -> list[tuple]:
    return sorted(Article.objects.values_list(*FIELDS))


def test_bundled_kb_round_trips_through_export_and_import(tmp_path):
    article_import()
    before = _snapshot()
    counts = article_export(tmp_path / "out")
    assert counts == ExportCounts(written=len(before))
    Article.objects.all().delete()
    assert article_import(tmp_path / "out") == ImportCounts(created=len(before))
    assert _snapshot() == before
    # and exporting again writes nothing
    assert article_export(tmp_path / "out") == ExportCounts(unchanged=len(before))


def test_export_into_the_source_directory_rewrites_files_in_place(tmp_path):
    content = tmp_path / "kb"
    shutil.copytree(bundled_content_dir(), content)
    names = sorted(p.name for p in content.glob("*.md"))
    article_import(content)
    article = Article.objects.get(slug="funds-wrong-network", language="en")
    article.title = "Sent on the wrong chain"
    article.examples = [*article.examples, "sent on bsc instead of eth"]
    article.save()
    counts = article_export(content)
    assert counts.written >= 1  # the edited article (and any file whose layout differs)
    assert sorted(p.name for p in content.glob("*.md")) == names  # no new files
    source = read_article(content / "funds.wrong_network.en.md")
    assert source.title == "Sent on the wrong chain"
    assert source.examples[-1] == "sent on bsc instead of eth"
    assert article_export(content).written == 0


def test_admin_style_edits_with_line_breaks_are_made_importable(tmp_path):
    article_create(
        summary="Two lines\nof summary.",
        related=["funds-missing-memo", " "],
        examples=["first\nquestion", "", "second: with a colon"],
        title="Title: with a colon",
    )
    article_export(tmp_path)
    (path,) = tmp_path.glob("*.md")
    assert path.name == "funds.wrong_network.en.md"
    source = read_article(path)
    assert source.summary == "Two lines of summary."
    assert source.related == ("funds-missing-memo",)
    assert source.examples == ("first question", "second: with a colon")
    assert source.title == "Title: with a colon"


def test_a_second_article_of_the_same_intent_gets_its_slug_as_file_name(tmp_path):
    article_create("funds-wrong-network")
    article_create("funds-wrong-network-bsc")
    article_export(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.md")) == [
        "funds-wrong-network-bsc.en.md",
        "funds.wrong_network.en.md",
    ]


def test_an_article_that_could_not_be_imported_again_writes_nothing(tmp_path):
    article_create("good-one")
    bad = article_create("zz-bad")
    Article.objects.filter(pk=bad.pk).update(language="fr")  # bypassing the admin's checks
    with pytest.raises(ArticleFileError, match="language"):
        article_export(tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.md"))


def test_export_to_a_file_is_an_error(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(ArticleFileError, match="not a directory"):
        article_export(target)


def test_article_file_text_is_the_import_format():
    article = article_create(summary="Short.", related=["a-b", "c-d"], examples=["q1", "q2"])
    text = article_file_text(article)
    assert text.startswith("---\ntitle: ")
    assert "related: a-b, c-d\n" in text and "examples:\n  - q1\n  - q2\n---\n" in text
