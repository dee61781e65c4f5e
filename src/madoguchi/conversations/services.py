"""Writes for conversations: start, a customer message, "did this help?", hand-off, agent sync.

Every customer text is screened (``tickets.intake.screen``, the code intake uses) before
anything is stored; after the hand-off it goes through ``intake`` itself, into the ticket.
The pure machine (``madoguchi.dialogue``) decides; these services store its state and turns in
one transaction per call, and open the ticket through intake when it asks for a hand-off.

>>> # conversation = conversation_start(language="en")
>>> # reply = conversation_message_post(conversation=conversation, text="withdrawal stuck")
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from madoguchi.conversations import engine, rendering
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.conversations.turns import assistant_turns_add, turn_add
from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.dialogue import (
    AgentJoined,
    AgentLeft,
    CustomerMessage,
    DialogueError,
    Event,
    Helped,
    HumanRequested,
    Start,
    State,
    TicketOpened,
)
from madoguchi.social.phone import callback_from_conversation
from madoguchi.tickets.intake import Inbound, IntakeError, intake, screen
from madoguchi.tickets.models import Message, Ticket

log = logging.getLogger(__name__)

__all__ = [
    "ConversationError",
    "ConversationReply",
    "conversation_agent_join",
    "conversation_agent_leave",
    "conversation_close",
    "conversation_handoff",
    "conversation_helped",
    "conversation_message_post",
    "conversation_start",
    "conversation_sync",
]

CHANNELS = ("chat", "terminal", "line", "telegram")
#: the longest client message id accepted (idempotency key from the page or a client)
MAX_CLIENT_ID = 64
#: client message ids the desk itself gives turns (an agent's reply mirrored into the
#: conversation); a customer's id may not start with it, or it could shadow a reply
RESERVED_ID_PREFIX = "desk:"


class ConversationError(Exception):
    """A message or change that cannot be taken; the message is user-facing and translated."""


@dataclass
class ConversationReply:
    conversation: Conversation
    #: the turns this call added (customer, assistant, system), in order
    turns: list[Turn] = field(default_factory=list)
    #: this client message id was already taken: nothing was written
    duplicate: bool = False


Understand = Callable[[str], Any]


def _state(conversation: Conversation) -> State:
    try:
        return State.from_dict(conversation.state or None)
    except (DialogueError, TypeError) as exc:
        # a corrupt state must not lock the customer out: start over, keep the turns
        log.warning("conversation %s: unreadable state (%s); reset", conversation.pk, exc)
        return State(phase="listening", language=conversation.language)


def _identity(conversation: Conversation, state: State) -> tuple[str, str]:
    """Who the ticket belongs to: the signed-in customer's e-mail, the e-mail given in the
    chat, or the chat session itself (the page is then where the answer appears)."""
    if conversation.customer is not None:
        email = conversation.customer.primary_email
        if email:
            return ContactIdentity.Kind.EMAIL, email
        identity = conversation.customer.identities.first()
        if identity is not None:
            return identity.kind, identity.value
    if state.email:
        return ContactIdentity.Kind.EMAIL, state.email
    return ContactIdentity.Kind.CHAT, f"conversation:{conversation.public_id}"


def conversation_start(
    *,
    channel: str = "chat",
    language: str = "ja",
    customer: Customer | None = None,
    understand: Understand | None = None,
) -> Conversation:
    """A new conversation, greeted in ``language`` (the greeting is its first turn)."""
    if channel not in CHANNELS:
        raise ConversationError(_("Unknown channel."))
    language = "en" if language == "en" else "ja"
    with transaction.atomic():
        conversation = Conversation(channel=channel, language=language, customer=customer)
        conversation.full_clean(exclude=["public_id", "customer"])
        conversation.save()
        has_email = bool(customer and customer.primary_email)
        _run(
            conversation,
            State(),
            Start(language, signed_in=customer is not None, has_email=has_email),
            understand,
            [],
        )
    return conversation


def _check_text(text: str) -> str:
    text = (text or "").replace("\x00", "")
    if not text.strip():
        raise ConversationError(_("Please write your message."))
    if len(text) > settings.MAX_MESSAGE_CHARS:
        raise ConversationError(
            _("Your message is too long (at most %(n)s characters).")
            % {"n": settings.MAX_MESSAGE_CHARS}
        )
    return text


def _check_client_id(client_message_id: str | None) -> str | None:
    if client_message_id is None or client_message_id == "":
        return None
    if (
        len(client_message_id) > MAX_CLIENT_ID
        or not client_message_id.isprintable()
        or client_message_id.startswith(RESERVED_ID_PREFIX)
    ):
        raise ConversationError(_("The message id is not valid."))
    return client_message_id


def conversation_message_post(
    *,
    conversation: Conversation,
    text: str,
    client_message_id: str | None = None,
    understand: Understand | None = None,
) -> ConversationReply:
    """One customer line: screened, stored redacted, answered (or passed to the agent).

    Idempotent on ``client_message_id``: the same id again returns ``duplicate=True`` and
    writes nothing. Raises :class:`ConversationError` for an empty or oversized text.
    """
    text = _check_text(text)
    client_message_id = _check_client_id(client_message_id)
    if conversation.status == Conversation.Status.CLOSED:
        raise ConversationError(_("This conversation is closed. Start a new one."))
    try:
        with transaction.atomic():
            locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
            if (
                client_message_id
                and locked.turns.filter(client_message_id=client_message_id).exists()
            ):
                return ConversationReply(locked, duplicate=True)
            state = _synced(locked, _state(locked))
            turns: list[Turn] = []
            if locked.ticket is not None and state.phase in ("handed_off", "handing_off"):
                event = _to_ticket(locked, state, text, client_message_id, turns)
            else:
                screened = screen(text, language_hint=state.language)
                analysis = screened.analysis.storable()
                role = Turn.Role.CUSTOMER
                turns.append(
                    turn_add(locked, role, screened.redacted, [analysis], client_message_id)
                )
                event = CustomerMessage(
                    screened.redacted,
                    screened.secret_kinds,
                    tuple(e.as_dict() for e in screened.analysis.entities),
                )
            _run(locked, state, event, understand, turns)
            callback_from_conversation(conversation=locked)  # the number the hand-off asked for
    except IntegrityError:
        # the same client message id, posted twice at once: the first one won
        if (
            client_message_id
            and conversation.turns.filter(client_message_id=client_message_id).exists()
        ):
            return ConversationReply(conversation, duplicate=True)
        raise
    conversation.refresh_from_db()
    return ConversationReply(conversation, turns)


def _to_ticket(
    conversation: Conversation,
    state: State,
    text: str,
    client_message_id: str | None,
    turns: list[Turn],
) -> CustomerMessage:
    """After the hand-off the customer writes to the ticket, through intake."""
    kind, value = _identity(conversation, state)
    external_id = (
        f"conversation:{conversation.public_id}:{client_message_id}" if client_message_id else None
    )
    try:
        result = intake(
            inbound=Inbound(
                channel="chat",
                body=text,
                identity_kind=kind,
                identity_value=value,
                ticket=conversation.ticket,
                external_id=external_id,
                language_hint=state.language,
            )
        )
    except IntakeError as exc:
        raise ConversationError(str(exc)) from exc
    analysis = result.message.analysis or {}
    kinds = tuple(sorted({s["kind"] for s in analysis.get("secrets", [])}))
    turns.append(
        turn_add(
            conversation, Turn.Role.CUSTOMER, result.message.body, [analysis], client_message_id
        )
    )
    return CustomerMessage(result.message.body, kinds, tuple(analysis.get("entities", [])))


def conversation_helped(
    *, conversation: Conversation, yes: bool, understand: Understand | None = None
) -> ConversationReply:
    """The customer's answer to "did this help?" (a button on the page)."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        turns: list[Turn] = []
        state = _synced(locked, _state(locked))
        if state.phase != "awaiting_helped" or state.agent_joined:
            # a stale button (pressed twice, or after the conversation moved on): nothing to do
            return ConversationReply(locked, duplicate=True)
        answer = _("Yes, it helped") if yes else _("No, not solved")
        turns.append(turn_add(locked, Turn.Role.CUSTOMER, answer, [{"helped": yes}]))
        _run(locked, state, Helped(yes), understand, turns)
    conversation.refresh_from_db()
    return ConversationReply(conversation, turns)


