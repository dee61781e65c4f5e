"""One error type for every rejected ledger input, so callers catch a single class."""

from __future__ import annotations


class LedgerError(ValueError):
    """Raised for malformed input (bad sizes, wrong hash lengths, unparsable notes).

    Verification functions never raise this for a proof that is merely *wrong*: they return
    ``False`` so that a forged proof and a broken one look the same to the caller.
    """
