"""Helpers for the scanner tests: what a scanner found of one kind, checked for shape."""

from __future__ import annotations

import json


def entities_of(scan, text, kind):
    """Entities of ``kind`` that ``scan`` finds; every span points into the original text."""
    found = [e for e in scan(text) if e.kind == kind]
    for e in found:
        assert text[e.start : e.end] == e.text
        json.dumps(e.value)
        json.dumps(e.details)
    return found


def one_of(scan, text, kind, expected_text):
    """The entity of ``kind`` whose text is ``expected_text`` (fails with what was found)."""
    found = [e for e in entities_of(scan, text, kind) if e.text == expected_text]
    assert found, (
        f"no {kind} {expected_text!r} in {[e.text for e in entities_of(scan, text, kind)]}"
    )
    return found[0]
