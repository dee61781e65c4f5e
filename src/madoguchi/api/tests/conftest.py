"""Keys for the API tests: ``make_key(scopes, agent)`` returns the key text."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from madoguchi.api.models import SCOPES
from madoguchi.api.services import api_key_create


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the per-key counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def make_key(db):
    def make(*scopes: str, agent=None) -> str:
        return api_key_create(
            name="integration",
            scopes=list(scopes) or list(SCOPES),
            agent_username=agent.get_username() if agent is not None else None,
        )[1]

    return make


@pytest.fixture
def api(client):
    """``api("get", url, key, json=..., **headers)`` → response."""
    import json as jsonlib

    def call(method: str, url: str, key: str | None, json=None, **headers):
        if key:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        kwargs = {}
        if json is not None:
            kwargs = {"data": jsonlib.dumps(json), "content_type": "application/json"}
        return getattr(client, method)(url, **kwargs, **headers)

    return call
