"""`madoguchi demo` refuses to wipe what is not its own (the server itself: desk/tests)."""

from __future__ import annotations

import socket

from tests.cli.desk_process import desk_env, free_port, run


def test_demo_refuses_to_wipe_a_directory_it_did_not_create(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "customers.csv").write_text("keep me")
    proc = run(
        "demo", "--data-dir", str(precious), "--port", str(free_port()), env=desk_env(tmp_path)
    )
    assert proc.returncode == 2
    assert "not a madoguchi demo directory" in proc.stderr and "Traceback" not in proc.stderr
    assert (precious / "customers.csv").read_text() == "keep me"


def test_demo_checks_the_port_before_touching_the_data_dir(tmp_path):
    demo_dir = tmp_path / "demo"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run("demo", "--data-dir", str(demo_dir), "--port", str(port), env=desk_env(tmp_path))
    assert proc.returncode == 2 and "already in use" in proc.stderr
    assert not demo_dir.exists()
