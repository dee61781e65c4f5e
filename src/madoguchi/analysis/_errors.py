"""Errors of the analysis package: one base class, named families.

Messages never contain the analysed text (it may hold a secret).
"""


class AnalysisError(Exception):
    """Base class of every error raised by :mod:`madoguchi.analysis`."""


class AnalysisInputError(AnalysisError, ValueError):
    """The caller passed something that is not a message (wrong type, bad time zone...)."""
