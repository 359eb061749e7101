"""Fit the detectors on gold JSON Lines, cross-validate by document, save to models/."""
from __future__ import annotations

from dataclasses import asdict
import json
import random
from pathlib import Path

import joblib
import numpy as np
import sklearn

from ..errors import Errors, SocialeBasisError
from ..process import file_sha256
from .detectors import REGISTRY, DetectorSettings, Detectors, embed, lemmatize, views_from_sentences
from . import portable
from .meta import MODEL_FILE, PORTABLE_FILE
from .metrics import codebook_scores

MODELS_DIR = Path(__file__).resolve().parents[2] / "models" / "detectors"


def read_gold(paths: list[Path]) -> list[dict]:
    """Documents in the codebook shape from one or more JSON Lines files."""
    docs = []
    for path in paths:
        path = Path(path)
        found = 0
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    doc = json.loads(line)
                    if "sentences" in doc:
                        doc.setdefault("municipality", "")
                        doc["_source"] = str(path)
                        docs.append(doc)
                        found += 1
        if not found:
            raise SocialeBasisError(Errors.E009.format(path=path))
    return docs


def document_views(doc: dict, nlp=None, vectors: str = "none"):
    texts = [s["text"] for s in doc["sentences"]]
    return views_from_sentences(doc["sentences"], lemmatize(texts, nlp), embed(texts, vectors))


def crossval(eval_paths: list[Path], extra_paths: list[Path] = (), folds: int = 8, nlp=None,
             settings: DetectorSettings | None = None, seed: int = 0) -> dict:
    """Document-grouped cross-validation: each document of ``eval_paths`` is scored
    by detectors fitted without it; ``extra_paths`` are always in training."""
    settings = DetectorSettings.resolve(settings)
    docs = read_gold(eval_paths)
    extra = read_gold(list(extra_paths)) if extra_paths else []
    views = [document_views(d, nlp, settings.vectors) for d in docs]
    extra_views = [document_views(d, nlp, settings.vectors) for d in extra]
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    fold_of = {k: i % folds for i, k in enumerate(order)}
    pairs = []
    for fold in range(folds):
        train = [k for k in order if fold_of[k] != fold]
        test = [k for k in order if fold_of[k] == fold]
        if not test:
            continue
        det = Detectors(settings).fit(
            [views[k] for k in train] + extra_views,
            [docs[k]["sentences"] for k in train] + [d["sentences"] for d in extra])
        for k in test:
            for g, p in zip(docs[k]["sentences"], det.predict(views[k])):
                pairs.append((g, p, docs[k].get("municipality", "")))
    scores = codebook_scores(pairs)
    scores["setup"] = {"documents": len(docs), "sentences": len(pairs), "folds": folds,
                       "evaluated_on": [str(p) for p in eval_paths], "always_trained_on": [str(p) for p in extra_paths]}
    return scores


def train(gold_paths: list[Path], out: Path = MODELS_DIR, nlp=None, nlp_name: str = "",
          settings: DetectorSettings | None = None) -> Path:
    """Fit the detectors on every document of ``gold_paths`` and save them with
    the hashes of the data they saw."""
    settings = DetectorSettings.resolve(settings)
    docs = read_gold(gold_paths)
    det = Detectors(settings).fit([document_views(d, nlp, settings.vectors) for d in docs],
                                  [d["sentences"] for d in docs])
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(det, out / MODEL_FILE, compress=3)
    portable.save(det, out / PORTABLE_FILE, made_from=out / MODEL_FILE)
    meta = {
        "detectors": REGISTRY,
        "settings": asdict(det.settings),
        "nlp": nlp_name,
        "sklearn": sklearn.__version__,
        "trained_on": [{"path": str(p), "sha256": file_sha256(p),
                        "documents": sum(1 for d in docs if d["_source"] == str(p)),
                        "sentences": sum(len(d["sentences"]) for d in docs if d["_source"] == str(p))}
                       for p in gold_paths],
        "top_features": {lab: top_features(det, lab) for lab in det.labels_},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out / MODEL_FILE


def top_features(det: Detectors, label: str, n: int = 12) -> list[tuple[str, float]]:
    """The features that push most towards a label: what the classifier learned, for a reader."""
    model = det.labels_.get(label)
    if model is None:
        return []
    names = det.featurizer_.get_feature_names_out()
    coef = model.coef_[0]
    return [(str(names[i]), round(float(coef[i]), 3)) for i in np.argsort(coef)[::-1][:n]]