def conversation_handoff(
    *, conversation: Conversation, understand: Understand | None = None
) -> ConversationReply:
    """The "talk to a person" button: a hand-off at once, as if the customer had asked."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        turns: list[Turn] = []
        state = _synced(locked, _state(locked))
        if state.agent_joined or state.phase in ("handed_off", "closed"):
            return ConversationReply(locked, duplicate=True)  # a person has it already
        turns.append(turn_add(locked, Turn.Role.CUSTOMER, _("Talk to a person"), [{"human": True}]))
        _run(locked, state, HumanRequested(), understand, turns)
    conversation.refresh_from_db()
    return ConversationReply(conversation, turns)


def conversation_close(*, conversation: Conversation) -> Conversation:
    """The customer starts over: this conversation takes no more messages (its ticket, if
    any, stays open for the agent)."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        state = _state(locked)
        state.phase = "closed"
        locked.status = Conversation.Status.CLOSED
        _save(locked, state)
    conversation.refresh_from_db()
    return conversation


def conversation_sync(*, conversation: Conversation) -> Conversation:
    """Tell the machine about the agent: joined (a public reply on the ticket) or left (the
    ticket was solved or closed). Called before each message and when the page is shown."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        state = _state(locked)
        synced = _synced(locked, state)
        if synced is not state:
            _save(locked, synced)
    conversation.refresh_from_db()
    return conversation


def _synced(conversation: Conversation, state: State) -> State:
    """``state`` after the agent events the ticket implies (the same object if none).

    Every public agent reply on the ticket not yet in the conversation is copied in as an
    agent turn (its id reserved, so twice is once): the conversation's turns are then the
    one ordered thread a live client resumes by sequence number. A *new* reply means a
    person has the conversation (an agent who left and has not written since stays out).
    """
    ticket = conversation.ticket
    if ticket is None:
        return state
    ticket.refresh_from_db(fields=["status"])
    mirrored = {
        turn_id
        for turn_id in conversation.turns.filter(
            client_message_id__startswith=f"{RESERVED_ID_PREFIX}agent-message:"
        ).values_list("client_message_id", flat=True)
    }
    replies = [
        message
        for message in Message.objects.filter(
            ticket=ticket,
            author_kind=Message.Author.AGENT,
            visibility=Message.Visibility.PUBLIC,
        )
        .select_related("author_agent")
        .order_by("created_at", "id")
        if _mirror_id(message) not in mirrored
    ]
    for message in replies:
        name = message.author_agent.first_name if message.author_agent else ""
        turn_add(
            conversation,
            Turn.Role.AGENT,
            message.body,
            [{"agent": name, "message": message.pk}],
            _mirror_id(message),
        )
    machine = engine.assistant(state.language, understand=lambda _text: None)
    events: list[Event] = []
    if replies and not state.agent_joined and ticket.is_open:
        last = replies[-1]
        events.append(AgentJoined(last.author_agent.first_name if last.author_agent else ""))
    if state.agent_joined and not ticket.is_open:
        events.append(AgentLeft())
    for event in events:
        state, actions = machine.step(state, event)
        if actions:
            assistant_turns_add(conversation, state, actions, [])
    if not ticket.is_open and conversation.status == Conversation.Status.HANDED_OFF:
        conversation.status = Conversation.Status.OPEN
    return state


def _mirror_id(message: Message) -> str:
    return f"{RESERVED_ID_PREFIX}agent-message:{message.pk}"


def conversation_agent_join(*, conversation: Conversation, agent: Any) -> ConversationReply:
    """An agent takes the conversation over live: the assistant goes silent (the machine's
    agent-joined event) and the customer is told who is now talking."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        state = _synced(locked, _state(locked))
        turns: list[Turn] = []
        if locked.ticket is None or not locked.ticket.is_open:
            raise ConversationError(_("Only a conversation with an open ticket can be joined."))
        if not state.agent_joined:
            name = getattr(agent, "first_name", "") or getattr(agent, "username", "")
            machine = engine.assistant(state.language, understand=lambda _text: None)
            state, _actions = machine.step(state, AgentJoined(name))
            with translation.override(state.language):
                text = _("%(name)s (support) joined the chat.") % {"name": name}
            turns.append(
                turn_add(locked, Turn.Role.AGENT, text, [{"agent": name, "event": "joined"}])
            )
            _save(locked, state)
    conversation.refresh_from_db()
    return ConversationReply(conversation, turns, duplicate=not turns)


