"""agent_create: one transaction, validated password, clear errors; the logged reveal."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from madoguchi.agents.models import Agent
from madoguchi.agents.services import AgentError, agent_create, requester_email_reveal
from madoguchi.tickets.models import Event

pytestmark = pytest.mark.django_db
GOOD = "violet anchor marmalade 42"


def test_agent_create_makes_a_user_with_an_active_agent_profile(team):
    user = agent_create(
        username="hana",
        password=GOOD,
        email=" Hana@Example.JP ",
        name="Hana\r\nBcc: x@evil.example",
        role="lead",
        teams=["funds"],
        language="en",
    )
    user.refresh_from_db()
    assert user.check_password(GOOD) and user.email == "hana@example.jp"
    assert "\n" not in user.first_name and "\r" not in user.first_name
    assert (user.agent.role, user.agent.language, user.agent.is_active) == ("lead", "en", True)
    assert list(user.agent.teams.all()) == [team]
    assert not user.is_staff and not user.is_superuser


def test_the_new_agent_can_sign_in(client):
    agent_create(username="hana", password=GOOD)
    response = client.post("/agent/login/", {"username": "hana", "password": GOOD})
    assert response.status_code == 302 and response["Location"] == "/agent/"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"password": "short"}, "short"),
        ({"password": "password1234"}, "common"),
        ({"password": "123456789012345"}, "numeric"),
        ({"password": "hanakohanako1"}, "similar"),
        ({"username": ""}, "username"),
        ({"username": "bad name!"}, "valid username"),
        ({"email": "not-an-address"}, "e-mail"),
        ({"role": "root"}, "role"),
        ({"language": "fr"}, "ja or en"),
        ({"teams": ["nope"]}, "no team"),
    ],
)
def test_agent_create_refuses_with_clear_messages(kwargs, fragment):
    arguments = {"username": "hanakohanako", "password": GOOD, **kwargs}
    with pytest.raises(AgentError) as excinfo, translation.override("en"):
        agent_create(**arguments)
    assert fragment in str(excinfo.value).lower()
    assert not Agent.objects.exists()
    assert not get_user_model().objects.filter(username="hanakohanako").exists()


def test_agent_create_refuses_an_existing_username_whatever_its_case(agent_user):
    with pytest.raises(AgentError, match=r"(?i)aiko"):
        agent_create(username="AIKO", password=GOOD)
    assert get_user_model().objects.count() == 1


def test_errors_are_translated():
    with pytest.raises(AgentError, match="ユーザー名を入力"), translation.override("ja"):
        agent_create(username="", password=GOOD)


def test_every_problem_is_reported_at_once():
    with pytest.raises(AgentError) as excinfo:
        agent_create(username="", password="1", role="x")
    assert len(excinfo.value.messages) >= 3


def test_requester_email_reveal_returns_the_address_and_logs_it(file_request, agent_user):
    ticket = file_request().ticket
    assert requester_email_reveal(ticket=ticket, agent=agent_user) == "taro@example.jp"
    event = Event.objects.get(kind=Event.Kind.VIEWED)
    assert (event.ticket, event.actor_agent, event.actor_kind) == (ticket, agent_user, "agent")
