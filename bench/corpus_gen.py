"""Deterministic corpus of ja/en support messages with planted secrets, for benchmarks.

Message ``i`` of seed ``s`` depends only on ``(s, i)``, so a smaller corpus is a prefix of a
larger one. About 30% of messages carry exactly one planted secret, recorded with its span.

>>> samples = generate(3, seed=7)
>>> samples == generate(3, seed=7)
True
>>> all(s.text[p.start:p.end] for s in samples for p in s.planted)
True
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from bench import corpus_material as material
from bench.corpus_templates import (
    CHAIN_LABELS,
    CLOSINGS,
    DATES,
    EMAIL_DOMAINS,
    EMAIL_USERS,
    MONTHS,
    NAMES_EN,
    NAMES_JA,
    OPENINGS,
    PHISH,
    SECRET_SENTENCES,
    TOPICS,
)

# The secret kinds of madoguchi.analysis._types, spelled out so generating a corpus does not
# import the analyzer (tests/bench checks they stay equal).
RECOVERY_PHRASE = "recovery_phrase"
PRIVATE_KEY = "private_key"
EXTENDED_PRIVATE_KEY = "extended_private_key"
KEYSTORE = "keystore"
PASSWORD = "password"
ONE_TIME_CODE = "one_time_code"

DEFAULT_N = 20_000
DEFAULT_SEED = 20240601
SECRET_SHARE = 0.30
MIN_CHARS, MAX_CHARS = 40, 600

#: planted variant -> (secret kind, weight among secret-carrying messages).
VARIANTS: dict[str, tuple[str, float]] = {
    "bip39": (RECOVERY_PHRASE, 0.30),
    "wif": (PRIVATE_KEY, 0.09),
    "hex": (PRIVATE_KEY, 0.10),
    "xprv": (EXTENDED_PRIVATE_KEY, 0.07),
    "keystore": (KEYSTORE, 0.06),
    "password": (PASSWORD, 0.19),
    "otp": (ONE_TIME_CODE, 0.19),
}
BIP39_LAYOUTS = ("line", "numbered", "lines", "numbered_lines", "comma")
_LANGS = (("ja", 0.45), ("en", 0.35), ("mixed", 0.20))
_SLOT = re.compile(r"\{(\w+)\}")
_JA_STOPS = frozenset("。？！、")
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters: BIP39 words, never their numbering


class Planted(NamedTuple):
    """One planted secret: its kind (a ``madoguchi.analysis`` secret kind) and its span."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sample:
    """One generated message; ``variant`` says how its secret was made (e.g. ``bip39:ja:24:comma``)."""

    text: str
    planted: tuple[Planted, ...]
    lang: str  # "ja" | "en" | "mixed"
    topic: str
    variant: str | None = None


