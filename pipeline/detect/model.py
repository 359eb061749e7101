"""scikit-learn estimators over sentence views: lemma and character n-grams plus rule and context features."""
from __future__ import annotations

import re

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from .features import SentenceView, context_features


class CharWbNgrams:
    """scikit-learn's ``char_wb`` analyzer (lower case, n-grams inside words padded with a
    space) that remembers each word's n-grams: a document repeats its words, and building
    the n-grams in Python is most of what a character TF-IDF costs."""

    _WHITE_SPACES = re.compile(r"\s\s+")

    def __init__(self, min_n: int = 3, max_n: int = 5, cache_size: int = 200_000):
        self.min_n, self.max_n, self.cache_size = min_n, max_n, cache_size
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, doc: str) -> list[str]:
        out: list[str] = []
        cache = self._cache
        for word in self.words(doc):
            grams = cache.get(word)
            if grams is None:
                if len(cache) >= self.cache_size:
                    cache.clear()
                grams = cache[word] = self.word_ngrams(word)
            out.extend(grams)
        return out

    def words(self, doc: str) -> list[str]:
        return self._WHITE_SPACES.sub(" ", doc.lower()).split()

    def word_ngrams(self, word: str) -> tuple[str, ...]:
        w = f" {word} "
        grams = []
        for n in range(self.min_n, self.max_n + 1):
            if n >= len(w):  # a word no longer than n counts once, as scikit-learn does
                grams.append(w)
                break
            grams.extend(w[i:i + n] for i in range(len(w) - n + 1))
        return tuple(grams)

    def __getstate__(self):
        return {"min_n": self.min_n, "max_n": self.max_n, "cache_size": self.cache_size}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._cache = {}


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
        analyzer = vec.analyzer
        if not isinstance(analyzer, CharWbNgrams) or not _plain_tfidf(vec):
            return vec.transform(texts)
        cache = self.__dict__.setdefault("_word_columns", {})
        vocabulary = vec.vocabulary_
        rows = []
        for text in texts:
            row: list[int] = []
            for word in analyzer.words(text):
                cols = cache.get(word)
                if cols is None:
                    if len(cache) >= analyzer.cache_size:
                        cache.clear()
                    cols = cache[word] = [vocabulary[g] for g in analyzer.word_ngrams(word) if g in vocabulary]
                row.extend(cols)
            rows.append(row)
        return _tfidf(vec, rows)

    def _word_tfidf(self, texts: list[str]):
        """``self.words_.transform(texts)`` for lemma unigrams and bigrams, without building
        the n-gram lists scikit-learn builds before it looks them up."""
        vec = self.words_
        if (vec.analyzer != "word" or tuple(vec.ngram_range) != (1, 2) or vec.stop_words is not None
                or vec.preprocessor is not None or vec.tokenizer is not None or not _plain_tfidf(vec)):
            return vec.transform(texts)
        tokenize = vec.build_tokenizer()
        preprocess = vec.build_preprocessor()
        get = vec.vocabulary_.get
        rows = []
        for text in texts:
            tokens = tokenize(preprocess(text))
            grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
            rows.append([c for c in map(get, grams) if c is not None])
        return _tfidf(vec, rows)

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


def _plain_tfidf(vec) -> bool:
    """Whether a fitted TfidfVectorizer weighs as :func:`_tfidf` does."""
    return vec.sublinear_tf and vec.norm == "l2" and vec.use_idf and not vec.binary


def _tfidf(vec, rows: list[list[int]]):
    """TF-IDF rows from each row's vocabulary columns, as ``vec`` (a fitted TfidfVectorizer
    with sublinear tf, idf and l2 norm) computes them: 1 + log of the count, times the idf,
    each row scaled to unit length."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    columns = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    counts = csr_matrix((np.ones(len(columns)), columns, indptr), shape=(len(rows), len(vec.vocabulary_)))
    counts.sum_duplicates()
    np.log(counts.data, counts.data)
    counts.data += 1
    counts.data *= vec.idf_[counts.indices]
    return normalize(counts, norm="l2", copy=False)


def fit_logistic(matrix, y, C: float, class_weight="balanced", max_iter: int = 3000) -> LogisticRegression | None:
    """A logistic regression, or None when ``y`` holds a single class."""
    if len(np.unique(y)) < 2:
        return None
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=max_iter).fit(matrix, np.asarray(y))


class SentenceClassifier(BaseEstimator, ClassifierMixin):
    """A featurizer and a logistic regression in one estimator, for a single label.

    ``X`` is a list of :class:`SentenceView`; ``y`` labels (binary or multiclass).
    """

    def __init__(self, C: float = 12.0, ngram_range=(1, 2), min_df: int = 1, rule_weight: float = 0.8,
                 char_weight: float = 1.0, vector_weight: float = 0.0, class_weight="balanced"):
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
