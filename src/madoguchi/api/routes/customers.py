"""``/customers``: read one customer, or find one by exact e-mail (scope ``customers:read``).

There is no listing of all customers: an integration looks up the person it already knows,
so a leaked key cannot be used to export the customer base in one loop.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from ninja import Query, Router

from madoguchi.api.auth import require_scope
from madoguchi.api.errors import COMMON, ApiError, errors
from madoguchi.api.routes.presenters import customer_out
from madoguchi.api.schemas import CustomerList, CustomerOut, CustomerSearch
from madoguchi.customers.models import ContactIdentity, Customer

router = Router(tags=["customers"])


@router.get("/customers", response={200: CustomerList, **errors(*COMMON)})
def find_customers(request: HttpRequest, query: Query[CustomerSearch]):
    """The customer with this e-mail address (normalised), as a list of zero or one."""
    require_scope(request, "customers:read")
    email = query.email.strip().lower()
    customers = Customer.objects.filter(
        identities__kind=ContactIdentity.Kind.EMAIL, identities__value=email
    ).prefetch_related("identities")
    return {"items": [customer_out(c) for c in customers[:1]]}


@router.get("/customers/{customer_id}", response={200: CustomerOut, **errors(*COMMON, 404)})
def get_customer(request: HttpRequest, customer_id: str):
    require_scope(request, "customers:read")
    try:
        public_id = uuid.UUID(customer_id)
    except ValueError as exc:
        raise ApiError(404, "not found") from exc
    customer = Customer.objects.filter(public_id=public_id).prefetch_related("identities").first()
    if customer is None:
        raise ApiError(404, "not found")
    return customer_out(customer)