def generate(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[Sample]:
    """``n`` messages; the same ``(n, seed)`` always gives the same list."""
    return [_message(random.Random(f"madoguchi-bench:{seed}:{i}")) for i in range(n)]


def phrase_words(span_text: str) -> list[str]:
    """The words of a planted recovery phrase, whatever its layout (numbers, commas, lines)."""
    return _WORD.findall(unicodedata.normalize("NFC", span_text))


# --- one message ----------------------------------------------------------------------------
class _Context:
    """The facts one message talks about; each slot is drawn once so repeats agree."""

    def __init__(self, rng: random.Random, chain: str) -> None:
        self.rng = rng
        self.chain = chain
        self.values: dict[str, str] = {}
        assets, networks = CHAIN_LABELS[chain]
        self.asset = rng.choice(assets)
        self.network = rng.choice(networks)
        self.when = (
            rng.randrange(2023, 2026),
            rng.randrange(1, 13),
            rng.randrange(1, 29),
            rng.randrange(24),
            rng.randrange(60),
        )

    def slot(self, name: str, lang: str) -> str:
        key = f"{name}:{lang}" if name == "date" else name
        if key not in self.values:
            self.values[key] = self._draw(name, lang)
        return self.values[key]

    def _draw(self, name: str, lang: str) -> str:
        rng = self.rng
        if name == "addr":
            return material.address(rng, self.chain)
        if name == "txid":
            return self.slot("_tx", lang)
        if name == "_tx":
            return material.txid(rng, self.chain)
        if name == "url":
            return material.explorer_url(self.chain, self.slot("_tx", lang))
        if name == "asset":
            return self.asset
        if name == "network":
            return self.network
        if name in ("amount", "fee"):
            return _amount(rng, self.asset, small=name == "fee")
        if name == "date":
            return _date(rng, lang, self.when)
        if name == "order":
            return rng.choice(
                (
                    f"ORD-{self.when[0]}{self.when[1]:02d}{self.when[2]:02d}-{rng.randrange(10**5):05d}",
                    f"W{rng.randrange(10**12, 10**13)}",
                    f"#{''.join(rng.choice('ABCDEFGHJKMNPQRSTUVWXYZ23456789') for _ in range(8))}",
                )
            )
        if name == "email":
            return f"{rng.choice(EMAIL_USERS)}{rng.choice(('', str(rng.randrange(100))))}@{rng.choice(EMAIL_DOMAINS)}"
        if name == "hours":
            return str(rng.randrange(2, 73))
        if name == "tag":
            return str(rng.randrange(10**5, 10**9))
        if name == "jpy":
            return rng.choice((f"{rng.randrange(1, 500) * 1000:,}", f"{rng.randrange(1, 30)}万"))
        if name == "phish":
            return rng.choice(PHISH)
        if name == "name_ja":
            return rng.choice(NAMES_JA)
        if name == "name_en":
            return rng.choice(NAMES_EN)
        raise KeyError(name)

    def fill(self, template: str, lang: str) -> str:
        return _SLOT.sub(lambda m: self.slot(m.group(1), lang), template)


def _amount(rng: random.Random, asset: str, *, small: bool) -> str:
    if asset in ("BTC", "ETH", "LTC"):
        value = rng.uniform(0.0001, 0.002) if small else rng.uniform(0.001, 3)
        return f"{value:.{rng.choice((3, 4, 6))}f}".rstrip("0").rstrip(".")
    if asset in ("USDT", "USDC"):
        if small:
            return rng.choice(("1", "2.5", "3", "10"))
        return rng.choice((f"{rng.randrange(10, 20000):,}", f"{rng.uniform(5, 900):.2f}"))
    if small:
        return str(rng.randrange(1, 40))
    return f"{rng.randrange(10, 50000):,}" if asset != "SOL" else f"{rng.uniform(0.5, 80):.1f}"


def _date(rng: random.Random, lang: str, when: tuple[int, int, int, int, int]) -> str:
    y, m, d, hh, mi = when
    return rng.choice(DATES[lang]).format(
        y=y, m=m, d=d, mm=f"{m:02d}", dd=f"{d:02d}", hh=f"{hh:02d}", mi=f"{mi:02d}",
        h12=hh % 12 or 12, mon=MONTHS[m - 1],
    )  # fmt: skip


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _sentence_lang(rng: random.Random, lang: str) -> str:
    return rng.choice(("ja", "en")) if lang == "mixed" else lang


# A piece of text and, if it holds the planted secret, (kind, start, end) relative to the piece.
_Piece = tuple[str, tuple[str, int, int] | None]


def _secret_piece(rng: random.Random, ctx: _Context, lang: str) -> tuple[_Piece, str]:
    variant = _weighted(rng, tuple((v, w) for v, (_, w) in VARIANTS.items()))
    kind = VARIANTS[variant][0]
    slang = _sentence_lang(rng, lang)
    template = rng.choice(SECRET_SENTENCES[variant][slang])
    lead, detail = "", variant
    if variant == "bip39":
        core, lead, detail = _phrase(rng, lang)
    elif variant == "wif":
        core = material.wif(rng)
    elif variant == "hex":
        core = material.hex_key(rng)
        lead = "0x" if rng.random() < 0.4 else ""
        detail = f"hex:{'0x' if lead else 'bare'}"
    elif variant == "xprv":
        core = material.xprv(rng)
    elif variant == "keystore":
        pretty = rng.random() < 0.3
        core = material.keystore_json(rng, pretty=pretty)
        detail = f"keystore:{'pretty' if pretty else 'compact'}"
    elif variant == "password":
        core = material.password(rng)
    else:
        core = material.one_time_code(rng)
        detail = f"otp:{len(core)}"
    before, after = template.split("{S}")
    prefix = ctx.fill(before.replace("{P}", ""), slang) + lead
    return (prefix + core + ctx.fill(after, slang), (kind, len(prefix), len(prefix) + len(core))), (
        f"{detail}:{slang}"
    )


def _phrase(rng: random.Random, lang: str) -> tuple[str, str, str]:
    """(core text from first to last word, numbering before the first word, variant detail)."""
    ja_share = {"ja": 0.7, "mixed": 0.5, "en": 0.1}[lang]
    wordlist = "japanese" if rng.random() < ja_share else "english"
    count = 24 if rng.random() < 0.3 else 12
    words = material.bip39_words(rng, wordlist, count)
    form = wordlist
    if wordlist == "japanese":
        # The official list is decomposed (NFD); an IME types composed kana (NFC), a copy
        # from wallet software that uses the raw list keeps NFD.
        nfd = rng.random() < 0.15
        words = [unicodedata.normalize("NFD" if nfd else "NFC", w) for w in words]
        form = "japanese-nfd" if nfd else "japanese"
    layout = rng.choice(BIP39_LAYOUTS)
    space = "\u3000" if wordlist == "japanese" else " "
    if layout == "line":
        text = space.join(words)
    elif layout == "lines":
        text = "\n".join(words)
    elif layout == "comma":
        text = ("、" if wordlist == "japanese" and rng.random() < 0.5 else ", ").join(words)
    else:
        style = rng.choice(("{i}. {w}", "{i}) {w}", "{i}.{w}", "{i}: {w}"))
        numbered = [style.format(i=i, w=w) for i, w in enumerate(words, 1)]
        text = (" " if layout == "numbered" else "\n").join(numbered)
    lead = text[: text.index(words[0])]
    return text[len(lead) :], lead, f"bip39:{form}:{count}:{layout}"


def _message(rng: random.Random) -> Sample:
    lang = _weighted(rng, _LANGS)
    topic = rng.choice(list(TOPICS))
    chains = TOPICS[topic]["chains"] or tuple(CHAIN_LABELS)
    ctx = _Context(rng, rng.choice(chains))

    def sentence(pool: dict, lang_of: str) -> _Piece:
        slang = _sentence_lang(rng, lang_of)
        return ctx.fill(rng.choice(pool[slang]), slang), None

    # Distinct topic sentences, in a random order, drawn from the message's language(s).
    langs = ("ja", "en") if lang == "mixed" else (lang,)
    pool = [(sl, t) for sl in langs for t in TOPICS[topic][sl]]
    rng.shuffle(pool)
    count = min(len(pool), rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
    body: list[_Piece] = [(ctx.fill(t, sl), None) for sl, t in pool[:count]]
    spare = [(ctx.fill(t, sl), None) for sl, t in pool[count:]]
    variant = None
    if rng.random() < SECRET_SHARE:
        piece, variant = _secret_piece(rng, ctx, lang)
        body.insert(rng.randrange(min(1, len(body)), len(body) + 1), piece)
    opening = [sentence(OPENINGS, lang)] if rng.random() < 0.6 else []
    closing = [sentence(CLOSINGS, lang)] if rng.random() < 0.6 else []

    def size(gap: int = 1) -> int:
        return sum(len(p[0]) + gap for p in opening + body + closing)

    while size() > MAX_CHARS and sum(p[1] is None for p in body) > 1:
        body.pop(max(i for i, p in enumerate(body) if p[1] is None))
    if size() > MAX_CHARS:  # a long secret (keystore, 24 words): drop the pleasantries
        opening, closing = [], []
    while size(gap=0) < MIN_CHARS:
        body.append(spare.pop() if spare else sentence(CLOSINGS, lang))
    return _assemble(rng, opening + body + closing, lang, topic, variant)


def _assemble(
    rng: random.Random, pieces: list[_Piece], lang: str, topic: str, variant: str | None
) -> Sample:
    parts: list[str] = []
    planted: list[Planted] = []
    offset = 0
    for i, (text, span) in enumerate(pieces):
        if i:
            sep = "\n" if rng.random() < 0.3 else " "
            if sep == " " and parts[-1][-1:] in _JA_STOPS and not text[:1].isascii():
                sep = ""  # Japanese runs sentences together after 。？！
            if parts[-1].endswith("\n") or text.startswith("\n"):
                sep = ""
            parts.append(sep)
            offset += len(sep)
        if span is not None:
            planted.append(Planted(span[0], offset + span[1], offset + span[2]))
        parts.append(text)
        offset += len(text)
    text = "".join(parts)
    if len(text.rstrip()) < len(text):  # a trailing newline/space is not part of a message
        text = text.rstrip()
    return Sample(text=text, planted=tuple(planted), lang=lang, topic=topic, variant=variant)
