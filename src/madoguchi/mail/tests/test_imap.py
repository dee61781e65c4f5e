"""IMAP polling against a real Dovecot server (skipped when Dovecot is not installed)."""

from __future__ import annotations

import shutil

import pytest

from madoguchi.mail.imap import ImapError, ImapSettings, imap_poll
from madoguchi.mail.models import InboundMail, ParkedMail
from madoguchi.mail.tests.dovecot import PASSWORD, USER, dovecot_binary, dovecot_start
from madoguchi.mail.tests.mailbuilder import fixture, mime_bomb
from madoguchi.tickets.models import Message, Ticket

needs_dovecot = pytest.mark.skipif(
    dovecot_binary() is None, reason="dovecot not installed (apt-get install -y dovecot-imapd)"
)


@pytest.fixture(scope="module")
def dovecot():
    server = dovecot_start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(dovecot):
    """An empty INBOX (and Processed folder) for each test."""
    client = dovecot.client()
    for folder in ("INBOX", "Processed"):
        client.create(folder)
        if int(client.select(folder)[1][0]):
            client.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
            client.expunge()
    client.select("INBOX")
    yield client
    client.logout()


def config(dovecot, **kwargs) -> ImapSettings:
    return ImapSettings(
        host="127.0.0.1",
        port=dovecot.port,
        user=USER,
        password=PASSWORD,
        security="plain",
        **kwargs,
    )


def append(client, *raws: bytes) -> None:
    for raw in raws:
        assert client.append("INBOX", None, None, raw)[0] == "OK"


def unseen(client, folder: str = "INBOX") -> list[bytes]:
    client.select(folder)
    return client.uid("SEARCH", None, "UNSEEN")[1][0].split()


def count(client, folder: str) -> int:
    return int(client.select(folder)[1][0])


@needs_dovecot
@pytest.mark.django_db
def test_poll_stores_parks_and_marks_seen(dovecot, mailbox):
    append(
        mailbox,
        fixture("ja_iso2022jp"),
        fixture("ja_eucjp"),
        fixture("auto_reply"),
        mime_bomb(1000),
    )
    result = imap_poll(config=config(dovecot))
    assert (result.fetched, result.created, result.parked) == (4, 2, 2)
    assert unseen(mailbox) == []
    assert count(mailbox, "INBOX") == 4  # only marked, not moved
    assert Ticket.objects.count() == 2
    body = Message.objects.get(ticket__subject="①出金が届きません", author_kind="customer").body
    assert "㈱髙橋商事の髙橋です" in body
    assert set(ParkedMail.objects.values_list("reason", flat=True)) == {
        ParkedMail.Reason.AUTOMATED,
        ParkedMail.Reason.UNPARSEABLE,
    }
    assert imap_poll(config=config(dovecot)).fetched == 0


@needs_dovecot
@pytest.mark.django_db
def test_poll_moves_after_storing(dovecot, mailbox):
    append(mailbox, fixture("en_plain"), fixture("ja_utf8"))
    result = imap_poll(config=config(dovecot, move_to="Processed"))
    assert result.created == 2
    assert count(mailbox, "INBOX") == 0
    assert count(mailbox, "Processed") == 2


@needs_dovecot
@pytest.mark.django_db
def test_a_message_seen_again_after_a_crash_is_stored_once(dovecot, mailbox):
    append(mailbox, fixture("ja_shiftjis_qp"))
    assert imap_poll(config=config(dovecot)).created == 1
    # as if the process died after the commit and before \Seen reached the server
    mailbox.select("INBOX")
    mailbox.store("1:*", "-FLAGS.SILENT", "(\\Seen)")
    result = imap_poll(config=config(dovecot))
    assert (result.fetched, result.duplicate) == (1, 1)
    assert InboundMail.objects.count() == 1
    assert unseen(mailbox) == []


@needs_dovecot
@pytest.mark.django_db
def test_oversized_message_is_parked_from_its_headers(dovecot, mailbox, settings):
    settings.MADOGUCHI_MAIL_MAX_BYTES = 2000
    append(mailbox, fixture("ja_iso2022jp") + b"x" * 5000 + b"\r\n")
    result = imap_poll(config=config(dovecot))
    assert result.parked == 1
    parked = ParkedMail.objects.get()
    assert parked.reason == ParkedMail.Reason.TOO_LARGE
    assert bytes(parked.raw).startswith(b"Content-Type") or b"Message-ID" in bytes(parked.raw)


@needs_dovecot
def test_wrong_password_is_a_clean_error(dovecot):
    bad = ImapSettings(
        host="127.0.0.1", port=dovecot.port, user=USER, password="wrong", security="plain"
    )
    with pytest.raises(ImapError):
        imap_poll(config=bad)


def test_settings_from_the_environment():
    env = {
        "MADOGUCHI_IMAP_HOST": "imap.example.jp",
        "MADOGUCHI_IMAP_USER": "support",
        "MADOGUCHI_IMAP_PASSWORD": "pw",
        "MADOGUCHI_IMAP_SECURITY": "starttls",
        "MADOGUCHI_IMAP_MOVE_TO": "Processed",
    }
    config = ImapSettings.from_env(env)
    assert (config.port, config.security, config.move_to) == (143, "starttls", "Processed")
    assert ImapSettings.from_env({**env, "MADOGUCHI_IMAP_SECURITY": "ssl"}).port == 993


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "MADOGUCHI_IMAP_HOST"),
        ({"MADOGUCHI_IMAP_HOST": "h", "MADOGUCHI_IMAP_USER": "u"}, "PASSWORD"),
        ({"MADOGUCHI_IMAP_SECURITY": "none"}, "SECURITY"),
        (
            {
                "MADOGUCHI_IMAP_HOST": "h",
                "MADOGUCHI_IMAP_USER": "u",
                "MADOGUCHI_IMAP_PASSWORD": "p",
                "MADOGUCHI_IMAP_PORT": "99999",
            },
            "PORT",
        ),
    ],
)
def test_bad_settings(env, message):
    with pytest.raises(ImapError, match=message):
        ImapSettings.from_env(env)


def test_unreachable_server_is_a_clean_error():
    with pytest.raises(ImapError):
        imap_poll(
            config=ImapSettings(
                host="127.0.0.1", port=1, user="u", password="p", security="plain", timeout=5
            )
        )


needs_tls = pytest.mark.skipif(
    dovecot_binary() is None or shutil.which("openssl") is None,
    reason="dovecot or openssl not installed",
)


@pytest.fixture(scope="module")
def dovecot_tls():
    server = dovecot_start(tls=True)
    yield server
    server.stop()


@needs_tls
@pytest.mark.django_db
@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_poll_over_tls(dovecot_tls, security):
    client = dovecot_tls.client()
    client.append("INBOX", None, None, fixture("en_plain"))
    client.logout()
    result = imap_poll(
        config=ImapSettings(
            host="127.0.0.1",
            port=dovecot_tls.tls_port if security == "ssl" else dovecot_tls.port,
            user=USER,
            password=PASSWORD,
            security=security,
            ca_file=str(dovecot_tls.certificate),
        )
    )
    assert (result.fetched, result.created) == (1, 1)


@needs_tls
@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_an_unknown_certificate_is_refused(dovecot_tls, security):
    with pytest.raises(ImapError, match="CERTIFICATE_VERIFY_FAILED"):
        imap_poll(
            config=ImapSettings(
                host="127.0.0.1",
                port=dovecot_tls.tls_port if security == "ssl" else dovecot_tls.port,
                user=USER,
                password=PASSWORD,
                security=security,
            )
        )
