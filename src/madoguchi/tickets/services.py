"""Writes agents make to tickets: replies, notes, status, priority, assignment.

Every change writes its :class:`Event` in the same transaction; customer e-mails go out on
commit. Agent text is analysed and redacted too: a secret pasted by an agent is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from madoguchi.agents.models import Team
from madoguchi.analysis import analyze
from madoguchi.guard import GuardResult
from madoguchi.guardian.services import (
    OverrideRefused,
    findings_text,
    guard_override_record,
    is_supervisor,
    reply_screen,
)
from madoguchi.social.services import social_agent_reply
from madoguchi.tickets import notifications
from madoguchi.tickets.events import event_record
from madoguchi.tickets.models import Event, Message, Ticket


class TicketError(Exception):
    """A change that cannot be made; the message is user-facing and translated."""


class ReplyBlocked(TicketError):
    """A public reply the never-ask guard blocked: ``result`` has the findings (ja/en);
    ``can_override`` says whether this agent may send it with a reason (a supervisor)."""

    def __init__(self, result: GuardResult, *, can_override: bool, language: str) -> None:
        self.result = result
        self.can_override = can_override
        super().__init__(
            _("The never-ask guard blocked this reply: %(reasons)s")
            % {"reasons": " ".join(findings_text(result, language))}
        )


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


#: "leave this field as it is" (``None`` means "clear it" for assignee and team)
UNCHANGED = _Unchanged()


def message_post(
    *,
    ticket: Ticket,
    agent: AbstractBaseUser,
    body: str,
    internal: bool = False,
    override_reason: str = "",
) -> Message:
    """An agent's public reply or internal note. A public reply passes the never-ask guard
    first (ReplyBlocked), unless a supervisor overrides it with ``override_reason``."""
    body = (body or "").replace("\x00", "")  # PostgreSQL refuses NUL in text; SQLite keeps it
    if not body or not body.strip():
        raise TicketError(_("Please write a reply."))
    if len(body) > settings.MAX_MESSAGE_CHARS:
        raise TicketError(
            _("The reply is too long (at most %(n)s characters).")
            % {"n": settings.MAX_MESSAGE_CHARS}
        )
    screen = None
    if not internal:  # internal notes are never sent, so the guard does not hold them
        try:
            screen = reply_screen(agent=agent, body=body, override_reason=override_reason)
        except OverrideRefused as exc:
            raise TicketError(str(exc)) from exc
        if not screen.allowed:
            raise ReplyBlocked(
                screen.result,
                can_override=is_supervisor(agent),
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
    result = analyze(body, tz=settings.TIME_ZONE)
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        message = Message.objects.create(
            ticket=locked,
            author_kind=Message.Author.AGENT,
            author_agent=agent,
            visibility=Message.Visibility.INTERNAL if internal else Message.Visibility.PUBLIC,
            body=result.redacted,
            language=result.language,
            analysis=result.storable(),
            channel=locked.channel,
        )
        event_record(
            ticket=locked,
            kind=Event.Kind.NOTE if internal else Event.Kind.MESSAGE,
            actor_kind=Event.Actor.AGENT,
            actor_agent=agent,
            data={"message": message.pk},
        )
        if screen is not None and screen.result.blocked:
            guard_override_record(ticket=locked, message=message, agent=agent, screen=screen)
        if result.secrets:
            event_record(
                ticket=locked,
                kind=Event.Kind.SECRET_REDACTED,
                actor_kind=Event.Actor.AGENT,
                actor_agent=agent,
                data={"kinds": sorted({s.kind for s in result.secrets})},
            )
        if not internal:
            if locked.status in (Ticket.Status.NEW, Ticket.Status.OPEN):
                _status_event(locked, agent, Ticket.Status.PENDING)
            if locked.assignee_id is None:
                _assign_event(locked, agent, agent)
            notifications.agent_replied(ticket=locked, message=message)  # outbox, same txn
            social_agent_reply(ticket=locked, message=message)  # LINE/Telegram outbox, same txn
        locked.save()
    return message


def _status_event(ticket: Ticket, agent: AbstractBaseUser, status: str) -> None:
    event_record(
        ticket=ticket,
        kind=Event.Kind.STATUS,
        actor_kind=Event.Actor.AGENT,
        actor_agent=agent,
        data={"from": ticket.status, "to": status},
    )
    ticket.status = status
    ticket.solved_at = timezone.now() if status == Ticket.Status.SOLVED else None


def _assign_event(
    ticket: Ticket, agent: AbstractBaseUser, assignee: AbstractBaseUser | None
) -> None:
    event_record(
        ticket=ticket,
        kind=Event.Kind.ASSIGNMENT,
        actor_kind=Event.Actor.AGENT,
        actor_agent=agent,
        data={"from": ticket.assignee_id, "to": assignee.pk if assignee else None},
    )
    ticket.assignee = assignee


@dataclass(frozen=True)
class TicketChange:
    status: object = UNCHANGED
    priority: object = UNCHANGED
    assignee: object = UNCHANGED  # a user, None (unassign) or UNCHANGED
    team: object = UNCHANGED  # a Team, None or UNCHANGED


def ticket_update(*, ticket: Ticket, agent: AbstractBaseUser, change: TicketChange) -> Ticket:
    """Change status, priority, assignee and/or team; one event per field that changed."""
    if change.status is not UNCHANGED and change.status not in Ticket.Status.values:
        raise TicketError(_("Unknown status."))
    if change.priority is not UNCHANGED and change.priority not in Ticket.Priority.values:
        raise TicketError(_("Unknown priority."))
    if change.assignee not in (UNCHANGED, None) and not hasattr(change.assignee, "agent"):
        raise TicketError(_("Tickets can only be assigned to agents."))
    if change.team not in (UNCHANGED, None) and not isinstance(change.team, Team):
        raise TicketError(_("Unknown team."))
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if change.status is not UNCHANGED and change.status != locked.status:
            _status_event(locked, agent, change.status)
        if change.priority is not UNCHANGED and change.priority != locked.priority:
            event_record(
                ticket=locked,
                kind=Event.Kind.PRIORITY,
                actor_kind=Event.Actor.AGENT,
                actor_agent=agent,
                data={"from": locked.priority, "to": change.priority},
            )
            locked.priority = change.priority
        if change.assignee is not UNCHANGED:
            new_id = change.assignee.pk if change.assignee is not None else None
            if new_id != locked.assignee_id:
                _assign_event(locked, agent, change.assignee)
        if change.team is not UNCHANGED:
            new_id = change.team.pk if change.team is not None else None
            if new_id != locked.team_id:
                event_record(
                    ticket=locked,
                    kind=Event.Kind.TEAM,
                    actor_kind=Event.Actor.AGENT,
                    actor_agent=agent,
                    data={"from": locked.team_id, "to": new_id},
                )
                locked.team = change.team
        locked.save()
    return locked
