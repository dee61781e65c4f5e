"""Conversation tests run the real understanding engine over the bundled knowledge base."""

from __future__ import annotations

import pytest

from madoguchi.kb.services import article_import


@pytest.fixture
def kb(db):
    """The bundled articles, imported as ``madoguchi kb import`` does."""
    counts = article_import()
    assert counts.total >= 84
    return counts


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()  # rate-limit counters must not leak between tests
    yield
    cache.clear()
