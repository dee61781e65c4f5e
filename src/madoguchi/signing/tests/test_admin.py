"""The admin lists codes read-only: what each belongs to, never editable."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from madoguchi.signing.models import VerificationCode

pytestmark = pytest.mark.django_db


def test_the_admin_lists_codes_and_refuses_to_add_one(client, reply):
    admin = get_user_model().objects.create_superuser("root", "root@example.jp", "x" * 20)
    client.force_login(admin)
    row = VerificationCode.objects.get(subject=f"message:{reply.pk}")
    listing = client.get("/admin/signing/verificationcode/", {"q": row.code})
    assert listing.status_code == 200 and row.code in listing.content.decode()
    assert client.get("/admin/signing/verificationcode/add/").status_code == 403
