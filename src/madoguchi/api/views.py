"""The JSON API (``/api/v1/``) and its OpenAPI 3 document (``/api/v1/openapi.json``).

Authentication: ``Authorization: Bearer mdg_…`` (an API key with scopes). Creates accept an
``Idempotency-Key`` header. Errors always have the shape ``{"error": {"code", "message",
"field"?}}``. Schemas are strict: a wrong type is a 422, never coerced. See docs/api.md.
"""

from __future__ import annotations

from ninja import NinjaAPI

from madoguchi.api.auth import ApiKeyAuth
from madoguchi.api.errors import errors_install
from madoguchi.api.routes import articles, customers, phone, requests, tickets, webhooks
from madoguchi.officials import api as officials_api
from madoguchi.signing import api as signing_api
from madoguchi.transparency import api as transparency_api

api = NinjaAPI(
    title="madoguchi API",
    version="1",
    description="Tickets, messages, customers, articles, phone and webhooks of a madoguchi desk.",
    urls_namespace="api",
    auth=ApiKeyAuth(),
    docs_url="/docs",
)
errors_install(api)
api.add_router("/", requests.router)
api.add_router("/", tickets.router)
api.add_router("/", customers.router)
api.add_router("/", articles.router)
api.add_router("/", webhooks.router)
api.add_router("/", phone.router)
api.add_router("/", officials_api.router)
api.add_router("/", signing_api.router)
api.add_router("/", transparency_api.router)
