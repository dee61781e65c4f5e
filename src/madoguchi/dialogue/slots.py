"""Checklist facts in a conversation: taken from what the customer wrote, checked as they come.

Entities the analysis core found in any message fill the intent's slots, so a customer who
gave the address in their first message is not asked for it again. Each answer is checked with
:func:`madoguchi.analysis.facts.check_facts`, together with the facts already collected, so a
network mismatch is caught when the second of the two facts arrives.

>>> facts_from_entities([{"kind": "txid", "text": "0xab"}], ("tx_hash", "address"))
{'tx_hash': '0xab'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers

from madoguchi.analysis.facts import check_facts
from madoguchi.dialogue._texts import text

__all__ = [
    "SlotVerdict",
    "check_email",
    "check_phone",
    "check_slot",
    "facts_from_entities",
]

#: entity kind -> the slot it fills (the first entity of a kind wins)
_SLOT_OF_ENTITY = {
    "address": "address",
    "txid": "tx_hash",
    "network": "network",
    "asset": "asset",
    "amount": "amount",
    "memo": "memo_tag",
    "datetime": "occurred_at",
    "url": "url",
    "domain": "url",
    "email": "contact_handle",
    "phone": "contact_handle",
    "social_handle": "contact_handle",
    "error_code": "error_message",
    "order_id": "order_id",
}
#: cross-field findings explained to the customer (their own sentence, or the finding's)
_CROSS_CODES = ("network_mismatch", "asset_chain_mismatch", "memo_missing")
_EMAIL = re.compile(r"^[^@\s<>\"',;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63}$")


def facts_from_entities(
    entities: Iterable[Mapping[str, Any]], slots: Iterable[str]
) -> dict[str, str]:
    """The slots (of ``slots``) that entities of a message fill, as the text the customer wrote."""
    wanted = set(slots)
    out: dict[str, str] = {}
    for entity in entities:
        kind = entity.get("kind")
        slot = _SLOT_OF_ENTITY.get(str(kind))
        value = str(entity.get("text") or "").strip()
        if slot is None or not value or slot in out:
            continue
        if slot in wanted:
            out[slot] = value
        # "100 USDT" names the asset as well as the amount
        if kind == "amount" and "asset" in wanted and "asset" not in out:
            unit = (
                str((entity.get("value") or {}).get("unit", ""))
                if isinstance(entity.get("value"), Mapping)
                else ""
            )
            if unit.isalpha() and unit.isupper():
                out["asset"] = unit
    return out


@dataclass(frozen=True, slots=True)
class SlotVerdict:
    """What a slot's answer came to: accepted (with its record) or a problem to explain."""

    slot: str
    accepted: bool
    record: dict[str, Any]  # FactCheck.as_dict() plus "notes" (cross-field finding codes)
    #: customer-facing explanations, (en, ja) each: the problems to fix or the notes to read
    problems: tuple[tuple[str, str], ...] = ()
    #: the problems are hard errors (checksum, wrong format), not warnings
    error: bool = False
    secret: bool = False


def check_slot(
    slot: str,
    answer: str,
    collected: Mapping[str, str],
    *,
    received_at: Any = None,
    tz: str = "Asia/Tokyo",
    still_to_ask: Iterable[str] = (),
) -> SlotVerdict:
    """Check ``answer`` for ``slot`` alone and against the facts already ``collected``."""
    facts = {**{k: v for k, v in collected.items() if k != slot}, slot: answer}
    report = check_facts(facts, received_at=received_at, tz=tz)
    fact = report.facts.get(slot)
    if fact is None:  # an empty answer
        return SlotVerdict(slot, False, {}, error=True)
    record = {**fact.as_dict(), "notes": []}
    problems = [(p.message_en, p.message_ja) for p in fact.problems]
    if fact.secrets:  # never kept, even as "given": the message screen normally catches it
        return SlotVerdict(slot, False, record, tuple(problems), error=True, secret=True)
    error = any(p.severity == "error" for p in fact.problems)
    if error:  # the value itself is wrong: comparing it with the others says nothing more
        return SlotVerdict(slot, False, record, tuple(problems), error=True)
    pending = set(still_to_ask)
    # only what this answer adds: a mismatch between two earlier facts was already explained
    before = {
        f.code
        for f in check_facts(
            {k: v for k, v in facts.items() if k != slot}, received_at=received_at, tz=tz
        ).findings
    }
    for finding in report.findings:
        if finding.code not in _CROSS_CODES or finding.code in before:
            continue
        # the memo is asked later: its absence is not a problem yet
        if finding.code == "memo_missing" and "memo_tag" in pending:
            continue
        record["notes"].append(finding.code)
        if finding.code == "memo_missing":  # the finding's own text speaks to the agent
            problems.append((text("memo_missing", "en"), text("memo_missing", "ja")))
        else:
            problems.append((finding.message_en, finding.message_ja))
    return SlotVerdict(slot, not problems, record, tuple(problems), error=error)


def check_phone(text: str, region: str = "JP") -> str | None:
    """The number in E.164 when ``text`` is a valid phone number (national numbers: ``region``)."""
    raw = (text or "").strip()
    if not raw or len(raw) > 40:
        return None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_email(text: str) -> str | None:
    """The address, lower-cased, when ``text`` is one plausible e-mail address (the desk's
    ``normalize_email`` decides for good when the ticket is opened)."""
    value = (text or "").strip().strip("<>").lower()
    if len(value) > 254 or not _EMAIL.match(value):
        return None
    return value
