"""Reads of madoguchi.signing: check a code someone typed; the codes of shown messages.

>>> # check = code_check(text="mdg-7k3q-9xwp-4rtb")   # MalformedCodeError for non-codes
>>> # check.genuine, check.reference, check.sent_at, check.channels
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from madoguchi.signing.codes import display_code, parse_code, tag_matches
from madoguchi.signing.keys import signing_keys
from madoguchi.signing.models import VerificationCode
from madoguchi.signing.services import mirrored_message_id

__all__ = ["CodeCheck", "code_check", "codes_of_messages", "codes_of_turns"]


@dataclass(frozen=True)
class CodeCheck:
    """What the verify page may say: never the content, never who it was sent to."""

    code: str  # as displayed: MDG-XXXX-XXXX-XXXX
    genuine: bool
    sent_at: datetime | None = None
    channels: list[str] = field(default_factory=list)
    reference: str | None = None


def code_check(*, text: str) -> CodeCheck:
    """Whether ``text`` is the code of a message the desk sent.

    Raises ``codes.MalformedCodeError`` when it is not shaped like a code. A code whose tag
    no key produces is refused without reading the database (a forgery or a typo).
    """
    code = parse_code(text)
    shown = display_code(code)
    if not any(tag_matches(key.secret, code) for key in signing_keys()):
        return CodeCheck(shown, genuine=False)
    row = (
        VerificationCode.objects.select_related("ticket")
        .only("code", "channels", "created_at", "ticket__reference")
        .filter(code=code)
        .first()
    )
    if row is None:
        return CodeCheck(shown, genuine=False)
    reference = row.ticket.reference if row.ticket is not None else None
    return CodeCheck(shown, True, row.created_at, list(row.channels), reference)


def codes_of_messages(message_ids: Iterable[int]) -> dict[int, str]:
    """``{message pk: displayed code}`` for the ticket messages that have one (one query)."""
    subjects = {f"message:{pk}": pk for pk in message_ids}
    rows = VerificationCode.objects.filter(subject__in=list(subjects)).values_list(
        "subject", "code"
    )
    return {subjects[subject]: display_code(code) for subject, code in rows}


def codes_of_turns(turns: Iterable) -> dict[int, str]:
    """``{turn pk: displayed code}`` for the desk's turns that have one (one query)."""
    wanted: dict[str, list[int]] = {}
    for turn in turns:
        if turn.pk is None or turn.role == "customer":
            continue
        message_id = mirrored_message_id(turn)
        subject = f"message:{message_id}" if message_id is not None else f"turn:{turn.pk}"
        wanted.setdefault(subject, []).append(turn.pk)
    if not wanted:
        return {}
    rows = VerificationCode.objects.filter(subject__in=list(wanted)).values_list("subject", "code")
    return {pk: display_code(code) for subject, code in rows for pk in wanted[subject]}
