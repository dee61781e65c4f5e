"""Every string in every Japanese catalogue is translated, and the compiled .mo matches it."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.glob("**/locale/ja/LC_MESSAGES/django.po"))


def _entries(po: Path) -> list[tuple[str, str, bool, str | None, bool]]:
    """(msgid, msgstr, fuzzy, context, plural) per entry of a .po (plural: the first form)."""
    entries: list[tuple[str, str, bool, str | None, bool]] = []
    msgid = msgstr = context = None
    fuzzy = plural = False
    target = None
    for line in [*po.read_text("utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgctxt "):
            context, target = ast.literal_eval(line[8:]), "ctx"
        elif line.startswith("msgid "):
            msgid, target = ast.literal_eval(line[6:]), "id"
        elif line.startswith("msgid_plural "):
            plural, target = True, None
        elif line.startswith("msgstr ") or line.startswith("msgstr[0] "):
            msgstr, target = ast.literal_eval(line.split(" ", 1)[1]), "str"
        elif line.startswith('"') and target == "ctx":
            context += ast.literal_eval(line)
        elif line.startswith('"') and target == "id":
            msgid += ast.literal_eval(line)
        elif line.startswith('"') and target == "str":
            msgstr += ast.literal_eval(line)
        elif not line.strip():
            if msgid:  # the header has an empty msgid
                entries.append((msgid, msgstr or "", fuzzy, context, plural))
            msgid = msgstr = context = None
            fuzzy = plural = False
            target = None
    return entries


def test_there_are_japanese_catalogues():
    assert CATALOGUES, "no locale/ja/LC_MESSAGES/django.po under src/madoguchi"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_string_is_translated_and_compiled(po: Path):
    entries = _entries(po)
    assert entries, f"{po} is empty"
    missing = [e[0] for e in entries if not e[1] or e[2]]
    assert not missing, f"untranslated or fuzzy in {po}: {missing[:10]}"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is not compiled"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, msgstr, _fuzzy, context, plural in entries
        if not plural
        and (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)) != msgstr
    ]
    assert not stale, f"{mo} is older than its .po: {stale[:5]}"
