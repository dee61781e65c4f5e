"""Fixtures for the portal's view tests: a browser in either language, signed-in customers."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from madoguchi.customers.services import customer_get_or_create, magic_link_create

TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate-limit counters must not leak from one test into the next
    yield
    cache.clear()


def browser(language: str = "ja") -> Client:
    client = Client()
    if language != "ja":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def form_token(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "the form carries an idempotency token"
    return match.group(1)


def sign_in(client: Client, email: str) -> None:
    """Sign ``client`` in as the customer with this e-mail, through the magic-link pages."""
    customer, _ = customer_get_or_create(kind="email", value=email)
    token = magic_link_create(customer=customer)
    response = client.post(f"/access/{token}/")
    assert response.status_code == 302, response.content


@pytest.fixture
def client_ja() -> Client:
    return browser("ja")


@pytest.fixture
def client_en() -> Client:
    return browser("en")
