"""LINE and Telegram users talk to the same assistant as the web chat, and hear agents' replies.

``social_event_receive()`` takes one webhook event exactly once (``InboundEvent``), finds the
platform user's one open conversation (starting one when needed), posts the text through
``conversation_message_post`` — so the text is screened and stored redacted, and a hand-off
opens the ticket through intake — and queues the assistant's answer in the outbox, all in one
transaction. ``social_agent_reply()`` queues an agent's public reply to the platform user who
asked.

>>> # social_event_receive(event=PlatformEvent("line", "01H...", "U...", "text", text="..."))
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from madoguchi.conversations import services as conversations
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.customers.models import ContactIdentity
from madoguchi.customers.services import customer_get_or_create
from madoguchi.dialogue.phrases import guess_language
from madoguchi.signing.codes import display_code
from madoguchi.signing.selectors import codes_of_turns
from madoguchi.signing.services import verification_code_for_message, verification_code_issue
from madoguchi.signing.text import code_line
from madoguchi.social.models import InboundEvent, OutboundSocial, SocialContact
from madoguchi.social.outbox import social_enqueue
from madoguchi.social.payloads import PlatformEvent
from madoguchi.social.phone import callback_from_conversation
from madoguchi.tickets.models import Message, Ticket

log = logging.getLogger(__name__)

__all__ = ["EventOutcome", "social_agent_reply", "social_event_receive"]

#: the answer to a sticker, an image, a location...: the assistant reads words only
_UNSUPPORTED = gettext_lazy(
    "Sorry, I can only read text messages. Please describe your problem in words. Support will "
    "never ask for your recovery phrase, private keys, password or 2FA codes."
)


@dataclass
class EventOutcome:
    #: this event id was taken before: nothing was written or sent
    duplicate: bool = False
    contact: SocialContact | None = None
    conversation: Conversation | None = None
    turns: list[Turn] = field(default_factory=list)
    outbound: list[OutboundSocial] = field(default_factory=list)


def _language(event: PlatformEvent, fallback: str) -> str:
    """The platform's language setting (Telegram), else the language the text is written in
    (LINE sends none), else what we knew."""
    code = (event.language or "").lower()
    if code.startswith("en"):
        return "en"
    if code.startswith("ja"):
        return "ja"
    if event.kind == "text":
        return guess_language(event.text) or fallback
    return fallback


def _contact(event: PlatformEvent) -> SocialContact:
    contact = (
        SocialContact.objects.select_related("customer", "conversation")
        .filter(platform=event.platform, external_user=event.user_id)
        .first()
    )
    if contact is not None:
        language = _language(event, contact.language)
        if language != contact.language:
            contact.language = language
            contact.save(update_fields=["language"])
        return contact
    language = _language(event, "ja")
    customer, _new = customer_get_or_create(
        kind=ContactIdentity.Kind.SOCIAL,
        value=f"{event.platform}:{event.user_id}",
        language=language,
    )
    with transaction.atomic():  # a savepoint: a concurrent first message may win the insert
        contact, _created = SocialContact.objects.get_or_create(
            platform=event.platform,
            external_user=event.user_id,
            defaults={"customer": customer, "language": language},
        )
    return contact


def _conversation(contact: SocialContact) -> tuple[Conversation, bool]:
    """The user's open conversation, or a new one (greeted) — never two at a time."""
    current = contact.conversation
    if current is not None and current.status != Conversation.Status.CLOSED:
        return current, False
    channel = contact.platform if contact.platform in conversations.CHANNELS else "chat"
    conversation = conversations.conversation_start(
        channel=channel, language=contact.language, customer=contact.customer
    )
    if conversation.channel != contact.platform:
        # the conversation remembers where it happens (the agent sees "line", "telegram")
        Conversation.objects.filter(pk=conversation.pk).update(channel=contact.platform)
        conversation.channel = contact.platform
    contact.conversation = conversation
    contact.save(update_fields=["conversation"])
    return conversation, True


def _absolute(text: str) -> str:
    """Links to the help centre as the user can open them outside the site (``→ /help/...``)."""
    return "\n".join(
        f"→ {settings.SITE_URL}{line[2:]}" if line.startswith("→ /") else line
        for line in text.split("\n")
    )


