"""Impersonation bench: ``madoguchi.trust.check`` against MetaMask's eth-phishing-detect.

Both matchers get the same official list (``bench/data/trust/brands.txt``, 26 real crypto
brands) and answer for the same domains: lookalikes generated from each brand by dnstwist's
fuzzers plus one family of our own (the brand as a subdomain of someone else's domain), and
``bench/data/trust/legitimate.txt`` (popular and crypto-adjacent sites, and hard cases). We report
recall on the lookalikes (overall and per generator family), false positives on the legitimate
domains, and checks per second. docs/trust.md ("Benchmark") explains the method and choices.

Each matcher runs twice: with the official list alone, and with the same list of known-unrelated
domains added (``bench/data/trust/unrelated.txt``): ``unrelated:`` lines for madoguchi.trust,
allowlist entries for eth-phishing-detect (its own allowlist holds entries of exactly this kind).

    .venv/bin/python bench/trust_phishing.py --quick        # a few seconds, prints the tables
    .venv/bin/python bench/trust_phishing.py --write-docs   # what `make bench` runs

The peer, ``EthPhishingDetector`` below, re-implements the matcher of eth-phishing-detect
(github.com/MetaMask/eth-phishing-detect, ``src/detector.js`` as of v1.2.0, 2022, which multi-
config PR #7079 introduced; the same code now lives in MetaMask/core as
``packages/phishing-controller/src/PhishingDetector.ts``): split the host into labels; if it is
an allowlisted domain or a subdomain of one, pass; if blocklisted, fail; otherwise drop the last
label (the "TLD"), strip a leading ``www.``, and fail when the Levenshtein distance
(fastest-levenshtein there, rapidfuzz here, both plain Levenshtein) to a fuzzylist entry in the
same form is at most ``tolerance``. ``DEFAULT_TOLERANCE`` is 3 in the code; the published
``src/config.json`` sets ``"tolerance": 1`` since PR #12481 (May 2023; 2 before that), so 1 is
the comparison and 2 is shown for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(ROOT))

_timeout = socket.getdefaulttimeout()
import dnstwist  # noqa: E402  (it sets a global socket timeout on import; restored below)

socket.setdefaulttimeout(_timeout)
from rapidfuzz.distance import Levenshtein  # noqa: E402

from bench.docs_report import replace_between  # noqa: E402
from bench.machine import cpu_model  # noqa: E402
from madoguchi.trust import IMPERSONATION, Registry, TrustInputError, check  # noqa: E402
from madoguchi.trust._hosts import host_parts  # noqa: E402

DATA = ROOT / "bench" / "data" / "trust"
BRANDS = DATA / "brands.txt"
LEGITIMATE = DATA / "legitimate.txt"
UNRELATED = DATA / "unrelated.txt"
WITH_LIST = " + unrelated list"
OUT = ROOT / "bench" / "out" / "trust_phishing.json"
DOCS = ROOT / "docs" / "benchmarks.md"
START = "<!-- bench:trust:start -->"
END = "<!-- bench:trust:end -->"
DEFAULT_SEED = 20261129
PER_FAMILY = 40  # lookalikes kept per brand and family (dnstwist's homoglyphs run to thousands)
ETH_TOLERANCE = 1  # src/config.json since May 2023
ETH_TOLERANCE_BEFORE = 2  # src/config.json 2017-2023

# dnstwist's fuzzers (20250130), each a family; "various" is its TLD-glued forms (brandcom.com).
DNSTWIST_FAMILIES = (
    "addition", "bitsquatting", "cyrillic", "homoglyph", "hyphenation", "insertion", "omission",
    "plural", "repetition", "replacement", "subdomain", "transposition", "vowel-swap",
    "dictionary", "tld-swap", "various",
)  # fmt: skip
# Words impostors add (issue 6 names -support, -login, -verify, secure-, -jp) for "dictionary".
DICTIONARY = ("support", "login", "verify", "secure", "jp", "wallet", "help", "official", "app")
# The same fuzzer with words outside madoguchi.trust's impostor vocabulary ("dictionary-unseen"):
# what the vocabulary costs (brand-word with a separator is still caught, brandword is not).
UNSEEN_WORDS = ("labs", "group", "capital", "research", "ventures", "foundation", "insights", "dao")
# Top-level domains for "tld-swap": common ones and the cheap ones phishing favours.
TLD_DICTIONARY = ("com", "net", "org", "io", "co", "jp", "co.jp", "app", "xyz", "top", "online",
                  "site", "info", "cc", "us", "finance", "pro", "live")  # fmt: skip
# Our family "brand-subdomain": someone else's domain with the brand in front. Owners are
# made-up registrations and user-content hosts where anyone gets a subdomain.
OWNERS = ("secure-session.io", "account-check.net", "claim-portal.xyz", "web3-auth.online",
          "github.io", "netlify.app", "vercel.app", "pages.dev", "web.app", "blogspot.com",
          "herokuapp.com", "gitbook.io")  # fmt: skip


def read_list(path: Path) -> list[str]:
    """Non-empty lines without ``#`` comments."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


