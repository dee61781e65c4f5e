"""Writing a conversation's turns: every desk turn gets its verification code, and what the
assistant says passes the never-ask guard first (a blocked turn becomes a safe fallback).
"""

from __future__ import annotations

from typing import Any

from madoguchi.conversations import rendering
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.dialogue import Action, State
from madoguchi.guardian.services import assistant_output_guard
from madoguchi.signing.services import verification_code_for_turn


def turn_add(
    conversation: Conversation,
    role: str,
    text: str,
    actions: list[dict[str, Any]],
    client_message_id: str | None = None,
) -> Turn:
    turn = Turn(
        conversation=conversation,
        role=role,
        text=text,
        actions=actions,
        client_message_id=client_message_id,
    )
    turn.full_clean(exclude=["conversation"], validate_constraints=False)
    turn.save()
    verification_code_for_turn(turn=turn)  # what the desk says carries a code (same txn)
    return turn


def assistant_turns_add(
    conversation: Conversation, state: State, actions: list[Action], turns: list[Turn]
) -> None:
    """Store what the assistant says as turns: warnings as a system turn, the rest as one
    assistant turn (the hand-off itself is not shown: its confirmation is)."""
    warnings = [a.as_dict() for a in actions if a.kind == "warn_secret"]
    spoken = [a.as_dict() for a in actions if a.kind not in ("warn_secret", "hand_off")]
    language = state.language
    if warnings:
        text = "\n".join(rendering.plain_text(a, language) for a in warnings)
        turns.append(turn_add(conversation, Turn.Role.SYSTEM, text, warnings))
    if spoken:
        text = "\n\n".join(rendering.plain_text(a, language) for a in spoken)
        # the never-ask guard: a blocked turn becomes a safe fallback (logged)
        text, spoken = assistant_output_guard(text=text, actions=spoken, language=language)
        turns.append(turn_add(conversation, Turn.Role.ASSISTANT, text, spoken))
