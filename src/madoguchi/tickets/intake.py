"""The one intake path: every inbound customer message, from every channel, comes through here.

``intake()`` analyses and redacts the text (the raw text is never stored), finds or creates the
customer and the ticket, stores the message with its events in one transaction, and is
idempotent on ``(channel, external_id)``. Notifications go out only after commit.

>>> # intake(inbound=Inbound(channel="web", body="...", email="taro@example.jp", intent=...))
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi import taxonomy
from madoguchi.analysis import SECRET_KINDS, Analysis, Finding, SecretSpan, analyze, secret_warnings
from madoguchi.analysis.facts import FactsReport, check_facts
from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.customers.services import CustomerError, customer_get_or_create
from madoguchi.officials.links import links_check
from madoguchi.tickets import notifications
from madoguchi.tickets.events import event_record
from madoguchi.tickets.models import Event, Message, Ticket

log = logging.getLogger(__name__)

#: Secrets that hand over the funds: the ticket becomes urgent.
_WALLET_SECRETS = {"recovery_phrase", "private_key", "extended_private_key", "keystore"}
_PRIORITY_BY_URGENCY = {"urgent": "urgent", "high": "high", "normal": "normal"}


class IntakeError(Exception):
    """The message cannot be taken as it is; the message is user-facing and translated."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Inbound:
    """One message as a channel adapter hands it over."""

    channel: str
    body: str
    #: who sent it: an identity kind ("email", "chat", "social", "phone") and its value
    identity_kind: str = ContactIdentity.Kind.EMAIL
    identity_value: str = ""
    name: str = ""
    subject: str = ""
    intent: str = ""
    facts: Mapping[str, str] = field(default_factory=dict)
    #: a reply to this ticket (already access-checked by the caller, or None for a new ticket)
    ticket: Ticket | None = None
    external_id: str | None = None
    received_at: datetime | None = None
    #: the language the customer chose in the UI, used when the text does not say
    language_hint: str = "ja"
    #: kinds of secrets the channel already removed before handing the text over (a form shown
    #: again with the secret replaced by its marker): the ticket is flagged all the same
    secrets_removed: tuple[str, ...] = ()


@dataclass
class IntakeResult:
    ticket: Ticket
    message: Message
    created: bool  # a new ticket was opened
    duplicate: bool  # this (channel, external_id) was already taken; nothing was written
    #: what to tell the customer now: secret warnings, consistency findings (ja and en)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    facts: FactsReport | None = None


def _check(inbound: Inbound) -> None:
    if inbound.channel not in Ticket.Channel.values:
        raise IntakeError(_("Unknown channel."), field="channel")
    if not inbound.body or not inbound.body.strip():
        raise IntakeError(_("Please write your message."), field="body")
    if len(inbound.body) > settings.MAX_MESSAGE_CHARS:
        raise IntakeError(
            _("Your message is too long (at most %(n)s characters).")
            % {"n": settings.MAX_MESSAGE_CHARS},
            field="body",
        )
    if inbound.ticket is None:
        if len(inbound.subject) > settings.MAX_SUBJECT_CHARS:
            raise IntakeError(
                _("The subject is too long (at most %(n)s characters).")
                % {"n": settings.MAX_SUBJECT_CHARS},
                field="subject",
            )
        if inbound.intent:
            try:
                taxonomy.intent(inbound.intent)
            except taxonomy.UnknownIntentError:
                raise IntakeError(_("Unknown request type."), field="intent") from None
    if inbound.external_id is not None and len(inbound.external_id) > 255:
        raise IntakeError(_("External id too long."), field="external_id")
    # PostgreSQL cannot store U+0000 (SQLite can): an identifier carrying one is refused
    if "\x00" in (inbound.external_id or ""):
        raise IntakeError(_("External id is not valid."), field="external_id")
    if "\x00" in inbound.identity_value:
        raise IntakeError(_("The sender's address is not valid."), field="email")


def _without_nul(inbound: Inbound) -> Inbound:
    """The texts without U+0000, which PostgreSQL's text and jsonb refuse and SQLite keeps:
    both databases then store the same message, and neither fails on it."""
    if "\x00" not in inbound.body + inbound.subject + inbound.name + "".join(
        inbound.facts.values()
    ):
        return inbound
    return replace(
        inbound,
        body=inbound.body.replace("\x00", ""),
        subject=inbound.subject.replace("\x00", ""),
        name=inbound.name.replace("\x00", ""),
        facts={slot: value.replace("\x00", "") for slot, value in inbound.facts.items()},
    )


def _single_line(text: str) -> str:
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _analysis_json(result: Analysis) -> dict[str, Any]:
    stored = result.storable()
    stored["links"] = links_check(stored["entities"])  # verdicts against the official registry
    return stored


