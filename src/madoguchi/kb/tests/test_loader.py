"""Parsing help-article files (pure) and the bundled sample knowledge base."""

from __future__ import annotations

import re

import pytest

from madoguchi import taxonomy
from madoguchi.kb.loader import (
    ArticleFileError,
    bundled_content_dir,
    iter_article_files,
    parse_article,
    read_article,
)

GOOD = "---\ntitle: Sent on the wrong network\nintent: funds.wrong_network\nslug: funds-wrong-network\nlanguage: en\n---\n\nBody **text**.\n"


def test_parse_reads_front_matter_and_body():
    source = parse_article(GOOD)
    assert (source.slug, source.language, source.intent) == (
        "funds-wrong-network",
        "en",
        "funds.wrong_network",
    )
    assert source.title == "Sent on the wrong network"
    assert source.body == "Body **text**.\n"


def test_parse_accepts_crlf_and_a_byte_order_mark():
    assert parse_article("\ufeff" + GOOD.replace("\n", "\r\n")) == parse_article(GOOD)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "missing front matter"),
        ("---\ntitle: T\n", "not closed"),
        (GOOD.replace("slug: funds-wrong-network\n", ""), "missing front matter keys: slug"),
        (GOOD.replace("language: en", "language: fr"), "language"),
        (GOOD.replace("slug: funds-wrong-network", "slug: ../etc/passwd"), "slug"),
        (GOOD.replace("intent: funds.wrong_network", "intent: <script>"), "intent"),
        (GOOD.replace("title: Sent", "title: Sent\u202e"), "title"),
        (GOOD.replace("title: Sent on the wrong network", "title: " + "x" * 201), "title"),
        (GOOD.replace("Body **text**.", "   "), "no body"),
        (GOOD.replace("title:", "title"), "expected 'key: value'"),
    ],
)
def test_bad_files_are_refused_with_the_reason(text, message):
    with pytest.raises(ArticleFileError, match=re.escape(message)):
        parse_article(text, name="x.md")


def test_read_refuses_non_utf8_and_huge_files(tmp_path):
    latin = tmp_path / "latin.md"
    latin.write_bytes(GOOD.replace("Body", "Caf\xe9").encode("latin-1"))
    with pytest.raises(ArticleFileError, match="not UTF-8"):
        read_article(latin)
    huge = tmp_path / "huge.md"
    huge.write_text(GOOD + "x" * 300_000)
    with pytest.raises(ArticleFileError, match="larger than"):
        read_article(huge)


def test_bundled_content_covers_every_intent_in_both_languages():
    files = list(iter_article_files(bundled_content_dir()))
    sources = {(s.intent, s.language): s for s in map(read_article, files)}
    wanted = {(i.id, lang) for i in taxonomy.all_intents() for lang in ("ja", "en")}
    assert set(sources) == wanted and len(files) == 84
    for path in files:
        intent_id, language, _md = path.name.rsplit(".", 2)
        source = sources[(intent_id, language)]
        assert source.slug == intent_id.replace(".", "-").replace("_", "-")
        steps = re.findall(r"^\d+\. ", source.body, flags=re.M)
        assert 3 <= len(steps) <= 8, path.name
        never = "復元フレーズ" if language == "ja" else "never ask for your recovery phrase"
        assert never in source.body, path.name


def test_japanese_articles_are_in_japanese():
    for path in iter_article_files(bundled_content_dir()):
        source = read_article(path)
        kana = len(re.findall(r"[\u3040-\u30ff]", source.body + source.title))
        # English articles may quote a Japanese term (年間取引報告書, 法テラス), no more
        assert (kana > 50) if source.language == "ja" else (kana < 10), path.name