# --- the peer ---------------------------------------------------------------------------------


class EthPhishingDetector:
    """eth-phishing-detect's ``PhishingDetector`` with one config (see the module docstring)."""

    def __init__(
        self,
        *,
        allowlist: Iterable[str] = (),
        blocklist: Iterable[str] = (),
        fuzzylist: Iterable[str] = (),
        tolerance: int = 3,
    ) -> None:
        self.allowlist = [_parts(d) for d in allowlist]
        self.blocklist = [_parts(d) for d in blocklist]
        self.fuzzylist = [_parts(d) for d in fuzzylist]
        self.tolerance = tolerance

    def check(self, domain: str) -> dict[str, Any]:
        fqdn = domain[:-1] if domain.endswith(".") else domain
        source = _parts(fqdn)
        if match := _match_parts(source, self.allowlist):
            return {"type": "allowlist", "result": False, "match": _domain(match)}
        if match := _match_parts(source, self.blocklist):
            return {"type": "blocklist", "result": True, "match": _domain(match)}
        if self.tolerance > 0:
            fuzzy_form = _fuzzy_form(source)
            fuzzy_form = fuzzy_form[4:] if fuzzy_form.startswith("www.") else fuzzy_form
            for target in self.fuzzylist:
                if Levenshtein.distance(fuzzy_form, _fuzzy_form(target)) <= self.tolerance:
                    return {"type": "fuzzy", "result": True, "match": _domain(target)}
        return {"type": "all", "result": False}


def _parts(domain: str) -> list[str]:
    return domain.split(".")[::-1]


def _domain(parts: list[str]) -> str:
    return ".".join(reversed(parts))


def _fuzzy_form(parts: list[str]) -> str:
    """Drop the last label ("TLD") and re-join: ``app.metamask.io`` → ``app.metamask``."""
    return ".".join(reversed(parts[1:]))


def _match_parts(source: list[str], targets: list[list[str]]) -> list[str] | None:
    """The first target that ``source`` equals or is a subdomain of."""
    for target in targets:
        if len(target) <= len(source) and all(source[i] == p for i, p in enumerate(target)):
            return target
    return None


# --- the lookalikes ---------------------------------------------------------------------------


def brand_subdomains(brand: str) -> set[str]:
    """``binance.github.io``, ``binance.com.secure-session.io``, ``www.binance.com.web.app`` …"""
    name = brand.split(".")[0]
    found: set[str] = set()
    for owner in OWNERS:
        found |= {f"{name}.{owner}", f"{brand}.{owner}", f"www.{brand}.{owner}",
                  f"{name}-login.{owner}", f"login.{brand}.{owner}"}  # fmt: skip
    found |= {f"{brand}-{word}.{tld}" for word in ("login", "verify") for tld in ("xyz", "top")}
    return found


