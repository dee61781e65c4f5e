"""Sign-in by magic link: no account enumeration, scanner-safe GET, single use, rate limits."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from madoguchi.customers.models import MagicLink
from madoguchi.customers.services import customer_get_or_create
from madoguchi.portal.session import SESSION_KEY
from madoguchi.portal.tests.conftest import browser

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^\s]+/access/([A-Za-z0-9_-]+)/")


@pytest.fixture
def customer():
    return customer_get_or_create(kind="email", value="taro@example.jp")[0]


def _ask(client, email: str, ip: str = "198.51.100.7"):
    return client.post("/access/", {"email": email}, REMOTE_ADDR=ip)


def _answer_text(response) -> str:
    html = response.content.decode()
    return html.split("<main>")[1].split("</main>")[0]


def test_known_and_unknown_addresses_get_the_same_answer(customer):
    client = browser("en")
    known = _ask(client, "Taro@Example.JP")
    unknown = _ask(client, "nobody@example.jp")
    assert known.status_code == unknown.status_code == 200
    assert "If we know the address" in _answer_text(known)
    assert _answer_text(known).replace("taro@example.jp", "X") == _answer_text(unknown).replace(
        "nobody@example.jp", "X"
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["taro@example.jp"]
    assert LINK.search(mail.outbox[0].body)


def test_the_link_shows_continue_and_only_the_post_signs_in(customer):
    client = browser("ja")
    _ask(client, "taro@example.jp")
    token = LINK.search(mail.outbox[0].body).group(1)
    page = client.get(f"/access/{token}/")
    assert page.status_code == 200
    assert (
        f'action="/access/{token}/"' in page.content.decode()
        and 'method="post"' in page.content.decode()
    )
    assert MagicLink.objects.get().used_at is None  # a mail scanner's GET burns nothing
    assert SESSION_KEY not in client.session
    key_before = client.session.session_key
    response = client.post(f"/access/{token}/")
    assert response.status_code == 302 and response["Location"] == "/requests/"
    assert client.session[SESSION_KEY] == customer.pk
    assert client.session.session_key != key_before  # the session key was rotated
    assert client.get("/requests/").status_code == 200


def test_a_link_works_once(customer):
    client = browser("en")
    _ask(client, "taro@example.jp")
    token = LINK.search(mail.outbox[0].body).group(1)
    assert client.post(f"/access/{token}/").status_code == 302
    other = browser("en")
    again = other.post(f"/access/{token}/")
    assert again.status_code == 400
    assert "already used" in again.content.decode()
    assert 'action="/access/"' in again.content.decode()  # offers a new link
    assert SESSION_KEY not in other.session


def test_an_expired_or_made_up_link_fails(customer):
    client = browser("en")
    _ask(client, "taro@example.jp")
    token = LINK.search(mail.outbox[0].body).group(1)
    MagicLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client.post(f"/access/{token}/")
    assert expired.status_code == 400 and "expired" in expired.content.decode()
    made_up = client.post("/access/" + "A" * 43 + "/")
    assert made_up.status_code == 400 and "not valid" in made_up.content.decode()
    assert SESSION_KEY not in client.session


def test_sign_in_requests_are_rate_limited_per_address(customer):
    client = browser("en")
    for i in range(5):
        assert _ask(client, "taro@example.jp", ip=f"198.51.100.{i}").status_code == 200
    limited = _ask(client, "taro@example.jp", ip="198.51.100.99")
    assert limited.status_code == 429
    assert "Please wait 15 minutes" in limited.content.decode()
    assert len(mail.outbox) == 5


def test_sign_in_requests_are_rate_limited_per_ip_whatever_the_address():
    client = browser("ja")
    for i in range(5):
        assert _ask(client, f"user{i}@example.jp").status_code == 200
    assert _ask(client, "user9@example.jp").status_code == 429
    assert _ask(client, "user9@example.jp", ip="203.0.113.1").status_code == 200


def test_a_bad_address_is_a_form_error_not_a_crash():
    response = browser("en").post("/access/", {"email": "taro@example.jp\r\nBcc: x@evil.test"})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert len(mail.outbox) == 0


def test_sign_out_ends_the_customer_session(customer):
    from madoguchi.portal.tests.conftest import sign_in

    client = browser("en")
    sign_in(client, "taro@example.jp")
    assert client.get("/requests/").status_code == 200
    assert client.post("/sign-out/").status_code == 302
    response = client.get("/requests/")
    assert response.status_code == 302 and response["Location"] == "/access/"
    assert client.get("/sign-out/").status_code == 405  # signing out needs a POST (CSRF)
