"""scikit-learn estimators over sentence views: lemma and character n-grams plus rule and context features."""
from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .detectors import DetectorSettings
from .features import SentenceView, context_features
from .vectorize import CharWbNgrams, _plain_tfidf, char_tfidf, plain_word_bigrams, word_tfidf


class SentenceFeaturizer(BaseEstimator, TransformerMixin):
    """Sentence views -> one sparse matrix: TF-IDF of lemma n-grams, TF-IDF of
    character n-grams (Dutch compounds share parts), rule and context features,
    and optionally a sentence embedding. Each block has its weight."""

    def __init__(self, ngram_range=(1, 2), min_df: int = 1, rule_weight: float = 1.0, char_weight: float = 1.0,
                 vector_weight: float = 0.0):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.rule_weight = rule_weight
        self.char_weight = char_weight
        self.vector_weight = vector_weight

    def fit(self, X: list[SentenceView], y=None):
        self.words_ = TfidfVectorizer(ngram_range=tuple(self.ngram_range), min_df=self.min_df, sublinear_tf=True,
                                      token_pattern=r"(?u)\b\w[\w-]*\b").fit([v.views["lemma"] for v in X])
        self.rules_ = DictVectorizer().fit([context_features(v) for v in X])
        if self.char_weight:
            self.chars_ = TfidfVectorizer(analyzer=CharWbNgrams(3, 5), min_df=2, sublinear_tf=True)
            self.chars_.fit([v.views["text"] for v in X])
        self.vector_size_ = len(X[0].vector) if self.vector_weight and X else 0
        return self

    def transform(self, X: list[SentenceView]):
        parts = [self._word_tfidf([v.views["lemma"] for v in X]),
                 self.rules_.transform([context_features(v) for v in X]) * self.rule_weight]
        if self.char_weight:
            parts.append(self._char_tfidf([v.views["text"] for v in X]) * self.char_weight)
        if self.vector_weight:
            parts.append(csr_matrix(np.vstack([v.vector for v in X])) * self.vector_weight)
        return hstack(parts).tocsr()

    def _char_tfidf(self, texts: list[str]):
        """``self.chars_.transform(texts)``, with each word's columns looked up once."""
        vec = self.chars_
        if not isinstance(vec.analyzer, CharWbNgrams) or not _plain_tfidf(vec):
            return vec.transform(texts)
        return char_tfidf(vec, texts, self.__dict__.setdefault("_word_columns", {}))

    def _word_tfidf(self, texts: list[str]):
        """``self.words_.transform(texts)`` for lemma unigrams and bigrams."""
        vec = self.words_
        if not (plain_word_bigrams(vec) and _plain_tfidf(vec)):
            return vec.transform(texts)
        return word_tfidf(vec, texts)

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_word_columns", None)  # a cache, not part of the model
        return state

    def get_feature_names_out(self, input_features=None):
        names = list(self.words_.get_feature_names_out()) + list(self.rules_.get_feature_names_out())
        if self.char_weight:
            names += [f"chars:{c}" for c in self.chars_.get_feature_names_out()]
        names += [f"vector:{k}" for k in range(self.vector_size_)]
        return np.asarray(names)


def fit_logistic(matrix, y, C: float, class_weight="balanced", max_iter: int = 3000) -> LogisticRegression | None:
    """A logistic regression, or None when ``y`` holds a single class."""
    if len(np.unique(y)) < 2:
        return None
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=max_iter).fit(matrix, np.asarray(y))


class SentenceClassifier(BaseEstimator, ClassifierMixin):
    """A featurizer and a logistic regression in one estimator, for a single label.

    ``X`` is a list of :class:`SentenceView`; ``y`` labels (binary or multiclass).
    """

    def __init__(self, C: float = DetectorSettings.C, ngram_range=(1, 2), min_df: int = 1,
                 rule_weight: float = DetectorSettings.rule_weight, char_weight: float = DetectorSettings.char_weight,
                 vector_weight: float = 0.0, class_weight="balanced"):
        self.C = C
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.rule_weight = rule_weight
        self.char_weight = char_weight
        self.vector_weight = vector_weight
        self.class_weight = class_weight

    def fit(self, X: list[SentenceView], y):
        self.classes_ = np.unique(np.asarray(y))
        self.featurizer_ = SentenceFeaturizer(self.ngram_range, self.min_df, self.rule_weight, self.char_weight,
                                              self.vector_weight).fit(X)
        self.model_ = fit_logistic(self.featurizer_.transform(X), y, self.C, self.class_weight)
        return self

    def predict_proba(self, X: list[SentenceView]) -> np.ndarray:
        if self.model_ is None:
            return np.ones((len(X), 1))
        return self.model_.predict_proba(self.featurizer_.transform(X))

    def predict(self, X: list[SentenceView]) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
