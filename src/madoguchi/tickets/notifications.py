"""E-mails to customers, sent after the transaction that caused them has committed.

Each e-mail carries a fresh single-use sign-in link instead of the ticket's contents, so a
forwarded or intercepted mail discloses as little as possible.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import gettext_noop

from madoguchi.customers.services import magic_link_create
from madoguchi.tickets.models import Ticket

log = logging.getLogger(__name__)


def sign_in_url(token: str) -> str:
    return settings.SITE_URL + reverse("portal:magic", kwargs={"token": token})


def _send(ticket: Ticket, subject: str, lines: list[str]) -> None:
    email = ticket.requester.primary_email
    if not email:
        return
    try:
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [email])
    except OSError:  # SMTP down: the reply is stored; the durable outbox arrives with e-mail
        log.exception("could not e-mail the customer about ticket %s", ticket.reference)


_NEVER_ASK = _lazy(
    "Support will never ask for your recovery phrase, private keys, password or 2FA codes, and "
    "never asks you to send funds anywhere."
)


def _notify(ticket_id: int, subject: str, intro: list[str]) -> None:
    """E-mail the requester in the ticket's language, with a fresh single-use sign-in link."""
    ticket = Ticket.objects.select_related("requester").get(pk=ticket_id)
    with translation.override(ticket.language):
        token = magic_link_create(customer=ticket.requester)
        context = {"ref": ticket.reference, "brand": settings.BRAND_NAME}
        _send(
            ticket,
            _(subject) % context,
            [_(line) % context if line else "" for line in intro]
            + [sign_in_url(token), "", str(_NEVER_ASK)],
        )


def customer_message_received(*, ticket_id: int, created: bool) -> None:
    """Acknowledge a new request with a sign-in link (replies need no acknowledgement)."""
    if created:
        _notify(
            ticket_id,
            gettext_noop("[%(ref)s] We received your request"),
            [
                gettext_noop("Thank you for contacting %(brand)s support."),
                gettext_noop("Your reference number is %(ref)s."),
                "",
                gettext_noop("Follow your request here (the link works once, for a limited time):"),
            ],
        )


def agent_replied(*, ticket_id: int) -> None:
    _notify(
        ticket_id,
        gettext_noop("[%(ref)s] Support replied to your request"),
        [
            gettext_noop("There is a new reply to your request %(ref)s."),
            gettext_noop("Read it and answer here (the link works once, for a limited time):"),
        ],
    )
