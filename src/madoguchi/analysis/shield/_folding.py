"""Kept for the shield's modules: folding lives in :mod:`madoguchi.analysis._textmap`.

>>> quick_fold("ＰＷ：abc").text
'pw:abc'
"""

from madoguchi.analysis._textmap import fold as quick_fold

__all__ = ["quick_fold"]
