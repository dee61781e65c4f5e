"""Starting the desk: settings, database, static files, then uvicorn (``madoguchi serve``).

Every problem an operator must fix (bad settings, a port in use, an unreachable database)
becomes a :class:`ServeError` with a one-line message; the CLI prints it and exits with 2
instead of showing a traceback.

>>> # desk_prepare(); serve(ServeOptions(port=8000))
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

SETTINGS_MODULE = "madoguchi.desk.settings"
APPLICATION = "madoguchi.desk.asgi:application"
_WHITENOISE_ASGI_WARNING = "StreamingHttpResponse must consume synchronous iterators"


class ServeError(Exception):
    """The desk cannot start; the message tells the operator what to fix."""


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    #: proxies whose X-Forwarded-For/-Proto headers are believed ("10.0.0.5,10.0.0.6" or "*");
    #: None: no proxy headers are read at all
    forwarded_allow_ips: str | None = None
    log_level: str = "info"
    #: run one task worker (customer e-mails) beside the web server; off when the operator
    #: runs `madoguchi worker` processes of their own
    task_worker: bool = True


def base_url(host: str, port: int) -> str:
    """The URL a person on this machine opens for a server listening on ``host``.

    >>> base_url("0.0.0.0", 8000), base_url("::1", 8080)
    ('http://127.0.0.1:8000', 'http://[::1]:8080')
    """
    if host in ("0.0.0.0", ""):  # noqa: S104 - naming the wildcard, not binding to it
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def environment_set(values: Mapping[str, str], *, override: bool = True) -> None:
    """Put values into ``os.environ`` before Django reads its settings (and workers inherit)."""
    for key, value in values.items():
        if override:
            os.environ[key] = value
        else:
            os.environ.setdefault(key, value)


def django_setup() -> None:
    """Load our settings (never another project's ``DJANGO_SETTINGS_MODULE``) and the apps."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise ServeError(f"configuration error: {exc}") from None
    except ValueError as exc:  # a malformed number or URL in the environment
        raise ServeError(f"configuration error: {exc}") from None
    except OSError as exc:  # the data directory cannot be created or written
        raise ServeError(f"data directory: {exc.strerror or exc} ({exc.filename})") from None


def database_migrate() -> None:
    """Bring the schema up to date, without questions."""
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ServeError(f"database: {first_line}") from None


def static_collect() -> None:
    """Production only: copy static files into ``DATA_DIR/static`` (whitenoise serves them)."""
    from django.conf import settings
    from django.core.management import call_command

    if settings.PRODUCTION:
        call_command("collectstatic", interactive=False, verbosity=0)


def system_check() -> None:
    """Django's system checks (with the deployment checks in production): errors stop the
    start, warnings are printed."""
    from django.conf import settings
    from django.core import checks

    if settings.PRODUCTION and not settings.ALLOWED_HOSTS:
        raise ServeError("production mode needs ALLOWED_HOSTS (e.g. desk.example.com)")
    found = [m for m in checks.run_checks(include_deployment_checks=settings.PRODUCTION)]
    found = [m for m in found if not m.is_silenced()]
    errors = [str(m) for m in found if m.is_serious()]
    if errors:
        raise ServeError("system check failed:\n  " + "\n  ".join(errors))
    for warning in found:
        print(f"warning: {warning}", file=sys.stderr)


def desk_prepare() -> None:
    """Settings, checks, migrations, static files: everything before the first request."""
    django_setup()
    system_check()
    database_migrate()
    static_collect()
    from django.db import connections

    connections.close_all()  # the server opens its own, in its own threads


def port_check(host: str, port: int) -> None:
    """Fail early, with a clear message, when we cannot listen on ``host:port``."""
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is not between 1 and 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on host {host!r}: {exc.strerror}") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"port {port} on {host} is already in use; stop the other server or "
                    "choose another port with --port"
                ) from None
            if exc.errno == errno.EACCES:
                raise ServeError(
                    f"not allowed to listen on port {port}; use 1024 or above"
                ) from None
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def banner(options: ServeOptions, lines: tuple[str, ...] = ()) -> str:
    from django.conf import settings

    url = base_url(options.host, options.port)
    out = [
        f"madoguchi {settings.MODE} desk: {url}/",
        f"  portal     {url}/",
        f"  workspace  {url}/agent/",
        f"  admin      {url}/admin/",
        f"  data       {settings.DATA_DIR}",
        *lines,
        "Press Ctrl+C to stop.",
    ]
    return "\n".join(out)


def serve(options: ServeOptions) -> None:
    """Run uvicorn in the foreground until Ctrl+C (the desk must be prepared first)."""
    import uvicorn

    if options.workers < 1:
        raise ServeError("--workers must be 1 or more")
    # whitenoise (sync) hands Django's ASGI handler a file iterator; Django warns once per
    # process that it wraps it. Expected, harmless: keep it off the operator's console.
    warnings.filterwarnings("ignore", message=_WHITENOISE_ASGI_WARNING)
    if options.workers > 1:  # spawned workers read the filter from the environment
        environment_set({"PYTHONWARNINGS": f"ignore:{_WHITENOISE_ASGI_WARNING}"}, override=False)
    sys.stdout.flush()
    worker = task_worker_start() if options.task_worker else None
    try:
        _uvicorn_run(uvicorn, options)
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()


def task_worker_start() -> subprocess.Popen:
    """One background worker of the database task queue, as a child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "madoguchi.cli", "worker"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "madoguchi.desk.settings"},
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM if the server dies without stopping it (kill -9)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def task_worker_run(*, batch: bool = False) -> None:
    """Process the task queue in this process (until stopped, or until empty with ``batch``).

    First it queues the outboxes' sweeps, which send what is due but whose own task was lost
    (a worker that was down when the change committed): the outbox rows are the truth.
    """
    from django.core.management import call_command

    from madoguchi.api.tasks import webhook_flush
    from madoguchi.mail.tasks import outbox_flush
    from madoguchi.social.tasks import social_outbox_flush
    from madoguchi.transparency.tasks import ledger_sequence_task

    outbox_flush.enqueue()
    webhook_flush.enqueue()
    social_outbox_flush.enqueue()
    ledger_sequence_task.enqueue()  # entries whose sequencing task was lost
    call_command(
        "db_worker", queue_name="*", reload=False, batch=batch, startup_delay=not batch,
        verbosity=1,
    )  # fmt: skip


def _uvicorn_run(uvicorn, options: ServeOptions) -> None:
    uvicorn.run(
        APPLICATION,
        host=options.host,
        port=options.port,
        workers=options.workers,
        # X-Forwarded-* are believed only from the proxies the operator named
        proxy_headers=options.forwarded_allow_ips is not None,
        forwarded_allow_ips=options.forwarded_allow_ips or "127.0.0.1",
        lifespan="off",  # Django has no lifespan handlers
        server_header=False,
        log_level=options.log_level,
    )
