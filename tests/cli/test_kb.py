"""`madoguchi kb import | list | export`, as an operator runs them (fresh data dir)."""

from __future__ import annotations

from madoguchi.kb.loader import bundled_content_dir
from tests.cli.desk_process import desk_env, run

BUNDLED = len(list(bundled_content_dir().rglob("*.md")))


def test_kb_import_loads_the_bundled_knowledge_base_idempotently(tmp_path):
    env = desk_env(tmp_path)
    first = run("kb", "import", env=env)
    assert first.returncode == 0, first.stderr
    assert f"{BUNDLED} created" in first.stdout
    second = run("kb", "import", env=env)
    assert f"0 created, 0 updated, {BUNDLED} unchanged" in second.stdout


def test_kb_import_reports_a_bad_file(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("no front matter")
    proc = run("kb", "import", str(bad), env=desk_env(tmp_path))
    assert proc.returncode == 2 and "bad.md" in proc.stderr and "Traceback" not in proc.stderr


def test_kb_list_and_export_round_trip(tmp_path):
    data, out = tmp_path / "data", tmp_path / "exported"
    env = desk_env(data)
    assert run("kb", "import", env=env).returncode == 0
    listing = run("kb", "list", "--language", "en", "--intent", "funds.wrong_network", env=env)
    assert listing.returncode == 0, listing.stderr
    rows = [line.split("\t") for line in listing.stdout.splitlines()[1:]]
    assert rows and all(r[0] == "en" and r[2] == "funds.wrong_network" for r in rows)
    assert rows[0][3] == "+0/-0"

    exported = run("kb", "export", str(out), env=env)
    assert exported.returncode == 0, exported.stderr
    assert f"{BUNDLED} written, 0 unchanged" in exported.stdout
    assert len(list(out.glob("*.md"))) == BUNDLED
    again = run("kb", "export", str(out), env=env)
    assert f"0 written, {BUNDLED} unchanged" in again.stdout
    # a second desk imports the export and ends with the same articles
    other = desk_env(tmp_path / "other")
    assert f"{BUNDLED} created" in run("kb", "import", str(out), env=other).stdout
    assert f"{BUNDLED} unchanged" in run("kb", "import", str(out), env=other).stdout


def test_kb_export_into_a_file_is_refused(tmp_path):
    target = tmp_path / "afile"
    target.write_text("x")
    proc = run("kb", "export", str(target), env=desk_env(tmp_path / "data"))
    assert proc.returncode == 2 and "not a directory" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_kb_without_a_subcommand_explains_itself(tmp_path):
    proc = run("kb", env=desk_env(tmp_path))
    assert proc.returncode == 2 and "COMMAND" in proc.stderr


def test_importarticles_is_gone(tmp_path):
    proc = run("importarticles", env=desk_env(tmp_path))
    assert proc.returncode == 2 and "invalid choice" in proc.stderr
