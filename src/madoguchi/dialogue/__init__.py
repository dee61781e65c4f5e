"""The assistant's conversation state machine, the same on every channel (pure).

``Assistant(understand, articles).step(state, event)`` returns the next :class:`State` and a
list of :class:`Action` for the channel to render; the desk stores the state as JSON and opens
tickets. See ``_machine.py`` for the branches.

>>> state, actions = Assistant(lambda text: None, lambda *a: None).step(State(), Start("en"))
>>> state.phase, actions[0].kind
('listening', 'say')
"""

from madoguchi.dialogue._machine import URGENT_INTENTS, Assistant
from madoguchi.dialogue._texts import TEXTS, text
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
from madoguchi.dialogue.summary import build_summary

__all__ = [
    "TEXTS",
    "URGENT_INTENTS",
    "Action",
    "AgentJoined",
    "AgentLeft",
    "ArticleLookup",
    "ArticleRef",
    "Assistant",
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
    "build_summary",
    "text",
]
