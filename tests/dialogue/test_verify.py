"""``security.verify_channel`` in the pure machine: an injected ``verify`` gives the verdict."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from madoguchi.dialogue import Assistant, CustomerMessage, Start, State
from madoguchi.dialogue.channel_check import channel_values, checkable

VERIFY = "security.verify_channel"


@dataclass
class Scripted:
    intent: str | None
    confidence: float
    article: str | None = None
    alternatives: tuple = ()
    out_of_scope: str | None = None
    language: str = "en"


def understand(text: str) -> Scripted:
    if "official" in text or "公式" in text or "real" in text:
        return Scripted(VERIFY, 0.9)
    if "phishing" in text:
        return Scripted("security.phishing_report", 0.9)
    return Scripted(None, 0.1, out_of_scope="unknown")


def articles(intent, slug, language):
    return None


VERDICTS = {
    "https://madoguchi-login.example/x": {
        "kind": "url", "verdict": "impersonation", "imitates": "madoguchi.example",
        "reasons_en": ["brand plus a word"], "reasons_ja": ["ブランド名に単語"],
    },
    "madoguchi.example": {
        "kind": "domain", "verdict": "official", "imitates": "madoguchi.example",
        "reasons_en": ["registered"], "reasons_ja": ["登録済み"],
    },
    "Sato Ichiro": {
        "kind": "staff", "verdict": "unknown", "imitates": None,
        "reasons_en": ["not registered staff"], "reasons_ja": ["登録されたスタッフではない"],
    },
}  # fmt: skip


def verify(value: str):
    return VERDICTS.get(value)


def url_entity(text: str) -> dict:
    return {"kind": "url", "text": text, "value": text, "start": 0, "end": len(text)}


def machine(**kwargs) -> Assistant:
    return Assistant(understand, articles, **kwargs)


def started(language: str) -> State:
    state, _ = machine(verify=verify).step(State(), Start(language))
    return state


def texts(actions) -> str:
    return "\n".join(a.text for a in actions)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["is NOT ours: it imitates madoguchi.example", "Why: brand plus a word",
                "Do not enter your password"]),
        ("ja", ["は当社のものではありません。madoguchi.example を装った偽物です",
                "理由: ブランド名に単語", "入力せず"]),
    ],
)  # fmt: skip
def test_a_link_in_the_question_gets_its_verdict_defanged(language, words):
    link = "https://madoguchi-login.example/x"
    line = f"is {link} official?" if language == "en" else f"{link} は公式ですか"
    state, actions = machine(verify=verify).step(
        started(language), CustomerMessage(line, entities=(url_entity(link),))
    )
    said = texts(actions)
    for word in words:
        assert word in said
    assert "madoguchi-login(.)example/x" in said and link not in said
    verdict = [a for a in actions if a.data.get("key") == "verify_verdict"]
    assert verdict[0].data["verdict"]["verdict"] == "impersonation"
    assert state.phase == "verifying" and state.intent == VERIFY
    assert state.channel_values == []


@pytest.mark.parametrize("language", ["en", "ja"])
def test_nothing_to_check_asks_then_a_name_is_checked(language):
    m = machine(verify=verify)
    question = "is this official?" if language == "en" else "これは公式ですか？"
    state, actions = m.step(started(language), CustomerMessage(question))
    assert state.phase == "verifying"
    assert ("paste the link" if language == "en" else "貼り付けてください") in texts(actions)
    state, actions = m.step(state, CustomerMessage("Sato Ichiro"))
    said = texts(actions)
    assert ("not on our list" if language == "en" else "一覧にありません") in said
    assert "Sato Ichiro" in said  # a name is quoted as it is


def test_an_official_value_is_confirmed_and_quoted_as_it_is():
    m = machine(verify=verify)
    domain = {"kind": "domain", "text": "madoguchi.example", "value": "madoguchi.example"}
    state, _ = m.step(started("en"), CustomerMessage("madoguchi.example", entities=(domain,)))
    assert state.channel_values == [["madoguchi.example", "madoguchi.example"]]
    # the question comes a line after the value
    state, actions = m.step(state, CustomerMessage("is that your official site?"))
    assert "“madoguchi.example” is an official" in texts(actions)


def test_unreadable_after_the_question_is_said_once_then_understanding_resumes():
    m = machine(verify=verify)
    state, _ = m.step(started("en"), CustomerMessage("is this official?"))
    state, actions = m.step(state, CustomerMessage("???"))
    assert "could not read" in texts(actions) and state.phase == "verifying"
    state, actions = m.step(state, CustomerMessage("something else entirely happened here"))
    assert state.phase != "verifying"


def test_a_phishing_report_with_a_link_hears_the_verdict_first():
    link = "https://madoguchi-login.example/x"
    _state, actions = machine(verify=verify).step(
        started("en"), CustomerMessage(f"phishing mail: {link}", entities=(url_entity(link),))
    )
    assert actions[0].data.get("key") == "verify_verdict"


def test_without_verify_the_intent_is_answered_like_any_other():
    _state, actions = machine().step(started("en"), CustomerMessage("is this official?"))
    assert not any(a.data.get("key", "").startswith("verify") for a in actions)


def test_a_failing_verify_is_not_a_crash():
    def broken(value):
        raise RuntimeError("database down")

    link = "https://madoguchi-login.example/x"
    _state, actions = machine(verify=broken).step(
        started("en"), CustomerMessage(f"is {link} official?", entities=(url_entity(link),))
    )
    assert "paste the link" in texts(actions)


def test_the_state_round_trips_through_json():
    state = started("en")
    state.channel_values = [["a", "b"]]
    assert State.from_dict(state.as_dict()).channel_values == [["a", "b"]]


def test_checkable_drops_passwords_and_keeps_every_occurrence_when_asked():
    entity = {
        "kind": "url", "text": "https://u:pw@evil.io/", "value": "https://u:pw@evil.io/",
        "start": 0, "end": 21, "details": {"has_credentials": True},
    }  # fmt: skip
    assert checkable([entity])[0].value == "https://u@evil.io/"
    assert len(checkable([entity, entity], unique=False)) == 2
    assert len(checkable([entity, entity])) == 1
    assert channel_values([], "mail from a@madoguchi.example") == [
        ["a@madoguchi.example", "a@madoguchi.example"]
    ]
