"""The signed-in customer, kept in the Django session after a magic link was redeemed."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from madoguchi.customers.models import Customer

SESSION_KEY = "portal_customer_id"


def customer_sign_in(request: HttpRequest, customer: Customer) -> None:
    # a new session key on every sign-in: a key planted before sign-in is worth nothing
    request.session.cycle_key()
    request.session[SESSION_KEY] = customer.pk
    request.session.set_expiry(settings.CUSTOMER_SESSION_AGE)


def customer_sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def signed_in_customer(request: HttpRequest) -> Customer | None:
    """The customer of this session, or None (cached on the request)."""
    if not hasattr(request, "_portal_customer"):
        pk = request.session.get(SESSION_KEY)
        customer = (
            Customer.objects.prefetch_related("identities").filter(pk=pk).first()
            if isinstance(pk, int)
            else None
        )
        request._portal_customer = customer
    return request._portal_customer
