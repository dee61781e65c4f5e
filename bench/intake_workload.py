"""What ``bench/intake.py`` measures, once Django is configured (any database).

- :func:`intake_throughput`: realistic messages (``bench.corpus_gen``) through the full
  ``madoguchi.tickets.intake.intake`` — analysis, storage, events, the on-commit e-mail.
- :func:`seed_tickets`: many tickets fast (``bulk_create`` in batches, with customers,
  identities, agents, teams and references), bypassing intake (no messages).
- :func:`inbox_latency`: the agent inbox page through Django's test ``Client``.

``tests/bench/test_intake_bench.py`` runs these at tiny size on the test database.
"""

from __future__ import annotations

import gc
import math
import random
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.corpus_gen import Sample, generate
from bench.corpus_material import address, txid
from bench.corpus_templates import CHAIN_LABELS
from madoguchi import taxonomy
from madoguchi.agents.models import Agent, Team
from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.tickets.intake import Inbound, intake
from madoguchi.tickets.models import Ticket

REPLY_SHARE = 0.35  # of messages answering an earlier ticket of the same customer
FACTS_SHARE = 0.5  # of new funds/wallet tickets filed with the checklist facts
LEAD_USERNAME = "bench-lead"
#: inbox query strings measured (label -> query string); the first is the page an agent opens
INBOX_QUERIES: dict[str, str] = {
    "open, recently updated (default)": "",
    "all statuses, newest first": "status=any&sort=created",
    "open, by priority": "sort=priority",
    "assigned to me": "assignee=me",
    "funds, English, unassigned": "intent=funds&language=en&assignee=none",
    "all statuses, page 200": "status=any&page=200",
    "subject search": "q=wallet",
}


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of ``values``."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def summary_ms(ns: list[int]) -> dict[str, float]:
    ms = [n / 1e6 for n in ns]
    return {
        "p50_ms": statistics.median(ms),
        "p99_ms": percentile(ms, 99),
        "mean_ms": statistics.fmean(ms),
        "max_ms": max(ms),
    }


# --- intake -------------------------------------------------------------------------------


def _facts(rng: random.Random, intent_id: str) -> dict[str, str]:
    chain = rng.choice(sorted(CHAIN_LABELS))
    assets, networks = CHAIN_LABELS[chain]
    known = {
        "asset": rng.choice(assets),
        "network": rng.choice(networks),
        "amount": f"{rng.randrange(1, 5000) / 100:g}",
        "address": address(rng, chain),
        "tx_hash": txid(rng, chain),
        "occurred_at": "2025-06-01 14:30",
    }
    slots = taxonomy.intent(intent_id).slots
    return {slot: known[slot] for slot in slots if slot in known}


