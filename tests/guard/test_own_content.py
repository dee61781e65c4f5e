"""Our own words pass the guard: every help article, every fixed assistant text, the demo
macros, the guard's own reasons and fallback. A false positive here is fixed in the detector."""

from __future__ import annotations

from pathlib import Path

import pytest

from madoguchi.desk.demo_data import MACROS, OFFICIAL_CHANNELS
from madoguchi.dialogue._texts import TEXTS
from madoguchi.guard import REASONS, SAFE_FALLBACK, check_outgoing
from madoguchi.kb.loader import parse_article
from madoguchi.trust import Registry

KB = Path(__file__).resolve().parents[2] / "src" / "madoguchi" / "content" / "kb"
REGISTRY = Registry.from_lines(OFFICIAL_CHANNELS.splitlines())
ARTICLES = sorted(KB.glob("*.md"))


def _assert_passes(text: str, where: str) -> None:
    result = check_outgoing(text, registry=REGISTRY)
    shown = [(f.kind, text[max(0, f.start - 40) : f.end + 20]) for f in result.findings]
    assert not result.blocked, (where, shown)


def test_there_are_articles():
    assert len(ARTICLES) >= 80


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_help_article_passes(path):
    # what the assistant and help centre say: title, summary, body (the examples are questions
    # customers asked, not our words)
    article = parse_article(path.read_text(encoding="utf-8"), name=path.name)
    for part in (article.title, article.summary, article.body):
        _assert_passes(part, path.name)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_fixed_assistant_text_passes(key):
    for language, text in TEXTS[key].items():
        _assert_passes(text, f"{key}/{language}")


def test_the_demo_macros_the_reasons_and_the_fallback_pass():
    texts = [m[f] for m in MACROS for f in ("body_ja", "body_en")]
    texts += [r[lang] for r in REASONS.values() for lang in ("en", "ja")]
    texts += list(SAFE_FALLBACK.values())
    for text in texts:
        _assert_passes(text, text[:30])
