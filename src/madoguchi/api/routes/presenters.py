"""Rows as the API shows them (plain dicts the response schemas validate)."""

from __future__ import annotations

from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.tickets.models import Message, Ticket


def ticket_out(ticket: Ticket) -> dict:
    return {
        "reference": ticket.reference or "",
        "subject": ticket.subject,
        "status": ticket.status,
        "priority": ticket.priority,
        "intent": ticket.intent,
        "language": ticket.language,
        "channel": ticket.channel,
        "requester": {
            "id": str(ticket.requester.public_id),
            "name": ticket.requester.display_name,
        },
        "assignee": ticket.assignee.get_username() if ticket.assignee_id else None,
        "team": ticket.team.slug if ticket.team_id else None,
        "secret_exposed": ticket.secret_exposed,
        "created_at": ticket.created_at,
        "updated_at": ticket.updated_at,
    }


def message_out(message: Message) -> dict:
    author = None
    if message.author_agent_id:
        author = message.author_agent.get_username()
    elif message.author_customer_id:
        author = str(message.author_customer.public_id)
    return {
        "id": message.pk,
        "author_kind": message.author_kind,
        "author": author,
        "visibility": message.visibility,
        "body": message.body,
        "language": message.language,
        "channel": message.channel,
        "created_at": message.created_at,
    }


def customer_out(customer: Customer) -> dict:
    identities = customer.identities.all()
    return {
        "id": str(customer.public_id),
        "name": customer.display_name,
        "language": customer.language,
        "emails": sorted(i.value for i in identities if i.kind == ContactIdentity.Kind.EMAIL),
        "ticket_count": customer.tickets.count(),
        "created_at": customer.created_at,
    }
