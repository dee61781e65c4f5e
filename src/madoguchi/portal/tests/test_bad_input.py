"""Hostile input on the portal's forms: a clear error or escaped output, never a 500 or a leak."""

from __future__ import annotations

import pytest
from django.conf import settings

from madoguchi.customers.models import Customer
from madoguchi.portal.tests.conftest import browser, form_token, sign_in
from madoguchi.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=True)

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
URL = "/new/funds.crypto_deposit_missing/contact/"


def _form(client, **fields):
    token = form_token(client.get(URL).content.decode())
    data = {
        "email": "taro@example.jp",
        "subject": "subject",
        "description": "description",
        "submission_token": token,
        **fields,
    }
    return client.post(URL, data)


def test_a_100000_character_subject_is_a_clear_form_error():
    response = _form(browser("en"), subject="A" * 100_000)
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 200 characters" in html
    assert "A" * 1000 not in html  # not sent back
    assert Ticket.objects.count() == 0


def test_a_body_longer_than_the_limit_is_a_clear_form_error():
    response = _form(browser("ja"), description="あ" * (settings.MAX_MESSAGE_CHARS + 1))
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert Ticket.objects.count() == 0


def test_a_body_over_the_upload_limit_gets_a_413_page():
    client = browser("en")
    huge = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(URL, {"description": huge})
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert "Content-Security-Policy" in response.headers


def test_thousands_of_fields_get_a_clear_page():
    response = browser("en").post(URL, {f"f{i}": "x" for i in range(5000)})
    assert response.status_code == 400
    assert "far more fields" in response.content.decode()


def test_markup_in_every_field_is_shown_escaped():
    client = browser("en")
    fields = {
        "name": MARKUP,
        "subject": MARKUP,
        "description": MARKUP,
        "asset": MARKUP,
        "amount": MARKUP,
        "tx_hash": MARKUP,
        "address": MARKUP,
        "occurred_at": MARKUP,
        "network": "other",
        "network_other": MARKUP,
    }
    response = _form(client, **fields)
    html = response.content.decode()
    assert response.status_code == 400  # the tx id and address are not valid
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    # once valid, the stored request shows escaped on the customer's pages too
    fields.update(tx_hash="", address="", amount="", occurred_at="", asset="")
    response = _form(client, **fields)
    if response.status_code == 200:  # warnings to confirm (unknown network)
        fingerprint = response.content.decode().split('name="confirm_warnings" value="')[1]
        response = _form(client, **fields, confirm_warnings=fingerprint.split('"')[0])
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    sign_in(client, "taro@example.jp")
    for url in ("/requests/", f"/requests/{ticket.public_id}/", "/new/sent/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url


def test_crlf_in_the_name_and_subject_is_stripped():
    response = _form(
        browser("en"), name="Taro\r\nBcc: evil@example.com", subject="Hello\r\nX-Evil: 1"
    )
    assert response.status_code == 302
    assert Customer.objects.get().display_name == "Taro Bcc: evil@example.com"
    assert Ticket.objects.get().subject == "Hello X-Evil: 1"


def test_a_forged_submission_token_is_a_form_error():
    client = browser("en")
    client.get(URL)
    response = client.post(
        URL,
        {"email": "a@example.jp", "subject": "s", "description": "d", "submission_token": "<x>"},
    )
    assert response.status_code == 400 and Ticket.objects.count() == 0
