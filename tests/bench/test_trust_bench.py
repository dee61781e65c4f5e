"""bench/trust_phishing.py on a tiny sample, so the script cannot rot unnoticed (shape, not timing)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` lives at the repo root, outside src/
    sys.path.insert(0, str(ROOT))

from bench import trust_phishing as bench  # noqa: E402
from madoguchi.trust._words import IMPOSTOR_WORDS  # noqa: E402

BRANDS = ["metamask.io", "okx.com", "sbivc.co.jp"]
LEGITIMATE = ["google.com", "gemini.google.com", "ok.ru", "metabase.com", "gov.uk"]


def test_the_peer_follows_eth_phishing_detect() -> None:
    """detector.js: allowlist (and its subdomains) first, then the fuzzy form within tolerance."""
    detector = bench.EthPhishingDetector(
        allowlist=["metamask.io"], blocklist=["evil.com"], fuzzylist=["metamask.io"], tolerance=1
    )
    assert detector.check("metamask.io") == {"type": "allowlist", "result": False,
                                             "match": "metamask.io"}  # fmt: skip
    assert detector.check("app.metamask.io.")["type"] == "allowlist"  # trailing dot dropped
    assert detector.check("login.evil.com")["type"] == "blocklist"
    assert detector.check("metmask.io") == {"type": "fuzzy", "result": True, "match": "metamask.io"}
    assert detector.check("www.metmask.com")["result"]  # www stripped, TLD ignored
    assert detector.check("metamask.co.uk")["result"] is False  # fuzzy form keeps "co"
    assert detector.check("mteamask.io")["result"] is False  # a transposition is 2 edits
    assert detector.check("metamask.com.evil.io")["type"] == "all"
    assert bench.EthPhishingDetector(fuzzylist=["metamask.io"], tolerance=2).check("mteamask.io")[
        "result"
    ]
    assert (
        bench.EthPhishingDetector(fuzzylist=["metamask.io"], tolerance=0).check("metmask.io")[
            "type"
        ]
        == "all"
    )


def test_the_lookalikes_are_deterministic_and_never_official() -> None:
    first = bench.generate(BRANDS, seed=7, per_family=3)
    assert first == bench.generate(BRANDS, seed=7, per_family=3)
    assert first != bench.generate(BRANDS, seed=8, per_family=3)
    families = {sample["family"] for sample in first}
    assert {
        "homoglyph",
        "dictionary",
        "dictionary-unseen",
        "brand-subdomain",
        "tld-swap",
    } <= families
    assert not families - set(bench.DNSTWIST_FAMILIES) - {"dictionary-unseen", "brand-subdomain"}
    assert all(sample["domain"] not in BRANDS for sample in first)
    assert all(sample["domain"].isascii() for sample in first)  # IDN lookalikes as punycode
    counts: dict[tuple[str, str], int] = {}
    for sample in first:
        key = (sample["brand"], sample["family"])
        counts[key] = counts.get(key, 0) + 1
    assert max(counts.values()) <= 3


def test_unseen_words_are_outside_the_vocabulary() -> None:
    assert not set(bench.UNSEEN_WORDS) & IMPOSTOR_WORDS


def test_a_tiny_run_has_every_figure(tmp_path: Path) -> None:
    results = bench.run(seed=1, per_family=2, brands=BRANDS, legitimate=LEGITIMATE)
    assert results["brands"] == 3 and results["legitimate"] == len(LEGITIMATE)
    assert results["lookalikes"] == sum(results["families"].values()) > 0
    assert len(results["matchers"]) == 3
    for name, run in results["matchers"].items():
        assert 0 <= run["recall"] <= 1 and run["found"] <= run["lookalikes"], name
        assert set(run["by_family"]) == set(results["families"])
        assert set(run["false_positives"]) <= set(LEGITIMATE)
        assert run["checks_per_s"] > 0 and run["errors"] == []
    ours = results["matchers"]["madoguchi.trust"]
    assert ours["false_positives"] == []  # gemini.google.com, metabase.com, gov.uk are left alone
    assert "ok.ru" in results["matchers"]["eth-phishing-detect (tolerance 1)"]["false_positives"]
    assert set(results["targets"]) == {"higher recall than eth-phishing-detect",
                                       "no more false positives"}  # fmt: skip
    json.dumps(results)  # what --out writes

    text = bench.render(results, command="python bench/trust_phishing.py --quick", quick=True)
    assert "quick smoke run" in text and "| `brand-subdomain` |" in text
    assert "| madoguchi.trust |" in text and "False positives" in text


def test_the_command_writes_json_and_its_docs_section(tmp_path: Path) -> None:
    (tmp_path / "brands.txt").write_text("# brands\n" + "\n".join(BRANDS) + "\n", "utf-8")
    (tmp_path / "legit.txt").write_text("\n".join(LEGITIMATE) + "\n", "utf-8")
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\nkeep\n\n{bench.START}old{bench.END}\n", "utf-8")
    args = ["--quick", "--write-docs", "--per-family", "2", "--brands", str(tmp_path / "brands.txt"),
            "--legitimate", str(tmp_path / "legit.txt"), "--docs", str(doc),
            "--out", str(tmp_path / "out.json")]  # fmt: skip
    assert bench.main(args) == 0
    assert bench.main(args) == 0  # idempotent: one section, replaced
    text = doc.read_text("utf-8")
    assert text.count(bench.START) == 1 and text.count(bench.END) == 1
    assert "old" not in text and text.index("keep") < text.index(bench.START)
    assert "## Impersonation" in text
    saved = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert saved["brands"] == 3 and saved["legitimate"] == len(LEGITIMATE)


def test_arguments() -> None:
    assert bench.parse_args(["--quick"]).per_family == 5
    assert bench.parse_args([]).per_family == bench.PER_FAMILY
    assert bench.command_line(bench.parse_args(["--write-docs"])) == "make bench"
    assert bench.command_line(bench.parse_args(["--quick"])).endswith("--quick")


def test_both_matchers_get_the_same_unrelated_list() -> None:
    results = bench.run(
        seed=1, per_family=2, brands=BRANDS, legitimate=LEGITIMATE, unrelated=["ok.ru"]
    )
    runs = results["matchers"]
    assert len(runs) == 6 and results["unrelated"] == ["ok.ru"]
    assert "ok.ru" in runs["eth-phishing-detect (tolerance 1)"]["false_positives"]
    assert (
        "ok.ru" not in runs["eth-phishing-detect (tolerance 1) + unrelated list"]["false_positives"]
    )
    assert runs["madoguchi.trust + unrelated list"]["false_positives"] == []
    assert "no more false positives (both + unrelated list)" in results["targets"]
    flag = bench.matchers(BRANDS, ["ok.ru"])["madoguchi.trust + unrelated list"]
    assert not flag("ok.ru") and not flag("www.ok.ru") and flag("okx-login.com")
    text = bench.render(results, command="python bench/trust_phishing.py --quick", quick=True)
    assert "| madoguchi.trust + unrelated list |" in text and "unrelated.txt" in text
