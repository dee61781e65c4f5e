"""The admin: every model registered and browsable; tickets' workflow fields read-only;
messages and events cannot be written; magic links never show a token."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from madoguchi.agents.models import Agent, Team
from madoguchi.customers.models import Customer, MagicLink
from madoguchi.customers.services import magic_link_create
from madoguchi.kb.models import Article
from madoguchi.tickets.models import Event, Message, Ticket

pytestmark = pytest.mark.django_db
MODELS = [Ticket, Message, Event, Customer, MagicLink, Team, Agent, Article]


@pytest.fixture
def admin_client(client, agent_user):
    user = get_user_model().objects.create_superuser("root", "root@example.jp", "x" * 20)
    client.force_login(user)
    return client


def test_every_model_is_registered():
    for model in MODELS:
        assert admin.site.is_registered(model), model


@pytest.mark.parametrize("model", MODELS)
def test_changelists_and_change_pages_render(admin_client, file_request, model):
    ticket = file_request(body="<script>alert(1)</script>").ticket
    magic_link_create(customer=ticket.requester)
    Article.objects.create(
        slug="a", language="ja", intent="funds.wrong_network", title="t", body="b"
    )
    opts = model._meta
    listing = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert listing.status_code == 200
    obj = model.objects.first()
    page = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.content.decode()


def test_ticket_workflow_fields_are_read_only_in_the_admin(admin_client, file_request):
    ticket = file_request().ticket
    url = reverse("admin:tickets_ticket_change", args=[ticket.pk])
    page = admin_client.get(url).content.decode()
    for name in ("status", "priority", "assignee", "team"):
        assert f'name="{name}"' not in page
    response = admin_client.post(
        url,
        {
            "subject": "新しい件名",
            "intent": ticket.intent,
            "language": "ja",
            "status": "closed",
            "priority": "low",
            "messages-TOTAL_FORMS": "0",
            "messages-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.subject == "新しい件名"
    assert (ticket.status, ticket.priority) == ("new", "high")


def test_the_admin_refuses_an_unknown_intent(admin_client, file_request):
    ticket = file_request().ticket
    response = admin_client.post(
        reverse("admin:tickets_ticket_change", args=[ticket.pk]),
        {"subject": "x", "intent": "nope.nope", "language": "ja"},
    )
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.intent == "funds.withdrawal_delayed"


def test_messages_events_tickets_cannot_be_added_in_the_admin(admin_client):
    for model in (Ticket, Message, Event, MagicLink):
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert admin_client.get(url).status_code == 403


def test_magic_links_never_show_their_token_hash(admin_client, file_request):
    ticket = file_request().ticket
    magic_link_create(customer=ticket.requester)
    link = MagicLink.objects.get()
    page = admin_client.get(reverse("admin:customers_magiclink_change", args=[link.pk]))
    assert link.token_hash not in page.content.decode()
