"""The fitted detectors as plain arrays and vocabularies, loaded without scikit-learn.

``train`` writes ``detectors.npz`` beside the pickled estimators: the logistic
regressions' coefficients, the vectorizers' vocabularies and idf weights, the
featurizer's weights and the settings. A worker loads it with numpy alone: no
scikit-learn import (with scipy.stats and pandas, about a second of every
worker's start), and no dependence on the scikit-learn version that trained it.
Predictions equal those of the pickled estimators (a test compares them).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack

from ..process import file_sha256
from .vectorize import CharWbNgrams, _plain_tfidf, char_tfidf, dict_rows, plain_word_bigrams, word_tfidf

FORMAT = 2  # 2: a blend's detectors without vectors under "plain"
READS = (1, 2)


class Linear:
    """A fitted logistic regression's parameters: what :func:`.vectorize.proba` reads."""

    def __init__(self, coef_: np.ndarray, intercept_: np.ndarray, classes_: np.ndarray):
        self.coef_, self.intercept_, self.classes_ = coef_, intercept_, classes_


class Tfidf:
    """A fitted TF-IDF vectorizer with sublinear tf, idf and l2 norm: its vocabulary and
    idf, and for words the token pattern (lower-cased first, as scikit-learn's default)."""

    sublinear_tf, norm, use_idf, binary = True, "l2", True, False

    def __init__(self, vocabulary: dict, idf: np.ndarray, token_pattern: str | None = None,
                 analyzer: CharWbNgrams | None = None):
        self.vocabulary_, self.idf_, self.token_pattern, self.analyzer = vocabulary, idf, token_pattern, analyzer

    def build_tokenizer(self):
        return re.compile(self.token_pattern).findall

    def build_preprocessor(self):
        return str.lower


class Featurizer:
    """:class:`.model.SentenceFeaturizer`'s ``transform`` from its fitted parts."""

    def __init__(self, words: Tfidf, rules: dict, chars: Tfidf | None, rule_weight: float, char_weight: float,
                 vector_weight: float):
        self.words, self.rules, self.chars = words, rules, chars
        self.rule_weight, self.char_weight, self.vector_weight = rule_weight, char_weight, vector_weight
        self._word_columns: dict = {}

    def transform(self, X):
        from .features import context_features

        parts = [word_tfidf(self.words, [v.views["lemma"] for v in X]),
                 dict_rows(self.rules, [context_features(v) for v in X], len(self.rules)) * self.rule_weight]
        if self.chars is not None:
            parts.append(char_tfidf(self.chars, [v.views["text"] for v in X], self._word_columns) * self.char_weight)
        if self.vector_weight:
            parts.append(csr_matrix(np.vstack([v.vector for v in X])) * self.vector_weight)
        return hstack(parts).tocsr()


