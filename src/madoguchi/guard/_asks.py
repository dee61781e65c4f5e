"""Does a sentence ASK for something support never asks for? (rules, en and ja)

English: an ask verb ("share", "could you provide", "DM me", "what is") not negated in its
clause, followed in that clause by an object ("your 12 words"). Japanese: an object followed
by a request form (「教えていただけますか」「お知らせください」) that is not negated right after
(「教えないでください」 does not match, 「お伺いすることはありません」 is negated). A sentence
about fraud ("if anyone asks for your seed, it is a scam") asks for nothing. An object may be a
pronoun or stand-in for a secret named just before ("We sent a code. Read it back to me."):
see :mod:`madoguchi.guard._anaphora`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from madoguchi.guard import _lexicon as lx
from madoguchi.guard._anaphora import anaphors_en, anaphors_ja, zero_object_ja
from madoguchi.guard._types import OTP, PASSWORD, REMOTE_ACCESS, TRANSFER

_WINDOW = 90  # characters after an English ask verb in which its object may appear
_WINDOW_JA = 40  # characters after a Japanese object in which its request form may appear
#: how far back a negation or a subject is looked for (bounds the work on very long sentences)
_LOOK_BACK = 300

Hit = tuple[str, int, int]  # kind, start, end (offsets into the sentence)

#: what may stand between an ask verb and a pronoun object ("read it back", "send them over")
_NEXT_TO_VERB = re.compile(
    r"^(?:\s|me\b|us\b|back\b|out\b|over\b|aloud\b|all\b|of\b|"
    r"(?:a\s+)?(?:photo|picture|screenshot|copy|scan|pic)s?\s+of\b)*$"
)


def _objects(patterns: dict[str, re.Pattern[str]], text: str) -> list[Hit]:
    """Every object mention; a password inside "one-time password" is the OTP only."""
    hits = [(kind, m.start(), m.end()) for kind, p in patterns.items() for m in p.finditer(text)]
    otp = [(s, e) for k, s, e in hits if k == OTP]
    return sorted(h for h in hits if not (h[0] == PASSWORD and any(s <= h[1] < e for s, e in otp)))


def _since(pattern: re.Pattern[str], prefix: str) -> str:
    breaks = list(pattern.finditer(prefix))
    return prefix[breaks[-1].end() :] if breaks else prefix


def _before(sentence: str, at: int) -> str:
    return sentence[max(0, at - _LOOK_BACK) : at]


def _negated_en(sentence: str, verb_start: int) -> bool:
    """A negation between the start of the verb's clause and the verb ("never" reaches
    further: over a list of things we never ask for)."""
    prefix = lx.NOT_NEGATIONS.sub(" ", _before(sentence, verb_start))
    if lx.NEGATION_EN.search(_since(lx.CLAUSE_BREAK_EN, prefix)):
        return True
    return bool(lx.STRONG_NEGATION_EN.search(_since(lx.HARD_BREAK_EN, prefix)))


def _first_person_before(sentence: str, verb_start: int) -> bool:
    return bool(lx.FIRST_PERSON.search(_since(lx.CLAUSE_BREAK_EN, _before(sentence, verb_start))))


def _clause_end(sentence: str, start: int) -> int:
    limit = min(len(sentence), start + _LOOK_BACK)  # no clause runs on for ever
    found = lx.CLAUSE_BREAK_EN.search(sentence, start, limit)
    return found.start() if found else limit


def _asks_en(sentence: str, previous: tuple[str, ...]) -> Iterator[Hit]:
    if lx.WARNING_EN.search(sentence):
        return
    objects = _objects(lx.OBJECTS_EN, sentence)
    # "read it back": a pronoun counts only as the verb's direct object, not in "if it fails"
    anaphors = anaphors_en(sentence, previous)
    verbs = list(lx.ASK_EN.finditer(sentence))
    for index, verb in enumerate(verbs):
        if _negated_en(sentence, verb.start()):
            continue
        word = " ".join(verb.group().split())
        if lx.TO_YOU.match(sentence, verb.end()):
            continue  # "we will tell you your ...": telling, not asking
        if word.startswith("ask") and not _first_person_before(sentence, verb.start()):
            continue  # "they ask for your recovery phrase" describes someone else
        end = min(_clause_end(sentence, verb.end()), verb.end() + _WINDOW)
        # "let us know if the code we sent does not arrive": the object is the verb's, not
        # a subordinate clause's
        if subordinate := lx.SUBORDINATE_EN.search(sentence, verb.end(), end):
            end = subordinate.start()
        # the object belongs to this verb, not to the next one ("paste X and confirm with Y")
        if index + 1 < len(verbs) and verbs[index + 1].start() < end:
            end = verbs[index + 1].start()
        if word.startswith(("need", "requir")) and lx.SOMEONE_ELSE_NEEDS.search(
            _before(sentence, verb.start())
        ):
            continue  # "you will need your password to log in" says what the app needs
        if word.startswith(lx.TRANSFER_EN) and (stop := _transfer_en(sentence, verb.end())):
            yield TRANSFER, verb.start(), stop
        if word.startswith(lx.TRANSFER_ONLY_EN):
            continue
        weak = word in lx.WEAK_EN
        # "go to <link> and enter your recovery phrase": a page we point to is aimed at us, but
        # only for what no page may take (the official site takes passwords and 2FA codes)
        pointed = False
        if weak and not lx.TOWARDS_US.search(sentence, verb.end()):
            pointed = _pointed_at_page(sentence, verb.start(), verb.end())
            if not pointed:
                continue
        remote_only = word.startswith(lx.REMOTE_ONLY_EN) and not word.endswith("know")
        for kind, start, stop in objects:
            if verb.start() <= start < end and (kind == REMOTE_ACCESS or not remote_only):
                if pointed and kind not in lx.NO_PAGE_TAKES:
                    continue
                yield kind, verb.start(), stop
        if remote_only:
            continue
        if word.startswith(("need", "requir")) and not _first_person_before(sentence, verb.start()):
            continue  # "create new ones if you need them": the customer's need
        for kind, start, stop in anaphors:
            if verb.start() <= start < end and _NEXT_TO_VERB.match(sentence[verb.end() : start]):
                yield kind, verb.start(), max(stop, verb.end())


def _pointed_at_page(sentence: str, verb_start: int, verb_end: int) -> bool:
    """A link earlier in the sentence, and the verb's clause names no other place ("in the
    app", "yourself")."""
    if not lx.LINK_TEXT.search(sentence, 0, verb_start):
        return False
    return not lx.AWAY_FROM_US.search(sentence, verb_end, _clause_end(sentence, verb_end))


