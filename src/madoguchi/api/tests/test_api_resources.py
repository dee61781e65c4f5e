"""Tickets, messages, customers, articles and search through the API, with scopes."""

from __future__ import annotations

import pytest

from madoguchi.kb.models import Article
from madoguchi.tickets.models import Event, Message, Ticket

pytestmark = pytest.mark.django_db

NEW = {"email": "hanako@example.jp", "subject": "入金", "body": "XRPの入金が反映されません"}


def test_errors_have_one_shape(api, make_key):
    key = make_key("tickets:read")
    cases = [
        api("get", "/api/v1/tickets", None),  # 401
        api("get", "/api/v1/webhooks", key),  # 403
        api("get", "/api/v1/tickets/MDG-99-999999", key),  # 404
        api("get", "/api/v1/tickets?limit=0", key),  # 422
        api("get", "/api/v1/tickets?cursor=bm9wZQ", key),  # 400
        api("post", "/api/v1/tickets", make_key("tickets:write"), json={"nope": 1}),  # 422
    ]
    assert [r.status_code for r in cases] == [401, 403, 404, 422, 400, 422]
    for response in cases:
        error = response.json()["error"]
        assert set(error) <= {"code", "message", "field"} and error["code"] and error["message"]
    assert cases[4].json()["error"] == {
        "code": "invalid_cursor",
        "message": "the cursor is not valid",
        "field": "cursor",
    }


def test_malformed_json_is_a_400_in_the_same_shape(client, make_key):
    response = client.post(
        "/api/v1/tickets",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {make_key('tickets:write')}",
    )
    assert response.status_code in (400, 422)
    assert response.json()["error"]["code"] in ("bad_request", "validation_error")


def test_each_endpoint_needs_its_scope(api, make_key, file_request):
    ref = file_request().ticket.reference
    key = make_key("articles:read")
    for method, url, body in [
        ("get", "/api/v1/tickets", None),
        ("get", f"/api/v1/tickets/{ref}", None),
        ("post", "/api/v1/tickets", NEW),
        ("patch", f"/api/v1/tickets/{ref}", {"priority": "low"}),
        ("get", f"/api/v1/tickets/{ref}/messages", None),
        ("get", "/api/v1/customers?email=taro@example.jp", None),
        ("get", "/api/v1/search/tickets?q=x", None),
        ("get", "/api/v1/webhooks", None),
    ]:
        response = api(method, url, key, json=body)
        assert response.status_code == 403, (method, url)
    assert Ticket.objects.count() == 1


def test_list_pages_with_a_cursor_and_filters(api, make_key, file_request):
    refs = [file_request(email=f"c{i}@example.jp").ticket.reference for i in range(7)]
    Ticket.objects.filter(reference=refs[0]).update(status="solved")
    key = make_key("tickets:read")
    seen: list[str] = []
    url = "/api/v1/tickets?limit=3"
    while url:
        data = api("get", url, key).json()
        seen += [t["reference"] for t in data["items"]]
        url = f"/api/v1/tickets?limit=3&cursor={data['next_cursor']}" if data["next_cursor"] else ""
    assert seen == list(reversed(refs))  # newest first, each once
    solved = api("get", "/api/v1/tickets?status=solved", key).json()["items"]
    assert [t["reference"] for t in solved] == [refs[0]]
    assert api("get", "/api/v1/tickets?status=bogus", key).status_code == 422