def generate(brands: Sequence[str], *, seed: int, per_family: int) -> list[dict[str, str]]:
    """Lookalikes of each brand: ``{"domain", "brand", "family"}``, deterministic for a seed.

    dnstwist writes IDN lookalikes in punycode (``xn--…``), as a link or an address bar shows
    them. A domain that is official for any brand is dropped (dnstwist's subdomain fuzzer can
    land on one); so is one that is registrable-equal to a brand (``okx.com`` itself).
    """
    official = set(brands)
    registrable = {host_parts(b).registrable for b in brands}
    samples: list[dict[str, str]] = []
    for brand in brands:
        fuzzer = dnstwist.Fuzzer(brand, dictionary=DICTIONARY, tld_dictionary=TLD_DICTIONARY)
        fuzzer.generate(fuzzers=list(DNSTWIST_FAMILIES))
        by_family: dict[str, set[str]] = defaultdict(set)
        for permutation in fuzzer.domains:
            by_family[permutation["fuzzer"]].add(permutation["domain"])
        unseen = dnstwist.Fuzzer(brand, dictionary=UNSEEN_WORDS)
        unseen.generate(fuzzers=["dictionary"])
        by_family["dictionary-unseen"] = {p["domain"] for p in unseen.domains}
        by_family["brand-subdomain"] = brand_subdomains(brand)
        for family in sorted(by_family):
            domains = sorted(d for d in by_family[family] if d and d not in official)
            domains = [d for d in domains if _registrable(d) not in registrable]
            rng = random.Random(f"{seed}:{brand}:{family}")
            if len(domains) > per_family:
                domains = sorted(rng.sample(domains, per_family))
            samples += [{"domain": d, "brand": brand, "family": family} for d in domains]
    return samples


def _registrable(domain: str) -> str | None:
    try:
        return host_parts(domain).registrable
    except ValueError:
        return None


# --- running both -----------------------------------------------------------------------------


def matchers(brands: Sequence[str], unrelated: Sequence[str] = ()) -> dict[str, Any]:
    """Each matcher as ``domain -> flagged?``, all built from the same official list and the
    same known-unrelated domains (none by default)."""
    registry = Registry.from_lines([*brands, *(f"unrelated:{d}" for d in unrelated)])

    def eth(tolerance: int) -> Any:
        detector = EthPhishingDetector(
            allowlist=[*brands, *unrelated], fuzzylist=brands, tolerance=tolerance
        )
        return lambda domain: detector.check(domain)["result"]

    def ours(domain: str) -> bool:
        try:
            return check(domain, registry).verdict == IMPERSONATION
        except TrustInputError:  # counted by score() as an error, i.e. not flagged
            raise MatcherError(domain) from None

    suffix = WITH_LIST if unrelated else ""
    return {
        "madoguchi.trust" + suffix: ours,
        f"eth-phishing-detect (tolerance {ETH_TOLERANCE})" + suffix: eth(ETH_TOLERANCE),
        f"eth-phishing-detect (tolerance {ETH_TOLERANCE_BEFORE}, before 2023)" + suffix: eth(
            ETH_TOLERANCE_BEFORE
        ),
    }


class MatcherError(Exception):
    """A matcher refused a domain (an input error): it did not flag it."""


