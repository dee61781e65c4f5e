"""The nlu package's exceptions: one base class, named families."""

from __future__ import annotations

__all__ = ["EncoderError", "NluError", "TrainingDataError"]


class NluError(Exception):
    """Base class of everything madoguchi.nlu raises on purpose."""


class TrainingDataError(NluError, ValueError):
    """Training data a model cannot learn from: empty, mismatched lengths, one class only."""


class EncoderError(NluError):
    """A dense encoder that is not installed, not reachable, or answered something unusable."""
