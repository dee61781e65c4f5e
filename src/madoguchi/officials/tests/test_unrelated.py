"""Known-unrelated domains in the registry: admin, import/export, the public page."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from madoguchi.officials.models import OfficialChannel
from madoguchi.officials.selectors import officials_export_lines, verdict_for
from madoguchi.officials.services import (
    official_channel_create,
    official_channel_update,
    officials_import,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_service_registers_one_unlisted_by_default_and_the_verdict_follows(registry):
    assert verdict_for("madoguchi.exchange")["verdict"] == "impersonation"  # a TLD swap
    channel = official_channel_create(kind="unrelated", value="https://WWW.Madoguchi.Exchange/")
    assert channel.line == "unrelated:www.madoguchi.exchange"
    assert channel.listed is False
    assert verdict_for("www.madoguchi.exchange")["verdict"] == "unknown"
    assert verdict_for("shop.www.madoguchi.exchange")["reasons"] == ["unrelated"]
    official_channel_update(channel=channel, value="madoguchi.exchange")
    found = verdict_for("madoguchi.exchange")
    assert found["verdict"] == "unknown" and found["imitates"] is None
    assert "different organisation" in found["reasons_en"][0]
    assert verdict_for("madoguchi-exchange.com")["verdict"] == "impersonation"  # still checked
    official_channel_update(channel=channel, active=False)
    assert verdict_for("madoguchi.exchange")["verdict"] == "impersonation"


@pytest.mark.parametrize("value", ["madoguchi.example", "help.madoguchi.example"])
def test_an_official_domain_cannot_also_be_unrelated(registry, value):
    with pytest.raises(ValidationError) as caught:
        official_channel_create(kind="unrelated", value=value)
    assert "official domain" in caught.value.message_dict["value"][0]


def test_the_same_domain_as_unrelated_twice_is_refused(registry):
    official_channel_create(kind="unrelated", value="kraken.io")
    with pytest.raises(ValidationError, match="already registered"):
        official_channel_create(kind="unrelated", value="KRAKEN.IO")


def test_import_and_export_round_trip_the_line_syntax(db):
    text = "madoguchi.example\n# KrakenD, an API gateway\nunrelated:krakend.io\n"
    counts = officials_import(lines=text.splitlines())
    assert (counts.created, counts.unchanged) == (2, 0)
    row = OfficialChannel.objects.get(kind="unrelated")
    assert (row.value, row.label, row.listed) == ("krakend.io", "KrakenD, an API gateway", False)
    exported = officials_export_lines()
    assert "unrelated:krakend.io" in exported
    assert officials_import(lines=exported).unchanged == 2


def test_import_names_a_bad_unrelated_line(db):
    from madoguchi.officials.services import OfficialsImportError

    with pytest.raises(OfficialsImportError, match="line 2"):
        officials_import(lines=["madoguchi.example", "unrelated:not a domain"])
    assert not OfficialChannel.objects.exists()


def test_the_page_lists_unrelated_domains_only_when_asked_and_never_as_ours(registry, en_client):
    official_channel_create(kind="unrelated", value="kraken.io")
    page = en_client.get("/verify/").content.decode()
    assert "kraken.io" not in page
    official_channel_create(kind="unrelated", value="krakend.io", listed=True, label="KrakenD")
    page = en_client.get("/verify/").content.decode()
    ours, _, rest = page.partition('id="unrelated-domains"')
    assert "krakend.io" not in ours and "krakend.io" in rest and "Not ours" in rest
    answer = en_client.post("/verify/", {"value": "https://krakend.io/docs"}).content.decode()
    assert "different organisation" in answer and "Impersonation" not in answer


# --- the admin -----------------------------------------------------------------------------------
@pytest.fixture
def admin_client(db) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@madoguchi.invalid", "pw-long-1")
    client = Client()
    client.force_login(user)
    client.cookies["madoguchi_language"] = "en"
    return client


ADD = "/admin/officials/officialchannel/add/"


def test_admin_adds_an_unrelated_domain_unlisted_from_the_kind_link(admin_client):
    form = admin_client.get(ADD + "?kind=unrelated").content.decode()
    assert 'name="listed"' in form and 'name="listed" checked' not in form
    assert "Known unrelated domain" in form
    data = {"kind": "unrelated", "platform": "", "value": "zaim.net", "label": "", "active": "on"}
    assert admin_client.post(ADD, data).status_code == 302
    assert OfficialChannel.objects.get().line == "unrelated:zaim.net"
    assert verdict_for("zaim.net")["reasons"] == ["unrelated"]


def test_admin_shows_a_conflict_with_an_official_domain_as_a_form_error(admin_client):
    official_channel_create(kind="domain", value="madoguchi.example")
    data = {"kind": "unrelated", "platform": "", "value": "www.madoguchi.example", "active": "on"}
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert "official domain" in response.content.decode()
    assert OfficialChannel.objects.count() == 1
