"""DKIM signatures on outgoing mail (RFC 6376), when the operator configured a key.

Settings: ``DKIM_KEY_FILE`` (env ``MADOGUCHI_DKIM_KEY_FILE``, a PEM RSA private key) and
``DKIM_SELECTOR`` (env ``MADOGUCHI_DKIM_SELECTOR``); the signing domain is the From address's.
The DNS record to publish is ``<selector>._domainkey.<domain> TXT "v=DKIM1; k=rsa; p=..."``.

The signature is computed over the exact bytes the mail backend sends: the message object is
wrapped so that its serialisation is the DKIM-Signature header followed by the signed bytes,
and nothing re-folds the header in between.

>>> # dkim_sign_message(email_message.message())  # unchanged when no key is configured
"""

from __future__ import annotations

import functools
import logging
from email.message import Message
from email.utils import parseaddr
from pathlib import Path

import dkim
from django.conf import settings

log = logging.getLogger(__name__)

#: Headers covered by the signature (RFC 6376 §5.4.1 recommends From, Subject, Date, To,
#: Message-ID and the threading headers; Reply-To because it carries the ticket token).
SIGNED_HEADERS = (
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"in-reply-to",
    b"references",
    b"reply-to",
    b"auto-submitted",
    b"mime-version",
    b"content-type",
    b"content-transfer-encoding",
)


class DkimError(Exception):
    """The configured key cannot be used (missing or unreadable file)."""


@functools.lru_cache(maxsize=4)
def _key(path: str, mtime: float) -> bytes:  # mtime: a rotated key file is read again
    return Path(path).read_bytes()


def dkim_key() -> tuple[bytes, bytes, bytes] | None:
    """(private key PEM, selector, domain) when signing is configured, else None."""
    path = getattr(settings, "DKIM_KEY_FILE", "")
    if not path:
        return None
    try:
        key = _key(path, Path(path).stat().st_mtime)
    except OSError as exc:
        raise DkimError(f"cannot read the DKIM key {path}: {exc.strerror}") from exc
    selector = getattr(settings, "DKIM_SELECTOR", "") or "madoguchi"
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2].lower()
    if not domain:
        raise DkimError("DEFAULT_FROM_EMAIL has no domain to sign for")
    return key, selector.encode("ascii"), domain.encode("idna")


def dkim_signature(raw: bytes) -> bytes | None:
    """The ``DKIM-Signature: ...\\r\\n`` header line for ``raw`` (CRLF), or None if unsigned."""
    config = dkim_key()
    if config is None:
        return None
    key, selector, domain = config
    present = {
        name.split(b":", 1)[0].strip().lower()
        for name in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        if name and name[:1] not in (b" ", b"\t")
    }
    try:
        return dkim.sign(
            raw,
            selector,
            domain,
            key,
            canonicalize=(b"relaxed", b"relaxed"),
            include_headers=[h for h in SIGNED_HEADERS if h in present],
        )
    except dkim.DKIMException as exc:  # not a PEM RSA/Ed25519 key, or a broken one
        raise DkimError(f"cannot sign with the DKIM key: {exc}") from exc


class SignedMessage:
    """A MIME message whose serialisation starts with its DKIM-Signature header.

    Mail backends only call ``as_bytes``/``as_string`` (and read headers): those are the
    methods provided; anything else is delegated to the wrapped message.
    """

    def __init__(self, message: Message, signature: bytes) -> None:
        self._message = message
        self._signature = signature  # CRLF line endings, as signed

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        body = self._message.as_bytes(unixfrom=unixfrom, linesep=linesep)
        return self._signature.replace(b"\r\n", linesep.encode("ascii")) + body

    def as_string(self, unixfrom: bool = False, linesep: str = "\n") -> str:
        return self.as_bytes(unixfrom=unixfrom, linesep=linesep).decode("utf-8", "replace")

    def __getitem__(self, name: str):
        if name.lower() == "dkim-signature":
            return self._signature.decode("ascii").split(":", 1)[1].strip()
        return self._message[name]

    def __getattr__(self, name: str):
        return getattr(self._message, name)


def dkim_sign_message(message: Message) -> Message | SignedMessage:
    """``message`` signed when a key is configured; unchanged otherwise."""
    if not getattr(settings, "DKIM_KEY_FILE", ""):
        return message
    signature = dkim_signature(message.as_bytes(linesep="\r\n"))
    if signature is None:
        return message
    return SignedMessage(message, signature)
