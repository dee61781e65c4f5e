"""``madoguchi verify --official FILE --jsonl`` end to end, in a subprocess like an operator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.trust.conftest import OFFICIAL_LINES


def _run(official: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "madoguchi.cli", "verify", "--official", str(official), "--jsonl"],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def test_verify_jsonl_end_to_end(tmp_path: Path) -> None:
    official = tmp_path / "official.txt"
    official.write_text(OFFICIAL_LINES, encoding="utf-8")
    values = ["madoguchi.com", "madoguchi.net", "https://madoguchi.com.evil.io/login",
              "coinbase.com", "03-1234-5678", "@x:madoguchi_support_jp", "Taro Yamada"]  # fmt: skip
    lines = [json.dumps({"value": v}, ensure_ascii=False) for v in values]
    lines[3:3] = ["not json", '{"value": 5}', '{"value": ""}']
    result = _run(official, "\n".join(lines) + "\n")
    assert result.returncode == 1, result.stderr  # some lines were bad, the rest still answered
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("verdict") for o in out] == [
        "official", "impersonation", "impersonation", None, None, None,
        "unknown", "official", "impersonation", "unknown",
    ]  # fmt: skip
    assert [o["line"] for o in out if "error" in o] == [4, 5, 6]
    first = out[0]
    assert set(first) >= {"value", "kind", "verdict", "imitates", "reasons"}
    assert out[1]["imitates"] == "madoguchi.com"
    assert out[1]["reasons"] == ["tld_swap"]
    assert out[2]["reasons"] == ["brand_in_subdomain"]
    assert out[7]["kind"] == "phone"


def test_verify_all_good_lines_exit_zero(tmp_path: Path) -> None:
    official = tmp_path / "official.txt"
    official.write_text("madoguchi.com\n", encoding="utf-8")
    result = _run(official, '{"value": "ｍａｄｏｇｕｃｈｉ.com"}\n\n')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "official"


def test_bad_official_file_is_a_clear_error(tmp_path: Path) -> None:
    official = tmp_path / "official.txt"
    official.write_text("madoguchi.com\nmailto:nobody\n", encoding="utf-8")
    result = _run(official, "")
    assert result.returncode == 2
    assert "line 2" in result.stderr
    missing = _run(tmp_path / "missing.txt", "")
    assert missing.returncode == 2
    assert "madoguchi verify:" in missing.stderr


def test_verify_reads_unrelated_lines(tmp_path: Path) -> None:
    official = tmp_path / "official.txt"
    official.write_text(OFFICIAL_LINES + "unrelated:madoguchi.net\n", encoding="utf-8")
    values = ["madoguchi.net", "shop.madoguchi.net", "madoguchi.org"]
    result = _run(official, "\n".join(json.dumps({"value": v}) for v in values) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["verdict"], o["reasons"]) for o in out] == [
        ("unknown", ["unrelated"]), ("unknown", ["unrelated"]), ("impersonation", ["tld_swap"]),
    ]  # fmt: skip
