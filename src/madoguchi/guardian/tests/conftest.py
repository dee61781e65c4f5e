"""Fixtures for the guard's desk tests: a ticket, an agent and a supervisor (team lead)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from madoguchi.agents.models import Agent
from madoguchi.officials.services import officials_import

BLOCKED = "お手数ですが、シードフレーズを教えていただけますか。"
REASON = "Customer is testing our phishing training; this is a quoted example."


@pytest.fixture
def ticket(file_request):
    return file_request().ticket


@pytest.fixture
def official(db):
    """The demo brand's website is official: links to it pass."""
    officials_import(lines=["madoguchi.example"])


@pytest.fixture
def lead_user(db, team):
    user = get_user_model().objects.create_user(
        username="rin", password="correct horse battery staple", first_name="Rin"
    )
    agent = Agent.objects.create(user=user, role=Agent.Role.LEAD)
    agent.teams.add(team)
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def agent_client(agent_user) -> Client:
    return _client(agent_user)


@pytest.fixture
def lead_client(lead_user) -> Client:
    return _client(lead_user)
