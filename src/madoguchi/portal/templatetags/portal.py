"""Template helpers for the portal's shared layout."""

from __future__ import annotations

from django import template

from madoguchi.customers.models import Customer
from madoguchi.portal.session import signed_in_customer

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_customer(context: template.Context) -> Customer | None:
    """The signed-in customer of this request, for the header (None when signed out)."""
    request = context.get("request")
    return signed_in_customer(request) if request is not None else None
