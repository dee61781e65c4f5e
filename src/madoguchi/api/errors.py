"""One error shape for every API failure: ``{"error": {"code", "message", "field"?}}``.

Views raise :class:`ApiError`; ninja's own failures (authentication, validation, bad JSON,
404, oversized bodies) are converted by the handlers ``errors_install()`` registers, so a
client parses one shape whatever went wrong.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

#: The ``code`` used when a status has no more specific one.
DEFAULT_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    422: "validation_error",
    429: "rate_limited",
}


class ApiError(Exception):
    """An answer other than success, with a stable machine-readable ``code``."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or DEFAULT_CODES.get(status, "error")
        self.message = message
        self.field = field
        self.headers = headers or {}


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    error: ErrorDetail


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for these error statuses (the OpenAPI document lists them)."""
    return dict.fromkeys(statuses, ErrorOut)


#: Every authenticated endpoint can answer these.
COMMON = (400, 401, 403, 413, 422, 429)


def error_body(code: str, message: str, field: str | None = None) -> dict:
    detail: dict = {"code": code, "message": message}
    if field:
        detail["field"] = field
    return {"error": detail}


def errors_install(api: NinjaAPI) -> None:
    """Register the handlers that turn every failure into the one error shape."""

    def respond(request: HttpRequest, status: int, code: str, message: str, field=None):
        return api.create_response(request, error_body(code, message, field), status=status)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        response = respond(request, exc.status, exc.code, exc.message, exc.field)
        for name, value in exc.headers.items():
            response[name] = value
        return response

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        where = ".".join(
            str(p) for p in first.get("loc", ()) if p not in ("body", "payload", "query", "path")
        )
        message = str(first.get("msg", "invalid request"))[:300]
        return respond(request, 422, "validation_error", message, where or None)

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, 401, "unauthorized", "missing or invalid API key")
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        return respond(request, status, DEFAULT_CODES.get(status, "error"), str(exc)[:300])

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, "not_found", "not found")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return respond(request, 413, "payload_too_large", f"request body over {limit} bytes")
