"""Collecting the intent's checklist one slot at a time, then where to answer (pure).

Facts the customer already wrote fill their slots without a question; each answer is checked
as it comes (``slots.check_slot``); a wrong value is explained and asked again, at most
``MAX_RETRIES`` times, then kept as given with a note for the agent. "I don't know" skips.
"""

from __future__ import annotations

from madoguchi import taxonomy
from madoguchi.dialogue import phrases
from madoguchi.dialogue._texts import say, text
from madoguchi.dialogue._types import Action, CustomerMessage, State
from madoguchi.dialogue.slots import check_email, check_slot, facts_from_entities

#: a slot with a wrong value is asked again at most this many times, then kept with a note
MAX_RETRIES = 2


class ChecklistSteps:
    """The checklist part of :class:`~madoguchi.dialogue.Assistant` (a mixin)."""

    tz: str

    def _start_collecting(
        self, state: State, out: list[Action], *, announce: bool, angry: bool = False
    ) -> None:
        slots = list(taxonomy.intent(state.intent).slots) if state.intent else []
        state.slots_to_ask = [s for s in slots if s not in state.facts]
        # facts the customer already wrote fill their slots without a question
        for slot in list(state.slots_to_ask):
            value = state.offered.get(slot)
            if value is None:
                continue
            verdict = check_slot(
                slot, value, state.facts, tz=self.tz, still_to_ask=state.slots_to_ask
            )
            if verdict.accepted:
                state.facts[slot] = value
                state.fact_checks[slot] = verdict.record
                state.slots_to_ask.remove(slot)
        if angry:
            self._finish_collecting(state, out, reason="angry")
            return
        if announce and state.slots_to_ask:
            say(state, out, "collect_intro")
        state.phase = "collecting"
        self._ask_next(state, out)

    def _ask_next(self, state: State, out: list[Action], problems: tuple = ()) -> None:
        if not state.slots_to_ask:
            self._finish_collecting(state, out, reason="unsolved")
            return
        slot = state.slots_to_ask[0]
        state.pending_slot = slot
        offered = state.offered.get(slot)
        if offered and not problems and slot not in state.retries:
            # an earlier message had a value that did not pass its check: say why
            verdict = check_slot(slot, offered, state.facts, tz=self.tz)
            problems = verdict.problems
        out.append(
            Action(
                "ask_slot",
                text("skip_hint", state.language),
                {
                    "slot": slot,
                    "problems": [p[1] if state.language == "ja" else p[0] for p in problems],
                },
            )
        )
        state.said.append(f"ask:{slot}")

    def _slot_answer(
        self, state: State, line: str, event: CustomerMessage, out: list[Action]
    ) -> None:
        slot = state.pending_slot
        assert slot is not None
        if phrases.dont_know(line) or phrases.skip(line):
            state.skipped.append(slot)
            state.slots_to_ask.remove(slot)
            say(state, out, "slot_skipped")
            self._ask_next(state, out)
            return
        # the answer may be a sentence around the value: prefer the entity the scanner found
        answer = facts_from_entities(event.entities, (slot,)).get(slot, line)
        verdict = check_slot(
            slot,
            answer,
            state.facts,
            received_at=event.received_at,
            tz=self.tz,
            still_to_ask=state.slots_to_ask[1:],
        )
        tries = state.retries.get(slot, 0)
        if not verdict.accepted and tries < (MAX_RETRIES if verdict.error else 1):
            state.retries[slot] = tries + 1
            self._ask_next(state, out, problems=verdict.problems)
            return
        state.facts[slot] = answer
        state.fact_checks[slot] = verdict.record
        state.slots_to_ask.remove(slot)
        if verdict.accepted:
            say(state, out, "slot_thanks")
        else:  # kept as given: say why the agent will check it
            notes = [p[1] if state.language == "ja" else p[0] for p in verdict.problems]
            key = "slot_accepted_with_note"
            out.append(Action("say", "\n".join([*notes, text(key, state.language)]), {"key": key}))
            state.said.append(key)
        self._ask_next(state, out)

    def _finish_collecting(self, state: State, out: list[Action], *, reason: str) -> None:
        state.pending_slot = None
        if state.signed_in or state.has_email or state.email or state.urgent:
            self._hand_off(state, out, reason)
            return
        state.phase, state.contact_wanted = "contact", "email"
        state.handoff_reason = reason
        out.append(Action("ask_contact", text("ask_email", state.language), {"what": "email"}))
        state.said.append("ask_email")

    def _contact_answer(self, state: State, line: str, out: list[Action]) -> None:
        email = check_email(line)
        if email is None and not phrases.skip(line):
            out.append(
                Action(
                    "ask_contact",
                    text("bad_email", state.language) + " " + text("ask_email", state.language),
                    {"what": "email"},
                )
            )
            return
        state.email = email
        state.contact_wanted = None
        self._hand_off(state, out, state.handoff_reason or "unsolved")
