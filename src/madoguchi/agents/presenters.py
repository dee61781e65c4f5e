"""Turn stored tickets, messages and events into what the workspace shows, in the UI language.

Pure display: no writes, and every query here is bounded (one per kind of lookup, not per row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from madoguchi import taxonomy
from madoguchi.agents import labels
from madoguchi.agents.models import Team
from madoguchi.analysis.facts import check_facts
from madoguchi.officials.marking import (
    checked_html,
    checked_text,
    message_links,
    shown_text,
)
from madoguchi.officials.selectors import verdict_for
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


#: checklist slots that hold a channel (link, address, number, handle): checked like entities
CHANNEL_SLOTS = ("url", "contact_handle")


@dataclass
class FactRow:
    slot: str
    label: str
    text: str
    value: str
    valid: bool | None
    chain: str
    problems: list[str]
    channel: bool = False
    verdict: dict[str, Any] | None = None


def _channel_fact(fact: dict[str, Any]) -> tuple[str, str, dict[str, Any] | None]:
    """A link or contact fact as shown: (value, text), defanged unless official, and the
    registry's verdict (None when the value is not something the registry can check)."""
    raw = fact.get("value")
    if isinstance(raw, dict) and raw.get("handle"):  # a social handle: {"platform", "handle"}
        platform = str(raw.get("platform") or "")
        value = (
            f"@{raw['handle']}" if platform in ("", "unknown") else f"@{platform}:{raw['handle']}"
        )
    else:
        value = value_display(raw, fact.get("text", ""))
    verdict = verdict_for(value) if value else None
    # unchecked values are defanged as links when they look like one (never shown clickable)
    shown = verdict or {"kind": "email" if "@" in value[1:] else "url"}
    return shown_text(value, shown), shown_text(fact.get("text", ""), shown), verdict


def facts_display(ticket: Ticket) -> list[FactRow]:
    """The intent's checklist in its order (missing slots shown empty), then any extras;
    links and contacts with the registry's verdict, defanged unless official."""
    try:
        wanted = list(taxonomy.intent(ticket.intent).slots) if ticket.intent else []
    except taxonomy.UnknownIntentError:
        wanted = []
    facts = ticket.facts or {}
    rows = []
    for slot in wanted + [s for s in facts if s not in wanted]:
        fact = facts.get(slot) or {}
        value = value_display(fact.get("value"), fact.get("text", ""))
        text, verdict = fact.get("text", ""), None
        channel = slot in CHANNEL_SLOTS and bool(text)
        if channel:
            value, text, verdict = _channel_fact(fact)
        rows.append(
            FactRow(
                slot=slot,
                label=str(labels.SLOTS.get(slot, slot)),
                text=text,
                value=value,
                valid=fact.get("valid"),
                chain=fact.get("chain") or "",
                problems=[str(labels.PROBLEMS.get(p, p)) for p in fact.get("problems", ())],
                channel=channel,
                verdict=verdict,
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


#: entity kinds that name a channel: checked against the official registry; such a value is
#: never called "valid" (a well-formed phishing link is still phishing), only official or not
CHANNEL_KINDS = ("url", "domain", "email", "phone", "social_handle")


@dataclass
class EntityRow:
    kind: str
    label: str
    text: str
    value: str
    chain: str
    valid: bool | None
    warnings: list[str]
    #: a link, domain, address, number or handle: shown with the registry's verdict
    channel: bool = False
    #: the stored verdict (``analysis["links"]``); None when it could not be checked
    verdict: dict[str, Any] | None = None


def _entity_value(entity: dict[str, Any]) -> str:
    if entity.get("kind") == "social_handle":  # its value is {"platform", "handle"}
        return str(entity.get("text", ""))
    return value_display(entity.get("value"), entity.get("text", ""))


def entities_display(message: Message | None) -> list[EntityRow]:
    """The entities of ``message``; channel values defanged unless official, with their
    verdict (see ``officials/templatetags/officials.py``)."""
    if message is None:
        return []
    analysis = message.analysis or {}
    verdicts = {(link.get("start"), link.get("end")): link for link in message_links(analysis)}
    rows = []
    for entity in analysis.get("entities", ()):
        kind = entity.get("kind", "")
        details = entity.get("details") or {}
        value = _entity_value(entity)
        verdict = None
        if kind in CHANNEL_KINDS:
            verdict = verdicts.get((entity.get("start"), entity.get("end")))
            value = shown_text(value, verdict or {"kind": kind})
        rows.append(
            EntityRow(
                kind=kind,
                label=str(labels.ENTITY_KINDS.get(kind, kind)),
                text=entity.get("text", ""),
                value=value,
                chain=entity.get("chain") or "",
                valid=entity.get("valid"),
                warnings=[str(w) for w in details.get("warnings", ()) if w],
                channel=kind in CHANNEL_KINDS,
                verdict=dict(verdict) if verdict else None,
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


def customer_turn_for_agent(turn: Any) -> tuple[str, SafeString]:
    """A customer's live-chat turn as an agent sees it: ``(text, html)``, the text with every
    link, domain or address that is not official defanged, the HTML with each one flagged
    (never a clickable link). Uses the verdicts stored with the turn after the hand-off and
    checks the entities of earlier turns now (``officials`` template tags)."""
    analysis = next((a for a in turn.actions or () if isinstance(a, dict)), None)
    links = message_links(analysis)
    return checked_text(turn.text, links), checked_html(turn.text, links)
