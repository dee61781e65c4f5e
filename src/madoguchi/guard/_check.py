"""``check_outgoing(text, registry=...)``: may the desk send this message?"""

from __future__ import annotations

from madoguchi.guard._anaphora import REACH
from madoguchi.guard._asks import asks
from madoguchi.guard._links import link_findings
from madoguchi.guard._lists import list_asks
from madoguchi.guard._text import normalise, sentences
from madoguchi.guard._types import GuardFinding, GuardResult, finding
from madoguchi.trust import Registry

#: longer texts are checked in full but this bounds the work per sentence
_MAX_SENTENCE = 2000


def check_outgoing(text: str, *, registry: Registry | None = None) -> GuardResult:
    """Block a message that asks for a secret, remote access or a transfer, or that links
    outside ``registry`` (links are not checked when ``registry`` is None).

    >>> check_outgoing("シードフレーズを教えていただけますか").kinds
    ('recovery_phrase',)
    >>> check_outgoing("We will never ask for your recovery phrase.").blocked
    False
    """
    if not isinstance(text, str) or not text:
        return GuardResult()
    norm = normalise(text)
    found: list[GuardFinding] = []
    previous: tuple[str, ...] = ()  # the sentences before, for "read it back"
    for start, end in sentences(norm.text):
        for piece in range(start, end, _MAX_SENTENCE):
            sentence = norm.text[piece : min(end, piece + _MAX_SENTENCE)]
            for kind, s, e in asks(sentence, previous):
                orig_start, orig_end = norm.span(piece + s, piece + e)
                found.append(finding(kind, orig_start, orig_end))
            previous = (*previous[-(REACH - 1) :], sentence)
    for kind, s, e in list_asks(norm.text):  # "reply with:\n1. ...\n2. your password"
        found.append(finding(kind, *norm.span(s, e)))
    if registry is not None:
        found.extend(link_findings(text, registry))
    found.sort(key=lambda f: (f.start, f.kind))
    return GuardResult(tuple(found))
