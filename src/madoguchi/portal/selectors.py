"""Reads for the portal: a customer's own tickets, the help articles of an intent."""

from __future__ import annotations

from django.db.models import QuerySet

from madoguchi.customers.models import Customer
from madoguchi.kb.models import Article
from madoguchi.tickets.models import Ticket


def customer_tickets(customer: Customer) -> QuerySet[Ticket]:
    return Ticket.objects.filter(requester=customer).order_by("-updated_at", "-id")


def intent_articles(intent_id: str, language: str) -> QuerySet[Article]:
    return Article.objects.filter(intent=intent_id, language=language).order_by("slug")
