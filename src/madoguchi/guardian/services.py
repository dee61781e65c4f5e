"""Writes of the never-ask guard in the desk: override decisions and their record, macros.

``reply_screen`` decides whether an agent's public reply may go out (the guard's verdict, and
a supervisor's override with its reason); ``guard_override_record`` writes the override's
Event and review row inside the reply's transaction. ``macro_save`` refuses a macro the
guard blocks.

>>> # screen = reply_screen(agent=lead, body="...", override_reason="customer asked ...")
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from madoguchi.analysis import analyze
from madoguchi.guard import SAFE_FALLBACK, GuardResult, check_outgoing
from madoguchi.guardian.models import GuardOverride, Macro
from madoguchi.guardian.registry import desk_registry
from madoguchi.tickets.events import event_record
from madoguchi.tickets.models import Event, Message, Ticket

log = logging.getLogger(__name__)

#: a supervisor's reason must say something ("ok" is not a reason)
MIN_REASON_CHARS = 20
MAX_REASON_CHARS = 2000
SUPERVISOR_ROLES = ("lead", "admin")


class OverrideRefused(Exception):
    """An override that cannot be accepted; the message is user-facing and translated."""


def is_supervisor(user: Any) -> bool:
    """A team lead or administrator with an active agent profile."""
    agent = getattr(user, "agent", None) if user is not None else None
    return bool(agent is not None and agent.is_active and agent.role in SUPERVISOR_ROLES)


def outgoing_check(*, text: str) -> GuardResult:
    """The guard's verdict on text the desk would send, against the official registry."""
    return check_outgoing(text, registry=desk_registry())


def assistant_output_guard(
    *, text: str, actions: list[dict[str, Any]], language: str
) -> tuple[str, list[dict[str, Any]]]:
    """The assistant's turn as it may be said: unchanged, or a safe fallback (logged).

    Links are checked once the desk has registered official domains: the assistant's words
    come from the operator's own help articles, and a desk with an empty registry would
    otherwise silence every answer that names its own site.
    """
    registry = desk_registry()
    result = check_outgoing(text, registry=registry if registry.domains else None)
    if not result.blocked:
        return text, actions
    log.warning("assistant turn blocked by the never-ask guard: %s", ", ".join(result.kinds))
    fallback = SAFE_FALLBACK["ja" if (language or "")[:2] == "ja" else "en"]
    return fallback, [{"kind": "say", "text": fallback, "data": {"guard": list(result.kinds)}}]


@dataclass(frozen=True)
class ReplyScreen:
    """The verdict on a reply and, when blocked, whether a valid override lets it go out."""

    result: GuardResult
    override_reason: str = ""

    @property
    def allowed(self) -> bool:
        return not self.result.blocked or bool(self.override_reason)


def reply_screen(*, agent: Any, body: str, override_reason: str = "") -> ReplyScreen:
    """Check a public reply; with a supervisor's reason, a blocked reply may go out.

    Raises OverrideRefused for a reason given by a non-supervisor, or one that is too short.
    A reason given for a reply the guard does not block is ignored (nothing to override).
    """
    result = outgoing_check(text=body)
    reason = " ".join((override_reason or "").split())
    if not result.blocked or not reason:
        return ReplyScreen(result)
    if not is_supervisor(agent):
        raise OverrideRefused(
            _("Only a team lead or an administrator can send a blocked reply: ask a supervisor.")
        )
    if len(reason) < MIN_REASON_CHARS:
        raise OverrideRefused(
            ngettext(
                "Write a reason of at least %(n)d character for the override.",
                "Write a reason of at least %(n)d characters for the override.",
                MIN_REASON_CHARS,
            )
            % {"n": MIN_REASON_CHARS}
        )
    # the reason is stored (event, review row): secrets in it are redacted like any text
    return ReplyScreen(result, analyze(reason[:MAX_REASON_CHARS]).redacted)


def guard_override_record(
    *, ticket: Ticket, message: Message, agent: Any, screen: ReplyScreen
) -> GuardOverride:
    """The override's Event (through ``event_record``) and review row; call it inside the
    reply's transaction. Stores the reason and the finding kinds, not the blocked text."""
    kinds = list(screen.result.kinds)
    event = event_record(
        ticket=ticket,
        kind=Event.Kind.GUARD_OVERRIDE,
        actor_kind=Event.Actor.AGENT,
        actor_agent=agent,
        data={"message": message.pk, "reason": screen.override_reason, "kinds": kinds},
    )
    row = GuardOverride(
        ticket=ticket,
        message=message,
        event=event,
        supervisor=agent,
        reason=screen.override_reason,
        kinds=kinds,
    )
    row.full_clean(exclude=["ticket", "message", "event", "supervisor"])
    row.save()
    return row


def findings_text(result: GuardResult, language: str) -> list[str]:
    """One line per finding kind, in ``language`` (the same kind is explained once)."""
    lines: dict[str, str] = {}
    for finding in result.findings:
        lines.setdefault(finding.kind, finding.reason((language or "")[:2]))
    return list(lines.values())


def macro_validate(macro: Macro) -> None:
    """ValidationError (per language field) if the guard blocks either body."""
    errors: dict[str, list[str]] = {}
    for field, language in (("body_ja", "ja"), ("body_en", "en")):
        result = outgoing_check(text=getattr(macro, field) or "")
        if result.blocked:
            message = _("The never-ask guard blocks this text: %(reasons)s") % {
                "reasons": " ".join(findings_text(result, language))
            }
            errors[field] = [message]
    if errors:
        raise ValidationError(errors)


def macro_create(*, title: str, body_ja: str, body_en: str, active: bool = True) -> Macro:
    """A new macro, validated like one saved in the admin."""
    return macro_save(macro=Macro(title=title, body_ja=body_ja, body_en=body_en, active=active))


def macro_save(*, macro: Macro) -> Macro:
    """Validate (fields and the guard) and save a macro."""
    macro.full_clean()
    macro_validate(macro)
    macro.save()
    return macro
