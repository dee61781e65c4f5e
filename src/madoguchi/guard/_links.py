"""Links and bare domains outside the official registry (via :func:`madoguchi.trust.check`)."""

from __future__ import annotations

from madoguchi.analysis.entities.contacts import Entity, scan
from madoguchi.guard._lexicon import (
    CONTACT_AT_EN,
    CONTACT_AT_JA,
    GO_THERE_EN,
    GO_THERE_JA,
    WE_SEND,
)
from madoguchi.guard._types import LINK, GuardFinding, finding
from madoguchi.trust import IMPERSONATION, OFFICIAL, Registry, TrustInputError, check

_LINK_KINDS = ("url", "domain")


def link_findings(text: str, registry: Registry) -> list[GuardFinding]:
    """One finding per URL (or bare domain the reader is sent to) that the registry does not
    call official; lookalike domains always."""
    found: list[GuardFinding] = []
    for entity in scan(text):
        if entity.kind == "email":
            found.extend(_email_finding(text, entity, registry))
            continue
        if entity.kind not in _LINK_KINDS:
            continue
        try:
            verdict = check(entity.text, registry)
        except TrustInputError:
            verdict = None
        if verdict is not None and verdict.verdict == OFFICIAL:
            continue
        if entity.kind == "domain" and (verdict is None or verdict.verdict != IMPERSONATION):
            # A bare name ("allow mail from docomo.ne.jp") is a link only when the reader is
            # sent there ("verify at wallet-sync.app"); lookalikes are blocked anyway.
            before = text[max(0, entity.start - 30) : entity.start].casefold()
            if not GO_THERE_EN.search(before) and not GO_THERE_JA.search(text[entity.end :]):
                continue
        if verdict is not None and verdict.imitates:
            en = f"({entity.text}: looks like {verdict.imitates})"
            ja = f"({entity.text}:{verdict.imitates} に似せたもの)"
        else:
            en, ja = f"({entity.text})", f"({entity.text})"
        found.append(finding(LINK, entity.start, entity.end, detail_en=en, detail_ja=ja))
    return found


def _email_finding(text: str, entity: Entity, registry: Registry) -> list[GuardFinding]:
    """An e-mail address offered as a contact ("contact our senior agent at x@gmail.com",
    「x@gmail.com までご連絡ください」) is a link unless the registry calls it official; one
    that imitates the brand always is. The customer's own address, merely mentioned ("we
    e-mailed tanaka@gmail.com"), is not offered."""
    try:
        verdict = check(entity.text, registry)
    except TrustInputError:
        return []
    if verdict.verdict == OFFICIAL:
        return []
    if verdict.verdict != IMPERSONATION:
        before = text[max(0, entity.start - 60) : entity.start].casefold()
        cue = CONTACT_AT_EN.search(before)
        if cue and WE_SEND.search(before):
            cue = None  # "we will send the reset link to tanaka@gmail.com"
        if not cue and not CONTACT_AT_JA.search(text[entity.end :]):
            return []
    en = f"({entity.text}: not an official address)"
    ja = f"({entity.text}:公式のアドレスではありません)"
    return [finding(LINK, entity.start, entity.end, detail_en=en, detail_ja=ja)]
