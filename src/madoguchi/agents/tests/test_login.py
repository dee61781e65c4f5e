"""Sign-in: agents only, session rotated, failures throttled; sign-out by POST."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from madoguchi.agents import throttle
from madoguchi.agents.models import Agent
from madoguchi.agents.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/agent/login/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_urls_keep_their_names():
    assert reverse("agents:login") == LOGIN
    assert reverse("agents:logout") == "/agent/logout/"
    assert reverse("agents:inbox") == "/agent/"
    assert reverse("agents:ticket", kwargs={"reference": "MDG-26-000001"}) == (
        "/agent/tickets/MDG-26-000001/"
    )


def test_the_login_page_renders_in_both_languages(client):
    assert "担当者サインイン" in client.get(LOGIN).content.decode()
    client.cookies["madoguchi_language"] = "en"
    page = client.get(LOGIN).content.decode()
    assert "Agent sign-in" in page and "csrfmiddlewaretoken" in page


def test_an_agent_signs_in_with_a_fresh_session(client, agent_user):
    client.get(LOGIN)
    before = client.session.session_key
    response = _login(client, "aiko")
    assert response.status_code == 302 and response["Location"] == "/agent/"
    assert int(client.session[SESSION_KEY]) == agent_user.pk
    assert client.session.session_key != before
    assert client.get("/agent/").status_code == 200


def test_next_is_followed_only_on_this_site(client, agent_user):
    assert _login(client, "aiko", next="/agent/?status=new")["Location"] == "/agent/?status=new"
    client.logout()
    assert _login(client, "aiko", next="https://evil.example/")["Location"] == "/agent/"


@pytest.mark.parametrize("who", ["plain", "inactive_profile", "inactive_user"])
def test_non_agents_are_refused_clearly(client, agent_user, plain_user, who):
    username = "plain" if who == "plain" else "aiko"
    if who == "inactive_profile":
        Agent.objects.filter(user=agent_user).update(is_active=False)
    if who == "inactive_user":
        agent_user.is_active = False
        agent_user.save()
    response = _login(client, username)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    page = response.content.decode()
    if who == "inactive_user":  # Django's backend refuses inactive users before our check
        assert "正しいユーザー名とパスワード" in page or "enter a correct" in page.lower()
    else:
        assert "担当者画面を利用する権限がありません" in page


def test_a_wrong_password_is_refused(client, agent_user):
    response = _login(client, "aiko", "wrong password here")
    assert response.status_code == 200 and SESSION_KEY not in client.session


def test_failed_sign_ins_are_throttled_per_username_and_address(client, agent_user):
    for _ in range(throttle.LOGIN_FAILURE_LIMIT):
        _login(client, "aiko", "wrong password here")
    response = _login(client, "AIKO")  # the right password, but blocked for the window
    assert SESSION_KEY not in client.session
    assert "15分" in response.content.decode()
    other_address = Client(REMOTE_ADDR="192.0.2.10")
    assert _login(other_address, "aiko").status_code == 302


def test_a_success_clears_earlier_failures(client, agent_user):
    for _ in range(throttle.LOGIN_FAILURE_LIMIT - 1):
        _login(client, "aiko", "wrong password here")
    assert _login(client, "aiko").status_code == 302
    client.logout()
    _login(client, "aiko", "wrong password here")
    assert _login(client, "aiko").status_code == 302


def test_a_signed_in_agent_skips_the_login_page(agent_client):
    response = agent_client.get(LOGIN)
    assert response.status_code == 302 and response["Location"] == "/agent/"


def test_logout_is_post_only_and_ends_the_session(agent_client):
    assert agent_client.get("/agent/logout/").status_code == 405
    response = agent_client.post("/agent/logout/")
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert SESSION_KEY not in agent_client.session
    assert agent_client.get("/agent/").status_code == 302


def test_login_and_logout_need_the_csrf_token(agent_user):
    client = Client(enforce_csrf_checks=True)
    assert _login(client, "aiko").status_code == 403
