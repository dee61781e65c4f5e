"""DKIM: mail received by a real SMTP server verifies with dkimpy against the published key."""

from __future__ import annotations

import base64
import shutil
import subprocess

import dkim
import pytest
from django.db import transaction
from django.test import override_settings

from madoguchi.mail.dkim import DkimError, dkim_sign_message
from madoguchi.mail.outbox import mail_enqueue
from madoguchi.mail.tests.smtp_server import SmtpServer

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command"),
]

SELECTOR = "mdg2026"
DOMAIN = "madoguchi.example"


@pytest.fixture(scope="module")
def key_pair(tmp_path_factory):
    """A fresh RSA key (never a key checked into the repository) and its DNS TXT record."""
    folder = tmp_path_factory.mktemp("dkim")
    private = folder / "dkim.pem"
    subprocess.run(
        ["openssl", "genrsa", "-traditional", "-out", str(private), "2048"],
        check=True,
        capture_output=True,
    )
    public_der = subprocess.run(
        ["openssl", "rsa", "-in", str(private), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public_der)
    return private, record


def dns_for(record: bytes):
    """A DNS-free TXT lookup that knows only our selector's record."""

    def lookup(name: bytes, timeout: int = 5) -> bytes | None:
        return record if name == f"{SELECTOR}._domainkey.{DOMAIN}.".encode() else None

    return lookup


@pytest.fixture
def signing(key_pair):
    private, record = key_pair
    with (
        SmtpServer() as server,
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
            EMAIL_TIMEOUT=5,
            DEFAULT_FROM_EMAIL=f"窓口取引所 <support@{DOMAIN}>",
            DKIM_KEY_FILE=str(private),
            DKIM_SELECTOR=SELECTOR,
        ),
    ):
        yield server, record


def _send(**kwargs) -> None:
    with transaction.atomic():
        mail_enqueue(to_address="hanako@example.jp", **kwargs)


def test_a_sent_mail_verifies(signing):
    server, record = signing
    _send(
        subject="[MDG-26-000001] サポートから返信があります",
        body_text="新しい返信があります。\nSupport replied.",
        in_reply_to="<abc.1@mail.example.jp>",
        reply_to="reply+token@madoguchi.example",
        auto_submitted=True,
    )
    (received,) = server.received
    assert received.raw.startswith(b"DKIM-Signature:")
    assert dkim.verify(received.raw, dnsfunc=dns_for(record))
    signature = received.message["DKIM-Signature"]
    assert f"d={DOMAIN}" in signature and f"s={SELECTOR}" in signature
    assert "reply-to" in signature and "in-reply-to" in signature and "message-id" in signature


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"To: hanako@example.jp", b"To: mallory@example.jp"),
        (b"Reply-To: reply+token@madoguchi.example", b"Reply-To: evil@attacker.example"),
        (b"\r\n\r\n", b"\r\n\r\nInjected line.\r\n"),
    ],
)
def test_a_changed_header_or_body_fails_verification(signing, old, new):
    server, record = signing
    _send(subject="s", body_text="本文", reply_to="reply+token@madoguchi.example")
    (received,) = server.received
    assert old in received.raw
    tampered = received.raw.replace(old, new, 1)
    assert not dkim.verify(tampered, dnsfunc=dns_for(record))


def test_another_key_does_not_verify(signing, tmp_path):
    server, _record = signing
    other = tmp_path / "other.pem"
    subprocess.run(
        ["openssl", "genrsa", "-out", str(other), "2048"], check=True, capture_output=True
    )
    der = subprocess.run(
        ["openssl", "rsa", "-in", str(other), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    _send(subject="s", body_text="b")
    (received,) = server.received
    assert not dkim.verify(
        received.raw, dnsfunc=dns_for(b"v=DKIM1; k=rsa; p=" + base64.b64encode(der))
    )


def test_no_key_configured_means_no_signature():
    from django.core.mail import EmailMessage

    message = EmailMessage("s", "b", "support@madoguchi.example", ["a@example.jp"]).message()
    with override_settings(DKIM_KEY_FILE=""):
        assert dkim_sign_message(message) is message


def test_a_missing_key_file_is_a_clear_error(tmp_path):
    from django.core.mail import EmailMessage

    message = EmailMessage("s", "b", "support@madoguchi.example", ["a@example.jp"]).message()
    with (
        override_settings(DKIM_KEY_FILE=str(tmp_path / "missing.pem")),
        pytest.raises(DkimError, match="cannot read the DKIM key"),
    ):
        dkim_sign_message(message)


def test_a_key_file_that_is_not_a_key_is_a_clear_error(tmp_path):
    from django.core.mail import EmailMessage

    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    message = EmailMessage("s", "b", "support@madoguchi.example", ["a@example.jp"]).message()
    with (
        override_settings(DKIM_KEY_FILE=str(bad)),
        pytest.raises(DkimError, match="cannot sign"),
    ):
        dkim_sign_message(message)
