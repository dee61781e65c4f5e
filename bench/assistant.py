"""The assistant's understanding engine: latency of classify + retrieve, and dev-set accuracy.

- latency (p50/p99) of ``Understander.understand`` (scope check, classification, article
  retrieval) and of ``search`` (the help centre's search-as-you-type), with the bundled
  knowledge base and with a synthetic 5,000-article one, generated deterministically;
- top-1 accuracy on the dev set (tests/eval/queries.jsonl) side by side with plain BM25
  (bm25s over whitespace words and character bigrams; the intent of the best article).

Targets (issue 4): p99 <= 15 ms with the bundled KB, <= 40 ms with 5,000 articles.

    .venv/bin/python bench/assistant.py --quick          # smoke run
    .venv/bin/python bench/assistant.py --write-docs     # what `make bench` runs
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(ROOT))

from bench.docs_report import replace_between  # noqa: E402
from bench.machine import cpu_model  # noqa: E402
from madoguchi.kb.loader import bundled_content_dir, iter_article_files, read_article  # noqa: E402
from madoguchi.nlu import ArticleRecord, Understander  # noqa: E402
from madoguchi.nlu.evaluate import DevItem, devset_report, load_devset  # noqa: E402

OUT = ROOT / "bench" / "out" / "assistant.json"
DEVSET = ROOT / "tests" / "eval" / "queries.jsonl"
START = "<!-- bench:assistant:start -->"
END = "<!-- bench:assistant:end -->"
SEED = 20261129
TARGET_P99_MS = {"bundled": 15.0, "synthetic": 40.0}
FULL = {"synthetic_articles": 5_000, "queries": 2_000}
QUICK = {"synthetic_articles": 1_000, "queries": 300}


# --- knowledge bases ----------------------------------------------------------------------


def bundled_articles() -> list[ArticleRecord]:
    out = []
    for path in iter_article_files(bundled_content_dir()):
        s = read_article(path)
        out.append(
            ArticleRecord(
                s.slug, s.language, s.intent, s.title, s.summary, s.body, tuple(s.examples)
            )
        )
    return out


def synthetic_articles(base: Sequence[ArticleRecord], count: int, seed: int) -> list[ArticleRecord]:
    """``count`` articles over the same intents, made by recombining the bundled ones.

    Each synthetic article takes an intent and language from a bundled article, a title made
    of its title plus a variant word, a body of shuffled lines from its own body and other
    articles' bodies (so the vocabulary overlaps, as in a real KB), and four of its examples.
    """
    rng = random.Random(seed)
    lines = {id(a): [ln for ln in a.body.splitlines() if ln.strip()] for a in base}
    everything = [ln for found in lines.values() for ln in found]
    variants = [
        "guide",
        "FAQ",
        "details",
        "update",
        "tips",
        "notes",
        "案内",
        "詳細",
        "補足",
        "注意",
    ]
    out = []
    for n in range(count):
        source = base[n % len(base)]
        own = lines[id(source)] or [source.title]
        body = rng.sample(own, min(len(own), 6)) + rng.sample(everything, 6)
        rng.shuffle(body)
        examples = rng.sample(list(source.examples), min(4, len(source.examples)))
        out.append(
            ArticleRecord(
                slug=f"{source.slug}-{n:05d}",
                language=source.language,
                intent=source.intent,
                title=f"{source.title} {rng.choice(variants)} {n}",
                summary=source.summary,
                body="\n".join(body),
                examples=tuple(examples),
            )
        )
    return out


# --- measurements -------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latencies(call: Callable[[str], Any], texts: Sequence[str]) -> dict[str, float]:
    for text in texts[:20]:  # warm up: dictionaries, caches
        call(text)
    seconds = []
    for text in texts:
        start = time.perf_counter()
        call(text)
        seconds.append(time.perf_counter() - start)
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 3),
        "p99_ms": round(percentile(ms, 0.99), 3),
        "max_ms": round(max(ms), 3),
    }


def prefixes(texts: Sequence[str], limit: int) -> list[str]:
    """What a customer has typed so far: the first 2..12 characters of real questions."""
    rng = random.Random(SEED)
    out = []
    for text in texts:
        if len(out) >= limit:
            break
        out.append(text[: rng.randint(2, 12)])
    return out


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def plain_tokens(text: str) -> list[str]:
    """The baseline's tokens: lower-case whitespace words, plus character bigrams of CJK runs."""
    text = unicodedata.normalize("NFKC", text).lower()
    words = re.findall(r"\w+", text)
    out = []
    for word in words:
        if _CJK.search(word):
            out.extend(word[i : i + 2] for i in range(max(1, len(word) - 1)))
        else:
            out.append(word)
    return out


