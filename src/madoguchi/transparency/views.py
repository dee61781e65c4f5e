"""Public pages of the log (``/log/checkpoint``, ``/log/key``) and a customer's receipt file.

The two public texts carry no personal data and may be cached; the receipt is private to the
signed-in requester (``access_ticket_for_customer``: anyone else gets the same 404).
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from madoguchi.portal.session import signed_in_customer
from madoguchi.tickets.access import access_ticket_for_customer
from madoguchi.transparency import services
from madoguchi.transparency.keys import log_verifier
from madoguchi.transparency.receipts import receipt_document, ticket_receipt

TEXT = "text/plain; charset=utf-8"


@require_GET
def checkpoint_text(request: HttpRequest) -> HttpResponse:
    """The latest signed checkpoint note, as transparency-log clients fetch it."""
    response = HttpResponse(services.checkpoint_current().note, content_type=TEXT)
    response["Cache-Control"] = "public, max-age=10"
    return response


@require_GET
def key_text(request: HttpRequest) -> HttpResponse:
    """The log's verifier key (vkey). Pin it from the docs too: a log cannot vouch for itself."""
    response = HttpResponse(str(log_verifier()) + "\n", content_type=TEXT)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def receipt_download(request: HttpRequest, public_id: str) -> HttpResponse:
    customer = signed_in_customer(request)
    if customer is None:
        return redirect("portal:access")
    ticket = access_ticket_for_customer(customer, public_id)
    document = receipt_document(ticket_receipt(ticket))
    body = json.dumps(document, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="receipt-{ticket.reference}.json"'
    response["Cache-Control"] = "private, no-store"
    return response