def _warnings(findings: list[Finding] | tuple[Finding, ...]) -> list[dict[str, Any]]:
    return [
        {"code": f.code, "severity": f.severity, "en": f.message_en, "ja": f.message_ja}
        for f in findings
        if f.code == "secret_shared" or f.severity in ("danger", "warning")
    ]


@dataclass(frozen=True)
class Screened:
    """A customer text after the analysis core read it: what may be stored and shown."""

    analysis: Analysis
    #: "ja" or "en": as detected, or the hint when the text does not say
    language: str

    @property
    def redacted(self) -> str:
        return self.analysis.redacted

    @property
    def secret_kinds(self) -> tuple[str, ...]:
        return tuple(sorted({s.kind for s in self.analysis.secrets}))

    @property
    def warnings(self) -> list[dict[str, Any]]:
        """What to tell the customer now (secret warnings, dangers), in both languages."""
        return _warnings(self.analysis.findings)


def screen(
    text: str, *, language_hint: str = "ja", received_at: datetime | None = None
) -> Screened:
    """Analyse and redact one customer text, as intake does before anything is stored.

    Channels that keep their own copy of what the customer wrote (the assistant's
    conversation) call this first, so no raw text is ever stored anywhere.
    """
    analysis = analyze(text, received_at=received_at, tz=settings.TIME_ZONE)
    language = analysis.language if analysis.language in ("ja", "en") else language_hint
    return Screened(analysis, language)


def _duplicate(inbound: Inbound) -> IntakeResult | None:
    if inbound.external_id is None:
        return None
    same = Message.objects.filter(channel=inbound.channel, external_id=inbound.external_id)
    if not same.exists():  # the usual case, and a much cheaper query than the fetch below
        return None
    existing = same.select_related("ticket").first()
    if existing is None:
        return None
    return IntakeResult(existing.ticket, existing, created=False, duplicate=True)


def intake(*, inbound: Inbound) -> IntakeResult:
    """Take one inbound message (see the module docstring). Raises :class:`IntakeError`."""
    inbound = _without_nul(inbound)
    _check(inbound)
    duplicate = _duplicate(inbound)
    if duplicate is not None:
        return duplicate
    received_at = inbound.received_at or timezone.now()
    screened = screen(inbound.body, language_hint=inbound.language_hint, received_at=received_at)
    body = screened.analysis
    subject = analyze(_single_line(inbound.subject), received_at=received_at, tz=settings.TIME_ZONE)
    # a secret typed into the name field: the name is dropped, the customer warned
    name = analyze(_single_line(inbound.name), received_at=received_at, tz=settings.TIME_ZONE)
    if name.secrets:
        inbound = replace(inbound, name="")
    facts = (
        check_facts(inbound.facts, received_at=received_at, tz=settings.TIME_ZONE)
        if inbound.facts
        else None
    )
    language = screened.language
    found = (
        {s.kind for s in body.secrets}
        | {s.kind for s in subject.secrets}
        | {s.kind for s in name.secrets}
        | {s.kind for s in (facts.secrets if facts else ())}
    )
    removed = {k for k in inbound.secrets_removed if k in SECRET_KINDS} - found
    secret_kinds = sorted(found | removed)
    # the warning for secrets removed upstream (their text is gone, their kind is not)
    upstream = tuple(secret_warnings.warn([SecretSpan(k, 0, 0) for k in sorted(removed)]))
    try:
        with transaction.atomic():
            result = _store(
                inbound,
                body,
                subject,
                facts,
                language,
                secret_kinds,
                received_at,
                (*name.findings, *upstream),
            )
    except IntegrityError:
        # the same (channel, external_id) arrived concurrently and won: return that one
        duplicate = _duplicate(inbound)
        if duplicate is None:
            raise
        return duplicate
    log.info(
        "intake channel=%s ticket=%s message=%s created=%s secrets=%s",
        inbound.channel,
        result.ticket.reference,
        result.message.pk,
        result.created,
        ",".join(secret_kinds) or "-",
    )
    return result