def intake_plan(samples: list[Sample], *, seed: int, prefix: str = "bench") -> list[dict]:
    """One ``Inbound`` recipe per sample: new tickets and replies from a pool of customers."""
    rng = random.Random(f"intake-plan:{seed}")
    intents = [i.id for i in taxonomy.all_intents()]
    customers = max(1, len(samples) // 3)
    opened: dict[str, int] = {}  # customer e-mail -> index of their latest new ticket
    plan = []
    for i, sample in enumerate(samples):
        email = f"{prefix}-customer{rng.randrange(customers)}@example.jp"
        step: dict[str, Any] = {
            "channel": "web" if rng.random() < 0.6 else "api",
            "identity_value": email,
            "body": sample.text,
            "external_id": f"{prefix}-{seed}-{i}",
            "language_hint": "en" if sample.lang == "en" else "ja",
        }
        if email in opened and rng.random() < REPLY_SHARE:
            step["reply_to"] = opened[email]
        else:
            intent_id = rng.choice(intents)
            step["intent"] = intent_id
            step["subject"] = sample.text.splitlines()[0][:60]
            step["name"] = f"Customer {i}"
            if intent_id.split(".")[0] in ("funds", "wallet") and rng.random() < FACTS_SHARE:
                step["facts"] = _facts(rng, intent_id)
            opened[email] = i
        plan.append(step)
    return plan


def run_plan(plan: list[dict]) -> tuple[list[int], dict[str, int]]:
    """Intake every step; the time of each call in ns, and what was taken."""
    tickets: dict[int, Ticket] = {}
    per_message: list[int] = []
    counts = {"new_tickets": 0, "replies": 0, "with_secret": 0}
    for i, step in enumerate(plan):
        fields = dict(step)
        reply_to = fields.pop("reply_to", None)
        if reply_to is not None:
            fields["ticket"] = tickets[reply_to]
        inbound = Inbound(**fields)
        start = time.perf_counter_ns()
        result = intake(inbound=inbound)
        per_message.append(time.perf_counter_ns() - start)
        tickets[i] = result.ticket
        counts["new_tickets" if result.created else "replies"] += 1
        counts["with_secret"] += bool(result.message.analysis.get("secrets"))
    return per_message, counts


def intake_throughput(*, messages: int, seed: int, warmup: int = 30) -> dict[str, Any]:
    """Messages per second through the full intake, single process, one at a time."""
    from madoguchi.analysis import warm_up

    warm_up()
    run_plan(intake_plan(generate(warmup, seed=seed + 1), seed=seed + 1, prefix="warmup"))
    samples = generate(messages, seed=seed)
    plan = intake_plan(samples, seed=seed)
    with full_collections() as pauses:
        per_message, counts = run_plan(plan)
    total_s = sum(per_message) / 1e9
    probe = intake_plan(generate(20, seed=seed + 2), seed=seed + 2, prefix="probe")
    with CaptureQueriesContext(connection) as queries:
        run_plan(probe)
        probe_queries = len(queries)
    return {
        "messages": len(per_message),
        **counts,
        "seconds": total_s,
        "messages_per_s": len(per_message) / total_s,
        **summary_ms(per_message),
        "queries_per_message": probe_queries / len(probe),
        "gc_full_collections": len(pauses),
        "gc_full_ms": sum(pauses),
    }


# --- many tickets -------------------------------------------------------------------------


@contextmanager
def explicit_timestamps() -> Iterator[None]:
    """Let ``bulk_create`` keep the created/updated times we set (auto_now would overwrite)."""
    fields = [Ticket._meta.get_field("created_at"), Ticket._meta.get_field("updated_at")]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (now, now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = now, now_add


def _staff(rng: random.Random) -> tuple[list[Team], list[Any], Any]:
    teams = [
        Team.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [
            ("funds", "Funds"),
            ("accounts", "Accounts"),
            ("security", "Security"),
            ("trading", "Trading"),
        ]
    ]
    user_model = get_user_model()
    agents = []
    for k in range(20):
        user, created = user_model.objects.get_or_create(username=f"bench-agent-{k}")
        if created:
            Agent.objects.create(user=user).teams.add(rng.choice(teams))
        agents.append(user)
    lead, created = user_model.objects.get_or_create(username=LEAD_USERNAME)
    if created:
        Agent.objects.create(user=lead, role=Agent.Role.LEAD).teams.add(*teams)
    return teams, [*agents, lead], lead


def seed_tickets(n: int, *, seed: int, batch: int = 2_000) -> dict[str, Any]:
    """``n`` tickets over the last year, their customers and identities; ``bulk_create``."""
    started = time.perf_counter()
    rng = random.Random(f"seed-tickets:{seed}")
    teams, agents, _lead = _staff(rng)
    subjects = [s.text.splitlines()[0][:80] for s in generate(3_000, seed=seed) if not s.planted]
    intents = [i.id for i in taxonomy.all_intents()]
    # a busy desk: a fifth of a year's tickets still open, the rest solved or closed
    statuses = (("new", 4), ("open", 8), ("pending", 5), ("on_hold", 3), ("solved", 30))
    statuses += (("closed", 50),)
    priorities = (("urgent", 5), ("high", 20), ("normal", 65), ("low", 10))

    customers = [
        Customer(display_name=f"Bench customer {k}", language=rng.choice(("ja", "en")))
        for k in range(max(1, n // 5))
    ]
    for start in range(0, len(customers), batch):
        Customer.objects.bulk_create(customers[start : start + batch])
    identities = [
        ContactIdentity(customer=c, kind="email", value=f"bench-{seed}-{c.pk}@example.com")
        for c in customers
    ]
    for start in range(0, len(identities), batch):
        ContactIdentity.objects.bulk_create(identities[start : start + batch])

    now = timezone.now()
    first_id = (Ticket.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    year = now.year % 100
    with explicit_timestamps():
        for start in range(0, n, batch):
            rows = []
            for pk in range(first_id + start, first_id + min(n, start + batch)):
                created = now - timedelta(seconds=rng.randrange(365 * 86_400))
                status = _weighted(rng, statuses)
                rows.append(
                    Ticket(
                        id=pk,
                        reference=f"{settings.REFERENCE_PREFIX}-{year:02d}-{pk:06d}",
                        subject=rng.choice(subjects),
                        status=status,
                        priority=_weighted(rng, priorities),
                        intent=rng.choice(intents),
                        language=rng.choice(("ja", "ja", "en")),
                        channel=rng.choice(("web", "web", "api", "email")),
                        requester=rng.choice(customers),
                        assignee=rng.choice(agents) if rng.random() < 0.7 else None,
                        team=rng.choice(teams) if rng.random() < 0.8 else None,
                        created_at=created,
                        updated_at=created + timedelta(seconds=rng.randrange(7 * 86_400)),
                        solved_at=created if status in ("solved", "closed") else None,
                    )
                )
            Ticket.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Ticket]):
            cursor.execute(sql)  # PostgreSQL: the next intake continues after our explicit ids
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # what autovacuum does soon after a bulk load: statistics and the visibility map
            # (index-only scans). SQLite gets nothing: no deployment runs ANALYZE on it.
            cursor.execute("VACUUM ANALYZE")
    return {
        "tickets": n,
        "customers": len(customers),
        "seconds": time.perf_counter() - started,
        "total_tickets": Ticket.objects.count(),
    }


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


# --- the inbox page -----------------------------------------------------------------------


def signed_in_client(username: str = LEAD_USERNAME) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def inbox_latency(
    *,
    requests: int,
    queries: dict[str, str] | None = None,
    warmup: int = 5,
    freeze_gc: bool = False,
) -> dict[str, dict[str, Any]]:
    """p50/p99 of ``GET /agent/?<query>`` per query string, the SQL queries per page, and the
    full garbage collections that fell inside the timed requests.

    ``freeze_gc``: first move every live object out of the collector's reach
    (``gc.freeze()``), as a server can do once it has started.
    """
    if freeze_gc:
        gc.collect()
        gc.freeze()
    client = signed_in_client()
    url = reverse("agents:inbox")
    results: dict[str, dict[str, Any]] = {}
    for label, query in (queries or INBOX_QUERIES).items():
        path = f"{url}?{query}" if query else url
        for _ in range(warmup):
            _get(client, path)
        with CaptureQueriesContext(connection) as captured:
            size = len(_get(client, path).content)
        page_queries = list(captured.captured_queries)  # the next request resets the log
        timings = []
        with full_collections() as pauses:
            for _ in range(requests):
                start = time.perf_counter_ns()
                _get(client, path)
                timings.append(time.perf_counter_ns() - start)
        results[label] = {
            "query": query,
            "requests": requests,
            **summary_ms(timings),
            "sql_queries": len(page_queries),
            "slowest_sql": _slowest(page_queries),
            "bytes": size,
            "gc_full_collections": len(pauses),
            "gc_full_max_ms": max(pauses, default=0.0),
        }
    return results


@contextmanager
def full_collections() -> Iterator[list[float]]:
    """The duration (ms) of each full (generation 2) garbage collection inside the block."""
    pauses: list[float] = []
    started = [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append((time.perf_counter() - started[0]) * 1000)

    gc.callbacks.append(watch)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(watch)


def _get(client: Client, path: str):
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status_code}")
    return response


def _slowest(queries: list[dict[str, str]]) -> dict[str, Any]:
    query = max(queries, key=lambda q: float(q["time"]))
    return {"ms": float(query["time"]) * 1000, "sql": query["sql"][:2_000]}


def explain(sql: str) -> str:
    """The database's plan for ``sql`` (one captured, parameter-interpolated query)."""
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
