"""Portal writes that are not ticket intake: e-mailing a sign-in link on request.

>>> # sign_in_link_send(email="taro@example.jp", language="ja")  # -> None, whoever asks
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from madoguchi.customers.models import ContactIdentity
from madoguchi.customers.services import magic_link_create
from madoguchi.tickets.notifications import sign_in_url

log = logging.getLogger(__name__)


def sign_in_link_send(*, email: str, language: str) -> None:
    """E-mail a single-use sign-in link if a customer has this (normalised) address.

    Returns nothing either way: the caller must answer the same whether or not we know it.
    """
    identity = (
        ContactIdentity.objects.select_related("customer")
        .filter(kind=ContactIdentity.Kind.EMAIL, value=email)
        .first()
    )
    if identity is None:
        return
    token = magic_link_create(customer=identity.customer)
    transaction.on_commit(lambda: _send(email, token, language))


def _send(email: str, token: str, language: str) -> None:
    minutes = settings.MAGIC_LINK_MAX_AGE // 60
    with translation.override(language):
        subject = _("Your sign-in link for %(brand)s support") % {"brand": settings.BRAND_NAME}
        lines = [
            _("Someone (hopefully you) asked to sign in to %(brand)s support.")
            % {"brand": settings.BRAND_NAME},
            _("Open this link to see and answer your requests. It works once, for %(n)s minutes:")
            % {"n": minutes},
            sign_in_url(token),
            "",
            _("If you did not ask for it, ignore this e-mail: nobody can sign in without it."),
            _(
                "Support will never ask for your recovery phrase, private keys, password or "
                "2FA codes, and never asks you to send funds anywhere."
            ),
        ]
    try:
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [email])
    except OSError:
        log.exception("could not send a sign-in link")
