"""The desk's subcommands of ``madoguchi``: serve, demo, worker, createagent, apikey.

Thin: parse arguments, put the environment in place, call ``desk.server`` / ``desk.demo`` /
the agents service, print. Django is imported only once a command runs, after the
environment it reads is set. An operator's mistake prints one line and exits with 2.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from pathlib import Path

from madoguchi.desk.demo_dir import DEFAULT_DEMO_DIR, demo_dir_prepare, demo_environment
from madoguchi.desk.server import (
    ServeError,
    ServeOptions,
    banner,
    base_url,
    database_migrate,
    desk_prepare,
    django_setup,
    environment_set,
    port_check,
    serve,
)

PASSWORD_VARIABLE = "MADOGUCHI_AGENT_PASSWORD"  # noqa: S105 - the variable's name


def _fail(command: str, message: str) -> int:
    print(f"madoguchi {command}: {message}", file=sys.stderr)
    return 2


def _cmd_serve(args: argparse.Namespace) -> int:
    options = ServeOptions(
        host=args.host,
        port=args.port,
        workers=args.workers,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level=args.log_level,
        task_worker=not args.no_task_worker,
    )
    try:
        port_check(options.host, options.port)
        if os.environ.get("MADOGUCHI_MODE") != "production":
            # links in e-mails point at this server unless the operator says otherwise
            environment_set(
                {"MADOGUCHI_SITE_URL": base_url(options.host, options.port)}, override=False
            )
        desk_prepare()
        print(banner(options, _site_url_warning()), flush=True)
        serve(options)
    except ServeError as exc:
        return _fail("serve", str(exc))
    return 0


def _site_url_warning() -> tuple[str, ...]:
    from django.conf import settings

    if settings.PRODUCTION and not os.environ.get("MADOGUCHI_SITE_URL"):
        return (
            f"  warning    MADOGUCHI_SITE_URL is not set: e-mailed links point at "
            f"{settings.SITE_URL}",
        )
    return ()


def _cmd_demo(args: argparse.Namespace) -> int:
    options = ServeOptions(host=args.host, port=args.port, log_level=args.log_level)
    url = base_url(options.host, options.port)
    try:
        port_check(options.host, options.port)
        data_dir = demo_dir_prepare(Path(args.data_dir))
        environment_set(demo_environment(data_dir, site_url=url))
        print(f"Building a fresh demo desk in {data_dir} ...", flush=True)
        desk_prepare()
        summary = _demo_build()
        print(banner(options, _demo_lines(summary, url)), flush=True)
        serve(options)
    except ServeError as exc:
        return _fail("demo", str(exc))
    return 0


def _demo_build():
    """The sample desk, built quietly: no acknowledgement e-mails, no per-ticket log lines."""
    from django.test.utils import override_settings

    from madoguchi.desk.demo import demo_data_create

    logging.disable(logging.INFO)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            return demo_data_create()
    finally:
        logging.disable(logging.NOTSET)


def _demo_lines(summary, url: str) -> tuple[str, ...]:
    return (
        f"  contents   {summary.articles} help articles, {summary.agents} agents, "
        f"{summary.customers} customers, {summary.tickets} tickets (rebuilt on every run)",
        "",
        f"  agent login     username: {summary.username}   password: {summary.password}",
        "                  (team lead with Django admin access)",
        f"  customer view   {url}{summary.customer_sign_in_path}",
        f"                  (one-time sign-in link for {summary.customer_email}; "
        "expires in 30 minutes)",
        "",
        "E-mails the desk sends (sign-in links for customers) are printed below.",
    )


def _password(*, interactive: bool) -> str:
    value = os.environ.get(PASSWORD_VARIABLE)
    if value:
        return value
    if not interactive:
        raise ServeError(f"no password: set {PASSWORD_VARIABLE} or run in a terminal")
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Password (again): ")
    if first != second:
        raise ServeError("the two passwords differ")
    return first


def _cmd_createagent(args: argparse.Namespace) -> int:
    try:
        django_setup()  # a settings problem shows before anyone types a password
        database_migrate()
        password = _password(interactive=sys.stdin.isatty())
        from django.utils import translation

        from madoguchi.agents.services import AgentError
        from madoguchi.desk.operator import agent_create_with_access

        translation.activate("ja" if os.environ.get("LANG", "").startswith("ja") else "en")
        try:
            user = agent_create_with_access(
                username=args.username,
                password=password,
                email=args.email,
                name=args.name,
                role=args.role,
                teams=args.teams,
                language=args.language,
                superuser=args.superuser,
            )
        except AgentError as exc:
            return _fail("createagent", "; ".join(exc.messages))
    except ServeError as exc:
        return _fail("createagent", str(exc))
    admin = " with Django admin access" if args.superuser else ""
    print(f"Created agent {user.get_username()} ({args.role}){admin}.")
    return 0


def _cmd_worker(args: argparse.Namespace) -> int:
    from madoguchi.desk.server import task_worker_run

    try:
        django_setup()
        database_migrate()
        task_worker_run(batch=args.batch)
    except ServeError as exc:
        return _fail("worker", str(exc))
    except KeyboardInterrupt:
        pass
    return 0


def _cmd_apikey(args: argparse.Namespace) -> int:
    try:
        django_setup()
        database_migrate()
    except ServeError as exc:
        return _fail("apikey", str(exc))
    from madoguchi.api.services import ApiKeyError, api_key_create

    try:
        row, key = api_key_create(name=args.name, scopes=args.scopes, agent_username=args.agent)
    except ApiKeyError as exc:
        return _fail("apikey", str(exc))
    acting = f", acting as {args.agent}" if row.agent_id else ""
    print(f"API key for {row.name!r}, scopes {' '.join(row.scopes)}{acting}")
    print("(shown once; only its hash is stored):")
    print(key)
    print("Use it as: Authorization: Bearer <key>  (docs/api.md)")
    return 0


def add_desk_commands(sub: argparse._SubParsersAction) -> None:
    serve_parser = sub.add_parser(
        "serve",
        help="run the desk (migrates the database first)",
        description="Migrate the database and serve the desk with uvicorn. Settings come from "
        "the environment (see docs/operations.md).",
    )
    _server_arguments(serve_parser)
    serve_parser.add_argument("--workers", type=int, default=1, help="worker processes")
    serve_parser.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        help="comma-separated proxy addresses whose X-Forwarded-* headers are trusted "
        "(default: none are read)",
    )
    serve_parser.add_argument(
        "--no-task-worker",
        action="store_true",
        help="do not start a background task worker (run `madoguchi worker` yourself)",
    )
    serve_parser.set_defaults(func=_cmd_serve)

    demo = sub.add_parser(
        "demo",
        help="a fresh demo desk with sample data, then serve it",
        description="Wipe and rebuild a demo data directory (only one that `madoguchi demo` "
        "created), fill it with sample articles, agents, customers and tickets, print an agent "
        "login and serve it.",
    )
    _server_arguments(demo)
    demo.add_argument(
        "--data-dir",
        default=str(DEFAULT_DEMO_DIR),
        help=f"demo data directory, rebuilt on every run (default {DEFAULT_DEMO_DIR})",
    )
    demo.set_defaults(func=_cmd_demo)

    create = sub.add_parser(
        "createagent",
        help="create an agent account",
        description=f"Create an agent. The password is read from ${PASSWORD_VARIABLE}, or "
        "asked for twice.",
    )
    create.add_argument("--username", required=True)
    create.add_argument("--email", default="")
    create.add_argument("--name", default="", help="display name")
    create.add_argument("--role", choices=("agent", "lead", "admin"), default="agent")
    create.add_argument(
        "--team", dest="teams", action="extend", nargs="+", default=[], metavar="SLUG"
    )
    create.add_argument("--language", choices=("ja", "en"), default="ja")
    create.add_argument(
        "--superuser", action="store_true", help="also give Django admin access (/admin/)"
    )
    create.set_defaults(func=_cmd_createagent)

    apikey = sub.add_parser(
        "apikey",
        help="create an API key for /api/v1/ (printed once)",
        description="Create a key for the JSON API (docs/api.md). The key is printed once; "
        "only its hash is stored. Switch keys off in the admin.",
    )
    apikey.add_argument("--name", required=True, help="what the key is for")
    apikey.add_argument(
        "--scope",
        dest="scopes",
        action="append",
        metavar="SCOPE",
        help="tickets:read, tickets:write, customers:read, articles:read, webhooks:manage, "
        "phone:write, phone:read (repeat; default: tickets:read and tickets:write)",
    )
    apikey.add_argument(
        "--agent", metavar="USERNAME", help="the agent the key acts as for updates and replies"
    )
    apikey.set_defaults(func=_cmd_apikey)

    worker = sub.add_parser(
        "worker",
        help="process background tasks (customer e-mails) from the database queue",
        description="Run a worker of the database task queue. `madoguchi serve` starts one by "
        "itself (unless --no-task-worker); run more for scale-out.",
    )
    worker.add_argument("--batch", action="store_true", help="process what is queued, then exit")
    worker.set_defaults(func=_cmd_worker)

    from madoguchi.desk import (
        commands_assistant,
        commands_chat,
        commands_guard,
        commands_kb,
        commands_log,
        commands_mail,
        commands_trust,
    )

    commands_kb.add_commands(sub)
    commands_assistant.add_commands(sub)
    commands_chat.add_commands(sub)
    commands_mail.add_commands(sub)
    commands_trust.add_commands(sub)
    commands_log.add_commands(sub)
    commands_guard.add_commands(sub)


def _server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug"),
        help="server log level",
    )