def _best_time(flagged: Any, domains: list[str], repeats: int = 3) -> float:
    """Seconds for one pass over ``domains``, best of ``repeats`` (the machine is shared)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for domain in domains:
            flagged(domain)
        best = min(best, time.perf_counter() - started)
    return best


def score(flag: Any, lookalikes: list[dict[str, str]], legitimate: list[str]) -> dict[str, Any]:
    """Recall (overall, per family), false positives and checks per second for one matcher."""
    errors: list[str] = []

    def flagged(domain: str) -> bool:
        try:
            return bool(flag(domain))
        except MatcherError:
            errors.append(domain)
            return False

    hits = [flagged(sample["domain"]) for sample in lookalikes]
    false_positives = [domain for domain in legitimate if flagged(domain)]
    seconds = _best_time(flagged, [s["domain"] for s in lookalikes] + list(legitimate))
    total: Counter[str] = Counter(s["family"] for s in lookalikes)
    found: Counter[str] = Counter(
        s["family"] for s, hit in zip(lookalikes, hits, strict=True) if hit
    )
    missed = [s["domain"] for s, hit in zip(lookalikes, hits, strict=True) if not hit]
    checks = len(lookalikes) + len(legitimate)
    return {
        "recall": sum(hits) / len(hits) if hits else None,
        "found": sum(hits),
        "lookalikes": len(hits),
        "by_family": {f: {"n": n, "recall": found[f] / n} for f, n in sorted(total.items())},
        "false_positives": false_positives,
        "legitimate": len(legitimate),
        "checks_per_s": checks / seconds if seconds else None,
        "errors": errors,
        "missed_sample": missed[:: max(1, len(missed) // 25)][:25],
    }


def run(*, seed: int, per_family: int, brands: Sequence[str] | None = None,
        legitimate: Sequence[str] | None = None,
        unrelated: Sequence[str] = ()) -> dict[str, Any]:  # fmt: skip
    """Every matcher without, and (when ``unrelated`` is given) with the unrelated list."""
    brand_list = list(brands) if brands is not None else read_list(BRANDS)
    legit = list(legitimate) if legitimate is not None else read_list(LEGITIMATE)
    lookalikes = generate(brand_list, seed=seed, per_family=per_family)
    flags = matchers(brand_list)
    if unrelated:
        flags |= matchers(brand_list, unrelated)
    results = {name: score(flag, lookalikes, legit) for name, flag in flags.items()}
    return {
        "seed": seed,
        "per_family": per_family,
        "brands": len(brand_list),
        "lookalikes": len(lookalikes),
        "legitimate": len(legit),
        "unrelated": list(unrelated),
        "families": dict(sorted(Counter(s["family"] for s in lookalikes).items())),
        "matchers": results,
        "targets": targets(results),
        "machine": machine_info(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def machine_info() -> dict[str, Any]:
    return {"cpu": cpu_model(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "dnstwist": dnstwist.__version__}  # fmt: skip


def targets(results: dict[str, Any]) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for suffix in ("", WITH_LIST):
        ours = results.get("madoguchi.trust" + suffix)
        peer = results.get(f"eth-phishing-detect (tolerance {ETH_TOLERANCE})" + suffix)
        if ours is None or peer is None:
            continue
        when = f" (both{WITH_LIST})" if suffix else ""
        fps_ours, fps_peer = len(ours["false_positives"]), len(peer["false_positives"])
        out["higher recall than eth-phishing-detect" + when] = ours["recall"] > peer["recall"]
        out["no more false positives" + when] = fps_ours <= fps_peer
    return out


# --- reporting --------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def _list_changes(runs: dict[str, Any], plain: list[str]) -> str:
    changes = []
    for name in plain:
        listed = runs.get(name + WITH_LIST)
        if listed is None:
            continue
        for family, before in runs[name]["by_family"].items():
            after = listed["by_family"][family]["recall"]
            if after != before["recall"]:
                changes.append(f"{name}, `{family}` {_pct(before['recall'])} → {_pct(after)}")
    return "; ".join(changes) + "." if changes else "none."


def render(results: dict[str, Any], *, command: str, quick: bool) -> str:
    """The Markdown section for docs/benchmarks.md."""
    m, runs = results["machine"], results["matchers"]
    names = list(runs)
    lines = [
        "",
        "## Impersonation: `madoguchi.trust` vs. eth-phishing-detect (issue 6)",
        "",
        f"_Generated by `{command}` on {results['date']}"
        + (" — **quick smoke run, not for publication**" if quick else "")
        + f"; {m['cpu']}, Python {m['python']}, dnstwist {m['dnstwist']}._",
        "",
        f"{results['brands']} real brands (`bench/data/trust/brands.txt`) are the official list "
        f"for every matcher. {results['lookalikes']:,} lookalikes: dnstwist's fuzzers and our "
        f"`brand-subdomain` family, at most {results['per_family']} per brand and family "
        f"(seed {results['seed']}). {results['legitimate']} legitimate domains "
        "(`bench/data/trust/legitimate.txt`). "
        + (
            f"Rows ending in “{WITH_LIST.strip()}” give both matchers the same "
            f"{len(results['unrelated'])} known-unrelated domains "
            "(`bench/data/trust/unrelated.txt`: `unrelated:` lines for madoguchi.trust, "
            "allowlist entries for eth-phishing-detect); that list was written from the "
            "false positives of the run without it, so their false-positive count is not a "
            "held-out measure, their recall shows what the list costs. "
            if results.get("unrelated")
            else ""
        )
        + "Method and choices: "
        "[docs/trust.md](trust.md#benchmark-against-eth-phishing-detect). "
        "Checks/s: one pass over every domain, best of three, one core.",
        "",
        "| matcher | recall on lookalikes | false positives | checks/s |",
        "|---|---:|---:|---:|",
    ]
    for name in names:
        r = runs[name]
        fps = len(r["false_positives"])
        lines.append(
            f"| {name} | {_pct(r['recall'])} ({r['found']:,}/{r['lookalikes']:,}) "
            f"| {fps} of {r['legitimate']} ({_pct(fps / r['legitimate'])}) "
            f"| {r['checks_per_s']:,.0f} |"
        )
    plain = [name for name in names if not name.endswith(WITH_LIST)]
    lines += ["", "| family | lookalikes | " + " | ".join(plain) + " |",
              "|---|---:|" + "---:|" * len(plain)]  # fmt: skip
    for family, n in results["families"].items():
        cells = [_pct(runs[name]["by_family"][family]["recall"]) for name in plain]
        lines.append(f"| `{family}` | {n:,} | " + " | ".join(cells) + " |")
    if len(plain) < len(names):
        lines += ["", f"Per-family recall{WITH_LIST}, where it differs from the run without: "
                  + _list_changes(runs, plain)]  # fmt: skip
    lines += ["", "False positives (legitimate domains flagged):", ""]
    for name in names:
        fps = runs[name]["false_positives"]
        lines.append(f"- {name}: " + (", ".join(f"`{d}`" for d in fps) if fps else "none"))
    lines += ["", "| target (vs. tolerance 1, the published config) | result |", "|---|---|"]
    lines += [f"| {k} | {'met' if ok else '**not met**'} |" for k, ok in results["targets"].items()]
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--per-family", type=int, help=f"default {PER_FAMILY}, 5 with --quick")
    parser.add_argument("--quick", action="store_true", help="a smoke run, not for publication")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--brands", type=Path, default=BRANDS, help="official list")
    parser.add_argument("--legitimate", type=Path, default=LEGITIMATE)
    parser.add_argument(
        "--unrelated", type=Path, default=UNRELATED, help="known-unrelated domains (both matchers)"
    )
    parser.add_argument("--no-unrelated", action="store_true", help="run without that list")
    parser.add_argument("--docs", type=Path, default=DOCS, help="the page --write-docs updates")
    args = parser.parse_args(argv)
    if args.per_family is None:
        args.per_family = 5 if args.quick else PER_FAMILY
    if args.per_family < 1:
        parser.error("--per-family must be at least 1")
    return args


def command_line(args: argparse.Namespace) -> str:
    if args.write_docs and not args.quick:
        return "make bench"
    return "python bench/trust_phishing.py" + (" --quick" if args.quick else "")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    unrelated = [] if args.no_unrelated else read_list(args.unrelated)
    results = run(seed=args.seed, per_family=args.per_family, brands=read_list(args.brands),
                  legitimate=read_list(args.legitimate), unrelated=unrelated)  # fmt: skip
    text = render(results, command=command_line(args), quick=args.quick)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    if args.write_docs:
        doc = args.docs.read_text("utf-8") if args.docs.exists() else "# Benchmarks\n"
        args.docs.write_text(replace_between(doc, START, END, text), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
