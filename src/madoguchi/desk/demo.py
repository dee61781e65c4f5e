"""``madoguchi demo``: a fresh data directory filled with a sample desk, then the server.

Everything is written through the real services (intake, message_post, ticket_update,
agent_create, article_import), so the demo shows exactly what a support team would see.

The data directory is prepared by ``desk/demo_dir.py`` before Django starts; this module
needs a configured, migrated database.

>>> # summary = demo_data_create(); summary.username, summary.password
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from madoguchi.agents.models import Team
from madoguchi.customers.models import Customer
from madoguchi.customers.services import magic_link_create
from madoguchi.desk import demo_data
from madoguchi.desk.demo_data import CUSTOMERS, DemoRequest
from madoguchi.desk.operator import agent_create_with_access
from madoguchi.guardian.services import macro_create
from madoguchi.kb.services import article_import
from madoguchi.officials.services import official_channel_create, officials_import
from madoguchi.tickets.intake import Inbound, intake
from madoguchi.tickets.models import Ticket
from madoguchi.tickets.services import TicketChange, message_post, ticket_update


@dataclass(frozen=True)
class DemoSummary:
    username: str
    password: str
    articles: int
    agents: int
    customers: int
    tickets: int
    #: a one-time portal sign-in path for one sample customer (expires like every magic link)
    customer_email: str
    customer_sign_in_path: str


def demo_data_create(*, password: str | None = None) -> DemoSummary:
    """Fill a migrated, empty database with the sample desk. Returns the printed login."""
    password = password or secrets.token_urlsafe(12)
    counts = article_import()
    with transaction.atomic():
        teams = {
            slug: Team.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in demo_data.TEAMS
        }
    agents = {}
    for number, spec in enumerate(demo_data.AGENTS):
        agents[spec.username] = agent_create_with_access(
            username=spec.username,
            password=password if number == 0 else secrets.token_urlsafe(16),
            email=spec.email,
            name=spec.name,
            role=spec.role,
            teams=spec.teams,
            language=spec.language,
            superuser=number == 0,
        )
    officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())  # before intake checks
    for name in demo_data.OFFICIAL_STAFF:
        official_channel_create(kind="staff", value=name, listed=False)
    for macro in demo_data.MACROS:
        macro_create(**macro)  # checked by the never-ask guard like any macro
    for request in demo_data.REQUESTS:
        _file(request, agents, teams)
    first_email, _name = next(iter(demo_data.CUSTOMERS.values()))
    first_customer = Customer.objects.get(identities__kind="email", identities__value=first_email)
    token = magic_link_create(customer=first_customer)
    return DemoSummary(
        username=demo_data.AGENTS[0].username,
        password=password,
        articles=counts.total,
        agents=len(agents),
        customers=Customer.objects.count(),
        tickets=Ticket.objects.count(),
        customer_email=first_email,
        customer_sign_in_path=reverse("portal:magic", kwargs={"token": token}),
    )


def _file(request: DemoRequest, agents: dict, teams: dict) -> None:
    """One sample request through intake, then what the agents and the customer did next."""
    email, name = CUSTOMERS[request.customer]
    result = intake(
        inbound=Inbound(
            channel="web",
            identity_value=email,
            name=name,
            subject=request.subject,
            body=request.body,
            intent=request.intent,
            facts=request.facts,
            language_hint=request.language,
        )
    )
    ticket = result.ticket
    if request.team:
        ticket = ticket_update(
            ticket=ticket,
            agent=agents["aiko"],
            change=TicketChange(team=teams[request.team]),
        )
    for step in request.steps:
        if step.kind in ("reply", "note"):
            message_post(
                ticket=ticket,
                agent=agents[step.agent],
                body=step.value,
                internal=step.kind == "note",
            )
        elif step.kind == "status":
            ticket = ticket_update(
                ticket=ticket, agent=agents[step.agent], change=TicketChange(status=step.value)
            )
        elif step.kind == "customer":
            intake(
                inbound=Inbound(
                    channel="web",
                    identity_value=email,
                    body=step.value,
                    ticket=ticket,
                    language_hint=request.language,
                )
            )
        else:  # a typo in demo_data must not pass silently
            raise ValueError(f"unknown demo step {step.kind!r}")
