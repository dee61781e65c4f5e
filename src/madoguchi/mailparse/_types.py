"""What a parsed mail looks like: plain frozen dataclasses, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile message from allocating or looping without end.

    The defaults fit real mail: 25 MiB is the usual MTA size limit; clients nest MIME at most
    five or six levels deep; a References header of a long thread stays well below 64 KiB.
    """

    max_bytes: int = 25 * 1024 * 1024
    #: leaf and container parts walked; more are skipped with a warning
    max_parts: int = 250
    #: multipart/message nesting walked; deeper parts are skipped with a warning
    max_depth: int = 12
    #: multipart/message declarations in the raw bytes: more is refused before the stdlib
    #: parser (which recurses once per level) ever sees the message
    max_containers: int = 64
    max_header_bytes: int = 256 * 1024
    max_header_line: int = 64 * 1024
    max_headers: int = 500
    max_text_chars: int = 200_000
    max_html_chars: int = 2_000_000
    max_subject_chars: int = 998  # RFC 5322 §2.1.1 line length
    max_references: int = 100


@dataclass(frozen=True)
class Address:
    """One mailbox: the display name (decoded, single line) and the address (may be "")."""

    name: str
    address: str

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


@dataclass(frozen=True)
class Attachment:
    """A part that is not the body: sanitised filename, declared type, decoded size and hash."""

    filename: str
    content_type: str
    size: int
    sha256: str
    content: bytes = field(repr=False, default=b"")


@dataclass(frozen=True)
class ParsedMail:
    """One message, decoded: see :func:`madoguchi.mailparse.parse`."""

    from_: Address
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    reply_to: tuple[Address, ...] = ()
    #: addresses from Delivered-To / X-Original-To (the envelope, as the mailbox saw it)
    delivered_to: tuple[str, ...] = ()
    subject: str = ""
    message_id: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    date: datetime | None = None
    #: Auto-Submitted other than "no" (RFC 3834), or X-Autoreply / X-Autorespond
    auto_submitted: bool = False
    #: Precedence bulk/junk/list, or a List-Id / List-Unsubscribe header (mailing lists)
    bulk: bool = False
    #: a delivery status notification: Return-Path <>, MAILER-DAEMON/postmaster, report type
    bounce: bool = False
    #: the sender asked for no automatic responses (X-Auto-Response-Suppress)
    suppress_auto_reply: bool = False
    #: X-Loop header values (a desk that adds its own address there can spot loops)
    loop_markers: tuple[str, ...] = ()
    #: the body as text: text/plain parts, else the sanitised HTML as text
    text: str = ""
    #: ``text`` without the quoted reply history (for the ticket); equals ``text`` if none
    text_unquoted: str = ""
    #: the HTML part after nh3 (no scripts, styles, handlers, remote images); "" if none
    html_sanitised: str = ""
    attachments: tuple[Attachment, ...] = ()
    #: what the stdlib parser reported (class names), capped
    defects: tuple[str, ...] = ()
    #: what this parser did about the message (fallback charsets, truncation), capped
    warnings: tuple[str, ...] = ()

    @property
    def automated(self) -> bool:
        """Mail that no person wrote just now: it must never get an automatic answer."""
        return self.auto_submitted or self.bulk or self.bounce or bool(self.loop_markers)

    @property
    def no_auto_reply(self) -> bool:
        return self.automated or self.suppress_auto_reply
