"""A customer's own requests: only theirs, public messages only, replies through intake."""

from __future__ import annotations

import pytest

from madoguchi.portal.tests.conftest import browser, form_token, sign_in
from madoguchi.tickets.models import Event, Message, Ticket
from madoguchi.tickets.services import message_post

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tickets(file_request):
    mine = file_request(email="taro@example.jp", subject="出金が届かない").ticket
    theirs = file_request(email="hanako@example.jp", subject="Hanako's secret plans").ticket
    return mine, theirs


def test_the_list_shows_only_my_requests_in_plain_words(tickets):
    mine, theirs = tickets
    client = browser("en")
    sign_in(client, "taro@example.jp")
    html = client.get("/requests/").content.decode()
    assert mine.reference in html and "出金が届かない" in html and "Received" in html
    assert theirs.reference not in html and "Hanako" not in html


def test_a_ticket_shows_public_messages_with_their_authors_but_never_internal_notes(
    tickets, agent_user
):
    mine, _theirs = tickets
    message_post(ticket=mine, agent=agent_user, body="Checking with the wallet team", internal=True)
    message_post(ticket=mine, agent=agent_user, body="We are looking into it.")
    client = browser("en")
    sign_in(client, "taro@example.jp")
    html = client.get(f"/requests/{mine.public_id}/").content.decode()
    assert "We are looking into it." in html and "Aiko (support)" in html
    assert "You" in html and "出金が届きません" in html
    assert "Checking with the wallet team" not in html
    assert "Waiting for your reply" in html  # the agent's reply made it pending


def test_another_customers_ticket_and_made_up_ids_are_404_for_every_url(tickets):
    _mine, theirs = tickets
    client = browser("en")
    sign_in(client, "taro@example.jp")
    for public_id in (theirs.public_id, "x" * 22, theirs.reference, str(theirs.pk), "../admin"):
        assert client.get(f"/requests/{public_id}/").status_code == 404, public_id
        response = client.post(
            f"/requests/{public_id}/", {"body": "hi", "submission_token": "t" * 32}
        )
        assert response.status_code == 404, public_id
    assert Message.objects.filter(ticket=theirs).count() == 1


def test_signed_out_visitors_are_sent_to_sign_in_whatever_the_id(tickets):
    mine, _theirs = tickets
    client = browser("en")
    for url in ("/requests/", f"/requests/{mine.public_id}/", "/requests/made-up/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/access/"


def test_a_reply_is_appended_once_and_reopens_the_request(tickets):
    mine, _theirs = tickets
    Ticket.objects.filter(pk=mine.pk).update(status="pending")
    client = browser("ja")
    sign_in(client, "taro@example.jp")
    page = client.get(f"/requests/{mine.public_id}/").content.decode()
    data = {"body": "TxIDを追記します", "submission_token": form_token(page)}
    first = client.post(f"/requests/{mine.public_id}/", data)
    again = client.post(f"/requests/{mine.public_id}/", data)  # a double click
    assert first.status_code == again.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "open"
    assert mine.messages.filter(body="TxIDを追記します").count() == 1
    assert Event.objects.filter(ticket=mine, kind="status", data__to="open").exists()
    assert "TxIDを追記します" in client.get(f"/requests/{mine.public_id}/").content.decode()


def test_a_secret_in_a_reply_is_stored_redacted_and_the_customer_warned(tickets):
    from madoguchi.conftest import PHRASE

    mine, _theirs = tickets
    client = browser("en")
    sign_in(client, "taro@example.jp")
    page = client.get(f"/requests/{mine.public_id}/").content.decode()
    response = client.post(
        f"/requests/{mine.public_id}/",
        {"body": f"here: {PHRASE}", "submission_token": form_token(page)},
        follow=True,
    )
    html = response.content.decode()
    assert "sausage" not in html and "You sent your recovery phrase" in html
    assert not Message.objects.filter(body__contains="sausage").exists()
    mine.refresh_from_db()
    assert mine.secret_exposed


def test_a_closed_request_takes_no_reply(tickets):
    mine, _theirs = tickets
    Ticket.objects.filter(pk=mine.pk).update(status="closed")
    client = browser("en")
    sign_in(client, "taro@example.jp")
    page = client.get(f"/requests/{mine.public_id}/").content.decode()
    assert "This request is closed" in page and 'name="body"' not in page
    client.post(f"/requests/{mine.public_id}/", {"body": "hello", "submission_token": "t" * 32})
    assert mine.messages.count() == 1
