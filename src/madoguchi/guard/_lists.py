"""Asks made as a list: the request is on one line, the secrets on the bullets below it.

    Please reply to this e-mail with:            以下の情報をご返信にてお知らせください。
    1. the e-mail address on your account;        ・ご登録のメールアドレス
    2. your login password;                       ・ログインパスワード
    3. the 6-digit code you will receive by SMS   ・認証アプリに表示されている6桁の数字

An *opener* is a line with a request that is not negated ("reply with", "provide", "send",
お知らせください, ご返信ください …) that introduces a list: it ends with a colon or points at
what follows ("the following", "below", 以下, 下記, 次の). Its *items* are the bulleted lines
right after it (numbers, ・, -, •, ①) and, inline, what follows its colon. Each secret named in
an item is asked for, unless the item itself is negated or talks about fraud ("never share your
password"). Asking for an e-mail address, a TXID or a ticket number in a list passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from madoguchi.guard import _lexicon as lx
from madoguchi.guard._types import OTP, PASSWORD, PRIVATE_KEY, RECOVERY_PHRASE

_SECRETS = (RECOVERY_PHRASE, PRIVATE_KEY, PASSWORD, OTP)
_LINE = re.compile(r"[^\n]+")
_BULLET = re.compile(r"^\s*(?:\(?\d{1,2}(?:\s*[.)．、:]|\s+)|[・•\-*‐–—●○◦▪■□]|[①-⑳])\s*")
_POINTS_ON = re.compile(r"\b(?:the\s+following|below)\b|以下|下記|次の")
_COLON = re.compile(r"[:：]")
_INLINE_SPLIT = re.compile(r"[・•;；,、]|\s\d{1,2}[.)]\s")
#: a disclosure ask that can open a list ("reply with:", "provide the following"); not "use",
#: "install", "move" …
_OPENER_EN = re.compile(
    r"\b(?:shar(?:e|ing)|send|tell|giv(?:e|ing)|provid(?:e|ing)|dm|pm|message|past(?:e|ing)|"
    r"reply(?:ing)?\s+(?:to\s+(?:this|the|our|my)\s+\S+\s+)?with|let\s+(?:me|us)\s+know|"
    r"includ(?:e|ing)|submit|attach|(?:we|i)\s+(?:will\s+|'ll\s+|would\s+|'d\s+)?need)\b"
)
#: a negation inside an item ("never share your password"); not 「必ず」
_ITEM_NEGATION = re.compile(r"(?:ない|ません|不要|禁止|厳禁)")
#: an item that is itself an instruction: 「…を入力します」「…してください」
_STEP_EN = re.compile(
    r"^[\W_]*(?:please\s+)?(?:enter|type|open|tap|click|choose|select|go|paste|copy|compare|"
    r"answer|check|make|keep|write|store|use|set|turn|sign|log|create|add|confirm|scan|save|"
    r"back|never|do|don'?t|share|send|give|tell|provide)\b"
)
_STEP_JA = re.compile(r"(?:して|します|する|ください)")


def _opener(line: str) -> tuple[int, bool]:
    """Where inline items start on an opener line (after its colon; -1 if none), and whether
    the bulleted lines below it are its items."""
    if lx.WARNING_EN.search(line) or lx.WARNING_JA.search(line):
        return -1, False
    colon = _COLON.search(line)
    head = line[: colon.start()] if colon else line
    asks = [
        m.end()
        for m in _OPENER_EN.finditer(head)
        if not _negated(head, m.start()) and not lx.TO_YOU.match(head, m.end())
    ] + [
        m.end()
        for m in lx.ASK_JA.finditer(head)
        if not lx.NEGATION_JA.search(head[m.end() : m.end() + 20])
    ]
    if not asks:
        return -1, False
    # the colon (or 以下 / "the following") belongs to the ask: "reply with: …", not
    # "paste the address, then compare …: malware can swap it"
    near = colon is not None and colon.start() - max(asks) <= 30
    below = (near and not line[colon.end() :].strip()) or (
        bool(_POINTS_ON.search(head)) and not line[len(head) :].strip(" :：")
    )
    inline = colon.end() if near and colon is not None and line[colon.end() :].strip() else -1
    return inline, below


def _negated(text: str, at: int) -> bool:
    prefix = lx.NOT_NEGATIONS.sub(" ", text[max(0, at - 300) : at])
    breaks = list(lx.CLAUSE_BREAK_EN.finditer(prefix))
    clause = prefix[breaks[-1].end() :] if breaks else prefix
    if lx.NEGATION_EN.search(clause):
        return True
    return bool(lx.STRONG_NEGATION_EN.search(prefix))


def _secrets(item: str, offset: int) -> Iterator[tuple[str, int, int]]:
    if lx.WARNING_EN.search(item) or lx.WARNING_JA.search(item):
        return
    if lx.NEGATION_EN.search(lx.NOT_NEGATIONS.sub(" ", item)) or _ITEM_NEGATION.search(item):
        return
    if _STEP_EN.match(item) or lx.ASK_JA.search(item) or _STEP_JA.search(item):
        return  # a step with its own verb ("enter your 2FA code in the app"): judged as a sentence
    for kind in _SECRETS:
        for patterns in (lx.OBJECTS_EN, lx.OBJECTS_JA):
            found = patterns[kind].search(item)
            if found:
                yield kind, offset + found.start(), offset + found.end()
                break


def list_asks(text: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of each secret asked for as a list item in normalised ``text``."""
    hits: list[tuple[str, int, int]] = []
    lines = list(_LINE.finditer(text))
    index = 0
    while index < len(lines):
        line = lines[index]
        inline, below = _opener(line.group())
        index += 1
        if inline >= 0:
            rest, base, pos = line.group()[inline:], line.start() + inline, 0
            for sep in [*_INLINE_SPLIT.finditer(rest), None]:
                end = sep.start() if sep else len(rest)
                hits.extend(_secrets(rest[pos:end], base + pos))
                pos = sep.end() if sep else end
        while below and index < len(lines) and (bullet := _BULLET.match(lines[index].group())):
            item = lines[index]
            hits.extend(_secrets(item.group()[bullet.end() :], item.start() + bullet.end()))
            index += 1
    return hits
