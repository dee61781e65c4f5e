"""Recall of planted secrets and false alarms, given the spans a tool reported per message.

A planted secret counts as *covered* when the union of reported spans contains all of it (what
redaction needs) and as *touched* when any reported span overlaps it (what a "this line has a
secret" alarm gives).

>>> from bench.corpus_gen import Planted, Sample
>>> s = Sample("pw: hunter2", (Planted("password", 4, 11),), "en", "login", "password:en")
>>> score([s], [[("password", 4, 11)]], rule="cover")["recall"]
1.0
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bench.corpus_gen import Sample

#: A reported span: (kind or None when the tool has no matching kind, start, end).
Found = tuple[str | None, int, int]


def covered(start: int, end: int, spans: Sequence[Found]) -> bool:
    """Whether the union of ``spans`` contains all of ``[start, end)``."""
    reach = start
    for _, s, e in sorted(spans, key=lambda f: f[1]):
        if s > reach:
            break
        reach = max(reach, e)
        if reach >= end:
            return True
    return reach >= end


def touched(start: int, end: int, spans: Sequence[Found]) -> bool:
    """Whether any of ``spans`` overlaps ``[start, end)``."""
    return any(s < end and start < e for _, s, e in spans)


def variant_key(sample: Sample) -> str:
    """How the secret was made and the language of its sentence: ``otp:6:ja``."""
    return sample.variant or ""


def score(
    samples: Sequence[Sample], found: Sequence[Sequence[Found]], *, rule: str
) -> dict[str, Any]:
    """Recall overall, per kind and per variant; false alarms on messages with nothing planted."""
    hit = covered if rule == "cover" else touched
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # planted, hit, kind-matched
    per_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean = false_alarm_messages = stray = 0
    for sample, spans in zip(samples, found, strict=True):
        if not sample.planted:
            clean += 1
            false_alarm_messages += bool(spans)
            stray += len(spans)
            continue
        stray += sum(not any(touched(p.start, p.end, [f]) for p in sample.planted) for f in spans)
        for p in sample.planted:
            ok = hit(p.start, p.end, spans)
            same_kind = [f for f in spans if f[0] == p.kind]
            row = per_kind[p.kind]
            row[0] += 1
            row[1] += ok
            row[2] += hit(p.start, p.end, same_kind)
            per_variant[variant_key(sample)][0] += 1
            per_variant[variant_key(sample)][1] += ok
    planted = sum(r[0] for r in per_kind.values())
    hits = sum(r[1] for r in per_kind.values())
    return {
        "rule": rule,
        "planted": planted,
        "found": hits,
        "recall": hits / planted if planted else None,
        "by_kind": {
            k: {"planted": r[0], "found": r[1], "recall": r[1] / r[0], "kind_matched": r[2]}
            for k, r in sorted(per_kind.items())
        },
        "by_variant": {
            v: {"planted": r[0], "found": r[1], "recall": r[1] / r[0]}
            for v, r in sorted(per_variant.items())
        },
        "clean_messages": clean,
        "false_alarm_messages": false_alarm_messages,
        "false_alarm_rate": false_alarm_messages / clean if clean else None,
        "stray_spans": stray,
    }
