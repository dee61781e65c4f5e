"""The never-ask guard: may support send this message? (pure, no Django)

``check_outgoing(text, registry=...)`` blocks a reply that asks for a recovery phrase, private
key, password, one-time code, remote access or a transfer of funds, or that links outside the
official registry; each finding says why in English and Japanese. ``evaluate`` measures it on
a labelled JSON-lines file.

>>> check_outgoing("Could you share the 12 words?").blocked
True
>>> check_outgoing("パスワードは絶対に誰にも教えないでください。").blocked
False
"""

from madoguchi.guard._check import check_outgoing
from madoguchi.guard._eval import Evaluation, EvaluationError, evaluate, read_examples
from madoguchi.guard._types import KINDS, REASONS, SAFE_FALLBACK, GuardFinding, GuardResult

__all__ = [
    "KINDS", "REASONS", "SAFE_FALLBACK", "Evaluation", "EvaluationError", "GuardFinding", "GuardResult",
    "check_outgoing", "evaluate", "read_examples",
]  # fmt: skip
