"""A general text classifier with calibrated confidence and an honest "I don't know".

Not tied to madoguchi's taxonomy: operators train it on their own labelled history
(``madoguchi intents eval``). Features are TF-IDF over the shared tokens (words, Sudachi
forms, concept tokens) plus TF-IDF over character n-grams (typos, kana/kanji variants, partial
words), optionally concatenated with a dense encoder's vectors. The model is a linear SVM; its
scores become probabilities through a temperature fitted on out-of-fold scores, and the
abstention threshold is chosen on those same out-of-fold predictions.

>>> clf = IntentClassifier().fit(
...     ["reset my password", "forgot password", "card was stolen", "my card is lost",
...      "password does not work", "lost my card yesterday"],
...     ["password", "password", "card", "card", "password", "card"])
>>> clf.predict("I forgot my password").label
'password'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from madoguchi.nlu._errors import TrainingDataError
from madoguchi.nlu.encoders import Encoder
from madoguchi.nlu.text import normalize, tokens, word_pairs

__all__ = ["OUT_OF_SCOPE", "IntentClassifier", "Prediction"]

#: The internal label of training examples given with label ``None`` (out of scope).
OUT_OF_SCOPE = "\x00out-of-scope"


@dataclass(frozen=True, slots=True)
class Prediction:
    """``label`` is ``None`` when the model abstains (low confidence or out of scope).

    ``alternatives`` are ``(label, probability)`` pairs of in-scope labels, best first,
    including the top one (so a caller can offer "did you mean" even after an abstention).
    ``out_of_scope`` names why the model abstained when an out-of-scope class won: ``"unknown"``
    for examples trained with label ``None``, else the out-of-scope label itself.
    """

    label: str | None
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()
    out_of_scope: str | None = None


#: ぁ..ゖ to ァ..ヶ (the same code points shifted by 0x60).
_HIRAGANA_TO_KATAKANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}


def _identity(tokens_: list[str]) -> list[str]:
    return tokens_


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class IntentClassifier:
    """``fit(texts, labels)`` then ``predict(text)``; labels are any strings (``None``: OOS).

    ``threshold`` is chosen on the training data unless given; ``encoder`` adds dense features.
    Labels in ``out_of_scope_labels`` (and ``None``) are classes the model learns in order to
    refuse them: predicting one abstains and names it in ``Prediction.out_of_scope``.
    """

    c: float = 0.25
    model: str = "svm"
    char_ngrams: tuple[int, int] = (1, 4)
    char_analyzer: str = "char_wb"
    word_bigrams: bool = True
    fold_kana: bool = True
    class_weight: str | None = "balanced"
    threshold: float | None = None
    encoder: Encoder | None = None
    encoder_weight: float = 1.0
    folds: int = 5
    seed: int = 0
    out_of_scope_labels: frozenset[str] = frozenset()
    abstain_credit: float = 0.5
    _words: Any = field(default=None, repr=False)
    _chars: Any = field(default=None, repr=False)
    _model: Any = field(default=None, repr=False)
    temperature: float = 1.0
    labels_: tuple[str, ...] = ()

    # --- features -------------------------------------------------------------------------

    def _new_vectorizers(self) -> tuple[TfidfVectorizer, TfidfVectorizer]:
        words = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, min_df=1, lowercase=False, dtype=np.float32
        )
        chars = TfidfVectorizer(
            analyzer=self.char_analyzer,
            ngram_range=self.char_ngrams,
            sublinear_tf=True,
            min_df=2,
            lowercase=False,
            dtype=np.float32,
            max_features=200_000,
        )
        return words, chars

    def _word_terms(self, normalized: str, text_tokens: list[str]) -> list[str]:
        """The word block's terms: the shared tokens, plus adjacent word pairs when enabled."""
        if not self.word_bigrams:
            return text_tokens
        return text_tokens + word_pairs(normalized)

    def _char_text(self, normalized: str) -> str:
        """The character block's input: hiragana folded to katakana when enabled."""
        return normalized.translate(_HIRAGANA_TO_KATAKANA) if self.fold_kana else normalized

    def _features(
        self,
        token_lists: Sequence[list[str]],
        normalized: Sequence[str],
        words: TfidfVectorizer,
        chars: TfidfVectorizer,
        *,
        fit: bool,
        dense: np.ndarray | None = None,
    ) -> sparse.csr_matrix:
        char_texts = [self._char_text(n) for n in normalized]
        if fit:
            parts = [words.fit_transform(token_lists), chars.fit_transform(char_texts)]
        else:
            parts = [words.transform(token_lists), chars.transform(char_texts)]
        if dense is not None:
            parts.append(sparse.csr_matrix(dense * self.encoder_weight))
        return sparse.hstack(parts, format="csr")

    def _new_model(self) -> Any:
        """The linear model: a linear SVM (measured better here) or logistic regression."""
        if self.model == "logreg":
            return LogisticRegression(C=self.c, class_weight=self.class_weight, max_iter=2000)
        if self.model != "svm":
            raise ValueError(f"model must be 'svm' or 'logreg', got {self.model!r}")
        return LinearSVC(C=self.c, class_weight=self.class_weight, random_state=self.seed)

    def _dense(self, texts: Sequence[str]) -> np.ndarray | None:
        if self.encoder is None:
            return None
        vectors = np.asarray(self.encoder.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)

    # --- training -------------------------------------------------------------------------

    def fit(self, texts: Sequence[str], labels: Sequence[str | None]) -> IntentClassifier:
        """Train; :class:`TrainingDataError` for empty or mismatched data or a single class."""
        if len(texts) != len(labels):
            raise TrainingDataError(f"{len(texts)} texts but {len(labels)} labels")
        pairs = [
            (t, OUT_OF_SCOPE if lab is None else str(lab))
            for t, lab in zip(texts, labels, strict=True)
            if isinstance(t, str) and t.strip()
        ]
        if not pairs:
            raise TrainingDataError("no training texts")
        y = np.array([lab for _, lab in pairs])
        classes = sorted(set(y.tolist()))
        if len(classes) < 2:
            raise TrainingDataError("training needs at least two different labels")
        normalized = [normalize(t) for t, _ in pairs]
        token_lists = [
            self._word_terms(n, tokens(t)) for (t, _), n in zip(pairs, normalized, strict=True)
        ]
        dense = self._dense([t for t, _ in pairs])
        self._words, self._chars = self._new_vectorizers()
        x = self._features(token_lists, normalized, self._words, self._chars, fit=True, dense=dense)
        self._fit_calibration(x, y)
        self._model = self._new_model()
        self._model.fit(x, y)
        self.labels_ = tuple(self._model.classes_.tolist())
        return self

    def _fit_calibration(self, x: sparse.csr_matrix, y: np.ndarray) -> None:
        """Temperature and threshold from out-of-fold decision scores (no test data used).

        The folds share the TF-IDF vocabulary and weights fitted on all the training texts:
        those are unsupervised (no label leaks), and refitting them per fold tripled the time.
        """
        counts = {lab: int((y == lab).sum()) for lab in set(y.tolist())}
        folds = min(self.folds, min(counts.values()))
        if folds < 2:  # a class with one example: nothing to hold out; keep the defaults
            if self.threshold is None:
                self.threshold = 0.0
            return
        classes = np.array(sorted(counts))
        scores = np.full((len(y), len(classes)), -10.0, dtype=np.float64)
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.seed)
        for train, held in splitter.split(np.zeros(len(y)), y):
            model = self._new_model()
            model.fit(x[train], y[train])
            held_scores = model.decision_function(x[held])
            if held_scores.ndim == 1:  # binary: sklearn gives one column
                held_scores = np.column_stack([-held_scores, held_scores])
            columns = np.searchsorted(classes, model.classes_)
            for j, column in enumerate(columns):
                scores[held, column] = held_scores[:, j]
        gold = np.searchsorted(classes, y)
        self.temperature = _fit_temperature(scores, gold)
        if self.threshold is None:
            probs = _softmax(scores, self.temperature)
            refused = self._refused()
            oos_columns = np.array([i for i, c in enumerate(classes) if c in refused], dtype=int)
            self.threshold = _choose_threshold(
                probs, gold, oos_columns, abstain_credit=self.abstain_credit
            )

    def _refused(self) -> frozenset[str]:
        return self.out_of_scope_labels | {OUT_OF_SCOPE}

    # --- prediction -----------------------------------------------------------------------

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The model's feature rows for ``texts`` (word and character TF-IDF, dense if any)."""
        if self._model is None:
            raise RuntimeError("IntentClassifier used before fit")
        normalized = [normalize(t) for t in texts]
        token_lists = [
            self._word_terms(n, tokens(t)) for t, n in zip(texts, normalized, strict=True)
        ]
        return self._features(
            token_lists, normalized, self._words, self._chars, fit=False, dense=self._dense(texts)
        )

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated class probabilities, one row per text, columns in ``labels_`` order."""
        scores = self._model_scores(self.features(texts))
        return _softmax(scores, self.temperature)

    def _model_scores(self, x: sparse.csr_matrix) -> np.ndarray:
        scores = self._model.decision_function(x)
        if scores.ndim == 1:
            scores = np.column_stack([-scores, scores])
        return scores

    def probabilities_one(self, text: str, text_tokens: list[str] | None = None) -> np.ndarray:
        """:meth:`probabilities` of one text without scikit-learn's per-call input checks.

        Those checks cost ~15 ms a call here, far more than the arithmetic; this computes the
        same TF-IDF row (sublinear tf, idf, L2 norm per vectorizer) and the same linear scores
        straight from the fitted vocabularies and coefficients. ``text_tokens`` reuses
        :func:`tokens` already computed by the caller.
        """
        if self._model is None:
            raise RuntimeError("IntentClassifier used before fit")
        normalized = normalize(text)
        word_terms = self._word_terms(
            normalized, tokens(text) if text_tokens is None else text_tokens
        )
        char_terms = self._chars.build_analyzer()(self._char_text(normalized))
        columns: list[np.ndarray] = []
        values: list[np.ndarray] = []
        offset = 0
        for vectorizer, terms in ((self._words, word_terms), (self._chars, char_terms)):
            vocabulary = vectorizer.vocabulary_
            counts: dict[int, int] = {}
            for term in terms:
                column = vocabulary.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if counts:
                index = np.fromiter(counts, dtype=np.int64, count=len(counts))
                tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
                weight = tf * vectorizer.idf_[index]
                weight /= max(float(np.sqrt((weight * weight).sum())), 1e-12)
                columns.append(index + offset)
                values.append(weight)
            offset += len(vocabulary)
        coef = self._model.coef_
        scores = self._model.intercept_.astype(np.float64).copy()
        if columns:
            index = np.concatenate(columns)
            scores = scores + coef[:, index] @ np.concatenate(values)
        if self.encoder is not None:
            dense = self._dense([text])
            assert dense is not None
            scores = scores + coef[:, offset:] @ (dense[0] * self.encoder_weight)
        scores = scores[None, :]
        if scores.shape[1] == 1:
            scores = np.column_stack([-scores, scores])
        return _softmax(scores, self.temperature)[0]

    def predict(self, text: str, *, top: int = 4) -> Prediction:
        """The best label, its probability and the runners-up; ``label=None`` when unsure."""
        if not isinstance(text, str):
            raise TypeError("predict takes a string")
        return self.decide(self.probabilities_one(text), top=top)

    def predict_many(self, texts: Sequence[str], *, top: int = 4) -> list[Prediction]:
        """:meth:`predict` for a batch (one vectorisation, much faster per text)."""
        return [self.decide(row, top=top) for row in self.probabilities(texts)]

    def decide(self, row: np.ndarray, *, top: int = 4) -> Prediction:
        """The prediction for one row of probabilities (``labels_`` order): label or abstain."""
        order = np.argsort(-row)
        labels = self.labels_
        refused = self._refused()
        ranked = [(labels[i], float(row[i])) for i in order if labels[i] not in refused]
        best_label, best_p = labels[order[0]], float(row[order[0]])
        threshold = self.threshold or 0.0
        if best_label in refused:
            reason = "unknown" if best_label == OUT_OF_SCOPE else best_label
            return Prediction(None, best_p, tuple(ranked[:top]), out_of_scope=reason)
        if best_p < threshold:
            return Prediction(None, best_p, tuple(ranked[:top]))
        return Prediction(best_label, best_p, tuple(ranked[:top]))


def _fit_temperature(scores: np.ndarray, gold: np.ndarray) -> float:
    """The softmax temperature minimising held-out negative log-likelihood."""

    def nll(log_t: float) -> float:
        probs = _softmax(scores, math.exp(log_t))
        return float(-np.log(np.maximum(probs[np.arange(len(gold)), gold], 1e-12)).mean())

    result = minimize_scalar(nll, bounds=(math.log(0.01), math.log(10.0)), method="bounded")
    return float(math.exp(result.x))


def _choose_threshold(
    probs: np.ndarray, gold: np.ndarray, oos_columns: np.ndarray, *, abstain_credit: float
) -> float:
    """The confidence below which answering is wrong more often than right, on held-out data.

    A decision scores 1 when it answers with the gold label or abstains on an out-of-scope
    example, and ``abstain_credit`` (0.5 by default) when it abstains instead of giving a wrong
    answer (saying "I don't know" beats a wrong article, but is not an answer); the threshold
    maximises the total (ties: the lower one).
    """
    top = probs.argmax(axis=1)
    conf = probs[np.arange(len(gold)), top]
    is_oos = np.isin(gold, oos_columns)
    top_is_oos = np.isin(top, oos_columns)
    answered_right = (top == gold) & ~is_oos
    wrong_in_scope = (top != gold) & ~is_oos
    best_t, best_score = 0.0, -1.0
    for t in np.unique(np.concatenate([[0.0], conf])):
        answers = (conf >= t) & ~top_is_oos
        score = float(
            (answers & answered_right).sum()
            + (~answers & is_oos).sum()
            + abstain_credit * (~answers & wrong_in_scope).sum()
        )
        if score > best_score:
            best_t, best_score = float(t), score
    return best_t
