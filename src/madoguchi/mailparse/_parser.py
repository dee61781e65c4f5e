"""``parse()``: raw RFC 5322 bytes to a :class:`ParsedMail`, within :class:`Limits`.

The stdlib ``email`` package splits the message (``policy.default``); everything it is known
to get wrong for hostile or Japanese mail is done here instead: header values are decoded from
their raw form (encoded-words with a charset fallback chain, raw 8-bit bytes), bodies are
decoded with :func:`decode_bytes`, and the nesting the stdlib parser would recurse into is
counted in the raw bytes first.
"""

from __future__ import annotations

import email.policy
import email.utils
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.parser import BytesParser

import regex

from madoguchi.mailparse._charset import decode_bytes, decode_header_value
from madoguchi.mailparse._errors import MailParseError
from madoguchi.mailparse._html import sanitise, to_text
from madoguchi.mailparse._names import sanitise_filename, single_line
from madoguchi.mailparse._quotes import strip_quoted
from madoguchi.mailparse._types import Address, Attachment, Limits, ParsedMail

_CONTAINER = regex.compile(
    rb"^content-type:[ \t]*(?:\r?\n[ \t]+)?(?:multipart|message)/", regex.I | regex.M
)
_BOUNDARY = regex.compile(rb"boundary\s*=\s*\"?([^\"\s;]{1,70})", regex.I)
#: printable ASCII only (RFC 5322 §3.6.4 msg-id): no NUL, no controls, no spaces
_MSGID = regex.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>")
_MAX_NOTES = 50
_BOUNCE_SENDERS = ("mailer-daemon", "postmaster")
#: the name given to an attachment that came without one
_EXTENSIONS = {
    "message/rfc822": "eml",
    "message/delivery-status": "txt",
    "text/rfc822-headers": "txt",
    "text/plain": "txt",
    "text/html": "html",
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}


@dataclass
class _Collector:
    limits: Limits
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report: bool = False

    def warn(self, text: str) -> None:
        if len(self.warnings) < _MAX_NOTES and text not in self.warnings:
            self.warnings.append(text)


def _precheck(raw: bytes, limits: Limits) -> None:
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise MailParseError(f"expected bytes, got {type(raw).__name__}")
    if len(raw) > limits.max_bytes:
        raise MailParseError(f"message is {len(raw)} bytes, over the {limits.max_bytes} limit")
    if not raw.strip():
        raise MailParseError("empty message")
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    if end > limits.max_header_bytes:
        raise MailParseError(f"header section over {limits.max_header_bytes} bytes")
    fields = 0
    current = 0
    for line in raw[:end].split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            current += len(line)
        else:
            fields += 1
            current = len(line)
        if current > limits.max_header_line:
            raise MailParseError(f"a header field is over {limits.max_header_line} bytes")
    if fields > limits.max_headers:
        raise MailParseError(f"{fields} header fields, over the {limits.max_headers} limit")
    containers = len(_CONTAINER.findall(raw, overlapped=False, concurrent=False))
    if containers > limits.max_containers:
        raise MailParseError(
            f"{containers} nested multipart/message parts, over the {limits.max_containers} limit"
        )
    # every part costs a Message object in the stdlib parser: count delimiters before it runs
    # (generous: the walk itself stops at max_parts with a warning; this stops the bombs)
    ceiling = 4 * limits.max_parts + 100
    if raw.count(b"\n--") > ceiling:
        boundaries = {b"\n--" + b for b in _BOUNDARY.findall(raw)[: limits.max_containers]}
        delimiters = sum(raw.count(b) for b in boundaries)
        if delimiters > ceiling:
            raise MailParseError(f"{delimiters} MIME delimiters, over the part limit")


def _headers(message: Message) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        headers.setdefault(str(name).lower(), []).append(str(value))
    return headers


def _first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


