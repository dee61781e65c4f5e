"""Fixtures: the demo brand's registry, fresh rate-limit counters."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from madoguchi.desk import demo_data
from madoguchi.officials.services import official_channel_create, officials_import


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the per-client counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def registry(db):
    """The demo brand's channels (madoguchi.example ...) and one unlisted staff member."""
    officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())
    official_channel_create(kind="staff", value="Aiko Tanaka", listed=False)


@pytest.fixture
def en_client(client):
    client.cookies["madoguchi_language"] = "en"
    return client


@pytest.fixture
def ja_client(client):
    client.cookies["madoguchi_language"] = "ja"
    return client
