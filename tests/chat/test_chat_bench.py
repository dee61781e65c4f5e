"""bench/chat.py end to end on a small run: a real desk process, real sockets, nothing lost."""

from __future__ import annotations

import json

from bench import chat


def test_a_small_run_loses_and_duplicates_nothing(tmp_path):
    out = tmp_path / "chat.json"
    assert chat.main(["--sessions", "4", "--messages", "2", "--think", "0", "--out", str(out)]) == 0
    results = json.loads(out.read_text("utf-8"))
    assert results["messages_sent"] == 8 and results["replies"] == 8
    assert results["lost"] == 0 and results["duplicated"] == 0 and results["errors"] == 0
    assert results["unacknowledged"] == 0
    assert results["reply_ms"]["p50"] is not None
    assert results["command"] == "python bench/chat.py --sessions 4 --messages 2 --think 0"


def test_the_docs_section_says_whether_the_target_was_met():
    base = {
        "command": "python bench/chat.py", "machine": {"cpu": "x", "cpus": 2},
        "channel_layer": "in-memory", "workers": 1, "sessions": 200,
        "messages_per_session": 5, "think_s": 5.0, "messages_sent": 1000, "wall_s": 40.0,
        "messages_per_s": 25.0, "server_cpu_ms_per_message": 12.0,
        "reply_ms": {"p50": 10.0, "p90": 40.0, "p99": 90.0, "max": 120.0},
        "ack_ms": {"p50": 9.0, "p99": 80.0}, "connect_ms": {"p50": 9.0, "p99": 60.0},
        "errors": 0, "lost": 0, "duplicated": 0,
        "unacknowledged": 0, "no_reply": 0,
    }  # fmt: skip
    assert "**met**" in chat.render(base, quick=False)
    slow = {**base, "reply_ms": {**base["reply_ms"], "p99": 900.0}}
    assert "**NOT met**" in chat.render(slow, quick=False)
    lost = {**base, "lost": 1}
    assert "**NOT met**" in chat.render(lost, quick=False)
