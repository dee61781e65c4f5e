"""JSON-lines input for the batch commands (``scan --jsonl``, ``ask --jsonl``): one place that
decodes, skips blank lines and words a bad line's error, so every command answers alike.

>>> import io
>>> list(jsonl_items(io.BytesIO(b'{"text": "hi"}\\n\\nnot json\\n[1]\\n'), key="text"))
[(1, {'text': 'hi'}, None), (3, None, 'invalid JSON: Expecting value at column 1'), (4, None, 'expected an object with a string "text"')]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any


def jsonl_items(
    stream: IO[bytes], *, key: str
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """``(line number, object, None)`` for each good line, ``(number, None, error)`` for a bad one.

    A good line is a JSON object whose ``key`` is a string. Undecodable bytes become U+FFFD;
    blank lines are skipped. The caller reports errors as ``{"line": n, "error": ...}`` and goes on.
    """
    for number, raw in enumerate(stream, start=1):
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"invalid JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(item, dict) or not isinstance(item.get(key), str):
            yield number, None, f'expected an object with a string "{key}"'
            continue
        yield number, item, None
