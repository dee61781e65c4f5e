"""The analysis core: reads every customer message before anything else happens to it.

Pure Python, no Django. ``analyze(text)`` redacts secrets (recovery phrases, private keys,
passwords, one-time codes), detects the language, extracts crypto entities with per-chain
validation and reports consistency findings.

>>> a = analyze("my password is hunter2!!")
>>> a.redacted
'my password is [redacted: password]'
"""

from madoguchi.analysis._analyze import analyze, warm_up
from madoguchi.analysis._types import (
    ENTITY_KINDS,
    SECRET_KINDS,
    SECRET_LABELS,
    Analysis,
    Entity,
    Finding,
    SecretSpan,
)

__all__ = [
    "ENTITY_KINDS",
    "SECRET_KINDS",
    "SECRET_LABELS",
    "Analysis",
    "Entity",
    "Finding",
    "SecretSpan",
    "analyze",
    "warm_up",
]
