"""Fixtures for the agent workspace: signed-in clients, users who are not agents, tickets."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from madoguchi.agents.models import Agent, Team

PASSWORD = "correct horse battery staple"


@pytest.fixture
def agent_client(agent_user) -> Client:
    client = Client()
    client.force_login(agent_user)
    return client


@pytest.fixture
def en_agent_client(agent_user) -> Client:
    client = Client()
    client.force_login(agent_user)
    client.cookies["madoguchi_language"] = "en"
    return client


@pytest.fixture
def other_agent(db) -> object:
    user = get_user_model().objects.create_user(
        username="kenji", password=PASSWORD, first_name="Kenji"
    )
    Agent.objects.create(user=user)
    return user


@pytest.fixture
def second_team(db) -> Team:
    return Team.objects.create(name="Security", slug="security")


@pytest.fixture
def plain_user(db) -> object:
    """A Django user without an agent profile (e.g. a staff account for the admin only)."""
    return get_user_model().objects.create_user(username="plain", password=PASSWORD)


@pytest.fixture
def plain_client(plain_user) -> Client:
    client = Client()
    client.force_login(plain_user)
    return client