def _addresses(values: list[str], out: _Collector) -> tuple[Address, ...]:
    # parsed from the raw value, names decoded after: a name that decodes to "<x@y>" or ","
    # cannot change which address is read
    result: list[Address] = []
    try:
        pairs = email.utils.getaddresses(values)
    except Exception:
        out.warn("unreadable address header")
        return ()
    for name, address in pairs[:100]:
        clean = _address(address)
        if address and not clean:
            out.warn("an address was not valid and was dropped")
        if not clean and not name:
            continue
        result.append(Address(single_line(decode_header_value(name), limit=200), clean))
    return tuple(result)


def _address(value: str) -> str:
    value = value.strip()
    if (
        not value
        or len(value) > 254
        or value.count("@") != 1
        or not value.isascii()
        or any(ch.isspace() or not ch.isprintable() or ch in '<>()[]\\,;:"' for ch in value)
    ):
        return ""
    local, domain = value.split("@")
    if not local or not domain or "." not in domain.strip("."):
        return ""
    return f"{local}@{domain.lower()}"


def _date(value: str, out: _Collector) -> datetime | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        out.warn("unreadable Date header")
        return None


def _flags(headers: dict[str, list[str]], sender: Address) -> dict[str, object]:
    def lower(name: str) -> str:
        return _first(headers, name).strip().lower()

    auto = lower("auto-submitted").split(";")[0].strip()
    precedence = lower("precedence")
    return_path = lower("return-path")
    local = sender.address.split("@")[0].lower()
    return {
        "auto_submitted": bool(auto and auto != "no")
        or bool(headers.get("x-autoreply") or headers.get("x-autorespond")),
        "bulk": precedence in ("bulk", "junk", "list")
        or bool(headers.get("list-id") or headers.get("list-unsubscribe")),
        "bounce": ("return-path" in headers and return_path in ("<>", ""))
        or local in _BOUNCE_SENDERS,
        "suppress_auto_reply": bool(headers.get("x-auto-response-suppress")),
        "loop_markers": tuple(
            single_line(v, limit=254).lower() for v in headers.get("x-loop", [])[:10]
        ),
    }


def _message_ids(value: str, limit: int) -> tuple[str, ...]:
    return tuple(_MSGID.findall(value)[:limit])


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "application/octet-stream"


def _walk(message: Message, out: _Collector) -> None:
    """Breadth of the tree in document order, with an explicit stack (no recursion)."""
    stack: list[tuple[Message, int]] = [(message, 0)]
    parts = 0
    while stack:
        part, depth = stack.pop()
        parts += 1
        if parts > out.limits.max_parts:
            out.warn(f"more than {out.limits.max_parts} parts: the rest was skipped")
            return
        out.defects.extend(type(d).__name__ for d in getattr(part, "defects", ())[:10])
        ctype = _content_type(part)
        if ctype == "multipart/report":
            out.report = True
        if part.is_multipart() and not ctype.startswith("message/"):
            if depth >= out.limits.max_depth:
                out.warn(f"parts nested deeper than {out.limits.max_depth} were skipped")
                continue
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend((child, depth + 1) for child in reversed(children))
            continue
        _leaf(part, ctype, out)


def _payload(part: Message, ctype: str) -> bytes:
    if ctype.startswith("message/"):
        inner = part.get_payload()
        try:
            if isinstance(inner, list):
                return b"".join(m.as_bytes(policy=email.policy.compat32) for m in inner)
        except Exception:  # a broken inner message: keep what its text form gives
            return str(inner).encode("utf-8", "surrogateescape")
        return str(inner).encode("utf-8", "surrogateescape")
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("ascii", "surrogateescape") if isinstance(raw, str) else b""


def _leaf(part: Message, ctype: str, out: _Collector) -> None:
    try:
        disposition = part.get_content_disposition()
    except Exception:
        disposition = None
    try:
        filename = part.get_filename()
    except Exception:
        filename = None
        out.warn("unreadable attachment filename")
    if filename and "=?" in filename:  # encoded-words in a parameter: common, not standard
        filename = decode_header_value(filename)
    data = _payload(part, ctype)
    is_body = ctype in ("text/plain", "text/html") and disposition != "attachment" and not filename
    if is_body:
        try:
            charset = part.get_content_charset()
        except Exception:
            charset = None
        text, warning = decode_bytes(data, charset)
        if warning:
            out.warn(f"{ctype}: {warning}")
        (out.plain if ctype == "text/plain" else out.html).append(text)
        return
    extension = _EXTENSIONS.get(ctype, "bin")
    out.attachments.append(
        Attachment(
            filename=sanitise_filename(filename, fallback=f"attachment.{extension}"),
            content_type=single_line(ctype, limit=127),
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            content=data,
        )
    )


