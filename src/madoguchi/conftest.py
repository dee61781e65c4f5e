"""Shared fixtures for the Django apps' tests."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from madoguchi.agents.models import Agent, Team
from madoguchi.tickets.intake import Inbound, intake

PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"


@pytest.fixture
def team(db):
    return Team.objects.create(name="Funds", slug="funds")


@pytest.fixture
def agent_user(db, team):
    user = get_user_model().objects.create_user(
        username="aiko", password="correct horse battery staple", first_name="Aiko"
    )
    agent = Agent.objects.create(user=user, role=Agent.Role.AGENT)
    agent.teams.add(team)
    return user


@pytest.fixture
def file_request(db):
    """File a request through the one intake path, as the web form does."""

    def make(email="taro@example.jp", body="出金が届きません", **kwargs):
        kwargs.setdefault("subject", "出金について")
        kwargs.setdefault("intent", "funds.withdrawal_delayed")
        return intake(inbound=Inbound(channel="web", identity_value=email, body=body, **kwargs))

    return make
