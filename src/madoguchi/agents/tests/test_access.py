"""Every workspace URL: anonymous → sign-in, signed-in non-agents → 403, forged ids → 404."""

from __future__ import annotations

import pytest
from django.test import Client

from madoguchi.tickets.models import Event, Message, Ticket

pytestmark = pytest.mark.django_db

GET_URLS = ["/agent/", "/agent/?status=new&page=2", "/agent/tickets/{ref}/"]
POST_URLS = [
    "/agent/tickets/{ref}/reply/",
    "/agent/tickets/{ref}/change/",
    "/agent/tickets/{ref}/reveal/",
]


@pytest.fixture
def ref(file_request) -> str:
    return file_request().ticket.reference


@pytest.mark.parametrize("url", GET_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(client, ref, url):
    response = client.get(url.format(ref=ref))
    assert response.status_code == 302
    assert response["Location"].startswith("/agent/login/?next=/agent/")


@pytest.mark.parametrize("url", POST_URLS)
def test_anonymous_writes_are_sent_to_sign_in_and_change_nothing(client, ref, url):
    before = (Message.objects.count(), Event.objects.count())
    response = client.post(url.format(ref=ref), {"body": "hi", "status": "solved"})
    assert response.status_code == 302 and "/agent/login/" in response["Location"]
    assert (Message.objects.count(), Event.objects.count()) == before


@pytest.mark.parametrize("url", GET_URLS + POST_URLS)
def test_signed_in_users_without_an_agent_profile_are_refused(plain_client, ref, url):
    before = (Message.objects.count(), Event.objects.count())
    method = plain_client.post if url in POST_URLS else plain_client.get
    response = method(url.format(ref=ref), {"body": "hi", "status": "solved"})
    assert response.status_code == 403
    assert (Message.objects.count(), Event.objects.count()) == before


def test_a_customer_portal_session_does_not_open_the_workspace(file_request, ref):
    """A customer is not a Django user: whatever the portal keeps in the session, the
    workspace sees an anonymous visitor."""
    client = Client()
    session = client.session
    session["portal_customer_id"] = file_request().ticket.requester_id
    session.save()
    assert client.get("/agent/").status_code == 302


@pytest.mark.parametrize(
    "reference",
    ["MDG-26-999999", "mdg-26-000001", "1", "../../admin", "A" * 40, "<script>", "MDG-26-00000%00"],
)
def test_forged_references_are_404(agent_client, ref, reference):
    assert agent_client.get(f"/agent/tickets/{reference}/").status_code == 404
    assert agent_client.post(f"/agent/tickets/{reference}/reply/", {"body": "x"}).status_code == 404
    assert agent_client.post(f"/agent/tickets/{reference}/reveal/").status_code == 404
    assert not Event.objects.filter(kind=Event.Kind.VIEWED).exists()


def test_the_public_id_does_not_open_a_ticket_page(agent_client, ref):
    public_id = Ticket.objects.get(reference=ref).public_id
    assert agent_client.get(f"/agent/tickets/{public_id}/").status_code == 404


def test_write_urls_refuse_get(agent_client, ref):
    for url in POST_URLS:
        assert agent_client.get(url.format(ref=ref)).status_code == 405
