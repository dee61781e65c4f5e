"""Lexical ranking (BM25) over tokens, with a character n-gram index beside it.

The word index uses the shared tokens (Sudachi forms, English stems, concept tokens); the
character index (bigrams and trigrams) catches typos, kana/kanji variants and the half-typed
words of search-as-you-type. Weights are computed once at build time, so a query only sums
a few sparse columns: microseconds per term, even over thousands of documents.

>>> index = BM25Index([["deposit", "missing"], ["password", "reset"], ["deposit", "fee"]])
>>> [int(i) for i in index.scores(["deposit", "missing"]).argsort()[::-1][:2]]
[0, 2]
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

__all__ = ["BM25Index"]


class BM25Index:
    """Okapi BM25 (k1, b) over pre-tokenised documents; ``scores(terms)`` for all of them."""

    def __init__(
        self, documents: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75
    ) -> None:
        self.size = len(documents)
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        lengths = np.zeros(self.size, dtype=np.float64)
        for row, doc in enumerate(documents):
            lengths[row] = len(doc)
            for term, count in Counter(doc).items():
                col = vocabulary.setdefault(term, len(vocabulary))
                rows.append(row)
                cols.append(col)
                counts.append(count)
        self.vocabulary = vocabulary
        self._sorted_terms = sorted(vocabulary)
        tf = np.asarray(counts, dtype=np.float64)
        row_index = np.asarray(rows, dtype=np.int64)
        col_index = np.asarray(cols, dtype=np.int64)
        average = float(lengths.mean()) if self.size else 0.0
        document_frequency = np.bincount(col_index, minlength=len(vocabulary))
        # the "plus one" idf of Lucene: never negative, so a common term still counts a little
        idf = np.log1p((self.size - document_frequency + 0.5) / (document_frequency + 0.5))
        norm = k1 * (1 - b + b * lengths[row_index] / max(average, 1e-9))
        weights = idf[col_index] * tf * (k1 + 1) / (tf + norm)
        self._weights = sparse.csc_matrix(
            (weights, (row_index, col_index)), shape=(self.size, max(len(vocabulary), 1))
        )
        self.idf = idf

    def scores(self, terms: Sequence[str], weights: Sequence[float] | None = None) -> np.ndarray:
        """BM25 of every document for the query ``terms`` (unknown terms count nothing)."""
        total = np.zeros(self.size, dtype=np.float64)
        for position, term in enumerate(terms):
            col = self.vocabulary.get(term)
            if col is None:
                continue
            start, end = self._weights.indptr[col], self._weights.indptr[col + 1]
            factor = 1.0 if weights is None else float(weights[position])
            total[self._weights.indices[start:end]] += factor * self._weights.data[start:end]
        return total

    def completions(self, prefix: str, *, limit: int = 20) -> list[str]:
        """Terms starting with ``prefix``, the most informative (highest idf) last-resort cut.

        Used for the word being typed: "withd" becomes withdraw, withdrawal...
        """
        if not prefix:
            return []
        start = bisect.bisect_left(self._sorted_terms, prefix)
        found: list[str] = []
        for term in self._sorted_terms[start:]:
            if not term.startswith(prefix):
                break
            found.append(term)
            if len(found) >= limit * 5:
                break
        if len(found) > limit:  # keep the commonest words: what a customer likely means
            found.sort(key=lambda t: self.idf[self.vocabulary[t]])
            found = found[:limit]
        return found

    def idf_of(self, term: str) -> float:
        col = self.vocabulary.get(term)
        return float(self.idf[col]) if col is not None else math.log1p(self.size + 0.5)