def save(det, path: Path, made_from: Path | None = None) -> Path:
    """Write fitted :class:`.detectors.Detectors` (scikit-learn estimators) as ``path``;
    ``made_from``: the pickled estimators' file, whose digest is kept to recognise it."""
    arrays: dict[str, np.ndarray] = {}
    spec = dict(_parts(det, "", arrays), format=FORMAT, made_from_sha256=file_sha256(made_from) if made_from else None)
    arrays["spec"] = np.frombuffer(json.dumps(spec, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(path, **arrays)
    return Path(path)


def _parts(det, prefix: str, arrays: dict) -> dict:
    """The spec of one set of detectors (and of its ``plain_`` partner, under "plain"); their
    arrays go into ``arrays`` with names that begin with ``prefix``."""
    from dataclasses import asdict

    feat = det.featurizer_
    for vec in [feat.words_] + ([feat.chars_] if feat.char_weight else []):
        if not (_plain_tfidf(vec) and vec.lowercase and vec.strip_accents is None):
            raise ValueError("the portable detectors only hold plain sublinear, l2-normed TF-IDF vectorizers")
    if not plain_word_bigrams(feat.words_):
        raise ValueError("the portable detectors only hold word unigrams and bigrams of the token pattern")
    arrays[f"{prefix}words_idf"] = feat.words_.idf_
    spec: dict = {
        "settings": asdict(det.settings),
        "words": {"vocabulary": {k: int(v) for k, v in feat.words_.vocabulary_.items()},
                  "token_pattern": feat.words_.token_pattern},
        "rules": {k: int(v) for k, v in feat.rules_.vocabulary_.items()},
        "chars": None,
        "weights": {"rule": feat.rule_weight, "char": feat.char_weight, "vector": feat.vector_weight},
        "models": {},
        "plain": _parts(det.plain_, f"{prefix}plain__", arrays) if det.plain_ is not None else None,
    }
    if feat.char_weight:
        analyzer = feat.chars_.analyzer
        spec["chars"] = {"vocabulary": {k: int(v) for k, v in feat.chars_.vocabulary_.items()},
                         "min_n": analyzer.min_n, "max_n": analyzer.max_n}
        arrays[f"{prefix}chars_idf"] = feat.chars_.idf_
    models = {f"labels/{k}": m for k, m in det.labels_.items()}
    models.update({f"spheres/{k}": m for k, m in det.spheres_.items()})
    models.update({"framing": det.framing_, "kind": det.kind_})
    for name, model in models.items():
        if model is None:
            spec["models"][name] = None
            continue
        key = prefix + name.replace("/", "__")
        arrays[f"{key}__coef"], arrays[f"{key}__intercept"] = model.coef_, model.intercept_
        spec["models"][name] = {"classes": [c.item() if hasattr(c, "item") else c for c in model.classes_]}
    return spec


def made_from(path: Path) -> str | None:
    """The digest of the pickled estimators ``path`` was made from (None if not recorded)."""
    with np.load(path, allow_pickle=False) as data:
        return json.loads(data["spec"].tobytes().decode("utf-8")).get("made_from_sha256")


def load(path: Path):
    """:class:`.detectors.Detectors` from ``path``, without scikit-learn."""
    with np.load(path, allow_pickle=False) as data:
        spec = json.loads(data["spec"].tobytes().decode("utf-8"))
        if spec.get("format") not in READS:
            raise ValueError(f"{path}: portable detectors of format {spec.get('format')}, this version reads {READS}")
        arrays = {k: data[k] for k in data.files if k != "spec"}
    return _build(spec, "", arrays)


def _build(spec: dict, prefix: str, arrays: dict):
    """:class:`.detectors.Detectors` from the spec that :func:`_parts` wrote."""
    from .detectors import DetectorSettings, Detectors

    def model(name):
        entry = spec["models"].get(name)
        if entry is None:
            return None
        key = prefix + name.replace("/", "__")
        return Linear(arrays[f"{key}__coef"], arrays[f"{key}__intercept"], np.asarray(entry["classes"], dtype=object))

    chars = None
    if spec["chars"]:
        chars = Tfidf(spec["chars"]["vocabulary"], arrays[f"{prefix}chars_idf"],
                      analyzer=CharWbNgrams(spec["chars"]["min_n"], spec["chars"]["max_n"]))
    w = spec["weights"]
    det = Detectors(DetectorSettings.resolve(spec["settings"]))
    det.featurizer_ = Featurizer(Tfidf(spec["words"]["vocabulary"], arrays[f"{prefix}words_idf"],
                                       spec["words"]["token_pattern"]),
                                 spec["rules"], chars, w["rule"], w["char"], w["vector"])
    det.labels_ = {name.split("/", 1)[1]: model(name) for name in spec["models"] if name.startswith("labels/")}
    det.spheres_ = {name.split("/", 1)[1]: model(name) for name in spec["models"] if name.startswith("spheres/")}
    det.framing_, det.kind_ = model("framing"), model("kind")
    det.plain_ = _build(spec["plain"], f"{prefix}plain__", arrays) if spec.get("plain") else None
    return det
