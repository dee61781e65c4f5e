"""The mails the e-mail intake benchmark sends, and the order it sends them in.

A deterministic mix for ``(count, seed)``: the repository's fixture mails (tests/fixtures/mail/:
Japanese in ISO-2022-JP, Shift_JIS, EUC-JP and UTF-8, HTML-only, attachments, a bounce, an
auto-reply, a list mail, a loop), each with a fresh Message-ID, between generated Japanese,
English and mixed support mails (:mod:`bench.corpus_gen`, about 30 % with a planted secret);
:func:`delivery_plan` then repeats a few, as a sending server that did not see the 250 would.
Kept apart from ``bench/email_intake.py``, which sends them and measures the receiver.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from bench.corpus_gen import generate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "mail"
DOMAIN = "madoguchi.invalid"
RECIPIENT = f"support@{DOMAIN}"
#: one mail in this many is a fixture, the others are generated
FIXTURE_EVERY = 8
#: one mail in this many is delivered a second time (a retry after a lost 250)
RESEND_EVERY = 40
_MESSAGE_ID = re.compile(rb"^Message-ID:[^\r\n]*\r?\n", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Mail:
    """One mail to send: its Message-ID (unique per mail), envelope sender and bytes."""

    message_id: str
    mail_from: str
    raw: bytes
    kind: str  # "generated:ja" | "generated:en" | "generated:mixed" | "fixture:<name>"


def fixture_mails() -> dict[str, bytes]:
    """The .eml fixtures by name (sorted, so a seed always picks the same ones)."""
    return {p.stem: p.read_bytes() for p in sorted(FIXTURES.glob("*.eml"))}


def with_message_id(raw: bytes, message_id: str) -> bytes:
    """``raw`` with its Message-ID header replaced (or added): each copy is its own mail."""
    header = f"Message-ID: {message_id}\r\n".encode("ascii")
    if _MESSAGE_ID.search(raw):
        return _MESSAGE_ID.sub(lambda _m: header, raw, count=1)
    return header + raw


def generated_mail(text: str, lang: str, index: int, message_id: str) -> bytes:
    """A plain-text support mail around ``text``; half the Japanese ones in ISO-2022-JP."""
    message = EmailMessage()
    domain = "example.jp" if lang != "en" else "example.com"
    message["From"] = f"customer{index}@{domain}"
    message["To"] = RECIPIENT
    first_line = text.strip().splitlines()[0] if text.strip() else "support"
    message["Subject"] = first_line[:60]
    message["Date"] = formatdate(1_764_400_000 + index * 37)
    message["Message-ID"] = message_id
    charset = "iso-2022-jp" if lang == "ja" and index % 2 == 0 else "utf-8"
    try:
        message.set_content(text, charset=charset)
    except (UnicodeError, LookupError):  # a character ISO-2022-JP has not got
        message.set_content(text, charset="utf-8")
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def build_mails(count: int, seed: int) -> list[Mail]:
    """``count`` distinct mails, deterministic for ``(count, seed)``."""
    fixtures = fixture_mails()
    names = list(fixtures)
    samples = generate(count, seed=seed)
    mails = []
    for i, sample in enumerate(samples):
        message_id = f"<bench-{seed}-{i}@mail.example>"
        if names and i % FIXTURE_EVERY == FIXTURE_EVERY - 1:
            name = names[(i // FIXTURE_EVERY) % len(names)]
            raw = with_message_id(fixtures[name], message_id)
            sender = "" if name == "bounce" else f"fixture{i}@example.net"  # "<>": a bounce
            mails.append(Mail(message_id, sender, raw, f"fixture:{name}"))
        else:
            raw = generated_mail(sample.text, sample.lang, i, message_id)
            mails.append(
                Mail(message_id, f"customer{i}@example.net", raw, f"generated:{sample.lang}")
            )
    return mails


def delivery_plan(mails: list[Mail], seed: int) -> list[Mail]:
    """Every mail once, a few twice (the second delivery later, likely on another connection),
    shuffled so Japanese, English and fixtures arrive mixed."""
    rng = random.Random(seed)
    plan = list(mails) + [m for i, m in enumerate(mails) if i % RESEND_EVERY == 1]
    rng.shuffle(plan)
    return plan
