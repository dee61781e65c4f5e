"""Build ``messages_ja.jsonl`` / ``messages_en.jsonl`` from the hand-written templates.

The texts are hand-written in ``templates_ja.txt`` / ``templates_en.txt``; only the ids, keys,
addresses and phrases are generated here, from a fixed seed, so the corpus is reproducible:

    .venv/bin/python tests/corpus/make_corpus.py

Template syntax (one message per block, blocks separated by a line ``---``):

- ``# note: ...`` lines at the top of a block become the message's ``note``.
- ``[[kind:text]]`` labels ``text`` (short kinds: a=amount s=asset n=network m=memo u=url
  e=email pw=password otp=one_time_code bc=backup_code).
- ``<<generator>>`` or ``<<generator@tag>>`` inserts a generated value and labels it (the same
  tag within one message repeats the same value); see :data:`GENERATORS`.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.corpus import chainkit  # noqa: E402

SEED = 20261129
SHORT = {
    "a": "amount",
    "s": "asset",
    "n": "network",
    "m": "memo",
    "u": "url",
    "e": "email",
    "pw": "password",
    "otp": "one_time_code",
    "bc": "backup_code",
}
SECRET_KINDS = {
    "recovery_phrase",
    "private_key",
    "extended_private_key",
    "keystore",
    "password",
    "one_time_code",
    "backup_code",
}
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "abcdefghijklmnopqrstuvwxyz"}


def _phrase(rng: random.Random, spec: str) -> tuple[str, dict]:
    """Lay out a phrase: spec is ``<lang>_<words>[_<layout>]``, e.g. ``en12_lines``."""
    m = re.fullmatch(r"(en|ja)(\d+)(?:_(\w+))?", spec)
    if not m:
        raise ValueError(spec)
    lang = {"en": "english", "ja": "japanese"}[m[1]]
    n, layout = int(m[2]), m[3] or "space"
    info: dict = {"wordlist": lang, "checksum": True}
    if n in (12, 15, 18, 21, 24):
        words = chainkit.phrase_words(lang, rng, n)
    else:  # a partial phrase: the first n words of a valid one; no checksum to check
        words = chainkit.phrase_words(lang, rng, 12)[:n]
        info["checksum"] = None
    if layout == "typo":  # one word mistyped: drop a middle letter of word 5
        w = words[4]
        words[4] = w[:2] + w[3:] if len(w) > 3 else w + w[-1]
        info["checksum"] = False
    sep = "\u3000" if lang == "japanese" else " "
    match layout:
        case "space" | "typo":
            text = sep.join(words)
        case "ascii":
            text = " ".join(words)
        case "lines":
            text = "\n".join(words)
        case "comma":
            text = ", ".join(words)
        case "jcomma":
            text = "、".join(words)
        case "num":
            text = " ".join(f"{i}.{w}" for i, w in enumerate(words, 1))
        case "numlines":
            text = "\n".join(f"{i}. {w}" for i, w in enumerate(words, 1))
        case "paren":
            text = "\n".join(f"({i}) {w}" for i, w in enumerate(words, 1))
        case "grid":
            rows = [words[i : i + 4] for i in range(0, n, 4)]
            text = "\n".join(
                "  ".join(f"{r * 4 + j + 1}) {w}" for j, w in enumerate(row))
                for r, row in enumerate(rows)
            )
        case "full":
            text = "\u3000".join("".join(_FULLWIDTH.get(c, c) for c in w) for w in words)
        case "zw":
            text = " ".join(w[:2] + "\u200b" + w[2:] for w in words)
        case "caps":
            text = " ".join(w.upper() for w in words)
        case "dash":
            text = "-".join(words)
        case _:
            raise ValueError(layout)
    # the label starts at the first word (after any "1." numbering) and ends at the last word
    first = 0 if layout in ("full", "zw", "caps") else text.find(words[0])
    return text, info | {"layout": layout, "words": n, "_offset": first}


def generate(name: str, rng: random.Random) -> tuple[str, str, dict]:
    """Return (value, label kind, extra label fields) for one ``<<name>>`` placeholder."""
    if name.startswith("mn_"):
        text, info = _phrase(rng, name[3:])
        return text, "recovery_phrase", info
    if name in chainkit.CHAINS:
        return chainkit.address(name, rng), "address", {"chain": name}
    if name.startswith("tx_"):
        return chainkit.txid(name[3:], rng), "txid", {"style": name[3:]}
    if name in ("xpub", "ypub", "zpub"):
        return chainkit.extended_key(name, rng), "extended_public_key", {}
    if name in ("xprv", "yprv", "zprv"):
        return chainkit.extended_key(name, rng), "extended_private_key", {}
    if name == "wif":
        return chainkit.wif(rng), "private_key", {"format": "wif"}
    if name == "wif_u":
        return chainkit.wif(rng, compressed=False), "private_key", {"format": "wif"}
    if name == "hexkey":
        return chainkit.hex_key(rng), "private_key", {"format": "hex"}
    if name == "hexkey0x":
        return "0x" + chainkit.hex_key(rng), "private_key", {"format": "hex"}
    if name == "keystore":
        addr = chainkit.rbytes(rng, 20).hex()
        return chainkit.keystore(rng, addr), "keystore", {}
    raise ValueError(f"unknown generator {name!r}")


_TOKEN = re.compile(r"\[\[(\w+):(.+?)\]\]|<<(\w+)(?:@(\w+))?>>", re.S)


def render(block: str, rng: random.Random) -> tuple[str, list[dict], list[dict]]:
    out: list[str] = []
    secrets: list[dict] = []
    entities: list[dict] = []
    tagged: dict[str, tuple[str, str, dict]] = {}
    pos = length = 0
    for m in _TOKEN.finditer(block):
        out.append(block[pos : m.start()])
        length += m.start() - pos
        if m[1]:
            kind, value, extra = SHORT.get(m[1], m[1]), m[2], {}
        else:
            key = m[4] or None
            if key and key in tagged:
                value, kind, extra = tagged[key]
            else:
                value, kind, extra = generate(m[3], rng)
                if key:
                    tagged[key] = (value, kind, extra)
        extra = dict(extra)
        off = extra.pop("_offset", 0)
        label = {"kind": kind, "text": value[off:], "start": length + off}
        label |= {"end": length + len(value)} | extra
        (secrets if kind in SECRET_KINDS else entities).append(label)
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(block[pos:])
    return "".join(out), secrets, entities


def parse_blocks(path: Path) -> list[tuple[str, str]]:
    """Split a template file into (note, body) blocks."""
    blocks = []
    for raw in re.split(r"(?m)^---\n", path.read_text(encoding="utf-8")):
        lines = raw.split("\n")
        notes = []
        while lines and lines[0].startswith("# note:"):
            notes.append(lines.pop(0)[len("# note:") :].strip())
        body = "\n".join(lines).strip("\n")
        if body.strip():
            blocks.append(("; ".join(notes), body))
    return blocks


def build(lang: str) -> list[dict]:
    rng = random.Random(f"{SEED}-{lang}")
    records = []
    for i, (note, body) in enumerate(parse_blocks(HERE / f"templates_{lang}.txt"), 1):
        text, secrets, entities = render(unicodedata.normalize("NFC", body), rng)
        rec = {"id": f"{lang}-{i:03d}", "lang": lang, "text": text}
        rec |= {"secrets": secrets, "entities": entities, "note": note}
        records.append(rec)
    return records


def main() -> None:
    for lang in ("ja", "en"):
        records = build(lang)
        with (HERE / f"messages_{lang}.jsonl").open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"{lang}: {len(records)} messages")


if __name__ == "__main__":
    main()
