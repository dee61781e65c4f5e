"""Is this official? Impersonation detection for the brand's channels (pure, no Django).

``Registry.from_lines`` reads the official domains, senders, numbers, handles, apps and staff;
``check(value, registry)`` says official / impersonation / unknown, what is imitated and why.
"""

from madoguchi.trust._check import IMPERSONATION, OFFICIAL, UNKNOWN, Verdict, check
from madoguchi.trust._registry import Registry, TrustInputError
from madoguchi.trust._skeleton import distance, mixed_scripts, skeleton

__all__ = [
    "IMPERSONATION", "OFFICIAL", "UNKNOWN", "Registry", "TrustInputError", "Verdict", "check",
    "distance", "mixed_scripts", "skeleton",
]  # fmt: skip