def _transfer_en(sentence: str, after: int) -> int:
    """End of someone else's destination after a transfer verb (an address, "to this safe
    wallet" with the funds named before it), or 0."""
    clause = sentence[after : _clause_end(sentence, after) + 60]
    address = lx.ADDRESS.search(clause)
    if address:
        return after + address.end()
    found = lx.DESTINATION_EN.search(sentence[after : _clause_end(sentence, after)])
    if not found or not lx.FUNDS.search(clause[: found.start()] + " "):
        return 0
    tail = clause[found.end() : found.end() + 40]
    if lx.OWN_AFTER.search(tail):
        return 0
    if " new " in f" {found.group()} " and not lx.OURS_AFTER.search(tail):
        return 0
    return after + found.end()


def _negated_ja(sentence: str, ask_end: int) -> bool:
    return bool(lx.NEGATION_JA.search(sentence[ask_end : ask_end + 20]))


def _asks_ja(sentence: str, previous: tuple[str, ...]) -> Iterator[Hit]:
    if lx.WARNING_JA.search(sentence):
        return
    # English words in a Japanese sentence count too (「seed phraseを教えてください」)
    objects = _objects(lx.OBJECTS_JA, sentence) + _objects(lx.OBJECTS_EN, sentence)
    objects += anaphors_ja(sentence, previous)
    if not objects:
        yield from _zero_object_ja(sentence, previous)
    for kind, start, stop in objects:
        window = sentence[stop : stop + _WINDOW_JA]
        if kind == REMOTE_ACCESS and (direct := lx.REMOTE_DIRECT_JA.match(window)):
            if not _negated_ja(sentence, stop + direct.end()):
                yield kind, start, stop + direct.end()
                continue
        patterns = [lx.ASK_JA] + ([lx.ASK_REMOTE_JA] if kind == REMOTE_ACCESS else [])
        for pattern in patterns:
            ask = next(
                (
                    m
                    for m in pattern.finditer(window)
                    if not _negated_ja(sentence, stop + m.end())
                    and ("入力" not in m.group() or lx.TOWARDS_US_JA.search(sentence))
                ),
                None,
            )
            if ask is not None:
                yield kind, start, stop + ask.end()
                break
    ask = lx.TRANSFER_JA.search(sentence)
    if ask and not _negated_ja(sentence, ask.end()) and not lx.OWN_DESTINATION.search(sentence):
        if lx.DESTINATION_JA.search(sentence) or lx.ADDRESS.search(sentence):
            yield TRANSFER, ask.start(), ask.end()
        elif promised := lx.PROMISED_DESTINATION_JA.search(sentence):
            yield TRANSFER, ask.start(), promised.end()
    # 「資産を移動してください。移動先のアドレスは別途お知らせします」: the destination comes later
    promised = lx.PROMISED_DESTINATION_JA.search(sentence)
    if promised and previous and not lx.OWN_DESTINATION.search(sentence):
        ask = lx.TRANSFER_JA.search(previous[-1])
        if ask and not _negated_ja(previous[-1], ask.end()):
            if not lx.OWN_DESTINATION.search(previous[-1]):
                yield TRANSFER, promised.start(), promised.end()


