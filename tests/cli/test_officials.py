"""`madoguchi officials import | export`, as an operator runs them (fresh data dir)."""

from __future__ import annotations

import subprocess

from tests.cli.desk_process import EXE, desk_env, run

LIST = "# Website\nmadoguchi.example\nmailto:support@madoguchi.example\n@x:madoguchi_ex\n"


def test_import_then_export_round_trips(tmp_path):
    env = desk_env(tmp_path / "data")
    source = tmp_path / "official.txt"
    source.write_text(LIST, encoding="utf-8")
    first = run("officials", "import", str(source), env=env)
    assert first.returncode == 0, first.stderr
    assert "3 created, 0 unchanged, 0 removed" in first.stdout
    exported = run("officials", "export", "-", env=env)
    assert exported.returncode == 0, exported.stderr
    assert "# Website\nmadoguchi.example\n" in exported.stdout
    assert "mailto:support@madoguchi.example" in exported.stdout
    # the export is a list `madoguchi verify --official` reads
    copy = tmp_path / "exported.txt"
    copy.write_text(exported.stdout, encoding="utf-8")
    verdict = subprocess.run(
        [EXE, "verify", "--official", str(copy), "--jsonl"],
        input='{"value": "madoguchi-support.example"}\n',
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert '"verdict": "impersonation"' in verdict.stdout


def test_a_bad_line_is_named_and_nothing_is_written(tmp_path):
    env = desk_env(tmp_path / "data")
    source = tmp_path / "official.txt"
    source.write_text("madoguchi.example\n@madoguchi_ex\n", encoding="utf-8")
    proc = run("officials", "import", str(source), env=env)
    assert proc.returncode == 2 and "line 2" in proc.stderr and "Traceback" not in proc.stderr
    assert run("officials", "export", "-", env=env).stdout.count("madoguchi.example") == 0
