"""The secret shield: finds recovery phrases, private keys, passwords and one-time codes.

Public contract: ``find_secrets(text) -> list[SecretSpan]`` (sorted by start, non-overlapping,
spans into the original text). Redaction itself is :func:`madoguchi.analysis._redact.redact`.

>>> [s.kind for s in find_secrets("PW: hunter22 / OTP 123456")]
['password', 'one_time_code']
"""

from __future__ import annotations

from madoguchi.analysis._errors import AnalysisInputError
from madoguchi.analysis._textmap import fold
from madoguchi.analysis._types import SecretSpan
from madoguchi.analysis.shield import _credentials, _keys, _keystore
from madoguchi.analysis.shield._merge import merge
from madoguchi.analysis.shield._mnemonic import find_phrases

__all__ = ["find_secrets"]


def find_secrets(text: str) -> list[SecretSpan]:
    """Every secret in ``text``: sorted by start, overlaps merged, never the value itself."""
    if not isinstance(text, str):
        # the type only: the value may be the very secret we must not echo
        raise AnalysisInputError(f"find_secrets() needs text (str), not {type(text).__name__}")
    if not text:
        return []
    found: list[SecretSpan] = []
    lower = fold(text)
    found += find_phrases(lower)
    found += _credentials.find_credentials(lower)
    if _keys.PREFILTER.search(text):
        found += _keys.find_keys(fold(text, lower=False))
    if _keystore.PREFILTER.search(text):
        found += _keystore.find_keystores(text)
    return merge(found)
