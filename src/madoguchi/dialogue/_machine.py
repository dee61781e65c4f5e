"""The assistant's state machine: ``step(state, event) -> (state, actions)`` (pure).

The machine decides; it never stores, sends or opens anything. The desk runs the actions:
it renders ``say``/``show_article``/``ask_slot``..., opens the ticket on ``hand_off`` and then
feeds :class:`TicketOpened` back, so the customer hears the reference from the same machine.

Order of precedence for a customer line: a secret (always warned; before a hand-off also the
security playbook and an urgent hand-off), an agent who joined (the assistant stays silent),
after the hand-off (the call-back number, else a note), "human please" (hand off at once), the
phase's own question (slot, e-mail, did-it-help, clarifying choice), then understanding. The
checklist and the hand-off live in ``_checklist.py`` and ``_handoff.py``.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from typing import Any

from madoguchi import taxonomy
from madoguchi.dialogue import phrases, sentiment
from madoguchi.dialogue._checklist import ChecklistSteps
from madoguchi.dialogue._handoff import HandoffSteps
from madoguchi.dialogue._texts import say, text
from madoguchi.dialogue._types import (
    Action,
    AgentJoined,
    AgentLeft,
    ArticleLookup,
    ArticleRef,
    CustomerMessage,
    DialogueError,
    Event,
    Helped,
    HumanRequested,
    Start,
    State,
    TicketOpened,
    Understander,
    Understanding,
)
from madoguchi.dialogue._verify import PHISHING_INTENT, VERIFY_INTENT, Verify, VerifySteps
from madoguchi.dialogue.channel_check import channel_values
from madoguchi.dialogue.slots import facts_from_entities

log = logging.getLogger(__name__)

#: intents whose protective steps come before anything else (plus any intent marked urgent)
URGENT_INTENTS = frozenset(
    {
        "account.compromised",
        "security.unauthorized_withdrawal",
        "security.secret_exposed",
        "security.scam_victim",
    }
)
HUMAN_INTENT = "other.human_agent"
REFERRAL_INTENTS = frozenset({"other.expert_referral", "other.tax_report"})
OUTAGE_INTENT = "tech.outage"
#: the customer's lines kept for the summary
_MAX_MESSAGES = 12
#: a runner-up offered in a clarifying question needs at least this confidence
_RUNNER_UP = 0.05


def _is_urgent(intent_id: str | None) -> bool:
    if not intent_id:
        return False
    if intent_id in URGENT_INTENTS:
        return True
    try:
        return taxonomy.intent(intent_id).urgency == "urgent"
    except taxonomy.UnknownIntentError:
        return False


def _known(intent_id: Any) -> str | None:
    if not isinstance(intent_id, str) or not intent_id:
        return None
    try:
        taxonomy.intent(intent_id)
    except taxonomy.UnknownIntentError:
        return None
    return intent_id


def _alternative(item: Any) -> dict[str, Any]:
    get = item.get if isinstance(item, Mapping) else (lambda k, d=None: getattr(item, k, d))
    return {
        "intent": _known(get("intent")),
        "confidence": float(get("confidence", 0.0) or 0.0),
        "article": get("article"),
    }


class Assistant(ChecklistSteps, HandoffSteps, VerifySteps):
    """The machine with its collaborators: the understanding engine, the article lookup and,
    optionally, ``verify`` (a value -> its official/impersonation/unknown verdict).

    >>> # state, actions = Assistant(understander(), article_ref).step(State(), Start("en"))
    """

    def __init__(
        self,
        understand: Understander,
        articles: ArticleLookup,
        *,
        confident: float = 0.55,
        clarify_floor: float = 0.2,
        urgent_floor: float = 0.5,
        tz: str = "Asia/Tokyo",
        verify: Verify | None = None,
    ) -> None:
        self.understand = understand
        self.articles = articles
        self.verify = verify
        self.confident = confident
        self.clarify_floor = clarify_floor
        self.urgent_floor = urgent_floor
        self.tz = tz

    # --- entry point ---------------------------------------------------------------------------
    def step(self, state: State, event: Event) -> tuple[State, list[Action]]:
        """The next state and what to do; ``state`` itself is left unchanged."""
        state = copy.deepcopy(state)
        out: list[Action] = []
        if isinstance(event, Start):
            self._start(state, event, out)
        elif isinstance(event, CustomerMessage):
            self._message(state, event, out)
        elif isinstance(event, Helped):
            self._helped(state, event.yes, out)
        elif isinstance(event, HumanRequested):
            self._human(state, out)
        elif isinstance(event, AgentJoined):
            state.agent_joined, state.agent_name = True, event.name
        elif isinstance(event, AgentLeft):
            state.agent_joined = False
            if state.phase != "closed":
                say(state, out, "agent_left")
                state.phase = "listening"
                state.contact_wanted = None
        elif isinstance(event, TicketOpened):
            self._ticket_opened(state, event, out)
        else:
            raise DialogueError(f"unknown event {type(event).__name__}")
        return state, out

    # --- small helpers -------------------------------------------------------------------------
    def _start(self, state: State, event: Start, out: list[Action]) -> None:
        state.language = "en" if event.language == "en" else "ja"
        state.signed_in, state.has_email = event.signed_in, event.has_email
        state.phase = "listening"
        say(state, out, "greeting")

    # --- a customer line -----------------------------------------------------------------------
    def _message(self, state: State, event: CustomerMessage, out: list[Action]) -> None:
        line = (event.text or "").strip()
        state.turn_count += 1
        if len(state.messages) < _MAX_MESSAGES:
            state.messages.append(line[:2000])
        guessed = phrases.guess_language(line)
        if guessed and state.turn_count <= 2 and not state.agent_joined:
            state.language = guessed  # answer in the language the customer writes
        mood = sentiment.score(line)
        state.angry_score = round(max(mood.score, state.angry_score * 0.7), 2)
        state.angry_peak = max(state.angry_peak, mood.score)
        for signal in mood.signals:
            if signal not in state.sentiment_signals:
                state.sentiment_signals.append(signal)
        if state.phase != "collecting":
            # facts volunteered in a message fill slots later, without a question
            for slot, value in facts_from_entities(event.entities, taxonomy.SLOTS).items():
                state.offered[slot] = value
        values = channel_values(event.entities, line)
        if values:
            state.channel_values = values[:5]

        if event.secret_kinds:
            self._secret(state, event, out)
            return
        if state.agent_joined or state.phase == "closed":
            return  # the agent has the conversation: the assistant never talks over them
        if state.phase in ("handed_off", "handing_off"):
            self._after_handoff(state, line, out)
            return
        if phrases.wants_human(line):
            self._human(state, out)
            return
        if state.phase == "collecting" and state.pending_slot:
            if self._angry(state):
                self._acknowledge_anger(state, out)
                self._finish_collecting(state, out, reason="angry")
                return
            self._slot_answer(state, line, event, out)
            return
        if state.phase == "contact":
            self._contact_answer(state, line, out)
            return
        if state.phase == "verifying" and self._verify_answer(state, event, line, out):
            return
        if state.phase == "awaiting_helped":
            answer = phrases.yes_no(line)
            if answer is not None:
                self._helped(state, answer, out)
                return
        if state.phase == "clarifying":
            picked = phrases.choice(line, len(state.alternatives))
            if picked == -1:
                say(state, out, "handoff_general")
                self._finish_collecting(state, out, reason="not_understood")
                return
            if picked is not None:
                self._chose(state, state.alternatives[picked], out)
                return
        self._understand(state, line, out)

    def _human(self, state: State, out: list[Action]) -> None:
        """A person, at once: whatever the phase, unless one already has the conversation."""
        if state.agent_joined or state.phase in ("handed_off", "handing_off", "closed"):
            return
        state.human_requested = True
        say(state, out, "human_ack")
        self._hand_off(state, out, "human_request")

    def _angry(self, state: State) -> bool:
        return state.angry_score >= sentiment.ANGRY

    def _acknowledge_anger(self, state: State, out: list[Action]) -> None:
        if not state.angry_acknowledged:
            state.angry_acknowledged = True
            say(state, out, "angry_ack")

    # --- understanding -------------------------------------------------------------------------
    def _understand(self, state: State, line: str, out: list[Action]) -> None:
        try:
            result: Understanding | None = self.understand(line)
        except Exception as exc:  # the engine is pluggable: whatever it raises, keep talking
            # an engine that cannot answer must not lose the customer: treat as not understood
            log.warning("understanding failed: %s", type(exc).__name__)  # no text in logs
            result = None
        intent = _known(getattr(result, "intent", None))
        confidence = float(getattr(result, "confidence", 0.0) or 0.0)
        out_of_scope = getattr(result, "out_of_scope", None)
        alternatives = [_alternative(a) for a in (getattr(result, "alternatives", None) or ())]
        alternatives = [a for a in alternatives if a["intent"]]
        if out_of_scope == "investment_advice":
            out.append(
                Action(
                    "decline",
                    text("decline_investment", state.language),
                    {"reason": "investment_advice", "alternatives": ["help_centre", "community"]},
                )
            )
            state.said.append("decline_investment")
            return
        if intent == HUMAN_INTENT and confidence >= self.clarify_floor:
            self._human(state, out)
            return
        # protective steps are harmless when we are not quite sure: urgent wins at a lower bar
        if out_of_scope is None and _is_urgent(intent) and confidence >= self.urgent_floor:
            self._urgent(state, str(intent), confidence, out)
            return
        if out_of_scope is None and intent and confidence >= self.confident:
            self._confident(state, intent, confidence, getattr(result, "article", None), out)
            return
        if self._angry(state) and out_of_scope is None:
            # an angry customer is not quizzed: acknowledge, then a person, sooner (a guess at
            # the intent is left for the agent to decide)
            if intent and confidence >= self.clarify_floor and not state.intent:
                state.alternatives = [{"intent": intent, "confidence": confidence}]
            self._acknowledge_anger(state, out)
            self._finish_collecting(state, out, reason="angry")
            return
        # a clarifying question: the best guess must be plausible; the runners-up fill the list
        options = [{"intent": intent, "confidence": confidence, "article": None}] if intent else []
        options += [a for a in alternatives if a["intent"] != intent]
        options = [o for o in options if o["confidence"] >= _RUNNER_UP][:3]
        plausible = bool(options) and options[0]["confidence"] >= self.clarify_floor
        sure_out = out_of_scope is not None and confidence >= self.confident
        if plausible and not sure_out and state.clarify_count == 0:
            self._clarify(state, options, out)
            return
        state.unknown_count += 1
        if state.unknown_count >= 2 or state.clarify_count:
            say(state, out, "handoff_general")
            self._finish_collecting(state, out, reason="not_understood")
            return
        if out_of_scope == "unknown" and confidence >= self.confident:
            out.append(
                Action(
                    "decline",
                    text("decline_unknown", state.language),
                    {"reason": "out_of_scope", "alternatives": ["community", "human"]},
                )
            )
            state.said.append("decline_unknown")
            return
        say(state, out, "not_understood")

    def _clarify(self, state: State, options: list[dict[str, Any]], out: list[Action]) -> None:
        state.clarify_count += 1
        state.alternatives = options
        state.phase = "clarifying"
        labelled = [
            {**o, "title": taxonomy.intent(o["intent"]).title(state.language)} for o in options
        ]
        lines = [text("clarify", state.language)]
        lines += [f"{n}. {o['title']}" for n, o in enumerate(labelled, start=1)]
        lines.append(text("clarify_none", state.language))
        out.append(Action("clarify", "\n".join(lines), {"options": labelled}))
        state.said.append("clarify")

    def _chose(self, state: State, option: Mapping[str, Any], out: list[Action]) -> None:
        intent = option["intent"]
        state.alternatives = []
        if _is_urgent(intent):
            self._urgent(state, intent, float(option.get("confidence") or 0.0), out)
        else:
            self._confident(state, intent, 1.0, option.get("article"), out)

    def _confident(
        self, state: State, intent: str, confidence: float, slug: Any, out: list[Action]
    ) -> None:
        if intent == VERIFY_INTENT and self._verify_start(state, out):
            state.confidence = confidence
            return
        if intent == PHISHING_INTENT:
            self._verify_reported(state, out)
        state.intent, state.confidence = intent, confidence
        if self._angry(state):
            self._acknowledge_anger(state, out)
            self._start_collecting(state, out, announce=False, angry=True)
            return
        article = self.articles(intent, slug if isinstance(slug, str) else None, state.language)
        if article is None:
            self._start_collecting(state, out, announce=True)
            return
        self._show_article(state, article, out)
        if intent in REFERRAL_INTENTS:
            say(state, out, "referral_experts")
        if intent == OUTAGE_INTENT:
            out.append(
                Action(
                    "say",
                    text("status_page", state.language),
                    {"key": "status_page", "link": "status"},
                )
            )
            state.said.append("status_page")
        out.append(Action("ask_helped", text("ask_helped", state.language)))
        state.phase = "awaiting_helped"

    def _show_article(self, state: State, article: ArticleRef, out: list[Action]) -> None:
        out.append(
            Action(
                "show_article",
                text("answer_intro", state.language),
                {
                    "slug": article.slug,
                    "title": article.title,
                    "summary": article.summary,
                    "link": article.link,
                },
            )
        )
        if article.slug not in state.articles_shown:
            state.articles_shown.append(article.slug)

    def _helped(self, state: State, yes: bool, out: list[Action]) -> None:
        if state.phase != "awaiting_helped" or state.agent_joined:
            return
        if yes:
            say(state, out, "helped_yes")
            state.phase = "listening"
            return
        if state.articles_shown:
            state.tried.append(f"article:{state.articles_shown[-1]}")
        say(state, out, "helped_no")
        self._start_collecting(state, out, announce=False)

    # --- urgent and secret ---------------------------------------------------------------------
    def _urgent(self, state: State, intent: str, confidence: float, out: list[Action]) -> None:
        state.intent, state.confidence, state.urgent = intent, confidence, True
        out.append(Action("show_steps", text("urgent_intro", state.language), {"intent": intent}))
        state.said.append(f"steps:{intent}")
        self._hand_off(state, out, "urgent")

    def _secret(self, state: State, event: CustomerMessage, out: list[Action]) -> None:
        kinds = sorted(set(event.secret_kinds))
        state.secret_seen = True
        state.secret_kinds = sorted(set(state.secret_kinds) | set(kinds))
        out.append(Action("warn_secret", "", {"kinds": kinds}))
        if state.agent_joined or state.phase in ("handed_off", "handing_off", "closed"):
            return  # the warning only: the ticket is already flagged by intake
        out.append(
            Action("show_steps", text("secret_playbook", state.language), {"playbook": "secret"})
        )
        state.said.append("steps:secret")
        state.urgent = True
        if not _is_urgent(state.intent):
            state.intent = "security.secret_exposed"
        self._hand_off(state, out, "secret")
