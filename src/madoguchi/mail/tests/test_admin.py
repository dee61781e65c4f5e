"""Parked mail is visible to staff in the admin, as escaped text, and can be resolved."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from madoguchi.mail.inbound import mail_receive
from madoguchi.mail.models import ParkedMail
from madoguchi.mail.tests.mailbuilder import build


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.jp", "pw-" + "x" * 20)
    client.force_login(user)
    return client


def test_parked_mail_list_and_detail(admin_client):
    raw = build(
        sender="support@madoguchi.invalid",  # a loop: parked
        subject="<script>alert(1)</script>",
        body="<script>alert(2)</script>",
    )
    parked = mail_receive(raw, source="test").parked
    listing = admin_client.get(reverse("admin:mail_parkedmail_changelist"))
    assert listing.status_code == 200
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in listing.content
    detail = admin_client.get(reverse("admin:mail_parkedmail_change", args=[parked.pk]))
    assert detail.status_code == 200
    assert b"<script>alert(2)" not in detail.content
    assert b"&lt;script&gt;alert(2)&lt;/script&gt;" in detail.content


def test_resolve_action(admin_client):
    parked = mail_receive(b"no headers", source="test").parked
    response = admin_client.post(
        reverse("admin:mail_parkedmail_changelist"),
        {"action": "mark_resolved", "_selected_action": [parked.pk]},
    )
    assert response.status_code == 302
    parked = ParkedMail.objects.get(pk=parked.pk)
    assert parked.resolved and parked.resolved_at is not None


def test_no_one_adds_parked_mail_by_hand(admin_client):
    assert admin_client.get(reverse("admin:mail_parkedmail_add")).status_code == 403


def test_preview_of_parked_mail_is_redacted(admin_client):
    from madoguchi.conftest import PHRASE

    raw = build(sender="support@madoguchi.invalid", body=f"seed: {PHRASE}")
    parked = mail_receive(raw, source="test").parked
    assert b"sausage" in bytes(parked.raw)  # kept raw for the agent's decision...
    detail = admin_client.get(reverse("admin:mail_parkedmail_change", args=[parked.pk]))
    assert b"sausage" not in detail.content  # ...but not shown on the page


def test_preview_decodes_japanese_mail(admin_client):
    from madoguchi.mail.tests.mailbuilder import fixture

    parked = mail_receive(fixture("list_bulk"), source="test").parked
    detail = admin_client.get(reverse("admin:mail_parkedmail_change", args=[parked.pk]))
    assert "新しいトークンの上場のお知らせです。" in detail.content.decode()
