"""Reply tokens: ``support+<token>@<domain>`` names a ticket, and only the desk can mint one.

The token is the ticket's public id (128 random bits) and an HMAC of it under the
``SECRET_KEY`` (80 bits kept), both in lower-case base32: mail systems may change the case of
a local part, and a token must survive that. Threading by token instead of by ``In-Reply-To``
alone is what stops a forged header from attaching mail to someone else's ticket.

>>> # reply_address(ticket) -> "support+4x5...q7@madoguchi.example"
"""

from __future__ import annotations

import base64
import binascii
import os

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from madoguchi.tickets.models import Ticket

_SALT = "madoguchi.mail.reply-token"
_MAC_CHARS = 16  # 80 bits of HMAC-SHA256
_ID_CHARS = 26  # a 16-byte public id in base32, unpadded
_MAX_TOKEN = 80


def mail_domain() -> str:
    """The domain the desk receives mail for (``MADOGUCHI_MAIL_DOMAIN``, else the From's)."""
    domain = getattr(settings, "MADOGUCHI_MAIL_DOMAIN", "") or os.environ.get(
        "MADOGUCHI_MAIL_DOMAIN", ""
    )
    if not domain:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >")
    return domain.strip().lower().rstrip(".")


def mail_local_part() -> str:
    """The mailbox before the ``+`` (``support`` from ``support@...``)."""
    local = settings.DEFAULT_FROM_EMAIL.rpartition("@")[0]
    local = local.rpartition("<")[2].strip() or "support"
    return local.split("+", 1)[0]


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=").lower()


def _unb32(text: str) -> bytes:
    text = text.upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def _mac(public_id: str, secret: str | bytes | None = None) -> str:
    digest = salted_hmac(_SALT, public_id, secret=secret, algorithm="sha256").digest()
    return _b32(digest)[:_MAC_CHARS]


def _id_part(public_id: str) -> str:
    # the usual public id is 16 random bytes as URL-safe base64: pack those bytes; any other
    # shape is packed as its ASCII text (longer, still case-proof)
    try:
        raw = base64.urlsafe_b64decode(public_id + "=" * (-len(public_id) % 4))
        if len(raw) == 16 and base64.urlsafe_b64encode(raw).decode().rstrip("=") == public_id:
            return _b32(raw)
    except (binascii.Error, ValueError):
        pass
    return _b32(public_id.encode("ascii"))


def reply_token(ticket: Ticket) -> str:
    """The token for ``ticket`` (stable: the same ticket always gets the same token)."""
    return _id_part(ticket.public_id) + _mac(ticket.public_id)


def reply_address(ticket: Ticket) -> str:
    """``support+<token>@<domain>``: the Reply-To of every mail about ``ticket``."""
    return f"{mail_local_part()}+{reply_token(ticket)}@{mail_domain()}"


def _public_id(token: str) -> str | None:
    token = token.strip().lower()
    if not (_MAC_CHARS < len(token) <= _MAX_TOKEN) or not token.isalnum() or not token.isascii():
        return None
    id_part, mac = token[:-_MAC_CHARS], token[-_MAC_CHARS:]
    try:
        raw = _unb32(id_part)
    except (binascii.Error, ValueError):
        return None
    if len(id_part) == _ID_CHARS and len(raw) == 16:
        public_id = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
    else:
        try:
            public_id = raw.decode("ascii")
        except UnicodeDecodeError:
            return None
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if any(constant_time_compare(mac, _mac(public_id, secret)) for secret in secrets):
        return public_id
    return None


def ticket_for_token(token: str) -> Ticket | None:
    """The ticket a token names, or None when the token is malformed, forged or stale."""
    public_id = _public_id(token)
    if public_id is None:
        return None
    return Ticket.objects.select_related("requester").filter(public_id=public_id).first()


def token_from_address(address: str) -> str | None:
    """The token in ``support+<token>@<our domain>``; None for any other address.

    >>> # token_from_address("support+abc...@madoguchi.example") -> "abc..."
    """
    local, at, domain = address.strip().rpartition("@")
    if not at or domain.lower().rstrip(".") != mail_domain() or "+" not in local:
        return None
    return local.split("+", 1)[1] or None


def ticket_for_addresses(addresses: list[str] | tuple[str, ...]) -> Ticket | None:
    """The first ticket named by a valid token among ``addresses`` (envelope, To, Cc)."""
    for address in addresses:
        token = token_from_address(address)
        if token:
            ticket = ticket_for_token(token)
            if ticket is not None:
                return ticket
    return None
