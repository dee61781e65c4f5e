"""Writes for the agent workspace: creating agents, revealing a requester's contact.

>>> # user = agent_create(username="aiko", password="a long passphrase", teams=["funds"])
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.agents.models import Agent, Team
from madoguchi.customers.services import CustomerError, normalize_email
from madoguchi.tickets.events import event_record
from madoguchi.tickets.models import Event, Ticket

log = logging.getLogger(__name__)

AGENT_LANGUAGES = ("ja", "en")


class AgentError(Exception):
    """An agent cannot be created as asked; ``messages`` are user-facing and translated."""

    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.messages = list(messages)


def _single_line(text: str, limit: int) -> str:
    # control characters (CRLF...) never reach a stored name
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text or "").split())[:limit]


def _teams(teams: Iterable[Team | str]) -> list[Team]:
    found: list[Team] = []
    for team in teams:
        if isinstance(team, Team):
            found.append(team)
            continue
        match = Team.objects.filter(slug=team).first()
        if match is None:
            raise AgentError(_("There is no team “%(slug)s”.") % {"slug": team})
        found.append(match)
    return found


def agent_create(
    *,
    username: str,
    password: str,
    email: str = "",
    name: str = "",
    role: str = Agent.Role.AGENT,
    teams: Iterable[Team | str] = (),
    language: str = "ja",
) -> AbstractBaseUser:
    """A new Django user with an active :class:`Agent` profile, in one transaction.

    ``teams`` are :class:`Team` objects or team slugs. The password must pass the project's
    password validators. Raises :class:`AgentError` with every reason it cannot be created.
    """
    user_model = get_user_model()
    username = (username or "").strip()
    problems: list[str] = []
    if not username:
        problems.append(_("Enter a username."))
    else:
        try:
            user_model.username_validator(username)
        except ValidationError as exc:
            problems.extend(exc.messages)
        if len(username) > 150:
            problems.append(_("The username is too long (at most 150 characters)."))
        if user_model.objects.filter(username__iexact=username).exists():
            problems.append(_("The username “%(name)s” is already taken.") % {"name": username})
    if email:
        try:
            email = normalize_email(email)
        except CustomerError as exc:
            problems.append(str(exc))
    if role not in Agent.Role.values:
        problems.append(_("Unknown role “%(role)s”.") % {"role": role})
    if language not in AGENT_LANGUAGES:
        problems.append(_("The language must be ja or en."))
    first_name = _single_line(name, 150)
    candidate = user_model(username=username, email=email, first_name=first_name)
    try:
        validate_password(password or "", user=candidate)
    except ValidationError as exc:
        problems.extend(exc.messages)
    if problems:
        raise AgentError(*problems)
    team_list = _teams(teams)
    try:
        with transaction.atomic():
            user = user_model.objects.create_user(
                username=username, password=password, email=email, first_name=first_name
            )
            agent = Agent.objects.create(user=user, role=role, language=language)
            agent.teams.set(team_list)
    except IntegrityError as exc:  # created concurrently between our check and our write
        raise AgentError(
            _("The username “%(name)s” is already taken.") % {"name": username}
        ) from exc
    log.info("agent created username=%s role=%s", username, role)
    return user


def requester_email_reveal(*, ticket: Ticket, agent: AbstractBaseUser) -> str | None:
    """The requester's full e-mail address; every reveal is written as a VIEWED event.

    Agents see addresses masked; showing one is logged with who and when, because bribed
    insiders exporting customer contacts is how crypto customers get phished.
    """
    email = ticket.requester.primary_email
    event_record(
        ticket=ticket,
        kind=Event.Kind.VIEWED,
        actor_kind=Event.Actor.AGENT,
        actor_agent=agent,
        data={"field": "requester_email"},
    )
    log.info("requester e-mail revealed ticket=%s agent=%s", ticket.reference, agent.get_username())
    return email


#: one "viewed" record per agent and ticket in this window: an audit trail, not a click log
VIEW_RECORD_WINDOW = timedelta(minutes=30)


def ticket_view_record(*, ticket: Ticket, agent: AbstractBaseUser) -> bool:
    """Record that ``agent`` opened ``ticket`` (insider-threat audit); True when written."""
    since = timezone.now() - VIEW_RECORD_WINDOW
    recent = Event.objects.filter(
        ticket=ticket,
        kind=Event.Kind.VIEWED,
        actor_agent=agent,
        data__field="ticket",
        created_at__gte=since,
    )
    if recent.exists():
        return False
    event_record(
        ticket=ticket,
        kind=Event.Kind.VIEWED,
        actor_kind=Event.Actor.AGENT,
        actor_agent=agent,
        data={"field": "ticket"},
    )
    return True
