"""The conversation's state, the events that move it and the actions it asks for (pure).

The state is a plain dataclass that round-trips through JSON (``as_dict``/``from_dict``), so
the desk stores it in one JSON column and every channel resumes the same conversation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Protocol

__all__ = [
    "Action",
    "AgentJoined",
    "AgentLeft",
    "ArticleRef",
    "CustomerMessage",
    "DialogueError",
    "Event",
    "Helped",
    "HumanRequested",
    "Start",
    "State",
    "TicketOpened",
    "Understander",
    "Understanding",
]


class DialogueError(ValueError):
    """A state or event the machine cannot work with (corrupt JSON, an unknown event)."""


class Understanding(Protocol):
    """What the understanding engine says about one text (``madoguchi.nlu``)."""

    intent: str | None
    confidence: float
    language: str
    article: str | None
    alternatives: Sequence[Any]  # {intent, confidence, article} mappings or objects
    out_of_scope: str | None  # None | "investment_advice" | "unknown"


#: text -> Understanding
Understander = Callable[[str], Understanding]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """A help article as the assistant shows it: a short answer and a link."""

    slug: str
    title: str
    summary: str
    intent: str = ""

    @property
    def link(self) -> str:
        return f"/help/{self.slug}/"


#: (intent or None, article slug or None, language) -> the article to show, or None
ArticleLookup = Callable[[str | None, str | None, str], ArticleRef | None]


# --- events ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Start:
    """The conversation opens: greet in ``language``."""

    language: str = "ja"
    signed_in: bool = False
    has_email: bool = False


@dataclass(frozen=True, slots=True)
class CustomerMessage:
    """A customer's line, already screened: ``text`` is redacted, secrets are kinds only."""

    text: str
    secret_kinds: tuple[str, ...] = ()
    #: entities the analysis found: {"kind", "text", "value", "chain", "valid"} mappings
    entities: tuple[Mapping[str, Any], ...] = ()
    received_at: Any = None


@dataclass(frozen=True, slots=True)
class Helped:
    """The customer pressed "did this help? yes/no"."""

    yes: bool


@dataclass(frozen=True, slots=True)
class HumanRequested:
    """The customer pressed "talk to a person" (the same as writing "human please")."""


@dataclass(frozen=True, slots=True)
class AgentJoined:
    name: str = ""


@dataclass(frozen=True, slots=True)
class AgentLeft:
    pass


@dataclass(frozen=True, slots=True)
class TicketOpened:
    """The desk opened the ticket the last hand-off asked for."""

    reference: str
    priority: str = "normal"


Event = Start | CustomerMessage | Helped | HumanRequested | AgentJoined | AgentLeft | TicketOpened


# --- actions -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do or show. ``kind`` is one of:

    ``say`` (``text``), ``show_article`` (``data``: slug, title, summary, link),
    ``ask_helped``, ``ask_slot`` (``data``: slot, problems), ``warn_secret`` (``data``: kinds),
    ``show_steps`` (``data``: intent or playbook), ``clarify`` (``data``: options),
    ``decline`` (``data``: reason, alternatives), ``hand_off`` (``data``: the summary),
    ``offer_callback``, ``ask_contact`` (``data``: what).
    """

    kind: str
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "data": self.data}


# --- state -------------------------------------------------------------------------------------
PHASES = (
    "new",
    "listening",  # waiting for the customer to say what is wrong
    "awaiting_helped",  # an article was shown: did it help?
    "clarifying",  # top alternatives offered, waiting for a number
    "verifying",  # a channel was asked about: the next pasted link, address... is checked
    "collecting",  # asking the checklist slots, one at a time
    "contact",  # asking for an e-mail address before the hand-off
    "handing_off",  # the hand-off action was emitted; the desk opens the ticket
    "handed_off",  # a ticket exists; messages go to it
    "closed",
)


@dataclass
class State:
    """Everything the assistant remembers about one conversation (JSON-serialisable)."""

    phase: str = "new"
    language: str = "ja"
    signed_in: bool = False
    has_email: bool = False
    intent: str | None = None
    confidence: float = 0.0
    #: the checklist: {slot: text as the customer gave it (redacted)}
    facts: dict[str, str] = field(default_factory=dict)
    #: {slot: FactCheck.as_dict() + notes} for every fact collected
    fact_checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    slots_to_ask: list[str] = field(default_factory=list)
    pending_slot: str | None = None
    retries: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    #: facts found in messages before collection started (entities)
    offered: dict[str, str] = field(default_factory=dict)
    #: what the customer already tried (articles read that did not help)
    tried: list[str] = field(default_factory=list)
    articles_shown: list[str] = field(default_factory=list)
    #: what the assistant told the customer: text keys and step sets, in order
    said: list[str] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    clarify_count: int = 0
    unknown_count: int = 0
    urgent: bool = False
    secret_seen: bool = False
    secret_kinds: list[str] = field(default_factory=list)
    agent_joined: bool = False
    agent_name: str = ""
    human_requested: bool = False
    angry_score: float = 0.0  # decays: the mood now
    angry_peak: float = 0.0  # the worst it was: what the agent is told
    angry_acknowledged: bool = False
    sentiment_signals: list[str] = field(default_factory=list)
    turn_count: int = 0
    #: the customer's lines (redacted), the first few, for the summary
    messages: list[str] = field(default_factory=list)
    handoff_reason: str | None = None
    contact_wanted: str | None = None  # "email" | "phone" while one is being asked
    email: str | None = None
    callback_phone: str | None = None
    reference: str | None = None
    priority: str | None = None
    #: ``[shown, value]`` of the links, addresses, numbers and handles of the latest message
    #: that had any, for "is this official?" a line later; passwords in URLs are dropped
    channel_values: list[list[str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> State:
        """A state from its JSON; unknown keys are ignored (older or newer versions)."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise DialogueError("the conversation state is not an object")
        names = {f.name for f in fields(cls)}
        state = cls(**{k: v for k, v in data.items() if k in names})
        if state.phase not in PHASES:
            raise DialogueError(f"unknown conversation phase {state.phase!r}")
        return state
