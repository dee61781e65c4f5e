"""Front matter with list values: summary, related slugs and example questions."""

from __future__ import annotations

import pytest

from madoguchi.kb.loader import ArticleFileError, bundled_content_dir, parse_article, read_article

HEAD = "---\ntitle: T\nintent: a.b\nslug: a-b\nlanguage: ja\n"


def test_examples_related_and_summary_are_read() -> None:
    source = parse_article(
        HEAD + "summary: 短い答え\nrelated: c-d, e-f\nexamples:\n"
        "  - 出金できない\n  - - starts with a dash\n  -\n---\nBody\n"
    )
    assert source.summary == "短い答え"
    assert source.related == ("c-d", "e-f")
    # the first "- " is the list marker; an empty item is skipped, nothing else is
    assert source.examples == ("出金できない", "- starts with a dash")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  - orphan item\n", "indented under a key"),
        ("examples: inline\n", "list of '- item'"),
        ("colour: blue\n", "unknown key"),
        ("title: again\n", "given twice"),
        ("related: Not A Slug\n", "not a slug"),
        ("summary: " + "x" * 601 + "\n", "summary longer"),
        ("examples:\n- not indented\n", "indented under a key"),
    ],
)
def test_bad_front_matter_is_a_clear_error(extra: str, message: str) -> None:
    with pytest.raises(ArticleFileError, match=message):
        parse_article(HEAD + extra + "---\nBody\n", name="x.md")


def test_bundled_articles_all_parse() -> None:
    files = sorted(bundled_content_dir().glob("*.md"))
    assert len(files) >= 84
    for path in files:
        read_article(path)
