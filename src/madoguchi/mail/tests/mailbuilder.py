"""Build test mail the way a client does (stdlib email), and read the .eml fixtures."""

from __future__ import annotations

import json
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "mail"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
DESK = "support@madoguchi.invalid"


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.eml").read_bytes()


def build(
    *,
    sender: str = "takahashi@example.jp",
    to: str = DESK,
    subject: str = "出金が届きません",
    body: str = "昨日の出金がまだ届きません。",
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="mail.example.jp")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes(policy=SMTP)


def mime_bomb(depth: int = 1000) -> bytes:
    opening = b"".join(
        b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (i, i + 1)
        for i in range(depth)
    )
    closing = b"".join(b"--b%d--\r\n" % i for i in reversed(range(depth + 1)))
    return (
        b"From: bomber@example.net\r\nTo: support@madoguchi.invalid\r\nSubject: bomb\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n'
        + opening
        + b"--b%d\r\nContent-Type: text/plain\r\n\r\ndeep\r\n" % depth
        + closing
    )
