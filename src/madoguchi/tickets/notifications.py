"""E-mails to customers, written to the outbox in the transaction of the change that causes them.

The services call these functions *inside* their transaction: the outbox row commits or rolls
back with the reply (``madoguchi.mail.outbox``), and is sent after commit with retries.

Each e-mail carries a fresh single-use sign-in link instead of the ticket's contents, so a
forwarded or intercepted mail discloses as little as possible; the link is minted when the mail
is sent (:data:`~madoguchi.mail.outbox.SIGN_IN_LINK`), so a mail delayed by a mail-server outage
still carries a valid one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import gettext_noop

from madoguchi.mail.models import OutboundMail
from madoguchi.mail.outbox import SIGN_IN_LINK, OutboxError, mail_enqueue, message_id_or_none
from madoguchi.mail.tokens import reply_address
from madoguchi.signing.codes import display_code
from madoguchi.signing.services import verification_code_for_message, verification_code_issue
from madoguchi.signing.text import code_line
from madoguchi.tickets.models import Message, Ticket

log = logging.getLogger(__name__)

_NEVER_ASK = _lazy(
    "Support will never ask for your recovery phrase, private keys, password or 2FA codes, and "
    "never asks you to send funds anywhere."
)


def sign_in_url(token: str) -> str:
    """The portal's sign-in URL for a magic-link token."""
    return settings.SITE_URL + reverse("portal:magic", kwargs={"token": token})


def _thread(ticket: Ticket) -> tuple[str | None, list[str]]:
    """(In-Reply-To, References): the customer's last e-mail, and the ticket's recent ids.

    Only ids we received from the requester's e-mails or sent ourselves are used, each
    re-validated as a single Message-ID (``message_id_or_none``).
    """
    theirs = list(
        Message.objects.filter(
            ticket=ticket,
            channel=Ticket.Channel.EMAIL,
            author_kind=Message.Author.CUSTOMER,
            external_id__isnull=False,
        )
        .order_by("-created_at", "-id")
        .values_list("created_at", "external_id")[:10]
    )
    ours = list(
        OutboundMail.objects.filter(ticket=ticket)
        .order_by("-created_at", "-id")
        .values_list("created_at", "message_id")[:10]
    )
    ids = [message_id_or_none(mid) for _when, mid in sorted(theirs + ours, key=lambda r: r[0])]
    chain = [mid for mid in ids if mid]
    last_theirs = message_id_or_none(theirs[0][1]) if theirs else None
    return last_theirs, chain


def _notify(
    ticket: Ticket,
    subject: str,
    intro: list[str],
    *,
    message: Message | None = None,
    automatic: bool = False,
    verification: Callable[[], str],
) -> OutboundMail | None:
    """Queue an e-mail to the requester in the ticket's language, with a sign-in link and the
    verification code ``verification()`` issues (in a savepoint with the row: no mail, no
    code)."""
    email = ticket.requester.primary_email
    if not email:
        return None
    in_reply_to, references = _thread(ticket)
    try:
        with translation.override(ticket.language), transaction.atomic():
            context = {"ref": ticket.reference, "brand": settings.BRAND_NAME}
            lines = [_(line) % context if line else "" for line in intro]
            footer = ["", "-- ", code_line(verification())]
            return mail_enqueue(
                to_address=email,
                subject=_(subject) % context,
                body_text="\n".join([*lines, SIGN_IN_LINK, "", str(_NEVER_ASK), *footer]),
                ticket=ticket,
                message=message,
                in_reply_to=in_reply_to,
                references=references,
                auto_submitted=automatic,
                reply_to=reply_address(ticket),  # signed: a reply threads by its token
            )
    except OutboxError:  # an address the intake accepted but mail cannot use: keep the reply
        log.warning("no e-mail for ticket %s: unusable address", ticket.reference)
        return None


def customer_message_received(
    *, ticket: Ticket, created: bool, message: Message | None = None
) -> OutboundMail | None:
    """Acknowledge a new request (automatic: ``Auto-Submitted: auto-replied``); replies get none."""
    if not created:
        return None
    return _notify(
        ticket,
        gettext_noop("[%(ref)s] We received your request"),
        [
            gettext_noop("Thank you for contacting %(brand)s support."),
            gettext_noop("Your reference number is %(ref)s."),
            "",
            gettext_noop("Follow your request here (the link works once, for a limited time):"),
        ],
        message=message,
        automatic=True,
        verification=lambda: display_code(
            verification_code_issue(
                subject=f"notice:received:{ticket.pk}", channel="email", ticket_id=ticket.pk
            ).code
        ),
    )


def agent_replied(*, ticket: Ticket, message: Message | None = None) -> OutboundMail | None:
    """Tell the requester that an agent answered (call inside the reply's transaction).

    The reply gets its verification code here, e-mail or not: the agent's page shows it, and
    the chat and LINE/Telegram copies of the reply carry the same one.
    """
    if message is not None:
        verification_code_for_message(message=message, channel="")
    return _notify(
        ticket,
        gettext_noop("[%(ref)s] Support replied to your request"),
        [
            gettext_noop("There is a new reply to your request %(ref)s."),
            gettext_noop("Read it and answer here (the link works once, for a limited time):"),
        ],
        message=message,
        verification=lambda: _reply_code(ticket, message),
    )


def _reply_code(ticket: Ticket, message: Message | None) -> str:
    if message is None:  # a task queued by an earlier version: a notice of its own
        row = verification_code_issue(
            subject=f"notice:replied:{ticket.pk}:{ticket.updated_at.timestamp()}",
            channel="email",
            ticket_id=ticket.pk,
        )
    else:
        row = verification_code_for_message(message=message, channel="email")
    return display_code(row.code)
