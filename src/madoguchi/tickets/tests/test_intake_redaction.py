"""Redaction before storage: a raw secret reaches no table, no SQL statement and no log line.

The scan reads every row of every table. Logging runs at DEBUG for every logger with
``settings.DEBUG`` on, so Django logs each SQL statement with its parameters: a secret that
reached SQL at all would show up there.
"""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from madoguchi.conftest import PHRASE
from madoguchi.tickets.intake import Inbound, intake

pytestmark = pytest.mark.django_db(transaction=True)

#: a valid WIF private key (the Bitcoin wiki's example), a password, and the phrase's rare word
WIF = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
PASSWORD = "hunter2-Kx9!zq"
NEEDLES = ("sausage", WIF, PASSWORD)


def rows_containing(needle: str) -> list[str]:
    """Tables with a row whose text holds ``needle`` (every table, every column)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            if any(needle in repr(row) for row in cursor.fetchall()):
                found.append(table)
    return found


@pytest.fixture
def every_log_line(caplog, settings):
    """Capture every logger at DEBUG, SQL with its parameters included."""
    settings.DEBUG = True  # Django's SQL logging (and connection.queries) need DEBUG
    caplog.set_level(logging.DEBUG)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger):
            caplog.set_level(logging.DEBUG, logger=name)
            if not logger.propagate:
                logger.addHandler(caplog.handler)
    yield caplog
    for logger in logging.root.manager.loggerDict.values():
        if isinstance(logger, logging.Logger) and caplog.handler in logger.handlers:
            logger.removeHandler(caplog.handler)


def logged_text(caplog) -> str:
    return "\n".join(
        f"{r.getMessage()} {getattr(r, 'sql', '')} {getattr(r, 'params', '')}"
        for r in caplog.records
    )


def assert_nowhere(needles, *, caplog, queries) -> None:
    text = logged_text(caplog)
    assert "SELECT" in text or "INSERT" in text, "SQL logging is not on: the check is void"
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    outbox = "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)
    for needle in needles:
        assert rows_containing(needle) == [], needle
        assert needle not in text, f"{needle!r} in a log line"
        assert needle not in sql, f"{needle!r} reached SQL"
        assert needle not in outbox, f"{needle!r} in an e-mail"


SECRET_MESSAGES = {
    "phrase_in_body": {"body": f"シードは {PHRASE} です。出金できません。"},
    "phrase_in_subject": {"subject": f"help {PHRASE}", "body": "出金できません"},
    "wif_in_body": {"body": f"My private key is {WIF} please check my wallet"},
    "password_in_body": {"body": f"I cannot log in. username taro password: {PASSWORD}"},
    "phrase_split_by_newlines": {"body": "my seed:\n" + "\n".join(PHRASE.split())},
    "phrase_in_the_name_field": {"name": PHRASE, "body": "出金できません"},
    "secrets_in_facts": {
        "body": "送金が届きません",
        "intent": "funds.crypto_deposit_missing",
        "facts": {"tx_hash": PHRASE, "address": WIF, "error_message": f"password: {PASSWORD}"},
    },
}


@pytest.mark.parametrize("fields", SECRET_MESSAGES.values(), ids=SECRET_MESSAGES.keys())
def test_a_secret_reaches_no_table_no_sql_no_log_line(every_log_line, fields):
    with CaptureQueriesContext(connection) as queries:
        result = intake(
            inbound=Inbound(
                channel="web",
                identity_value="taro@example.jp",
                name=fields.get("name", "Taro"),
                subject=fields.get("subject", "出金について"),
                body=fields["body"],
                intent=fields.get("intent", "funds.withdrawal_delayed"),
                facts=fields.get("facts", {}),
                external_id="form-secret",
            )
        )
    assert result.ticket.secret_exposed
    assert any(w["code"] == "secret_shared" for w in result.warnings)
    assert len(mail.outbox) == 1  # the acknowledgement went out (after commit) and is clean
    assert_nowhere(NEEDLES, caplog=every_log_line, queries=queries)


def test_a_secret_in_a_reply_reaches_no_table_no_log_line(every_log_line, file_request):
    ticket = file_request().ticket
    with CaptureQueriesContext(connection) as queries:
        reply = intake(
            inbound=Inbound(
                channel="api",
                identity_value="TARO@example.jp",
                body=f"追加です: {PHRASE}",
                ticket=ticket,
                external_id="api-77",
            )
        )
    assert not reply.created
    ticket.refresh_from_db()
    assert ticket.secret_exposed and ticket.priority == "urgent"
    assert ticket.events.filter(kind="secret_redacted").exists()
    assert_nowhere(NEEDLES, caplog=every_log_line, queries=queries)


def test_the_redacted_message_keeps_what_an_agent_needs(file_request):
    result = file_request(body=f"ウォレットの秘密鍵 {WIF} を送ります。0.5 BTC が消えました")
    body = result.message.body
    assert WIF not in body and "0.5 BTC" in body
    secrets = result.message.analysis["secrets"]
    assert [s["kind"] for s in secrets] == ["private_key"]
    assert set(secrets[0]) == {"kind", "start", "end"}  # kinds and spans only, never the text


def test_a_message_without_a_secret_is_not_flagged(file_request):
    result = file_request(body="出金が3日たっても届きません。0.5 ETH です。")
    assert not result.ticket.secret_exposed
    assert result.message.analysis["secrets"] == []
    assert not result.ticket.events.filter(kind="secret_redacted").exists()
