"""The built-in SMTP receiver (aiosmtpd) for deployments that point MX at madoguchi.

It accepts mail only for the desk's domains (550 otherwise: never an open relay), refuses
bodies over the size limit (552, aiosmtpd's ``data_size_limit``), and answers 250 only after
:func:`mail_receive` has committed the message or parked it; a database failure answers 451 so
the sending server keeps the mail and retries.
"""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
from dataclasses import dataclass

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.db import close_old_connections, connections

from madoguchi.mail.inbound import MailTransientError, mail_receive, max_message_bytes
from madoguchi.mail.tokens import mail_domain

log = logging.getLogger(__name__)

MAX_RECIPIENTS = 50


def accepted_domains() -> frozenset[str]:
    """The desk's mail domain and ``MADOGUCHI_MAIL_ACCEPT_DOMAINS`` (comma-separated)."""
    extra = os.environ.get("MADOGUCHI_MAIL_ACCEPT_DOMAINS", "")
    domains = {mail_domain(), *(d.strip().lower().rstrip(".") for d in extra.split(","))}
    return frozenset(d for d in domains if d)


class InboundHandler:
    """aiosmtpd handler: recipient check, then ``mail_receive`` in a worker thread."""

    def __init__(self, *, domains: frozenset[str] | None = None, source: str = "smtp") -> None:
        self.domains = domains if domains is not None else accepted_domains()
        self.source = source

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        domain = address.rpartition("@")[2].strip().lower().rstrip(".")
        if domain not in self.domains:
            return "550 5.7.1 Relaying denied: not a domain of this desk"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        if isinstance(envelope.content, bytes) and not raw:
            raw = envelope.content
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(
                None, self._receive, _with_return_path(raw, envelope), list(envelope.rcpt_tos)
            )
        except MailTransientError:
            log.exception("inbound smtp: transient failure, the sender will retry")
            return "451 4.3.0 Temporary failure, please try again later"
        # the same answer whatever became of it: no oracle for tokens or threading
        return "250 2.0.0 OK"

    def _receive(self, raw: bytes, rcpt_tos: list[str]):
        # an executor thread: it opens its own connection, closed after each mail so idle
        # threads hold none (a server restart or a test database teardown is not blocked)
        close_old_connections()
        try:
            return mail_receive(raw, envelope_to=rcpt_tos, source=self.source)
        finally:
            connections.close_all()


def _with_return_path(raw: bytes, envelope: Envelope) -> bytes:
    """Prepend Return-Path as the final MTA does (RFC 5321 §4.4): ``<>`` marks a bounce.

    Ours comes first, so a Return-Path the sender wrote into the message is not the one read.
    """
    sender = (envelope.mail_from or "").strip()
    if sender.startswith("<") and sender.endswith(">"):  # the null sender arrives as "<>"
        sender = sender[1:-1].strip()
    if any(ch in sender for ch in "\r\n<>") or not sender.isascii():
        return bytes(raw)  # not an address we can write down: leave the message as it came
    return b"Return-Path: <" + sender.encode("ascii") + b">\r\n" + bytes(raw)


def _tls_context() -> ssl.SSLContext | None:
    cert = os.environ.get("MADOGUCHI_SMTPD_TLS_CERT")
    key = os.environ.get("MADOGUCHI_SMTPD_TLS_KEY")
    if not cert or not key:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@dataclass
class Receiver:
    """A running receiver (a thread with its own event loop); ``stop()`` when done."""

    controller: Controller

    @property
    def port(self) -> int:
        return self.controller.port

    def stop(self) -> None:
        self.controller.stop()


def receiver_start(
    *, host: str = "127.0.0.1", port: int = 2525, domains: frozenset[str] | None = None
) -> Receiver:
    """Start the receiver in a background thread (STARTTLS when a cert and key are set)."""
    tls = _tls_context()
    controller = Controller(
        InboundHandler(domains=domains),
        hostname=host,
        port=port,
        data_size_limit=max_message_bytes(),
        ident="madoguchi",
        tls_context=tls,
        timeout=120,
    )
    controller.start()
    return Receiver(controller)
