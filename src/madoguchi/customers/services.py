"""Writes for customers: find-or-create by contact identity, magic sign-in links."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.customers.models import ContactIdentity, Customer, MagicLink


class CustomerError(Exception):
    """Base class of customer service errors; messages are user-facing and translated."""


class MagicLinkError(CustomerError):
    """The link is unknown, used or expired."""


def normalize_email(email: str) -> str:
    """Lower-cased, stripped, validated; :class:`CustomerError` when it is not an address.

    >>> normalize_email("  Taro@Example.JP ")
    'taro@example.jp'
    """
    value = (email or "").strip().lower()
    if "\r" in value or "\n" in value or len(value) > 254:
        raise CustomerError(_("Enter a valid e-mail address."))
    try:
        validate_email(value)
    except ValidationError as exc:
        raise CustomerError(_("Enter a valid e-mail address.")) from exc
    return value


def _clean_name(name: str) -> str:
    # CRLF and other controls never reach a stored name (header injection in later e-mail)
    return " ".join("".join(ch if ch.isprintable() else " " for ch in (name or "")).split())[:120]


def customer_get_or_create(
    *, kind: str, value: str, name: str = "", language: str = "ja"
) -> tuple[Customer, bool]:
    """The customer behind a contact identity, created with it when new (race-safe)."""
    if kind == ContactIdentity.Kind.EMAIL:
        value = normalize_email(value)
    identity = (
        ContactIdentity.objects.select_related("customer").filter(kind=kind, value=value).first()
    )
    if identity is not None:
        customer = identity.customer
        if name and not customer.display_name:
            customer.display_name = _clean_name(name)
            customer.save(update_fields=["display_name"])
        return customer, False
    try:
        with transaction.atomic():
            customer = Customer(display_name=_clean_name(name), language=language)
            customer.full_clean(exclude=["public_id"])  # a uuid4 under a unique index
            customer.save()
            ContactIdentity.objects.create(customer=customer, kind=kind, value=value)
            return customer, True
    except IntegrityError:  # another request created it between our read and our write
        identity = ContactIdentity.objects.select_related("customer").get(kind=kind, value=value)
        return identity.customer, False


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def magic_link_create(*, customer: Customer) -> str:
    """A new single-use sign-in token for ``customer`` (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    MagicLink.objects.create(
        customer=customer,
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(seconds=settings.MAGIC_LINK_MAX_AGE),
    )
    return token


def magic_link_redeem(*, token: str) -> Customer:
    """Use a sign-in token once; :class:`MagicLinkError` if unknown, used or expired."""
    if not token or len(token) > 100 or not token.isascii():  # tokens are URL-safe base64
        raise MagicLinkError(_("This sign-in link is not valid. Ask for a new one."))
    with transaction.atomic():
        link = (
            MagicLink.objects.select_for_update()
            .select_related("customer")
            .filter(token_hash=_hash(token))
            .first()
        )
        if link is None:
            raise MagicLinkError(_("This sign-in link is not valid. Ask for a new one."))
        if link.used_at is not None:
            raise MagicLinkError(_("This sign-in link was already used. Ask for a new one."))
        if link.expires_at <= timezone.now():
            raise MagicLinkError(_("This sign-in link has expired. Ask for a new one."))
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        identity = link.customer.identities.filter(kind=ContactIdentity.Kind.EMAIL).first()
        if identity is not None and identity.verified_at is None:
            identity.verified_at = link.used_at
            identity.save(update_fields=["verified_at"])
        return link.customer
