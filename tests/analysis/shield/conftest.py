"""Shared helpers for the shield tests: vector loading and span checks."""

from __future__ import annotations

import json
from pathlib import Path

VECTORS = Path(__file__).resolve().parents[2] / "vectors"


def load_vectors(name: str):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))