def bm25_baseline(articles: Sequence[ArticleRecord]) -> Callable[[str], dict[str, Any]]:
    """Plain BM25 (bm25s): the intent of the best-scoring article; it never abstains."""
    import bm25s

    corpus = [plain_tokens("\n".join([a.title, a.summary, a.body, *a.examples])) for a in articles]
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    vocabulary = set(t for doc in corpus for t in doc)

    def understand(text: str) -> dict[str, Any]:
        query = [t for t in plain_tokens(text) if t in vocabulary]
        if not query:
            return {"intent": articles[0].intent, "alternatives": []}
        results, _ = retriever.retrieve([query], k=min(10, len(articles)), show_progress=False)
        ranked = []
        for position in results[0]:
            intent = articles[int(position)].intent
            if intent not in ranked:
                ranked.append(intent)
        return {"intent": ranked[0], "alternatives": [{"intent": i} for i in ranked[1:3]]}

    return understand


def accuracy(items: Sequence[DevItem], understand: Callable[[str], dict[str, Any]]) -> dict:
    report = devset_report(items, [understand(item.text) for item in items])
    keys = ("n", "top1", "top3", "abstain_precision", "abstain_recall")
    return {
        lang: {k: report[lang][k] for k in keys} for lang in ("ja", "en", "all") if lang in report
    }


def timed_build(articles: Sequence[ArticleRecord]) -> tuple[Understander, float]:
    start = time.perf_counter()
    engine = Understander(articles)
    return engine, time.perf_counter() - start


def run(args: argparse.Namespace) -> dict[str, Any]:
    base = bundled_articles()
    items = load_devset(args.devset) if args.devset.is_file() else []
    texts = [i.text for i in items] or [e for a in base for e in a.examples]
    rng = random.Random(SEED)
    queries = [rng.choice(texts) for _ in range(args.queries)]
    results: dict[str, Any] = {"kbs": {}}

    engine, build = timed_build(base)
    print(f"bundled KB: {len(base)} articles, trained in {build:.1f} s", flush=True)
    results["kbs"]["bundled"] = {
        "articles": len(base),
        "train_s": round(build, 2),
        "understand": latencies(engine.understand, queries),
        "search": latencies(lambda q: engine.search(q, None, 10), prefixes(queries, 1000)),
    }
    if items:
        results["accuracy"] = {
            "engine": accuracy(items, lambda t: engine.understand(t).as_dict()),
            "bm25s": accuracy(items, bm25_baseline(base)),
        }
    synthetic = synthetic_articles(base, args.synthetic_articles, SEED)
    big, build = timed_build(synthetic)
    print(f"synthetic KB: {len(synthetic)} articles, trained in {build:.1f} s", flush=True)
    results["kbs"]["synthetic"] = {
        "articles": len(synthetic),
        "train_s": round(build, 2),
        "understand": latencies(big.understand, queries),
        "search": latencies(lambda q: big.search(q, None, 10), prefixes(queries, 1000)),
    }
    return results


# --- report -------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    return {
        "cpu_model": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def render(results: dict[str, Any], *, quick: bool) -> str:
    m = results["machine"]
    lines = [
        "",
        f"_Generated by `{results['command']}` on {m['date']}"
        + (" — **quick smoke run, not for publication**" if quick else "")
        + f"; {m['cpu_model']}, {m['logical_cpus']} logical CPUs, Python {m['python']}._",
        "",
        "| knowledge base | articles | train | understand p50 | understand p99 | target p99 "
        "| search p50 | search p99 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, kb in results["kbs"].items():
        u, s = kb["understand"], kb["search"]
        ok = "✅" if u["p99_ms"] <= TARGET_P99_MS[name] else "❌"
        lines.append(
            f"| {name} | {kb['articles']:,} | {kb['train_s']:.1f} s | {u['p50_ms']:.2f} ms | "
            f"{u['p99_ms']:.2f} ms | {ok} ≤ {TARGET_P99_MS[name]:.0f} ms | {s['p50_ms']:.2f} ms | "
            f"{s['p99_ms']:.2f} ms |"
        )
    if "accuracy" in results:
        acc = results["accuracy"]
        lines += [
            "",
            f"Dev set ({acc['engine']['all']['n']} queries; out-of-scope ones count as right "
            "only when the engine abstains):",
            "",
            "| engine | language | top-1 | top-3 | abstain precision | abstain recall |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for engine in ("engine", "bm25s"):
            label = "madoguchi" if engine == "engine" else "plain BM25 (bm25s)"
            for language in ("ja", "en"):
                row = acc[engine].get(language)
                if row:
                    lines.append(
                        f"| {label} | {language} | {_pct(row['top1'])} | {_pct(row['top3'])} | "
                        f"{_pct(row['abstain_precision'])} | {_pct(row['abstain_recall'])} |"
                    )
    lines.append("")
    return "\n".join(lines)


def print_tables(results: dict[str, Any]) -> None:
    print(render(results, quick=False))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller run (smoke test)")
    parser.add_argument("--synthetic-articles", type=int)
    parser.add_argument("--queries", type=int)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    for key, value in sizes.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    results["machine"] = machine_info()
    results["command"] = (
        "make bench"
        if args.write_docs and not args.quick
        else "python bench/assistant.py" + (" --quick" if args.quick else "")
    )
    print_tables(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    if args.write_docs:
        path = ROOT / "docs" / "benchmarks.md"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
        path.write_text(
            replace_between(text, START, END, render(results, quick=args.quick)), "utf-8"
        )
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