def _body_text(out: _Collector) -> tuple[str, str]:
    limits = out.limits
    html = "\n".join(out.html)
    if len(html) > limits.max_html_chars:
        out.warn(f"HTML over {limits.max_html_chars} characters was cut")
        html = html[: limits.max_html_chars]
    html_clean = sanitise(html) if html else ""
    plain = [t.replace("\r\n", "\n").replace("\r", "\n").strip("\n") for t in out.plain]
    text = "\n\n".join(t.rstrip() for t in plain if t.strip())
    if not text and html:
        text = to_text(html)
    if len(text) > limits.max_text_chars:
        out.warn(f"text over {limits.max_text_chars} characters was cut")
        text = text[: limits.max_text_chars]
    return text, html_clean


def parse(raw: bytes, *, limits: Limits | None = None) -> ParsedMail:
    """Read one message; :class:`MailParseError` when it is beyond the limits.

    >>> mail = parse(b"From: Taro <taro@example.jp>\\r\\nSubject: hi\\r\\n\\r\\nHello\\r\\n")
    >>> (mail.from_.address, mail.subject, mail.text)
    ('taro@example.jp', 'hi', 'Hello')
    """
    limits = limits or Limits()
    _precheck(raw, limits)
    try:
        message = BytesParser(policy=email.policy.default).parsebytes(bytes(raw))
    except RecursionError as exc:  # the pre-check should make this unreachable
        raise MailParseError("MIME nested too deeply") from exc
    except Exception as exc:
        raise MailParseError(f"the stdlib parser failed: {type(exc).__name__}") from exc
    out = _Collector(limits)
    headers = _headers(message)
    if "from" not in headers and "sender" not in headers and "subject" not in headers:
        raise MailParseError("no From, Sender or Subject header: not a mail message")
    senders = _addresses(headers.get("from", []) or headers.get("sender", []), out)
    sender = senders[0] if senders else Address("", "")
    _walk(message, out)
    text, html_clean = _body_text(out)
    flags = _flags(headers, sender)
    notes: list[str] = []
    subject = single_line(
        decode_header_value(_first(headers, "subject"), notes), limit=limits.max_subject_chars
    )
    for note in notes:
        out.warn(note)
    return ParsedMail(
        from_=sender,
        to=_addresses(headers.get("to", []), out),
        cc=_addresses(headers.get("cc", []), out),
        reply_to=_addresses(headers.get("reply-to", []), out),
        delivered_to=tuple(
            a.address
            for a in _addresses(
                headers.get("delivered-to", []) + headers.get("x-original-to", []), out
            )
            if a.address
        ),
        subject=subject,
        message_id=next(iter(_message_ids(_first(headers, "message-id"), 1)), ""),
        in_reply_to=next(iter(_message_ids(_first(headers, "in-reply-to"), 1)), ""),
        references=_message_ids(" ".join(headers.get("references", [])), limits.max_references),
        date=_date(_first(headers, "date"), out),
        auto_submitted=bool(flags["auto_submitted"]),
        bulk=bool(flags["bulk"]),
        bounce=bool(flags["bounce"]) or out.report,
        suppress_auto_reply=bool(flags["suppress_auto_reply"]),
        loop_markers=flags["loop_markers"],  # type: ignore[arg-type]
        text=text,
        text_unquoted=strip_quoted(text) if text else "",
        html_sanitised=html_clean,
        attachments=tuple(out.attachments),
        defects=tuple(out.defects[:_MAX_NOTES]),
        warnings=tuple(out.warnings),
    )
