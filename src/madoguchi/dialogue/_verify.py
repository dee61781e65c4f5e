"""``security.verify_channel``: the verdict for what the customer pasted (a mixin, pure).

The desk injects ``verify(value) -> {"verdict", "imitates", "reasons_en", "reasons_ja", ...}``
(or None when the value cannot be checked); without it the intent is answered like any other.
After a verdict the machine stays in ``verifying`` so the next pasted link is checked too; a
message with nothing to check goes back to the usual understanding.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from madoguchi.dialogue._types import Action, CustomerMessage, State
from madoguchi.dialogue.channel_check import channel_values

log = logging.getLogger(__name__)

VERIFY_INTENT = "security.verify_channel"
PHISHING_INTENT = "security.phishing_report"
#: values answered per message (a pasted phishing mail may hold dozens of links)
_MAX_VERDICTS = 5
#: verdict kinds quoted defanged when not official
_LINK_KINDS = ("url", "domain", "email")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
#: a short line with no entity may be a staff name or a handle typed without "@"
_MAX_NAME_WORDS = 4

#: value -> verdict mapping, or None when it is not checkable
Verify = Callable[[str], Mapping[str, Any] | None]

VERIFY_TEXTS: dict[str, dict[str, str]] = {
    "verify_ask": {
        "en": (
            "I can check it against our list of official channels. Please paste the link, "
            "web address, e-mail address, phone number, social media handle or the name of the "
            "person who contacted you."
        ),
        "ja": (
            "当社の公式チャネル一覧と照合します。確認したいリンク・URL・メールアドレス・"
            "電話番号・SNS アカウント、または連絡してきた人の名前を貼り付けてください。"
        ),
    },
    "verify_official": {
        "en": "✅ {value} is an official Madoguchi Exchange channel.",
        "ja": "✅ {value} は Madoguchi Exchange の公式チャネルです。",
    },
    "verify_impersonation": {
        "en": (
            "⚠️ {value} is NOT ours: it imitates {imitates}. Do not enter your password, "
            "codes or recovery phrase there, do not send funds, and do not reply or install "
            "anything. Please report it to us so we can have it taken down."
        ),
        "ja": (
            "⚠️ {value} は当社のものではありません。{imitates} を装った偽物です。パスワード・"
            "認証コード・リカバリーフレーズを入力せず、送金や返信、アプリのインストールもしないで"
            "ください。削除を依頼できるよう、当社へご報告ください。"
        ),
    },
    "verify_unknown": {
        "en": (
            "❔ {value} is not on our list of official channels. Treat it as unofficial: do "
            "not enter anything there and contact us only through our official website or app."
        ),
        "ja": (
            "❔ {value} は当社の公式チャネル一覧にありません。非公式のものとしてお取り扱い"
            "ください。何も入力せず、当社へのご連絡は公式サイトまたはアプリからお願いします。"
        ),
    },
    "verify_why": {"en": "Why: {reasons}", "ja": "理由: {reasons}"},
    "verify_more": {
        "en": "You can paste another one to check, or ask for a person.",
        "ja": "ほかにも確認したいものがあれば貼り付けてください。担当者との会話も可能です。",
    },
    "verify_unchecked": {
        "en": "I could not read that as a link, address, number, handle or name.",
        "ja": "リンク・アドレス・電話番号・アカウント・名前として読み取れませんでした。",
    },
}


def verify_text(key: str, language: str, **values: str) -> str:
    entry = VERIFY_TEXTS[key]
    return (entry["ja"] if language == "ja" else entry["en"]).format(**values)


class VerifySteps:
    """The verification part of :class:`~madoguchi.dialogue.Assistant` (a mixin)."""

    verify: Verify | None

    def _verify_values(self, event: CustomerMessage, line: str, *, bare: bool) -> list[list[str]]:
        """``[shown, value]`` pairs to check in this message (the bare line after a question)."""
        values = channel_values(event.entities, line)[:_MAX_VERDICTS]
        if not values and bare and line and len(line.split()) <= _MAX_NAME_WORDS:
            values = [[line, line]]
        return values

    def _verdicts(self, state: State, values: list[list[str]], out: list[Action]) -> bool:
        """Say the verdict of each ``[shown, value]``; False when none could be checked."""
        assert self.verify is not None
        said = False
        for pair in values:
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                continue  # a state stored by another version
            shown, value = str(pair[0]), str(pair[1])
            try:
                verdict = self.verify(value)
            except Exception as exc:  # the registry is pluggable: a failure is "not checked"
                log.warning("channel check failed: %s", type(exc).__name__)  # no value in logs
                verdict = None
            if not verdict:
                continue
            out.append(
                Action(
                    "say",
                    _verdict_text(verdict, shown, state.language),
                    {"key": "verify_verdict", "verdict": dict(verdict)},
                )
            )
            state.said.append(f"verify:{verdict.get('verdict')}")
            said = True
        return said

    def _verify_start(self, state: State, out: list[Action]) -> bool:
        """The customer asked whether something is official; False when not set up.

        The values are those of the latest message that had any (``state.channel_values``):
        "is this yours?" may come a line after the link.
        """
        if self.verify is None:
            return False
        state.intent = VERIFY_INTENT
        values, state.channel_values = state.channel_values[:_MAX_VERDICTS], []
        if self._verdicts(state, values, out):
            self._verify_done(state, out)
        else:
            key = "verify_ask"
            out.append(Action("say", verify_text(key, state.language), {"key": key}))
            state.said.append(key)
            state.phase = "verifying"
        return True

    def _verify_reported(self, state: State, out: list[Action]) -> None:
        """A phishing report with links: their verdicts first, then the usual answer."""
        if self.verify is not None and state.channel_values:
            values, state.channel_values = state.channel_values[:_MAX_VERDICTS], []
            self._verdicts(state, values, out)

    def _verify_answer(
        self, state: State, event: CustomerMessage, line: str, out: list[Action]
    ) -> bool:
        """In ``verifying``: check what was pasted; False hands the line to understanding."""
        asked = bool(state.said) and state.said[-1] == "verify_ask"
        values = self._verify_values(event, line, bare=asked)
        state.channel_values = []
        if values and self._verdicts(state, values, out):
            self._verify_done(state, out)
            return True
        if asked and values:  # once: the next line without a value goes to understanding
            key = "verify_unchecked"
            out.append(Action("say", verify_text(key, state.language), {"key": key}))
            state.said.append(key)
            return True
        state.phase = "listening"
        return False

    def _verify_done(self, state: State, out: list[Action]) -> None:
        key = "verify_more"
        out.append(Action("say", verify_text(key, state.language), {"key": key}))
        state.said.append(key)
        state.phase = "verifying"


def defanged(value: str) -> str:
    """A link that cannot be clicked or followed, as the assistant quotes a suspicious one:
    no scheme, ``(.)`` for dots, ``(at)`` for ``@`` (``evil(.)example/login``)."""
    text = _SCHEME.sub("", value.strip())
    return text.replace(".", "(.)").replace("@", "(at)")


def _verdict_text(verdict: Mapping[str, Any], value: str, language: str) -> str:
    kind = verdict.get("verdict")
    key = {"official": "verify_official", "impersonation": "verify_impersonation"}.get(
        str(kind), "verify_unknown"
    )
    if kind != "official" and verdict.get("kind") in _LINK_KINDS:
        value = defanged(value)  # never hand a customer a working link to a lookalike
    shown = f"“{value}”" if language == "en" else f"「{value}」"
    lines = [verify_text(key, language, value=shown, imitates=str(verdict.get("imitates") or ""))]
    reasons = verdict.get("reasons_ja" if language == "ja" else "reasons_en") or []
    if kind != "official" and reasons:
        joined = ("、" if language == "ja" else "; ").join(str(r) for r in reasons)
        lines.append(verify_text("verify_why", language, reasons=joined))
    return "\n".join(lines)
