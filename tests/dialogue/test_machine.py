"""The pure state machine's transitions, driven by a scripted stand-in for the engine.

``ScriptedUnderstander`` is a deterministic test double: it returns the understanding written
in the test for each text, so each branch's transitions are tested on their own. The same
branches run end to end with the real engine in ``madoguchi/conversations/tests``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from madoguchi.dialogue import (
    AgentJoined,
    AgentLeft,
    ArticleRef,
    Assistant,
    CustomerMessage,
    DialogueError,
    Helped,
    HumanRequested,
    Start,
    State,
    TicketOpened,
)


@dataclass
class Scripted:
    intent: str | None
    confidence: float
    article: str | None = None
    alternatives: tuple = ()
    out_of_scope: str | None = None
    language: str = "en"


@dataclass
class ScriptedUnderstander:
    """Test double for the understanding engine: a fixed answer per text (unknown otherwise)."""

    script: dict[str, Scripted] = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)

    def __call__(self, text: str) -> Scripted:
        self.seen.append(text)
        return self.script.get(text, Scripted(None, 0.1, out_of_scope="unknown"))


def articles(intent, slug, language):
    if intent is None:
        return None
    return ArticleRef(intent.replace(".", "-"), f"About {intent}", f"Summary ({language})", intent)


VALID_ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
BAD_ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"  # last letter's case flipped


def machine(script: dict[str, Scripted]) -> tuple[Assistant, ScriptedUnderstander]:
    understand = ScriptedUnderstander(script)
    return Assistant(understand, articles), understand


def started(assistant: Assistant, language="en", **kwargs) -> State:
    state, _actions = assistant.step(State(), Start(language, **kwargs))
    return state


def say(assistant, state, text, **kwargs):
    return assistant.step(state, CustomerMessage(text, **kwargs))


def kinds(actions):
    return [a.kind for a in actions]


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", ["recovery phrase", "remote access", "send funds"]),
     ("ja", ["リカバリーフレーズ", "遠隔操作", "送金"])],
)  # fmt: skip
def test_greeting_names_what_support_never_asks_for(language, words):
    assistant, _ = machine({})
    state, actions = assistant.step(State(), Start(language))
    assert state.phase == "listening" and state.language == language
    assert kinds(actions) == ["say"]
    for word in words:
        assert word in actions[0].text


def test_state_round_trips_through_json():
    assistant, _ = machine({"stuck": Scripted("funds.withdrawal_delayed", 0.9)})
    state = started(assistant)
    state, _ = say(assistant, state, "stuck")
    again = State.from_dict(json.loads(json.dumps(state.as_dict())))
    assert again == state


def test_corrupt_state_is_a_clear_error():
    with pytest.raises(DialogueError):
        State.from_dict({"phase": "dancing"})
    with pytest.raises(DialogueError):
        State.from_dict(["not", "an", "object"])
    assert State.from_dict({"phase": "listening", "from_the_future": 1}).phase == "listening"


def test_step_leaves_the_given_state_alone():
    assistant, _ = machine({"stuck": Scripted("funds.withdrawal_delayed", 0.9)})
    state = started(assistant)
    before = state.as_dict()
    say(assistant, state, "stuck")
    assert state.as_dict() == before


def test_confident_answer_then_helped():
    assistant, _ = machine({"stuck": Scripted("funds.withdrawal_delayed", 0.9)})
    state, actions = say(assistant, started(assistant), "stuck")
    assert kinds(actions) == ["show_article", "ask_helped"]
    assert actions[0].data["link"] == "/help/funds-withdrawal_delayed/"
    assert state.phase == "awaiting_helped"
    state, actions = assistant.step(state, Helped(True))
    assert state.phase == "listening" and actions[0].data["key"] == "helped_yes"


def test_not_helped_collects_slots_one_at_a_time_with_validation():
    assistant, _ = machine({"sent wrong": Scripted("funds.wrong_address", 0.9)})
    state, _ = say(assistant, started(assistant), "sent wrong")
    state, actions = assistant.step(state, Helped(False))
    assert state.tried == ["article:funds-wrong_address"]
    assert state.phase == "collecting" and state.pending_slot == "asset"
    assert kinds(actions) == ["say", "ask_slot"]
    state, actions = say(assistant, state, "ETH")
    assert state.pending_slot == "network"
    state, actions = say(assistant, state, "Ethereum (ERC20)")
    state, actions = say(assistant, state, "0.5 ETH")
    state, actions = say(assistant, state, "I don't know")  # tx_hash skipped
    assert state.skipped == ["tx_hash"] and state.pending_slot == "address"
    state, actions = say(assistant, state, BAD_ETH)
    assert state.pending_slot == "address"  # asked again, with the reason
    assert "checksum" in actions[-1].data["problems"][0]
    state, actions = say(assistant, state, VALID_ETH)
    assert state.facts["address"] == VALID_ETH
    assert state.fact_checks["address"]["valid"] is True
    # an anonymous customer is asked where to answer before the hand-off
    assert state.phase == "contact" and kinds(actions)[-1] == "ask_contact"
    state, actions = say(assistant, state, "taro@example.jp")
    assert state.phase == "handing_off" and state.email == "taro@example.jp"
    summary = actions[-1].data
    assert summary["intent"] == "funds.wrong_address" and summary["skipped"] == ["tx_hash"]
    assert summary["facts"]["address"]["valid"] is True
    assert summary["tried"] == ["article:funds-wrong_address"]


def test_network_mismatch_is_explained_and_asked_again():
    assistant, _ = machine({"x": Scripted("funds.wrong_network", 0.9)})
    state, _ = say(assistant, started(assistant, signed_in=True), "x")
    state, _ = assistant.step(state, Helped(False))
    for answer in ("USDT", "ERC20", "100 USDT", "I don't know"):
        state, actions = say(assistant, state, answer)
    assert state.pending_slot == "address"
    state, actions = say(assistant, state, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    assert state.pending_slot == "address"
    assert any("Tron" in p for p in actions[-1].data["problems"])
    # the customer insists: kept, with the note for the agent
    state, actions = say(assistant, state, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    assert state.fact_checks["address"]["notes"] == ["network_mismatch"]
    assert state.phase == "handing_off"  # signed in: no e-mail question


def test_facts_in_the_first_message_are_not_asked_again():
    first = f"I sent 0.5 ETH to {VALID_ETH} on ERC20 and it is gone"
    assistant, _ = machine({first: Scripted("funds.wrong_address", 0.9)})
    entities = (
        {"kind": "amount", "text": "0.5 ETH", "value": {"quantity": "0.5", "unit": "ETH"}},
        {"kind": "address", "text": VALID_ETH},
        {"kind": "network", "text": "ERC20"},
    )
    state, _ = say(assistant, started(assistant), first, entities=entities)
    state, actions = assistant.step(state, Helped(False))
    assert set(state.facts) == {"asset", "network", "amount", "address"}
    assert state.pending_slot == "tx_hash"
    assert [a.data["slot"] for a in actions if a.kind == "ask_slot"] == ["tx_hash"]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_urgent_intent_shows_protective_steps_then_hands_off(language):
    assistant, _ = machine({"hacked": Scripted("account.compromised", 0.8)})
    state, actions = say(assistant, started(assistant, language), "hacked")
    assert kinds(actions) == ["show_steps", "hand_off"]
    assert actions[0].data == {"intent": "account.compromised"}
    assert state.urgent and actions[1].data["urgency"] == "urgent"
    state, actions = assistant.step(state, TicketOpened("MDG-26-000001", "urgent"))
    assert state.phase == "handed_off" and state.contact_wanted == "phone"
    assert kinds(actions)[-1] == "offer_callback"
    assert "MDG-26-000001" in actions[0].text
    state, actions = say(assistant, state, "0312345678")
    assert state.callback_phone == "+81312345678"
    assert "+81312345678" in actions[0].text


def test_a_bad_phone_number_is_asked_again_and_can_be_skipped():
    assistant, _ = machine({"hacked": Scripted("account.compromised", 0.8)})
    state, _ = say(assistant, started(assistant), "hacked")
    state, _ = assistant.step(state, TicketOpened("MDG-26-000001", "urgent"))
    state, actions = say(assistant, state, "12")
    assert state.contact_wanted == "phone" and kinds(actions) == ["offer_callback"]
    state, actions = say(assistant, state, "skip")
    assert state.contact_wanted is None and state.callback_phone is None


def test_a_secret_warns_shows_the_playbook_and_hands_off_urgently():
    assistant, understand = machine({})
    state, actions = say(
        assistant, started(assistant), "my seed is [redacted]", secret_kinds=("recovery_phrase",)
    )
    assert kinds(actions) == ["warn_secret", "show_steps", "hand_off"]
    assert actions[1].data == {"playbook": "secret"}
    assert state.intent == "security.secret_exposed" and state.urgent
    assert actions[2].data["secret_kinds"] == ["recovery_phrase"]
    assert understand.seen == []  # never classified: safety first


@pytest.mark.parametrize("line", ["human please", "I want to talk to a person", "人と話したい",
                                  "オペレーター", "担当者に代わってください"])  # fmt: skip
def test_human_please_hands_off_at_once_from_any_phase(line):
    assistant, understand = machine({"x": Scripted("funds.wrong_network", 0.9)})
    state, _ = say(assistant, started(assistant), "x")
    state, _ = assistant.step(state, Helped(False))
    assert state.phase == "collecting"
    state, actions = say(assistant, state, line)
    assert kinds(actions) == ["say", "hand_off"] and state.human_requested
    assert understand.seen == ["x"]


def test_an_agent_who_joined_is_never_talked_over():
    assistant, _ = machine({"hacked": Scripted("account.compromised", 0.8)})
    state, _ = say(assistant, started(assistant), "hacked")
    state, _ = assistant.step(state, TicketOpened("MDG-26-000001", "urgent"))
    state, actions = assistant.step(state, AgentJoined("Aiko"))
    assert actions == []
    for line in ("hello?", "human please", "0312345678", "which coin should I buy?"):
        state, actions = say(assistant, state, line)
        assert actions == []
    state, actions = say(assistant, state, "pw [redacted]", secret_kinds=("password",))
    assert kinds(actions) == ["warn_secret"]  # the safety notice only, not the assistant
    state, actions = assistant.step(state, AgentLeft())
    assert state.phase == "listening" and kinds(actions) == ["say"]


def test_investment_advice_is_always_declined():
    assistant, _ = machine({"buy?": Scripted(None, 1.0, out_of_scope="investment_advice")})
    state = started(assistant)
    for _ in range(3):
        state, actions = say(assistant, state, "buy?")
        assert kinds(actions) == ["decline"]
        assert actions[0].data["reason"] == "investment_advice"
    assert state.phase == "listening"


def test_out_of_scope_is_declined_with_alternatives_then_handed_off():
    assistant, _ = machine({"weather": Scripted(None, 0.99, out_of_scope="unknown")})
    state, actions = say(assistant, started(assistant), "weather")
    assert kinds(actions) == ["decline"] and "community" in actions[0].data["alternatives"]
    state, actions = say(assistant, state, "weather")
    assert state.phase == "contact"  # the second time: a person, after asking where to answer


def test_unsure_understanding_asks_a_clarifying_question():
    script = {
        "fees?": Scripted(
            "funds.limits_fees",
            0.45,
            alternatives=({"intent": "trading.fees", "confidence": 0.3, "article": None},),
        )
    }
    assistant, _ = machine(script)
    state, actions = say(assistant, started(assistant), "fees?")
    assert kinds(actions) == ["clarify"] and state.phase == "clarifying"
    offered = [o["intent"] for o in actions[0].data["options"]]
    assert offered == ["funds.limits_fees", "trading.fees"]
    state, actions = say(assistant, state, "2")
    assert state.intent == "trading.fees" and kinds(actions) == ["show_article", "ask_helped"]


def test_clarifying_none_of_these_falls_back_to_a_general_handoff():
    script = {"hmm": Scripted("funds.limits_fees", 0.4)}
    assistant, _ = machine(script)
    state, _ = say(assistant, started(assistant, signed_in=True), "hmm")
    state, actions = say(assistant, state, "none")
    assert kinds(actions)[-1] == "hand_off" and actions[-1].data["reason"] == "not_understood"


def test_an_angry_customer_is_acknowledged_and_handed_off_sooner():
    line = "THIS IS RIDICULOUS!!! WHERE IS MY MONEY"
    assistant, _ = machine({line: Scripted("funds.withdrawal_delayed", 0.9)})
    _state, actions = say(assistant, started(assistant, signed_in=True), line)
    assert kinds(actions) == ["say", "hand_off"]  # no article, no checklist
    assert actions[0].data["key"] == "angry_ack"
    mood = actions[1].data["sentiment"]
    assert mood["label"] == "angry" and "exclamations" in mood["signals"]


def test_the_customers_language_wins_over_the_page():
    assistant, _ = machine({"出金が届かない": Scripted("funds.withdrawal_delayed", 0.9)})
    state, actions = say(assistant, started(assistant, "en"), "出金が届かない")
    assert state.language == "ja" and actions[-1].text == "この内容で解決しましたか？"


def test_unknown_event_is_a_clear_error():
    assistant, _ = machine({})
    with pytest.raises(DialogueError):
        assistant.step(State(), object())


def test_an_engine_that_fails_does_not_lose_the_customer():
    def broken(text):
        raise RuntimeError("model file missing")

    assistant = Assistant(broken, articles)
    state = started(assistant, signed_in=True)
    state, actions = say(assistant, state, "help")
    assert actions[-1].data["key"] == "not_understood"
    state, actions = say(assistant, state, "help!")
    assert kinds(actions)[-1] == "hand_off"  # the second time: a person


def test_the_person_button_hands_off_once():
    assistant, _ = machine({})
    state, actions = assistant.step(started(assistant, signed_in=True), HumanRequested())
    assert kinds(actions) == ["say", "hand_off"]
    assert actions[1].data["reason"] == "human_request"
    state, _ = assistant.step(state, TicketOpened("MDG-26-000001", "normal"))
    state, actions = assistant.step(state, HumanRequested())
    assert actions == []  # already with a person
