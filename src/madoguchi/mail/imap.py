"""IMAP polling for deployments that keep a mailbox (``madoguchi imap-poll``).

Each unseen message is fetched without marking it (``BODY.PEEK[]``), handed to
:func:`mail_receive`, and only after that committed (or parked) is it marked ``\\Seen`` or
moved to ``MADOGUCHI_IMAP_MOVE_TO``. A crash in between fetches it again on the next poll,
where its Message-ID makes it a duplicate: every mail is stored exactly once. A database
failure stops the poll and leaves the rest unseen for the next one.

Settings (environment): ``MADOGUCHI_IMAP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD`` (or
``_PASSWORD_FILE``), ``_SECURITY`` (``ssl`` default, ``starttls``, or ``plain`` — plain only
for a server on loopback or a trusted network), ``_CA_FILE`` (optional CA bundle),
``_MAILBOX`` (INBOX), ``_MOVE_TO`` (optional). Certificates are always verified.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import os
import re
import ssl
from dataclasses import dataclass
from pathlib import Path

from madoguchi.mail.inbound import MailTransientError, mail_park, mail_receive, max_message_bytes
from madoguchi.mail.models import ParkedMail

log = logging.getLogger(__name__)

_SECURITY = ("ssl", "starttls", "plain")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


class ImapError(Exception):
    """The mailbox cannot be polled (settings, connection, login, mailbox); one line, English."""


@dataclass(frozen=True)
class ImapSettings:
    host: str
    user: str
    password: str
    port: int = 993
    security: str = "ssl"
    mailbox: str = "INBOX"
    move_to: str = ""
    #: a CA bundle for a server whose certificate the system store does not know
    ca_file: str = ""
    timeout: float = 60.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ImapSettings:
        """Read ``MADOGUCHI_IMAP_*``; :class:`ImapError` naming what is missing or wrong."""
        env = os.environ if environ is None else environ

        def get(name: str, default: str = "") -> str:
            return env.get(f"MADOGUCHI_IMAP_{name}", default).strip()

        security = get("SECURITY", "ssl").lower()
        if security not in _SECURITY:
            raise ImapError(f"MADOGUCHI_IMAP_SECURITY must be one of {', '.join(_SECURITY)}")
        password = env.get("MADOGUCHI_IMAP_PASSWORD", "")
        if not password and get("PASSWORD_FILE"):
            try:
                password = Path(get("PASSWORD_FILE")).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ImapError(f"MADOGUCHI_IMAP_PASSWORD_FILE: {exc.strerror}") from None
        missing = [n for n, v in (("HOST", get("HOST")), ("USER", get("USER"))) if not v]
        if not password:
            missing.append("PASSWORD")
        if missing:
            raise ImapError("missing " + ", ".join(f"MADOGUCHI_IMAP_{n}" for n in missing))
        port = get("PORT", "993" if security == "ssl" else "143")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ImapError("MADOGUCHI_IMAP_PORT must be a port number")
        return cls(
            host=get("HOST"),
            user=get("USER"),
            password=password,
            port=int(port),
            security=security,
            mailbox=get("MAILBOX", "INBOX") or "INBOX",
            move_to=get("MOVE_TO"),
            ca_file=get("CA_FILE"),
        )


@dataclass
class PollResult:
    fetched: int = 0
    created: int = 0
    threaded: int = 0
    duplicate: int = 0
    parked: int = 0
    #: left unseen because the database failed (the next poll retries them)
    deferred: int = 0


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _connect(config: ImapSettings) -> imaplib.IMAP4:
    client: imaplib.IMAP4 | None = None
    try:
        context = ssl.create_default_context(cafile=config.ca_file or None)
        if config.security == "ssl":
            client = imaplib.IMAP4_SSL(
                config.host, config.port, ssl_context=context, timeout=config.timeout
            )
        else:
            client = imaplib.IMAP4(config.host, config.port, timeout=config.timeout)
            if config.security == "starttls":
                client.starttls(ssl_context=context)
        client.login(config.user, config.password)
    except (OSError, imaplib.IMAP4.error) as exc:
        if client is not None:
            with contextlib.suppress(OSError):  # a failed STARTTLS has closed it already
                client.shutdown()
        raise ImapError(f"{config.host}:{config.port}: {exc}") from None
    return client


def _check(response: tuple[str, list], what: str) -> list:
    status, data = response
    if status != "OK":
        raise ImapError(f"{what}: {status} {data!r:.200}")
    return data


def _literal(data: list) -> bytes | None:
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def imap_poll(*, config: ImapSettings, limit: int = 200) -> PollResult:
    """Fetch up to ``limit`` unseen messages into the desk; see the module docstring."""
    result = PollResult()
    client = _connect(config)
    try:
        _check(client.select(_quote(config.mailbox)), f"select {config.mailbox}")
        uids = _check(client.uid("SEARCH", None, "UNSEEN"), "search")[0].split()[:limit]
        can_move = "MOVE" in _capabilities(client)
        moved = False
        for index, uid in enumerate(uids):
            raw = _fetch(client, uid)
            if raw is None:
                continue
            result.fetched += 1
            try:
                if isinstance(raw, _Oversized):
                    outcome = mail_park(
                        raw.headers,
                        reason=ParkedMail.Reason.TOO_LARGE,
                        detail=f"{raw.size} bytes in IMAP; only the headers were fetched",
                        source="imap",
                    ).outcome
                else:
                    outcome = mail_receive(raw, source="imap").outcome
            except MailTransientError:
                log.exception("imap poll: database failure; the rest is left unseen")
                result.deferred = len(uids) - index
                break
            setattr(result, outcome, getattr(result, outcome) + 1)
            moved = _done(client, uid, config, can_move=can_move) or moved
        if moved:
            client.expunge()
    finally:
        # the work is committed; a dropped connection at logout changes nothing
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.logout()
    log.info("imap poll %s", result)
    return result


@dataclass
class _Oversized:
    size: int
    headers: bytes


def _fetch(client: imaplib.IMAP4, uid: bytes) -> bytes | _Oversized | None:
    data = _check(client.uid("FETCH", uid, "(RFC822.SIZE)"), "fetch size")
    found = _SIZE.search(b" ".join(d if isinstance(d, bytes) else d[0] for d in data if d))
    size = int(found.group(1)) if found else 0
    if size > max_message_bytes():
        headers = _literal(_check(client.uid("FETCH", uid, "(BODY.PEEK[HEADER])"), "fetch"))
        return _Oversized(size, headers or b"")
    return _literal(_check(client.uid("FETCH", uid, "(BODY.PEEK[])"), "fetch"))


def _capabilities(client: imaplib.IMAP4) -> set[str]:
    # imaplib keeps the capabilities from before login; servers add MOVE/UIDPLUS after it
    status, data = client.capability()
    if status != "OK" or not data or not isinstance(data[0], bytes):
        return set(client.capabilities)
    return {c.upper() for c in data[0].decode("ascii", "replace").split()}


def _done(client: imaplib.IMAP4, uid: bytes, config: ImapSettings, *, can_move: bool) -> bool:
    """Mark one stored message: ``\\Seen``, or moved away. True when an expunge is needed."""
    if not config.move_to:
        _check(client.uid("STORE", uid, "+FLAGS.SILENT", "(\\Seen)"), "store")
        return False
    target = _quote(config.move_to)
    if can_move:
        _check(client.uid("MOVE", uid, target), f"move to {config.move_to}")
        return False
    _check(client.uid("COPY", uid, target), f"copy to {config.move_to}")
    _check(client.uid("STORE", uid, "+FLAGS.SILENT", "(\\Seen \\Deleted)"), "store")
    return True