def _store(
    inbound: Inbound,
    body: Analysis,
    subject: Analysis,
    facts: FactsReport | None,
    language: str,
    secret_kinds: list[str],
    received_at: datetime,
    name_findings: tuple[Finding, ...] = (),
) -> IntakeResult:
    try:
        customer, _new = customer_get_or_create(
            kind=inbound.identity_kind,
            value=inbound.identity_value,
            name=inbound.name,
            language=language,
        )
    except CustomerError as exc:
        raise IntakeError(str(exc), field="email") from exc
    ticket = inbound.ticket
    created = ticket is None
    if ticket is None:
        ticket = _open_ticket(inbound, customer, body, subject, facts, language)
    else:
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.requester_id != customer.pk:
            raise IntakeError(_("This request belongs to someone else."), field="ticket")
        if ticket.status in (Ticket.Status.PENDING, Ticket.Status.SOLVED):
            _set_status(ticket, Ticket.Status.OPEN)  # the customer answered: back to the team
    message = Message(
        ticket=ticket,
        author_kind=Message.Author.CUSTOMER,
        author_customer=customer,
        visibility=Message.Visibility.PUBLIC,
        body=body.redacted,
        language=body.language,
        analysis=_analysis_json(body),
        channel=inbound.channel,
        external_id=inbound.external_id,
    )
    # The unique (channel, external_id) is the database's to enforce: a concurrent duplicate
    # must surface as the IntegrityError handled in intake(), not as a ValidationError. The
    # ticket and customer rows were just written or locked in this transaction: checking that
    # they exist would cost two queries per message for nothing.
    message.full_clean(exclude=["ticket", "author_customer"], validate_constraints=False)
    message.save()
    event_record(
        ticket=ticket,
        kind=Event.Kind.MESSAGE,
        actor_kind=Event.Actor.CUSTOMER,
        data={"message": message.pk, "channel": inbound.channel},
    )
    findings = [
        *body.findings,
        *subject.findings,
        *(facts.findings if facts else ()),
        *name_findings,
    ]
    if secret_kinds:
        _flag_secret(ticket, secret_kinds)
        shared = {f.details["kind"]: f for f in findings if f.code == "secret_shared"}
        _system_warning(ticket, list(shared.values()))
    ticket.save()
    # the acknowledgement joins the outbox in this transaction; it is sent after commit
    notifications.customer_message_received(ticket=ticket, created=created, message=message)
    return IntakeResult(
        ticket, message, created=created, duplicate=False, warnings=_warnings(findings), facts=facts
    )


def _open_ticket(
    inbound: Inbound,
    customer: Customer,
    body: Analysis,
    subject: Analysis,
    facts: FactsReport | None,
    language: str,
) -> Ticket:
    urgency = taxonomy.intent(inbound.intent).urgency if inbound.intent else "normal"
    title = subject.redacted or _single_line(body.redacted)[:80] or _("(no subject)")
    ticket = Ticket(
        subject=title[: settings.MAX_SUBJECT_CHARS],
        intent=inbound.intent,
        priority=_PRIORITY_BY_URGENCY[urgency],
        language=language,
        channel=inbound.channel,
        requester=customer,
        facts={slot: f.as_dict() for slot, f in facts.facts.items()} if facts else {},
    )
    # public_id is 128 random bits under a unique index; the requester was just written/read
    ticket.full_clean(exclude=["reference", "public_id", "requester"])
    ticket.save()
    year = ticket.created_at.year % 100
    ticket.reference = f"{settings.REFERENCE_PREFIX}-{year:02d}-{ticket.pk:06d}"
    event_record(
        ticket=ticket,
        kind=Event.Kind.CREATED,
        actor_kind=Event.Actor.CUSTOMER,
        data={"channel": inbound.channel, "intent": inbound.intent, "priority": ticket.priority},
    )
    return ticket


def _set_status(ticket: Ticket, status: str) -> None:
    event_record(
        ticket=ticket,
        kind=Event.Kind.STATUS,
        actor_kind=Event.Actor.SYSTEM,
        data={"from": ticket.status, "to": status},
    )
    ticket.status = status


def _flag_secret(ticket: Ticket, kinds: list[str]) -> None:
    ticket.secret_exposed = True
    wanted = "urgent" if _WALLET_SECRETS.intersection(kinds) else "high"
    order = ["low", "normal", "high", "urgent"]
    if order.index(wanted) > order.index(ticket.priority):
        event_record(
            ticket=ticket,
            kind=Event.Kind.PRIORITY,
            actor_kind=Event.Actor.SYSTEM,
            data={"from": ticket.priority, "to": wanted, "reason": "secret_redacted"},
        )
        ticket.priority = wanted
    event_record(
        ticket=ticket,
        kind=Event.Kind.SECRET_REDACTED,
        actor_kind=Event.Actor.SYSTEM,
        data={"kinds": kinds},
    )


def _system_warning(ticket: Ticket, findings: list[Finding]) -> None:
    """The bilingual warning, posted where the customer reads the conversation."""
    if not findings:
        return
    text = "\n\n".join(f"{f.message_ja}\n{f.message_en}" for f in findings)
    Message.objects.create(
        ticket=ticket,
        author_kind=Message.Author.SYSTEM,
        visibility=Message.Visibility.PUBLIC,
        body=text,
        language="ja",
        channel=ticket.channel,
    )
