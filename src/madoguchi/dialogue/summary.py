"""The hand-off summary: what an agent needs so they never ask the customer twice (pure).

A plain dict (stored as the hand-off action's data and rendered into the ticket's first
message): the intent, the facts with their validation notes, what the customer tried, what the
assistant said and showed, the customer's own words (redacted) and their sentiment.

>>> from madoguchi.dialogue._types import State
>>> build_summary(State(intent="funds.wrong_network"), "unsolved")["urgency"]
'high'
"""

from __future__ import annotations

from typing import Any

from madoguchi import taxonomy
from madoguchi.dialogue import sentiment
from madoguchi.dialogue._types import State

__all__ = ["build_summary"]


def build_summary(state: State, reason: str) -> dict[str, Any]:
    """The summary of ``state`` at the hand-off, with the hand-off ``reason``."""
    try:
        intent = taxonomy.intent(state.intent) if state.intent else None
    except taxonomy.UnknownIntentError:
        intent = None
    urgency = "urgent" if state.urgent else (intent.urgency if intent else "normal")
    facts = {
        slot: {
            "text": state.facts[slot],
            "valid": check.get("valid"),
            "value": check.get("value"),
            "problems": list(check.get("problems") or []),
            "notes": list(check.get("notes") or []),
        }
        for slot, check in state.fact_checks.items()
        if slot in state.facts
    }
    return {
        "reason": reason,
        "intent": state.intent,
        "intent_title_en": intent.title_en if intent else "",
        "intent_title_ja": intent.title_ja if intent else "",
        "confidence": round(state.confidence, 2),
        "urgency": urgency,
        "language": state.language,
        "facts": facts,
        "skipped": list(state.skipped),
        "missing": [s for s in (intent.slots if intent else ()) if s not in state.facts],
        "possible_intents": [a.get("intent") for a in state.alternatives if a.get("intent")],
        "tried": list(state.tried),
        "articles_shown": list(state.articles_shown),
        "said": list(state.said),
        "customer_messages": list(state.messages),
        "secret_kinds": list(state.secret_kinds),
        "human_requested": state.human_requested,
        "sentiment": {
            "score": round(state.angry_peak, 2),
            "label": sentiment.label_of(state.angry_peak),
            "now": state.angry_score,
            "signals": list(state.sentiment_signals),
        },
        "email": state.email,
        "turns": state.turn_count,
    }
