"""``madoguchi smtpd`` and ``madoguchi imap-poll``: inbound e-mail into the desk.

madoguchi smtpd [--host H] [--port P]      the SMTP receiver, for MX pointed at madoguchi
madoguchi imap-poll [--once] [--interval S] poll the mailbox in MADOGUCHI_IMAP_* settings

Thin like the other desk commands: set Django up, call the mail app, print one line. An
operator's mistake (a busy port, missing IMAP settings) prints one line and exits with 2.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from madoguchi.desk.server import ServeError, database_migrate, django_setup, port_check


def _fail(command: str, message: str) -> int:
    print(f"madoguchi {command}: {message}", file=sys.stderr)
    return 2


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_args: stop.set())
    return stop


def _cmd_smtpd(args: argparse.Namespace) -> int:
    try:
        port_check(args.host, args.port)
        django_setup()
        database_migrate()
    except ServeError as exc:
        return _fail("smtpd", str(exc))
    from madoguchi.mail.smtpd import accepted_domains, receiver_start

    stop = _stop_on_signals()
    try:
        receiver = receiver_start(host=args.host, port=args.port)
    except (OSError, RuntimeError) as exc:  # aiosmtpd reports a failed start as RuntimeError
        return _fail("smtpd", str(exc))
    domains = ", ".join(sorted(accepted_domains()))
    print(f"madoguchi smtpd: receiving mail for {domains} on {args.host}:{args.port}", flush=True)
    try:
        stop.wait()
    finally:
        receiver.stop()
    return 0


def _cmd_imap_poll(args: argparse.Namespace) -> int:
    try:
        django_setup()
        database_migrate()
    except ServeError as exc:
        return _fail("imap-poll", str(exc))
    from madoguchi.mail.imap import ImapError, ImapSettings, imap_poll

    try:
        config = ImapSettings.from_env()
    except ImapError as exc:
        return _fail("imap-poll", str(exc))
    stop = _stop_on_signals()
    while True:
        try:
            result = imap_poll(config=config)
        except ImapError as exc:
            if args.once:
                return _fail("imap-poll", str(exc))
            print(f"madoguchi imap-poll: {exc} (retrying)", file=sys.stderr, flush=True)
        else:
            print(
                f"imap-poll: {result.fetched} fetched, {result.created} new, "
                f"{result.threaded} threaded, {result.duplicate} duplicate, "
                f"{result.parked} parked, {result.deferred} deferred",
                flush=True,
            )
        if args.once or stop.wait(args.interval):
            return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``madoguchi smtpd`` and ``madoguchi imap-poll`` on the top-level parser."""
    smtpd = sub.add_parser(
        "smtpd",
        help="receive e-mail over SMTP (point MX here)",
        description="Run the inbound SMTP receiver. It accepts mail only for the desk's domain "
        "(MADOGUCHI_MAIL_DOMAIN, else the DEFAULT_FROM_EMAIL domain, plus "
        "MADOGUCHI_MAIL_ACCEPT_DOMAINS) and answers 250 only once the mail is stored or parked. "
        "STARTTLS when MADOGUCHI_SMTPD_TLS_CERT and MADOGUCHI_SMTPD_TLS_KEY are set.",
    )
    smtpd.add_argument("--host", default="127.0.0.1", help="address to listen on")
    smtpd.add_argument("--port", type=int, default=2525, help="port (default 2525)")
    smtpd.set_defaults(func=_cmd_smtpd)

    poll = sub.add_parser(
        "imap-poll",
        help="fetch e-mail from an IMAP mailbox (MADOGUCHI_IMAP_* settings)",
        description="Fetch unseen mail from the mailbox in MADOGUCHI_IMAP_HOST/PORT/USER/"
        "PASSWORD/SECURITY/MAILBOX; each is marked seen (or moved to MADOGUCHI_IMAP_MOVE_TO) "
        "only after it is stored. Without --once: poll every --interval seconds.",
    )
    poll.add_argument("--once", action="store_true", help="poll once and exit")
    poll.add_argument("--interval", type=float, default=60.0, help="seconds between polls")
    poll.set_defaults(func=_cmd_imap_poll)