def test_create_is_idempotent_and_goes_through_intake(api, make_key):
    key = make_key("tickets:write", "tickets:read")
    first = api("post", "/api/v1/tickets", key, json=NEW, HTTP_IDEMPOTENCY_KEY="k-1")
    again = api("post", "/api/v1/tickets", key, json=NEW, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Ticket.objects.count() == 1 and Ticket.objects.get().channel == "api"
    other = api(
        "post", "/api/v1/tickets", key, json={**NEW, "body": "別の話"}, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    # another key's "k-1" is another request
    third = api(
        "post", "/api/v1/tickets", make_key("tickets:write"), json=NEW, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert third.status_code == 201 and Ticket.objects.count() == 2


def test_idempotency_records_expire_after_a_day(api, make_key):
    from datetime import timedelta

    from django.utils import timezone

    from madoguchi.api.models import IdempotencyRecord

    key = make_key("tickets:write")
    api("post", "/api/v1/tickets", key, json=NEW, HTTP_IDEMPOTENCY_KEY="old")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    again = api("post", "/api/v1/tickets", key, json=NEW, HTTP_IDEMPOTENCY_KEY="old")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert Ticket.objects.count() == 2 and IdempotencyRecord.objects.count() == 1


def test_a_bad_idempotency_key_is_a_400(api, make_key):
    response = api(
        "post",
        "/api/v1/tickets",
        make_key("tickets:write"),
        json=NEW,
        HTTP_IDEMPOTENCY_KEY="x" * 201,
    )
    assert response.status_code == 400 and response.json()["error"]["field"] == "Idempotency-Key"
    assert Ticket.objects.count() == 0


def test_updates_and_replies_act_as_the_keys_agent(api, make_key, file_request, agent_user, team):
    ref = file_request().ticket.reference
    anonymous = make_key("tickets:write")
    refused = api("patch", f"/api/v1/tickets/{ref}", anonymous, json={"priority": "low"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "no_agent"
    key = make_key("tickets:write", "tickets:read", agent=agent_user)
    changed = api(
        "patch",
        f"/api/v1/tickets/{ref}",
        key,
        json={"priority": "low", "assignee": "aiko", "team": team.slug},
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["priority"] == "low" and changed.json()["assignee"] == "aiko"
    ticket = Ticket.objects.get()
    assert ticket.team == team
    kinds = set(Event.objects.filter(actor_agent=agent_user).values_list("kind", flat=True))
    assert {"priority", "assignment", "team"} <= kinds
    cleared = api("patch", f"/api/v1/tickets/{ref}", key, json={"assignee": None})
    assert cleared.json()["assignee"] is None
    nobody = api("patch", f"/api/v1/tickets/{ref}", key, json={"assignee": "ghost"})
    assert nobody.status_code == 422 and nobody.json()["error"]["field"] == "assignee"
    bad = api("patch", f"/api/v1/tickets/{ref}", key, json={"status": None})
    assert bad.status_code == 422

    note = api(
        "post", f"/api/v1/tickets/{ref}/messages", key, json={"body": "社内メモ", "internal": True}
    )
    reply = api("post", f"/api/v1/tickets/{ref}/messages", key, json={"body": "確認します"})
    assert note.status_code == reply.status_code == 201
    assert reply.json()["author"] == "aiko" and reply.json()["visibility"] == "public"
    public = api("get", f"/api/v1/tickets/{ref}/messages", key).json()["items"]
    everything = api("get", f"/api/v1/tickets/{ref}/messages?include_internal=true", key).json()
    assert "社内メモ" not in [m["body"] for m in public]
    assert "社内メモ" in [m["body"] for m in everything["items"]]
    assert Message.objects.filter(author_agent=agent_user).count() == 2


def test_a_reply_with_a_secret_is_stored_redacted(api, make_key, file_request, agent_user):
    from madoguchi.conftest import PHRASE

    ref = file_request().ticket.reference
    key = make_key("tickets:write", agent=agent_user)
    response = api("post", f"/api/v1/tickets/{ref}/messages", key, json={"body": f"seed {PHRASE}"})
    assert response.status_code == 201 and "sausage" not in response.content.decode()


def test_customers_are_found_by_exact_email_only(api, make_key, file_request):
    file_request(email="Taro@Example.jp")
    key = make_key("customers:read")
    found = api("get", "/api/v1/customers?email=TARO@example.jp", key).json()["items"]
    assert len(found) == 1 and found[0]["emails"] == ["taro@example.jp"]
    assert found[0]["ticket_count"] == 1
    assert api("get", "/api/v1/customers?email=taro", key).json()["items"] == []
    one = api("get", f"/api/v1/customers/{found[0]['id']}", key)
    assert one.status_code == 200 and one.json()["id"] == found[0]["id"]
    assert api("get", "/api/v1/customers/1", key).status_code == 404
    assert api("get", "/api/v1/customers", key).status_code == 422  # no listing of everyone


def test_articles_are_read_only(api, make_key):
    Article.objects.create(
        slug="deposit-tag", language="ja", intent="funds.missing_memo", title="タグ", body="本文"
    )
    Article.objects.create(
        slug="deposit-tag", language="en", intent="funds.missing_memo", title="Tag", body="Body"
    )
    key = make_key("articles:read")
    listed = api("get", "/api/v1/articles?language=en", key).json()["items"]
    assert [a["title"] for a in listed] == ["Tag"]
    one = api("get", "/api/v1/articles/ja/deposit-tag", key).json()
    assert one["body"] == "本文"
    assert api("get", "/api/v1/articles/ja/nope", key).status_code == 404
    assert api("post", "/api/v1/articles", key, json={"slug": "x"}).status_code == 405


def test_search_by_reference_or_subject(api, make_key, file_request):
    a = file_request(subject="出金が遅い").ticket
    file_request(email="b@example.jp", subject="ログインできない")
    key = make_key("tickets:read")
    by_ref = api("get", f"/api/v1/search/tickets?q={a.reference.lower()}", key).json()["items"]
    assert [t["reference"] for t in by_ref] == [a.reference]
    by_subject = api("get", "/api/v1/search/tickets?q=ログイン", key).json()["items"]
    assert [t["subject"] for t in by_subject] == ["ログインできない"]


def test_a_key_is_rate_limited_with_retry_after(api, make_key, monkeypatch):
    monkeypatch.setenv("MADOGUCHI_API_RATE_LIMIT", "3")
    key = make_key("tickets:read")
    codes = [api("get", "/api/v1/tickets", key).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = api("get", "/api/v1/tickets", key)
    assert limited["Retry-After"] == "60" and limited.json()["error"]["code"] == "rate_limited"


def test_the_openapi_document_is_served(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/tickets", "/api/v1/webhooks", "/api/v1/articles"} <= set(document["paths"])
    responses = document["paths"]["/api/v1/tickets"]["get"]["responses"]
    assert {"200", "401", "403", "422", "429"} <= set(responses)
