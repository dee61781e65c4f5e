"""The new-request flow end to end: topic, help, form with checked facts, confirmation."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection

from madoguchi.conftest import PHRASE
from madoguchi.kb.models import Article
from madoguchi.portal.tests.conftest import browser, form_token
from madoguchi.tickets.models import Event, Message, Ticket

pytestmark = pytest.mark.django_db(transaction=True)

TRON_ADDRESS = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
TXID = "5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"


def _facts(**overrides: str) -> dict[str, str]:
    data = {
        "asset": "USDT",
        "network": "Tron (TRC20)",
        "amount": "100 USDT",
        "tx_hash": TXID,
        "address": TRON_ADDRESS,
    }
    data.update(overrides)
    return data


def _submit(client, intent_id: str, **fields: str):
    token = form_token(client.get(f"/new/{intent_id}/contact/").content.decode())
    data = {
        "email": "taro@example.jp",
        "name": "山田太郎",
        "subject": "USDTが届きません",
        "description": "昨日送ったUSDTが届いていません。",
        "submission_token": token,
        **fields,
    }
    return client.post(f"/new/{intent_id}/contact/", data), token, data


def _assert_in_no_table(needle: str) -> None:
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                assert needle not in repr(row), table


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ja", ["新しいお問い合わせ", "入出金", "リカバリーフレーズ"]),
     ("en", ["Send a new request", "Deposits and withdrawals", "recovery phrase"])],
)  # fmt: skip
def test_home_says_what_to_do_the_topics_and_what_support_never_asks(language, expected):
    response = browser(language).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in expected:
        assert text in html
    assert 'class="never-ask never-ask-strong"' in html


@pytest.mark.parametrize(
    ("language", "title"),
    [("ja", "誤ったネットワークで送金した"), ("en", "Sent on the wrong network")],
)
def test_topics_list_the_intents_in_the_interface_language(language, title):
    html = browser(language).get("/new/").content.decode()
    assert title in html
    assert 'href="/new/funds.wrong_network/"' in html


def test_help_page_shows_the_articles_of_the_intent_in_the_ui_language():
    Article.objects.create(
        slug="wrong-network",
        language="ja",
        intent="funds.wrong_network",
        title="誤ったネットワークで送金した場合",
        body="**まず**ネットワークを確認してください。<script>alert(1)</script>",
    )
    Article.objects.create(
        slug="wrong-network",
        language="en",
        intent="funds.wrong_network",
        title="If you sent on the wrong network",
        body="Check [the explorer](javascript:alert(1)) first.",
    )
    ja = browser("ja").get("/new/funds.wrong_network/").content.decode()
    assert "誤ったネットワークで送金した場合" in ja and "<strong>まず</strong>" in ja
    assert "If you sent on the wrong network" not in ja
    assert "<script>alert(1)" not in ja
    en = browser("en").get("/new/funds.wrong_network/").content.decode()
    assert "If you sent on the wrong network" in en and "javascript:" not in en
    assert 'href="/new/funds.wrong_network/contact/"' in en


def test_help_page_without_articles_says_so_and_offers_the_form():
    html = browser("en").get("/new/trading.fees/").content.decode()
    assert "We do not have a help article for this topic yet" in html
    assert 'href="/new/trading.fees/contact/"' in html


@pytest.mark.parametrize("url", ["/new/nope.nothing/", "/new/nope.nothing/contact/"])
def test_an_unknown_intent_is_404(url):
    assert browser().get(url).status_code == 404


def test_the_form_asks_exactly_the_slots_of_the_intent():
    html = browser("en").get("/new/funds.missing_memo/contact/").content.decode()
    for slot in ("asset", "amount", "tx_hash", "address", "memo_tag"):
        assert f'name="{slot}"' in html
    for slot in ("network", "occurred_at", "device", "url"):
        assert f'name="{slot}"' not in html
    assert "e.g. 104528917" in html  # the help text gives an example


def test_urgent_intents_show_what_to_do_first():
    urgent = browser("en").get("/new/account.compromised/contact/").content.decode()
    assert "Act now, before anything else" in urgent
    assert "freeze withdrawals" in urgent
    calm = browser("en").get("/new/trading.how_to/contact/").content.decode()
    assert "Act now, before anything else" not in calm


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_request_with_facts_opens_a_ticket_and_confirms_the_reference(language):
    client = browser(language)
    response, _token, _data = _submit(client, "funds.crypto_deposit_missing", **_facts())
    assert response.status_code == 302 and response["Location"] == "/new/sent/"
    ticket = Ticket.objects.get()
    assert ticket.intent == "funds.crypto_deposit_missing" and ticket.channel == "web"
    assert ticket.facts["address"]["chain"] == "tron" and ticket.facts["network"]["value"] == "tron"
    assert Message.objects.get().body == "昨日送ったUSDTが届いていません。"
    assert [e.kind for e in Event.objects.all()] == ["created", "message"]
    done = client.get("/new/sent/").content.decode()
    assert ticket.reference in done
    assert ("サインイン用のリンク" if language == "ja" else "We e-mailed a sign-in link") in done
    assert len(mail.outbox) == 1 and "/access/" in mail.outbox[0].body


def test_a_network_mismatch_is_a_warning_the_customer_can_override():
    client = browser("en")
    response, _token, data = _submit(
        client, "funds.crypto_deposit_missing", **_facts(network="Ethereum (ERC20)")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "is a Tron (TRC20) address, but" in html and "Submit anyway" in html
    assert Ticket.objects.count() == 0
    assert f'value="{TRON_ADDRESS}"' in html  # what the customer typed is kept
    fingerprint = html.split('name="confirm_warnings" value="')[1].split('"')[0]
    again = client.post(
        "/new/funds.crypto_deposit_missing/contact/", {**data, "confirm_warnings": fingerprint}
    )
    assert again.status_code == 302
    assert Ticket.objects.get().facts["network"]["value"] == "ethereum"


def test_a_stale_confirmation_does_not_skip_new_warnings():
    client = browser("en")
    _response, _token, data = _submit(
        client, "funds.crypto_deposit_missing", **_facts(network="Ethereum (ERC20)")
    )
    response = client.post(
        "/new/funds.crypto_deposit_missing/contact/", {**data, "confirm_warnings": "0" * 32}
    )
    assert response.status_code == 200 and Ticket.objects.count() == 0


def test_a_secret_in_the_description_is_stored_redacted_and_the_customer_warned():
    client = browser("ja")
    response, _token, _data = _submit(
        client, "funds.crypto_deposit_missing", description=f"シードは {PHRASE} です"
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.secret_exposed and ticket.priority == "urgent"
    done = client.get("/new/sent/").content.decode()
    assert "リカバリーフレーズ" in done and "recovery phrase" in done  # both languages
    assert "今すぐ" in done
    assert "sausage" not in done
    _assert_in_no_table("sausage")


def test_a_secret_in_a_fact_field_is_cleared_and_never_echoed():
    client = browser("en")
    response, _token, _data = _submit(
        client, "funds.crypto_deposit_missing", **_facts(tx_hash=PHRASE)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "sausage" not in html
    assert "You typed a secret: we removed it" in html
    assert 'name="tx_hash" value=' not in html  # the field is empty
    assert f'value="{TRON_ADDRESS}"' in html  # the other facts are kept
    assert Ticket.objects.count() == 0
    _assert_in_no_table("sausage")


def test_a_secret_in_the_description_is_not_echoed_when_the_form_comes_back():
    client = browser("en")
    response, _token, _data = _submit(
        client,
        "funds.crypto_deposit_missing",
        description=f"my seed: {PHRASE}",
        **_facts(tx_hash="not-a-hash"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "does not look like a transaction ID" in html
    assert "sausage" not in html and "[redacted: recovery phrase]" in html


def test_submitting_the_same_form_twice_opens_one_ticket():
    client = browser("ja")
    first, _token, data = _submit(client, "account.login")
    second = client.post("/new/account.login/contact/", data)
    assert first.status_code == second.status_code == 302
    assert Ticket.objects.count() == 1 and Message.objects.count() == 1
    assert Ticket.objects.get().reference in client.get("/new/sent/").content.decode()


def test_the_confirmation_page_without_a_request_goes_back_to_the_topics():
    response = browser().get("/new/sent/")
    assert response.status_code == 302 and response["Location"] == "/new/"


def test_a_secret_removed_when_the_form_came_back_still_flags_the_request():
    client = browser("en")
    first, _token, data = _submit(
        client,
        "funds.crypto_deposit_missing",
        description=f"my seed: {PHRASE}",
        **_facts(tx_hash="not-a-hash"),
    )
    html = first.content.decode()
    assert first.status_code == 400
    assert 'name="removed_secrets" value="recovery_phrase"' in html
    # the customer fixes the transaction id and sends the form as it came back
    again = {
        **data,
        "description": "my seed: [redacted: recovery phrase]",
        "tx_hash": TXID,
        "removed_secrets": "recovery_phrase",
    }
    assert client.post("/new/funds.crypto_deposit_missing/contact/", again).status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.secret_exposed and ticket.priority == "urgent"
    assert Event.objects.filter(ticket=ticket, kind="secret_redacted").exists()
    assert "recovery phrase" in client.get("/new/sent/").content.decode()
    _assert_in_no_table("sausage")


def test_a_forged_removed_secrets_value_is_ignored():
    client = browser("en")
    response, _token, _data = _submit(client, "account.login", removed_secrets="nonsense,<script>")
    assert response.status_code == 302
    assert not Ticket.objects.get().secret_exposed
