"""Background work for tickets queued by an earlier version (kept so a queue survives upgrades).

Customer e-mails now go through the outbox (``madoguchi.mail.outbox``): the services write the
row in their own transaction and ``madoguchi.mail.tasks.outbox_send`` sends it. A task of the
old kind still waiting in the database queue after an upgrade writes its outbox row here.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from madoguchi.tickets import notifications
from madoguchi.tickets.models import Ticket


@task()
def customer_message_received(ticket_id: int, created: bool) -> None:
    with transaction.atomic():
        ticket = Ticket.objects.select_related("requester").filter(pk=ticket_id).first()
        if ticket is not None:
            notifications.customer_message_received(ticket=ticket, created=created)


@task()
def agent_replied(ticket_id: int) -> None:
    with transaction.atomic():
        ticket = Ticket.objects.select_related("requester").filter(pk=ticket_id).first()
        if ticket is not None:
            notifications.agent_replied(ticket=ticket)
