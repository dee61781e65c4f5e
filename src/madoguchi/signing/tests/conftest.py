"""Fixtures of the signing tests: a fresh cache (rate-limit counters) and an agent's reply."""

from __future__ import annotations

import pytest

from madoguchi.social.tests.conftest import (  # noqa: F401 - fixtures
    _fresh_cache,
    api,
    post_line,
    post_telegram,
)
from madoguchi.tickets.services import message_post


@pytest.fixture
def reply(file_request, agent_user):
    """An agent's public reply on a new web request (its code is issued with it)."""
    ticket = file_request(email="hanako@example.jp").ticket
    return message_post(ticket=ticket, agent=agent_user, body="出金を確認しました。口座番号 1234")