def conversation_agent_leave(*, conversation: Conversation) -> ConversationReply:
    """The agent leaves the live chat: the assistant answers again (it says so)."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        state = _synced(locked, _state(locked))
        turns: list[Turn] = []
        if state.agent_joined:
            machine = engine.assistant(state.language, understand=lambda _text: None)
            state, actions = machine.step(state, AgentLeft())
            assistant_turns_add(locked, state, actions, turns)
            _save(locked, state)
    conversation.refresh_from_db()
    return ConversationReply(conversation, turns, duplicate=not turns)


def _run(
    conversation: Conversation,
    state: State,
    event: Event,
    understand: Understand | None,
    turns: list[Turn],
) -> None:
    """Step the machine, store its turns, carry out a hand-off, save the state."""
    machine = engine.assistant(state.language, understand)
    state, actions = machine.step(state, event)
    assistant_turns_add(conversation, state, actions, turns)
    handoff = next((a for a in actions if a.kind == "hand_off"), None)
    if handoff is not None:
        ticket = _open_ticket(conversation, state, handoff.data)
        state, more = machine.step(state, TicketOpened(ticket.reference or "", ticket.priority))
        assistant_turns_add(conversation, state, more, turns)
    _save(conversation, state)


def _save(conversation: Conversation, state: State) -> None:
    conversation.state = state.as_dict()
    conversation.language = state.language
    if state.phase == "handed_off" and conversation.ticket_id:
        conversation.status = Conversation.Status.HANDED_OFF
    conversation.save()


def _open_ticket(conversation: Conversation, state: State, summary: dict[str, Any]) -> Ticket:
    """The hand-off: one ticket through intake, the summary as its body, facts as facts."""
    kind, value = _identity(conversation, state)
    first = next((m for m in state.messages if m.strip()), "")
    title = summary.get("intent_title_ja" if state.language == "ja" else "intent_title_en")
    inbound = Inbound(
        channel="chat",
        body=rendering.summary_body(summary, state.language),
        identity_kind=kind,
        identity_value=value,
        name=conversation.customer.display_name if conversation.customer else "",
        subject=(title or first or _("Chat with the assistant"))[:200],
        intent=state.intent or ("other.human_agent" if state.human_requested else ""),
        facts=dict(state.facts),
        language_hint=state.language,
        secrets_removed=tuple(state.secret_kinds),
    )
    try:
        result = intake(inbound=inbound)
    except IntakeError as exc:
        if exc.field != "email":
            raise ConversationError(str(exc)) from exc
        # an e-mail address the desk refuses: the chat session keeps the ticket instead
        state.email = None
        result = intake(
            inbound=replace(
                inbound,
                identity_kind=ContactIdentity.Kind.CHAT,
                identity_value=f"conversation:{conversation.public_id}",
            )
        )
    conversation.ticket = result.ticket
    conversation.status = Conversation.Status.HANDED_OFF
    log.info(
        "conversation %s handed off as %s reason=%s",
        conversation.pk,
        result.ticket.reference,
        summary.get("reason"),
    )
    return result.ticket
