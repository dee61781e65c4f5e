"""Request and response shapes of the API (strict: a wrong type is a 422, never coerced)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from madoguchi.api.pagination import DEFAULT_LIMIT, MAX_LIMIT

TicketStatus = Literal["new", "open", "pending", "on_hold", "solved", "closed"]
TicketPriority = Literal["urgent", "high", "normal", "low"]
Language = Literal["ja", "en"]
Channel = Literal["web", "api", "email", "chat", "social", "phone"]
#: a ticket reference as the desk makes them (MDG-26-000123); anything else is a 422
REFERENCE = r"^[A-Z0-9]{1,10}-[0-9]{2}-[0-9]{6,12}$"


class Strict(Schema):
    model_config = ConfigDict(strict=True, extra="forbid")


class Query(Schema):
    """Query strings are text: numbers and booleans in them are parsed (not strict)."""


# ---- the customer-side "requests" (file a request for a customer) -------------------------


class RequestIn(Strict):
    email: str = Field(max_length=254)
    name: str = Field(default="", max_length=120)
    subject: str = Field(default="", max_length=200)
    body: str = Field(min_length=1, max_length=20_000)
    intent: str = Field(default="", max_length=64)
    facts: dict[str, str] = Field(default_factory=dict, max_length=20)
    language: Language = "ja"
    external_id: str | None = Field(default=None, max_length=200)


class ReplyIn(Strict):
    email: str = Field(max_length=254)
    body: str = Field(min_length=1, max_length=20_000)
    external_id: str | None = Field(default=None, max_length=200)


class WarningOut(Schema):
    code: str
    severity: str
    en: str
    ja: str


class RequestMessageOut(Schema):
    author: str
    body: str
    created_at: str


class RequestOut(Schema):
    reference: str
    status: str
    priority: str
    intent: str
    language: str
    subject: str
    secret_exposed: bool
    created: bool = False
    duplicate: bool = False
    warnings: list[WarningOut] = []
    messages: list[RequestMessageOut] = []


# ---- tickets, messages (agents' integrations) ---------------------------------------------


class PageQuery(Query):
    cursor: str | None = Field(default=None, max_length=100)
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _utc(value: datetime) -> datetime:
    """An aware time in UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 and Python
    allow (+21:11), and a year-1 time with a positive offset has no UTC equivalent."""
    try:
        if value.tzinfo is None or value.utcoffset() is None:
            value = timezone.make_aware(value)  # a naive time is the desk's time zone's
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("is out of range") from None


UtcDateTime = Annotated[datetime, AfterValidator(_utc)]


class TicketFilter(PageQuery):
    status: TicketStatus | None = None
    priority: TicketPriority | None = None
    intent: str | None = Field(default=None, max_length=64)
    language: Language | None = None
    channel: Channel | None = None
    assignee: str | None = Field(default=None, max_length=150, description='username or "none"')
    team: str | None = Field(default=None, max_length=80, description="team slug")
    updated_after: UtcDateTime | None = None


class RequesterOut(Schema):
    id: str
    name: str


class TicketOut(Schema):
    reference: str
    subject: str
    status: str
    priority: str
    intent: str
    language: str
    channel: str
    requester: RequesterOut
    assignee: str | None
    team: str | None
    secret_exposed: bool
    created_at: datetime
    updated_at: datetime


class TicketPage(Schema):
    items: list[TicketOut]
    next_cursor: str | None


class TicketCreateIn(RequestIn):
    """A new ticket for a customer, through the one intake path (channel ``api``)."""


class TicketUpdateIn(Strict):
    """Fields left out are unchanged; ``assignee``/``team`` null clears them."""

    status: TicketStatus | None = None
    priority: TicketPriority | None = None
    assignee: str | None = Field(default=None, max_length=150, description="an agent's username")
    team: str | None = Field(default=None, max_length=80, description="a team slug")


class MessageOut(Schema):
    id: int
    author_kind: str
    author: str | None
    visibility: str
    body: str
    language: str
    channel: str
    created_at: datetime


class MessagePage(Schema):
    items: list[MessageOut]
    next_cursor: str | None


class MessageFilter(PageQuery):
    include_internal: bool = False


class MessageIn(Strict):
    body: str = Field(min_length=1, max_length=20_000)
    internal: bool = False


# ---- customers, articles, search ----------------------------------------------------------


class CustomerOut(Schema):
    id: str
    name: str
    language: str
    emails: list[str]
    ticket_count: int
    created_at: datetime


class CustomerSearch(Query):
    email: str = Field(min_length=3, max_length=254)


class CustomerList(Schema):
    items: list[CustomerOut]


class ArticleFilter(PageQuery):
    language: Language | None = None
    intent: str | None = Field(default=None, max_length=64)


class ArticleSummaryOut(Schema):
    slug: str
    language: str
    intent: str
    title: str
    summary: str
    updated_at: datetime


class ArticleOut(ArticleSummaryOut):
    body: str
    related: list[str]


class ArticlePage(Schema):
    items: list[ArticleSummaryOut]
    next_cursor: str | None


class TicketSearch(Query):
    q: str = Field(min_length=1, max_length=100)
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class TicketList(Schema):
    items: list[TicketOut]


# ---- webhooks -----------------------------------------------------------------------------


class WebhookIn(Strict):
    url: str = Field(min_length=8, max_length=2000)
    events: list[str] = Field(min_length=1, max_length=20)
    description: str = Field(default="", max_length=200)
    active: bool = True


class WebhookPatch(Strict):
    url: str | None = Field(default=None, min_length=8, max_length=2000)
    events: list[str] | None = Field(default=None, min_length=1, max_length=20)
    description: str | None = Field(default=None, max_length=200)
    active: bool | None = None


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    description: str
    active: bool
    created_at: datetime


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(description="the signing secret; shown only in this response")


class WebhookList(Schema):
    items: list[WebhookOut]


class DeliveryOut(Schema):
    id: str
    event_type: str
    status: str
    attempts: int
    response_status: int | None
    last_error: str
    created_at: datetime
    delivered_at: datetime | None
    next_attempt_at: datetime | None


class DeliveryPage(Schema):
    items: list[DeliveryOut]
    next_cursor: str | None


# ---- phone (the telephony system's voicemails; call-back requests to work) ----------------


def _iso_datetime(value: object) -> object:
    """ISO 8601 text with a UTC offset, parsed here: strict mode would refuse any JSON string,
    and lax mode would also take a bare number as a Unix time (a coercion we refuse)."""
    if not isinstance(value, str):
        if isinstance(value, datetime):
            return value
        raise ValueError("must be an ISO 8601 date and time, e.g. 2026-11-29T14:03:00+09:00")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            "must be an ISO 8601 date and time, e.g. 2026-11-29T14:03:00+09:00"
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("needs a UTC offset, e.g. 2026-11-29T14:03:00+09:00 or …Z")
    return parsed


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_datetime), AfterValidator(_utc)]


class VoicemailIn(Strict):
    phone: str = Field(min_length=1, max_length=40, description="the caller's number")
    transcript: str = Field(min_length=1, max_length=20_000)
    recorded_at: IsoDateTime | None = Field(
        default=None, description="ISO 8601 with an offset; null: the time of receipt"
    )
    external_id: str = Field(
        min_length=1, max_length=200, description="the telephony system's recording id"
    )


class VoicemailOut(Schema):
    reference: str = Field(description="the ticket the voicemail was filed on")
    message_id: int
    created: bool = Field(description="a new ticket was opened for it")
    duplicate: bool = Field(description="this external_id was already taken; nothing written")
    secret_exposed: bool
    warnings: list[WarningOut] = []


CallbackStatus = Literal["requested", "scheduled"]


class CallbackFilter(PageQuery):
    status: CallbackStatus | None = Field(default=None, description="default: both open ones")


class CallbackOut(Schema):
    id: int
    status: str
    phone: str = Field(description="E.164")
    preferred_window: str
    scheduled_for: datetime | None
    ticket: str | None = Field(description="the ticket's reference, if the call is about one")
    customer: RequesterOut
    created_at: datetime
    updated_at: datetime


class CallbackPage(Schema):
    items: list[CallbackOut]
    next_cursor: str | None