def _zero_object_ja(sentence: str, previous: tuple[str, ...]) -> Iterator[Hit]:
    """「(秘密鍵…が必要です。)コピーしてご返信ください」: a request with no object of its own."""
    for ask in lx.ASK_JA.finditer(sentence):
        if _negated_ja(sentence, ask.end()) or "入力" in ask.group():
            continue
        for kind in sorted(zero_object_ja(sentence, ask.start(), previous)):
            yield kind, ask.start(), ask.end()
        return


def _install_for_us(sentence: str) -> Iterator[Hit]:
    """ "Install X so we can fix it", "our technician will connect to your computer",
    「こちらから操作してサポートいたします」: remote access offered, not named."""
    if lx.WARNING_EN.search(sentence) or lx.WARNING_JA.search(sentence):
        return
    patterns = (lx.INSTALL_FOR_US_EN, lx.INSTALL_FOR_US_JA, lx.REMOTE_OFFER_EN, lx.REMOTE_OFFER_JA)
    for pattern in patterns:
        for found in pattern.finditer(sentence):
            if lx.NEGATION_EN.search(found.group()) or lx.NEGATION_JA.search(found.group()):
                continue  # "our team will never remote-connect to your device"
            if not _negated_en(sentence, found.start()) and not _negated_ja(sentence, found.end()):
                yield REMOTE_ACCESS, found.start(), found.end()


def asks(sentence: str, previous: tuple[str, ...] = ()) -> list[Hit]:
    """Kinds asked for in one normalised sentence, with spans; at most one hit per kind.
    ``previous`` are the sentences before it, which pronouns ("read it back") may refer to."""
    seen: dict[str, Hit] = {}
    found = (
        *_asks_en(sentence, previous),
        *_asks_ja(sentence, previous),
        *_install_for_us(sentence),
    )
    for hit in found:
        seen.setdefault(hit[0], hit)
    return sorted(seen.values(), key=lambda h: h[1])
