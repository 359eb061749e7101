"""Turning sentences into feature rows without scikit-learn: what prediction needs of the
fitted vectorizers and logistic regressions, computed as scikit-learn computes it. Used by
the estimators in :mod:`.model` (which fit with scikit-learn) and by the portable detectors
in :mod:`.portable` (which load without it)."""
from __future__ import annotations

import re

import numpy as np
from scipy.sparse import csr_matrix


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


def plain_word_bigrams(vec) -> bool:
    """Whether a fitted TfidfVectorizer counts word unigrams and bigrams of its token pattern
    (no stop words, preprocessor or tokenizer of its own), as :func:`word_tfidf` does."""
    return (vec.analyzer == "word" and tuple(vec.ngram_range) == (1, 2) and vec.stop_words is None
            and vec.preprocessor is None and vec.tokenizer is None)


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
    return l2_rows(counts)


def l2_rows(matrix):
    """Each row of a CSR matrix scaled to unit length in place (empty rows stay empty), as
    scikit-learn's ``normalize(norm="l2")`` does."""
    squares = np.square(matrix.data)
    lengths = np.zeros(matrix.shape[0])
    nonempty = np.diff(matrix.indptr) > 0
    lengths[nonempty] = np.sqrt(np.add.reduceat(squares, matrix.indptr[:-1][nonempty]))
    lengths[lengths == 0] = 1.0
    matrix.data /= np.repeat(lengths, np.diff(matrix.indptr))
    return matrix


def word_tfidf(vec, texts: list[str]):
    """``vec.transform(texts)`` for a plain TF-IDF of word unigrams and bigrams, without
    building the n-gram lists scikit-learn builds before it looks them up."""
    tokenize = vec.build_tokenizer()
    preprocess = vec.build_preprocessor()
    get = vec.vocabulary_.get
    rows = []
    for text in texts:
        tokens = tokenize(preprocess(text))
        grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
        rows.append([c for c in map(get, grams) if c is not None])
    return _tfidf(vec, rows)


def char_tfidf(vec, texts: list[str], cache: dict):
    """``vec.transform(texts)`` for a plain TF-IDF of :class:`CharWbNgrams`, with each word's
    columns looked up once (``cache``: word -> columns, kept by the caller)."""
    analyzer = vec.analyzer
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


def dict_rows(vocabulary: dict, dicts: list[dict], n_features: int):
    """``DictVectorizer.transform``: a row per dict, the value of each known key in its
    column; a text value counts 1 in the column of ``key=value``."""
    indptr, indices, data = [0], [], []
    for d in dicts:
        for key, value in d.items():
            if isinstance(value, str):
                key, value = f"{key}={value}", 1.0
            col = vocabulary.get(key)
            if col is not None:
                indices.append(col)
                data.append(value)
        indptr.append(len(indices))
    matrix = csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                         np.asarray(indptr, dtype=np.int64)), shape=(len(dicts), n_features))
    matrix.sort_indices()
    return matrix


def proba(model, M) -> np.ndarray:
    """``model.predict_proba(M)`` for a fitted logistic regression (``coef_``, ``intercept_``),
    computed as scikit-learn does (the logistic function for two classes, softmax for more)
    without its input checks, which cost more than the arithmetic on one document's sentences."""
    decision = np.asarray(M @ model.coef_.T) + model.intercept_
    if decision.shape[1] == 1:
        p = _expit(decision[:, 0])
        return np.column_stack([1 - p, p])
    shifted = decision - decision.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def _expit(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x, dtype=np.float64)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out