def _spoken(
    turns: list[Turn], contact: SocialContact, event: PlatformEvent, ticket_id: int | None
) -> list[str]:
    """What the user should read: the assistant's and the system's turns, in order, each
    ending with its verification code (a turn not stored, like the answer to a sticker, gets
    the code of this event's answer)."""
    codes = codes_of_turns(turns)
    texts = []
    for turn in turns:
        if turn.role == Turn.Role.CUSTOMER or not turn.text.strip():
            continue
        code = codes.get(turn.pk) if turn.pk else None
        if code is None:
            row = verification_code_issue(
                subject=f"social-reply:{event.platform}:{event.event_id}",
                channel=event.platform,
                ticket_id=ticket_id,
            )
            code = display_code(row.code)
        texts.append(f"{_absolute(turn.text)}\n\n{code_line(code, contact.language)}")
    return texts


def social_event_receive(*, event: PlatformEvent) -> EventOutcome:
    """Take one platform event exactly once and queue the answer (see the module docstring)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                InboundEvent.objects.create(platform=event.platform, event_id=event.event_id)
        except IntegrityError:
            log.info("social %s event %s again: dropped", event.platform, event.event_id)
            return EventOutcome(duplicate=True)
        if event.kind == "ignore":
            return EventOutcome()
        # one event of a user at a time: two first messages must not start two conversations
        contact = (
            SocialContact.objects.select_for_update(of=("self",))
            .select_related("customer", "conversation")
            .get(pk=_contact(event).pk)
        )
        conversation, new = _conversation(contact)
        turns: list[Turn] = list(conversation.turns.all()) if new else []
        with translation.override(contact.language):
            if event.kind == "other":
                turns.append(Turn(role=Turn.Role.SYSTEM, text=str(_UNSUPPORTED)))
            elif event.kind == "text":
                turns += _post(conversation, event)
        conversation.refresh_from_db()
        callback_from_conversation(conversation=conversation)
        outbound = social_enqueue(
            contact=contact,
            texts=_spoken(turns, contact, event, conversation.ticket_id),
            reply_token=event.reply_token,
            ticket=conversation.ticket,
        )
    return EventOutcome(False, contact, conversation, turns, outbound)


def _post(conversation: Conversation, event: PlatformEvent) -> list[Turn]:
    try:
        reply = conversations.conversation_message_post(
            conversation=conversation,
            text=event.text,
            client_message_id=f"{event.platform}:{event.event_id}"[: conversations.MAX_CLIENT_ID],
        )
    except conversations.ConversationError as exc:
        return [Turn(role=Turn.Role.SYSTEM, text=str(exc))]
    return reply.turns


def social_agent_reply(*, ticket: Ticket, message: Message) -> list[OutboundSocial]:
    """Queue an agent's public reply to the platform users behind the ticket's requester.

    Call it inside the reply's transaction (``tickets.services.message_post``, after the
    e-mail notification): the rows commit or roll back with the reply. Internal notes and
    tickets of customers who never wrote on LINE or Telegram queue nothing.
    """
    if message.visibility != Message.Visibility.PUBLIC or message.author_kind != "agent":
        return []
    rows: list[OutboundSocial] = []
    for contact in SocialContact.objects.filter(customer_id=ticket.requester_id):
        if OutboundSocial.objects.filter(ticket_message=message, contact=contact).exists():
            continue  # already queued (the caller ran twice)
        with translation.override(contact.language):
            name = message.author_agent.first_name if message.author_agent else ""
            header = (
                _("[%(reference)s] %(name)s from support:")
                % {"reference": ticket.reference, "name": name}
                if name
                else _("[%(reference)s] Support:") % {"reference": ticket.reference}
            )
        code = verification_code_for_message(message=message, channel=contact.platform)
        line = code_line(display_code(code.code), contact.language)
        rows += social_enqueue(
            contact=contact,
            texts=[f"{header}\n{message.body}\n\n{line}"],
            ticket=ticket,
            ticket_message=message,
        )
    return rows
