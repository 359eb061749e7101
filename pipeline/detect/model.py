"""scikit-learn estimators over sentence views: lemma n-grams plus rule and context features."""
from __future__ import annotations

import numpy as np
from scipy.sparse import hstack
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .features import SentenceView, context_features


class SentenceClassifier(BaseEstimator, ClassifierMixin):
    """Logistic regression over TF-IDF of a sentence's lemmas and its rule/context features.

    ``X`` is a list of :class:`SentenceView`; ``y`` labels (binary or multiclass).
    ``rule_weight`` scales the rule features against the n-grams.
    """

    def __init__(self, C: float = 2.0, ngram_range=(1, 2), min_df: int = 1, rule_weight: float = 1.0,
                 class_weight="balanced", max_iter: int = 3000, vector_weight: float = 0.0,
                 char_weight: float = 0.0):
        self.C = C
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.rule_weight = rule_weight
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.vector_weight = vector_weight
        self.char_weight = char_weight

    def _matrix(self, X: list[SentenceView], fit: bool = False):
        texts = [v.views["lemma"] for v in X]
        feats = [context_features(v) for v in X]
        if fit:
            self.tfidf_ = TfidfVectorizer(ngram_range=tuple(self.ngram_range), min_df=self.min_df, sublinear_tf=True,
                                          token_pattern=r"(?u)\b\w[\w-]*\b")
            self.dict_ = DictVectorizer()
            a = self.tfidf_.fit_transform(texts)
            b = self.dict_.fit_transform(feats)
        else:
            a = self.tfidf_.transform(texts)
            b = self.dict_.transform(feats)
        parts = [a, b * self.rule_weight]
        if self.char_weight:
            lowered = [v.views["text"] for v in X]
            if fit:
                self.chars_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
                c = self.chars_.fit_transform(lowered)
            else:
                c = self.chars_.transform(lowered)
            parts.append(c * self.char_weight)
        if self.vector_weight:
            from scipy.sparse import csr_matrix
            parts.append(csr_matrix(np.vstack([v.vector for v in X])) * self.vector_weight)
        return hstack(parts).tocsr()

    def fit(self, X: list[SentenceView], y):
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        matrix = self._matrix(X, fit=True)
        if len(self.classes_) < 2:  # nothing to learn: always the one class
            self.model_ = None
            return self
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter)
        self.model_.fit(matrix, y)
        return self

    def predict_proba(self, X: list[SentenceView]) -> np.ndarray:
        if not X:
            return np.zeros((0, len(self.classes_)))
        if self.model_ is None:
            return np.ones((len(X), 1))
        return self.model_.predict_proba(self._matrix(X))

    def predict(self, X: list[SentenceView]) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)] if len(X) else np.asarray([])

    def top_features(self, n: int = 15) -> list[tuple[str, float]]:
        """The features that push most towards the positive class (binary models)."""
        if self.model_ is None or len(self.classes_) != 2:
            return []
        names = list(self.tfidf_.get_feature_names_out()) + list(self.dict_.get_feature_names_out())
        coef = self.model_.coef_[0]
        order = np.argsort(coef)[::-1][:n]
        return [(names[i], round(float(coef[i]), 3)) for i in order]
