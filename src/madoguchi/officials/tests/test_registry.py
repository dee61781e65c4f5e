"""The registry: validation through the trust package, services, admin, cache, import/export."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.utils import translation

from madoguchi.officials.models import OfficialChannel, RegistryVersion
from madoguchi.officials.selectors import official_registry, officials_export_lines, verdict_for
from madoguchi.officials.services import (
    OfficialsImportError,
    official_channel_create,
    official_channel_delete,
    official_channel_update,
    officials_import,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "platform", "value", "line"),
    [
        ("domain", "", "https://WWW.Madoguchi.example/login", "www.madoguchi.example"),
        ("domain", "", "xn--mdoguchi-8ya.example", "mádoguchi.example"),
        ("email", "", "Support@MADOGUCHI.example", "mailto:support@madoguchi.example"),
        ("phone", "", "03-6743-1100", "tel:+81367431100"),
        ("phone", "", "＋８１ ３ ６７４３ １１００", "tel:+81367431100"),
        ("social", "Twitter", "@Madoguchi_EX", "@x:madoguchi_ex"),
        ("social", "telegram", "123456789", "@telegram:123456789"),
        ("app", "ios", "6450012345", "app:ios:6450012345"),
        ("staff", "", "  Aiko   Tanaka ", "staff:Aiko Tanaka"),
    ],
)
def test_values_are_normalised_on_save(kind, platform, value, line):
    channel = official_channel_create(kind=kind, platform=platform, value=value)
    assert channel.line == line
    assert OfficialChannel.objects.get().key == channel.key


@pytest.mark.parametrize(
    ("kind", "platform", "value", "field"),
    [
        ("domain", "", "not a domain", "value"),
        ("domain", "", "localhost", "value"),
        ("email", "", "no-at-sign", "value"),
        ("phone", "", "12", "value"),
        ("social", "", "madoguchi_ex", "platform"),
        ("app", "windows", "123", "platform"),
        ("staff", "", "   ", "value"),
        ("domain", "", "madoguchi.example # comment", "value"),
        ("fax", "", "123", "kind"),
    ],
)
def test_a_bad_value_is_a_validation_error_on_its_field(kind, platform, value, field):
    with pytest.raises(ValidationError) as caught:
        official_channel_create(kind=kind, platform=platform, value=value)
    assert field in caught.value.message_dict
    assert not OfficialChannel.objects.exists()


def test_the_same_channel_twice_is_refused_whatever_the_spelling():
    official_channel_create(kind="staff", value="Aiko Tanaka")
    with translation.override("ja"), pytest.raises(ValidationError, match="すでに登録されています"):
        official_channel_create(kind="staff", value="TANAKA aiko")
    with translation.override("en"), pytest.raises(ValidationError, match="already registered"):
        official_channel_create(kind="staff", value="aiko tanaka")


def test_every_write_invalidates_the_cached_registry():
    official_channel_create(kind="domain", value="madoguchi.example")
    assert verdict_for("madoguchi.example")["verdict"] == "official"
    first = official_registry()
    assert official_registry() is first  # unchanged: the cached object, one query
    channel = official_channel_create(kind="domain", value="madoguchi-help.example")
    assert verdict_for("madoguchi-help.example")["verdict"] == "official"
    official_channel_update(channel=channel, active=False)
    assert verdict_for("madoguchi-help.example")["verdict"] == "impersonation"
    official_channel_update(channel=channel, active=True, value="madoguchi.jp")
    assert verdict_for("madoguchi.jp")["verdict"] == "official"
    official_channel_delete(channel=channel)
    assert verdict_for("madoguchi.jp")["verdict"] == "impersonation"  # a TLD swap again


def test_a_write_by_another_process_is_seen_through_the_version_token():
    official_channel_create(kind="domain", value="madoguchi.example")
    assert verdict_for("madoguchi.example")["verdict"] == "official"
    # another process writes: its row and its new token are all this process can see
    OfficialChannel.objects.update(active=False)
    assert verdict_for("madoguchi.example")["verdict"] == "official"  # still cached
    RegistryVersion.objects.update(token="other-process")
    assert verdict_for("madoguchi.example")["verdict"] == "unknown"


def test_a_rolled_back_write_leaves_no_stale_registry():
    official_channel_create(kind="domain", value="madoguchi.example")
    with pytest.raises(RuntimeError), transaction.atomic():
        official_channel_create(kind="domain", value="madoguchi.jp")
        assert verdict_for("madoguchi.jp")["verdict"] == "official"
        raise RuntimeError
    assert verdict_for("madoguchi.jp")["verdict"] == "impersonation"


def test_import_export_round_trip_keeps_labels():
    text = "# Website\nmadoguchi.example\n\nmailto:support@madoguchi.example\n@x:madoguchi_ex\n"
    counts = officials_import(lines=text.splitlines())
    assert (counts.created, counts.unchanged, counts.removed) == (3, 0, 0)
    assert OfficialChannel.objects.get(kind="domain").label == "Website"
    exported = officials_export_lines()
    assert "# Website" in exported and "@x:madoguchi_ex" in exported
    again = officials_import(lines=exported)
    assert (again.created, again.unchanged) == (0, 3)


def test_import_is_all_or_nothing_and_names_the_bad_line():
    with pytest.raises(OfficialsImportError, match="line 3"):
        officials_import(lines=["madoguchi.example", "# ok", "@madoguchi_ex"])
    assert not OfficialChannel.objects.exists()


def test_import_with_replace_removes_what_the_file_no_longer_lists():
    officials_import(lines=["madoguchi.example", "madoguchi.jp"])
    counts = officials_import(lines=["madoguchi.example"], replace=True)
    assert counts.removed == 1
    assert list(OfficialChannel.objects.values_list("line", flat=True)) == ["madoguchi.example"]
    assert verdict_for("madoguchi.jp")["verdict"] == "impersonation"


# --- the admin -----------------------------------------------------------------------------------
@pytest.fixture
def admin_client(db) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@madoguchi.invalid", "pw-long-1")
    client = Client()
    client.force_login(user)
    return client


ADD = "/admin/officials/officialchannel/add/"


def _form(**fields):
    data = {"kind": "domain", "platform": "", "value": "", "label": "", "listed": "on"}
    data["active"] = "on"
    data.update(fields)
    return data


def test_admin_shows_a_bad_value_as_a_form_error(admin_client):
    response = admin_client.post(ADD, _form(value="not a domain"))
    assert response.status_code == 200
    assert "Not a valid value" in response.content.decode() or "有効" in response.content.decode()
    assert not OfficialChannel.objects.exists()
    response = admin_client.post(ADD, _form(kind="social", value="madoguchi_ex"))
    assert response.status_code == 200
    assert not OfficialChannel.objects.exists()


def test_admin_add_change_delete_go_through_the_services(admin_client):
    response = admin_client.post(ADD, _form(value="Madoguchi.example", label="Website"))
    assert response.status_code == 302
    channel = OfficialChannel.objects.get()
    assert channel.line == "madoguchi.example"
    assert verdict_for("madoguchi.example")["verdict"] == "official"
    duplicate = admin_client.post(ADD, _form(value="https://madoguchi.example/"))
    assert duplicate.status_code == 200 and OfficialChannel.objects.count() == 1
    change = f"/admin/officials/officialchannel/{channel.pk}/change/"
    response = admin_client.post(change, _form(value="madoguchi.jp", label="Website"))
    assert response.status_code == 302
    assert verdict_for("madoguchi.jp")["verdict"] == "official"
    assert verdict_for("madoguchi.example")["verdict"] == "impersonation"
    delete = f"/admin/officials/officialchannel/{channel.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert verdict_for("madoguchi.jp")["verdict"] == "unknown"
