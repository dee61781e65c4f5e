"""Turn stored tickets, messages and events into what the workspace shows, in the UI language.

Pure display: no writes, and every query here is bounded (one per kind of lookup, not per row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from madoguchi import taxonomy
from madoguchi.agents import labels
from madoguchi.agents.models import Team
from madoguchi.analysis.facts import check_facts
from madoguchi.tickets.models import Event, Message, Ticket


def ui_language() -> str:
    return "ja" if (get_language() or "ja").startswith("ja") else "en"


def mask_email(email: str | None) -> str:
    """``taro@example.jp`` → ``t***@example.jp``; the domain stays (it helps triage)."""
    if not email:
        return ""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def intent_title(intent_id: str, language: str | None = None) -> str:
    if not intent_id:
        return ""
    try:
        return taxonomy.intent(intent_id).title(language or ui_language())
    except taxonomy.UnknownIntentError:
        return intent_id


def value_display(value: Any, text: str = "") -> str:
    if isinstance(value, dict) and "quantity" in value:
        return f"{value['quantity']} {value.get('unit') or ''}".strip()
    if value is None or value == "":
        return text
    return str(value)


@dataclass
class Note:
    """A finding or warning to show as a badge: a stable code, a severity and a sentence."""

    code: str
    severity: str
    text: str


def findings_display(findings: list[dict[str, Any]], language: str) -> list[Note]:
    notes = []
    for finding in findings or ():
        message = finding.get("message") or {}
        text = message.get(language) or message.get("en") or finding.get("code", "")
        notes.append(Note(finding.get("code", ""), finding.get("severity", "info"), text))
    return notes


@dataclass
class MessageView:
    message: Message
    author: str
    css: str
    findings: list[Note] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)


def conversation_display(messages: list[Message], language: str) -> list[MessageView]:
    views = []
    for message in messages:
        if message.author_kind == Message.Author.AGENT and message.author_agent is not None:
            author = message.author_agent.get_full_name() or message.author_agent.get_username()
        elif message.author_kind == Message.Author.CUSTOMER and message.author_customer:
            author = message.author_customer.display_name or _("Customer")
        else:
            author = str(Message.Author(message.author_kind).label)
        css = "note" if message.visibility == Message.Visibility.INTERNAL else message.author_kind
        analysis = message.analysis or {}
        secrets = sorted({s.get("kind", "") for s in analysis.get("secrets", ())})
        views.append(
            MessageView(
                message=message,
                author=author,
                css=css,
                findings=findings_display(analysis.get("findings", []), language),
                secrets=[str(labels.SECRETS.get(kind, kind)) for kind in secrets],
            )
        )
    return views


@dataclass
class FactRow:
    slot: str
    label: str
    text: str
    value: str
    valid: bool | None
    chain: str
    problems: list[str]


def facts_display(ticket: Ticket) -> list[FactRow]:
    """The intent's checklist in its order (missing slots shown empty), then any extras."""
    try:
        wanted = list(taxonomy.intent(ticket.intent).slots) if ticket.intent else []
    except taxonomy.UnknownIntentError:
        wanted = []
    facts = ticket.facts or {}
    rows = []
    for slot in wanted + [s for s in facts if s not in wanted]:
        fact = facts.get(slot) or {}
        rows.append(
            FactRow(
                slot=slot,
                label=str(labels.SLOTS.get(slot, slot)),
                text=fact.get("text", ""),
                value=value_display(fact.get("value"), fact.get("text", "")),
                valid=fact.get("valid"),
                chain=fact.get("chain") or "",
                problems=[str(labels.PROBLEMS.get(p, p)) for p in fact.get("problems", ())],
            )
        )
    return rows


def facts_findings(ticket: Ticket, language: str) -> list[Note]:
    """Cross-field findings of the checklist (network_mismatch...), re-derived from the
    stored (already redacted) fact texts: the ticket keeps the per-slot results only."""
    texts = {slot: f.get("text", "") for slot, f in (ticket.facts or {}).items() if f}
    if not texts:
        return []
    report = check_facts(texts, received_at=ticket.created_at, tz=settings.TIME_ZONE)
    return [
        Note(f.code, f.severity, f.message_ja if language == "ja" else f.message_en)
        for f in report.findings
        if f.code != "secret_shared"
    ]


@dataclass
class EntityRow:
    kind: str
    label: str
    text: str
    value: str
    chain: str
    valid: bool | None
    warnings: list[str]


def entities_display(message: Message | None) -> list[EntityRow]:
    if message is None:
        return []
    rows = []
    for entity in (message.analysis or {}).get("entities", ()):
        kind = entity.get("kind", "")
        details = entity.get("details") or {}
        rows.append(
            EntityRow(
                kind=kind,
                label=str(labels.ENTITY_KINDS.get(kind, kind)),
                text=entity.get("text", ""),
                value=value_display(entity.get("value"), entity.get("text", "")),
                chain=entity.get("chain") or "",
                valid=entity.get("valid"),
                warnings=[str(w) for w in details.get("warnings", ()) if w],
            )
        )
    return rows


def secret_kinds(events: list[Event]) -> list[str]:
    kinds: set[str] = set()
    for event in events:
        if event.kind == Event.Kind.SECRET_REDACTED:
            kinds.update((event.data or {}).get("kinds", ()))
    return sorted(kinds)


@dataclass
class EventRow:
    event: Event
    label: str
    actor: str
    detail: str


def _choice_label(choices: type, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def timeline_display(events: list[Event]) -> list[EventRow]:
    user_ids, team_ids = set(), set()
    for event in events:
        data = event.data or {}
        if event.kind == Event.Kind.ASSIGNMENT:
            user_ids.update(v for v in (data.get("from"), data.get("to")) if v)
        elif event.kind == Event.Kind.TEAM:
            team_ids.update(v for v in (data.get("from"), data.get("to")) if v)
    users = {
        u.pk: u.get_full_name() or u.get_username()
        for u in get_user_model().objects.filter(pk__in=user_ids)
    }
    teams = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "name"))
    none = _("nobody")
    rows = []
    for event in events:
        data = event.data or {}
        detail = ""
        if event.kind == Event.Kind.STATUS:
            detail = f"{_choice_label(Ticket.Status, data.get('from'))} → {_choice_label(Ticket.Status, data.get('to'))}"
        elif event.kind == Event.Kind.PRIORITY:
            detail = f"{_choice_label(Ticket.Priority, data.get('from'))} → {_choice_label(Ticket.Priority, data.get('to'))}"
        elif event.kind == Event.Kind.ASSIGNMENT:
            detail = f"{users.get(data.get('from'), none)} → {users.get(data.get('to'), none)}"
        elif event.kind == Event.Kind.TEAM:
            detail = f"{teams.get(data.get('from'), none)} → {teams.get(data.get('to'), none)}"
        elif event.kind == Event.Kind.SECRET_REDACTED:
            detail = ", ".join(str(labels.SECRETS.get(k, k)) for k in data.get("kinds", ()))
        elif event.kind == Event.Kind.VIEWED and data.get("field") == "requester_email":
            detail = _("the requester's e-mail address")
        elif event.kind == Event.Kind.VIEWED and data.get("field") == "ticket":
            detail = _("opened the ticket")
        elif event.kind == Event.Kind.CREATED:
            detail = _choice_label(Ticket.Channel, data.get("channel"))
        if event.actor_agent is not None:
            actor = event.actor_agent.get_full_name() or event.actor_agent.get_username()
        else:
            actor = _choice_label(Event.Actor, event.actor_kind)
        rows.append(EventRow(event, _choice_label(Event.Kind, event.kind), actor, detail))
    return rows
