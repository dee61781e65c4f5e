"""``madoguchi chat``: talk to the assistant in a terminal, against the desk's database.

madoguchi chat [--language ja|en]

Reads one customer line per input line (so a whole dialogue can be piped in), prints the
assistant's replies, and exits on end of input or ``/quit``. The same services as the portal's
chat page: the text is screened and stored redacted, a hand-off opens a real ticket (its
reference is printed). A fresh data directory gets the bundled help articles first.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from madoguchi.desk.server import ServeError, database_migrate, django_setup

QUIT = ("/quit", "/exit")
#: the longest line read; the desk's own limit applies after this
MAX_LINE = 100_000


def _fail(message: str) -> int:
    print(f"madoguchi chat: {message}", file=sys.stderr)
    return 2


def _print_turns(turns, out: TextIO) -> None:
    for turn in turns:
        if turn.role == "customer" or not turn.text:
            continue
        label = "!" if turn.role == "system" else "assistant"
        out.write(f"[{label}] {turn.text}\n\n")
    out.flush()


def chat_loop(*, language: str, stdin: TextIO, out: TextIO) -> int:
    """The REPL itself (Django must be set up): one conversation until EOF or /quit."""
    from madoguchi.conversations.services import (
        ConversationError,
        conversation_message_post,
        conversation_start,
    )
    from madoguchi.kb.models import Article
    from madoguchi.kb.services import article_import

    if not Article.objects.exists():
        counts = article_import()
        out.write(f"(imported {counts.total} bundled help articles)\n")
    conversation = conversation_start(channel="terminal", language=language)
    _print_turns(conversation.turns.all(), out)
    reference = None
    interactive = stdin.isatty()
    while True:
        if interactive:
            out.write("> ")
            out.flush()
        line = stdin.readline(MAX_LINE)
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        if line.lower() in QUIT:
            break
        try:
            reply = conversation_message_post(conversation=conversation, text=line)
        except ConversationError as exc:
            out.write(f"[!] {exc}\n\n")
            continue
        if not interactive:  # a transcript: the line as stored (redacted), not as typed
            mine = next((t for t in reply.turns if t.role == "customer"), None)
            out.write(f"> {mine.text if mine else '(already sent)'}\n")
        _print_turns(reply.turns, out)
        conversation = reply.conversation
        if conversation.ticket is not None and conversation.ticket.reference != reference:
            reference = conversation.ticket.reference
            out.write(f"ticket: {reference}\n\n")
            out.flush()
    return 0


def _cmd_chat(args: argparse.Namespace) -> int:
    try:
        django_setup()
        database_migrate()
    except ServeError as exc:
        return _fail(str(exc))
    from django.utils import translation

    # the terminal's words (slot labels, steps) in the conversation's language
    translation.activate(args.language)
    try:
        return chat_loop(language=args.language, stdin=sys.stdin, out=sys.stdout)
    except KeyboardInterrupt:
        return 130


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register this module's subcommands on the top-level parser."""
    chat = sub.add_parser(
        "chat",
        help="talk to the support assistant in the terminal",
        description="A conversation with the assistant against the desk's database: one line "
        "per message from standard input, until end of input or /quit. A hand-off opens a "
        "ticket and prints its reference.",
    )
    chat.add_argument(
        "--language",
        choices=("ja", "en"),
        default="ja",
        help="the language to greet in (the assistant follows the customer's language)",
    )
    chat.set_defaults(func=_cmd_chat)
