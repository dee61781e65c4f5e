"""The hand-off: the summary for the agent, then the reference, the expected response time and
the right channel for the urgency (a call-back for urgent requests), all said by the machine.
"""

from __future__ import annotations

from madoguchi.dialogue import phrases
from madoguchi.dialogue._texts import say, text
from madoguchi.dialogue._types import Action, State, TicketOpened
from madoguchi.dialogue.slots import check_phone
from madoguchi.dialogue.summary import build_summary


class HandoffSteps:
    """The hand-off part of :class:`~madoguchi.dialogue.Assistant` (a mixin)."""

    def _hand_off(self, state: State, out: list[Action], reason: str) -> None:
        state.handoff_reason = reason
        state.pending_slot = None
        state.phase = "handing_off"
        out.append(Action("hand_off", "", build_summary(state, reason)))

    def _ticket_opened(self, state: State, event: TicketOpened, out: list[Action]) -> None:
        state.reference, state.priority = event.reference, event.priority
        state.phase = "handed_off"
        say(state, out, "handed_off", reference=event.reference)
        urgent = state.urgent or event.priority == "urgent"
        time = text(
            f"time_{event.priority if event.priority in ('urgent', 'high') else 'normal'}",
            state.language,
        )
        if urgent:
            say(state, out, "channel_urgent", time=time)
            state.contact_wanted = "phone"
            out.append(
                Action("offer_callback", text("ask_phone", state.language), {"what": "phone"})
            )
            state.said.append("ask_phone")
        elif state.email or state.has_email:
            say(state, out, "channel_email", time=time)
        else:
            say(state, out, "channel_page", time=time)

    def _after_handoff(self, state: State, line: str, out: list[Action]) -> None:
        if state.contact_wanted == "phone":
            phone = check_phone(line)
            if phone is not None:
                state.callback_phone, state.contact_wanted = phone, None
                say(state, out, "phone_noted", phone=phone)
            elif phrases.skip(line):
                state.contact_wanted = None
                say(state, out, "phone_skipped")
            else:
                out.append(
                    Action("offer_callback", text("bad_phone", state.language), {"what": "phone"})
                )
            return
        if state.reference:
            say(state, out, "note_added", reference=state.reference)
