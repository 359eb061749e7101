"""Fit the detectors on gold JSON Lines, cross-validate by document, save to models/."""
from __future__ import annotations

from dataclasses import asdict
import json
import random
import re
from collections import Counter
from pathlib import Path

import joblib
import numpy as np
import sklearn

from ..errors import Errors, SocialeBasisError
from ..process import file_sha256
from ..records import read_gold_documents
from .detectors import REGISTRY, DetectorSettings, Detectors, document_views, views_from_sentences
from . import portable
from .meta import MODEL_FILE, PORTABLE_FILE
from .metrics import codebook_scores

MODELS_DIR = Path(__file__).resolve().parents[2] / "models" / "detectors"


def read_gold(paths: list[Path]) -> list[dict]:
    """Documents in the codebook shape from one or more JSON Lines files."""
    docs = []
    for path in paths:
        for doc in read_gold_documents(Path(path)):
            doc.setdefault("municipality", "")
            doc["_source"] = str(path)
            docs.append(doc)
    return docs


def crossval(eval_paths: list[Path], extra_paths: list[Path] = (), folds: int = 8, nlp=None,
             settings: DetectorSettings | None = None, seed: int = 0, repeats: int = 1,
             footnotes: Path | None = None, by_municipality: bool = False) -> dict:
    """Document-grouped cross-validation: each document of ``eval_paths`` is scored
    by detectors fitted without it; ``extra_paths`` are always in training.

    ``footnotes``: the folder of the gold documents' block-format sources (``<doc_id>.json``,
    with their footnotes and the ``^N`` that call them). The scored sentences then carry the
    footnotes they call, as ``analyze`` reads them from a document, so that evidence in a
    footnote can be found; the detectors are fitted without them, as the shipped ones are.

    The documents go to folds at random (``seed``). With ``repeats`` above 1 the whole
    cross-validation runs again for the seeds after ``seed``, and ``scores["repeats"]`` gives
    each headline figure per seed with its mean, lowest and highest: how much the figures
    move with the fold assignment alone. The other scores are those of ``seed``.

    ``by_municipality``: one fold per municipality instead (``folds``, ``seed`` and ``repeats``
    do not apply): how the detectors code a municipality whose documents they never saw."""
    settings = DetectorSettings.resolve(settings)
    docs = read_gold(eval_paths)
    used = len(set(checked_folds(docs, folds, seed, by_municipality).values()))
    if by_municipality:
        folds, repeats = used, 1
    extra = read_gold(list(extra_paths)) if extra_paths else []
    views, extra_views = gold_views(docs, nlp, settings), gold_views(extra, nlp, settings)
    scored = views
    if footnotes:  # the same sentences with their notes: lemmas and embeddings made once, above
        scored = [views_from_sentences(d["sentences"], [v.lemmas for v in vs], [v.vector for v in vs])
                  for d, vs in zip(with_footnotes(docs, footnotes), views)]
    runs = []
    for run_seed in range(seed, seed + max(repeats, 1)):
        pairs = [pair for _, pair in held_out(docs, views, extra, extra_views, folds, settings, run_seed, scored,
                                              by_municipality)]
        runs.append(codebook_scores(pairs))
    scores = runs[0]
    scores["setup"] = {"documents": len(docs), "sentences": len(pairs), "folds": folds,
                       "grouped_by": "municipality" if by_municipality else "document",
                       "seed": None if by_municipality else seed,
                       "evaluated_on": [str(p) for p in eval_paths], "always_trained_on": [str(p) for p in extra_paths],
                       "footnotes_from": str(footnotes) if footnotes else None}
    if len(runs) > 1:
        scores["repeats"] = spread([summarise(r) for r in runs], list(range(seed, seed + len(runs))))
    return scores


def learning_curve(eval_paths: list[Path], extra_paths: list[Path] = (), sizes: list[int] | None = None,
                   folds: int = 8, nlp=None, settings: DetectorSettings | None = None, seed: int = 0,
                   repeats: int = 3) -> dict:
    """How the cross-validated figures grow with the number of coded documents the detectors
    are fitted on: the document-grouped cross-validation of :func:`crossval`, with each fold's
    detectors fitted on ``sizes[i]`` of the other folds' documents only (drawn at random; the
    documents of ``extra_paths`` always in training), for ``repeats`` assignments of documents
    to folds from ``seed`` on. Whether coding more documents would pay, and by how much.

    ``sizes``: by default 2, 4, 8, ... and the most any fold can train on (the documents not in
    the largest fold), with 0 first when there are ``extra_paths`` (what they alone give).
    ``scores["per_doubling"]``: the gain in label and sphere macro-F1 per doubling of the
    documents between the two largest sizes."""
    settings = DetectorSettings.resolve(settings)
    docs = read_gold(eval_paths)
    fold_of = checked_folds(docs, folds, seed)
    used = len(set(fold_of.values()))
    most = len(docs) - max(Counter(fold_of.values()).values())  # the documents outside the largest fold
    fewest = 0 if extra_paths else 1  # no document at all: the extra ones alone, if there are
    if sizes is None:
        sizes = [0] * (not fewest) + [n for n in (2 ** k for k in range(1, most.bit_length())) if n < most] + [most]
    sizes = sorted(set(sizes))
    if sizes[0] < fewest or sizes[-1] > most:
        raise SocialeBasisError(Errors.E008.format(
            key="--size", value=sizes[0] if sizes[0] < fewest else sizes[-1],
            rule=f"from {fewest} to {most}: with {len(docs)} documents in {used} folds, a fold trains on at most "
                 f"{most}" + (", and on one at least without --extra" if fewest else "")))
    extra = read_gold(list(extra_paths)) if extra_paths else []
    views, extra_views = gold_views(docs, nlp, settings), gold_views(extra, nlp, settings)
    seeds = list(range(seed, seed + max(repeats, 1)))
    rows = []
    for size in sizes:
        runs = [summarise(codebook_scores([pair for _, pair in held_out(docs, views, extra, extra_views, folds,
                                                                          settings, s, train_docs=size)]))
                for s in seeds]
        rows.append({"documents": size, "figures": spread(runs, seeds)["figures"]})
    scores = {"setup": {"documents": len(docs), "sentences": sum(len(d["sentences"]) for d in docs), "folds": used,
                        "seeds": seeds, "evaluated_on": [str(p) for p in eval_paths],
                        "always_trained_on": [str(p) for p in extra_paths],
                        "extra_documents": len(extra)},
              "sizes": rows, "per_doubling": None}
    if len(rows) > 1 and rows[-2]["documents"]:
        (a, b), steps = rows[-2:], np.log2(rows[-1]["documents"] / rows[-2]["documents"])
        scores["per_doubling"] = {
            "from": a["documents"], "to": b["documents"],
            **{name: round((b["figures"][name]["mean"] - a["figures"][name]["mean"]) / steps, 4)
               for name in ("label_macro_f1", "sphere_macro_f1")}}
    return scores


def spread(summaries: list[dict], seeds: list[int]) -> dict:
    """Each headline figure of :func:`summarise` over several runs: its values, mean, lowest
    and highest (figures that are None in a run, a label neither coded nor found, are left out)."""
    values: dict[str, list[float]] = {}
    for summary in summaries:
        flat = dict(summary)
        for lab, f1 in flat.pop("label_f1").items():
            flat[f"{lab}_f1"] = f1
        for name, value in flat.items():
            if value is not None:
                values.setdefault(name, []).append(value)
    return {"seeds": seeds,
            "figures": {name: {"values": v, "mean": round(sum(v) / len(v), 4), "min": min(v), "max": max(v)}
                        for name, v in values.items()}}


_CALL = re.compile(r"\^(\d+)")


def with_footnotes(docs: list[dict], folder: Path) -> list[dict]:
    """``docs`` with each sentence's ``footnotes`` ({"n", "text"}, as ``analyze`` writes them) from
    the document's block-format source ``folder/<doc_id>.json``: the notes its ``^N`` calls.
    Documents without a source, and sentences that call no note, are left as they are."""
    out = []
    for doc in docs:
        source = Path(folder) / f"{Path(doc['doc_id']).name}.json"
        if not source.exists():
            out.append(doc)
            continue
        blocks = json.loads(source.read_text(encoding="utf-8")).get("blocks", [])
        notes = {item["n"]: item["text"] for b in blocks if b.get("type") == "footnotes" for item in b.get("items", [])}
        calls = {}
        for b in blocks:
            if b.get("type") == "footnotes":
                continue
            for text in [*b.get("sentences", []), *b.get("items", []), b.get("intro") or ""]:
                found = [int(n) for n in _CALL.findall(text)]
                if found:
                    calls[" ".join(_CALL.sub("", text).split())] = [{"n": n, "text": notes.get(n, "")} for n in found]
        sentences = [dict(s, footnotes=calls[key]) if (key := " ".join(s["text"].split())) in calls else s
                     for s in doc["sentences"]]
        out.append(dict(doc, sentences=sentences))
    return out


def gold_views(docs: list[dict], nlp, settings: DetectorSettings) -> list:
    """The sentence views of each gold document, with its lemmas (and embeddings)."""
    return [document_views(d["sentences"], nlp, settings.vectors) for d in docs]


def assign_folds(docs: list[dict], folds: int, seed: int = 0, by_municipality: bool = False) -> dict[int, int]:
    """The fold of each document (by index, in the order of assignment): at random over
    ``folds`` folds (``seed``), or, with ``by_municipality``, one fold per municipality, so that
    every municipality's documents are scored by detectors fitted on other municipalities'
    documents alone (a document without a municipality is a municipality of its own)."""
    if by_municipality:
        keys = [d.get("municipality") or f"\0{d.get('doc_id', k)}" for k, d in enumerate(docs)]
        index = {key: i for i, key in enumerate(dict.fromkeys(keys))}
        return {k: index[key] for k, key in enumerate(keys)}
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    return {k: i % folds for i, k in enumerate(order)}


def checked_folds(docs: list[dict], folds: int, seed: int = 0, by_municipality: bool = False) -> dict[int, int]:
    """:func:`assign_folds`, refused with a clear error when the documents fill fewer than two
    folds (one document, ``folds`` 1, one municipality): nothing would be scored."""
    fold_of = assign_folds(docs, max(folds, 1), seed, by_municipality)
    used = len(set(fold_of.values()))
    if used < 2:
        how = "one per municipality they name" if by_municipality else "a fold needs a document of its own"
        raise SocialeBasisError(Errors.E008.format(
            key="--by-municipality" if by_municipality else "--folds", value=used if by_municipality else folds,
            rule=f"cross-validation needs two folds or more, and the scored documents fill {used} ({how})"))
    return fold_of


def held_out(docs: list[dict], views: list, extra: list[dict], extra_views: list, folds: int,
             settings: DetectorSettings, seed: int = 0, scored: list | None = None, by_municipality: bool = False,
             train_docs: int | None = None):
    """(document index, (gold, predicted, municipality)) for every sentence of ``docs``, each
    document predicted by detectors fitted on the other folds' documents and on ``extra``
    (``views`` and ``extra_views``: their sentence views, made once by the caller; ``scored``:
    other views of ``docs`` to predict from, such as with their footnotes; the folds as
    :func:`assign_folds` makes them). ``train_docs``: fit each fold on that many of the other
    folds' documents only, drawn at random (``seed``), as for a learning curve."""
    scored = scored or views
    fold_of = assign_folds(docs, folds, seed, by_municipality)
    order = list(fold_of)  # the documents in the order they were assigned
    out = []
    for fold in sorted(set(fold_of.values())):
        train = [k for k in order if fold_of[k] != fold]
        test = [k for k in order if fold_of[k] == fold]
        if not test or not train:
            continue
        if train_docs is not None and len(train) > train_docs:
            train = random.Random(seed * 1000 + fold).sample(train, train_docs)
        det = Detectors(settings).fit(
            [views[k] for k in train] + extra_views,
            [docs[k]["sentences"] for k in train] + [d["sentences"] for d in extra])
        for k in test:
            for g, p in zip(docs[k]["sentences"], det.predict(scored[k])):
                out.append((k, (g, p, docs[k].get("municipality", ""))))
    return out


def train(gold_paths: list[Path], out: Path = MODELS_DIR, nlp=None, nlp_name: str = "",
          settings: DetectorSettings | None = None, metric_folds: int = 8) -> Path:
    """Fit the detectors on every document of ``gold_paths`` and save them with
    the hashes of the data they saw and, unless ``metric_folds`` is 0, their
    document-grouped cross-validated quality on each file."""
    settings = DetectorSettings.resolve(settings)
    docs = read_gold(gold_paths)
    views = gold_views(docs, nlp, settings)  # lemmas (and e5) once, for the fit and the metrics
    det = Detectors(settings).fit(views, [d["sentences"] for d in docs])
    metrics = training_metrics(docs, views, gold_paths, metric_folds, settings) if metric_folds else None
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
        "metrics": metrics,
        "top_features": {lab: top_features(det, lab) for lab in det.labels_},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out / MODEL_FILE


def training_metrics(docs: list[dict], views: list, gold_paths: list[Path], folds: int,
                     settings: DetectorSettings) -> dict:
    """Quality of detectors like these on each training file: ``folds``-fold cross-validation
    over all documents together, grouped by document, scored per file."""
    folds = min(folds, len(docs))
    by_file: dict[str, list] = {}
    for k, pair in held_out(docs, views, [], [], folds, settings):
        by_file.setdefault(docs[k]["_source"], []).append(pair)
    return {"how": f"{folds}-fold cross-validation over all documents of the training files, grouped by "
                   "document; each file's sentences scored by detectors fitted without their document",
            "folds": folds,
            "files": {str(p): summarise(codebook_scores(by_file[str(p)])) for p in gold_paths if str(p) in by_file}}


def summarise(scores: dict) -> dict:
    """The headline figures of :func:`.metrics.codebook_scores`."""
    evidence = scores.get("evidence") or {}
    return {
        # None: a field neither coded nor predicted in the file (left out of the macro-F1 too)
        "label_f1": {lab: s["f1"] if s["support"] or s["predicted"] else None for lab, s in scores["labels"].items()},
        "label_macro_f1": scores["macro_f1"],
        "sphere_macro_f1": scores["sphere"]["macro_f1"],
        "cause_token_f1": scores["spans"].get("cause_token_f1"),
        "effect_token_f1": scores["spans"].get("effect_token_f1"),
        "evidence_cites_knowledge_f1": (evidence.get("cites_knowledge") or {}).get("f1"),
        "evidence_accuracy": evidence.get("accuracy"),
        "evidence_rate_mean_error": (scores.get("evidence_rate") or {}).get("mean_error"),
        "evidence_rate_estimated_mean_error": (scores.get("evidence_rate") or {}).get("estimated_mean_error"),
    }


def top_features(det: Detectors, label: str, n: int = 12) -> list[tuple[str, float]]:
    """The features that push most towards a label: what the classifier learned, for a reader."""
    model = det.labels_.get(label)
    if model is None:
        return []
    names = det.featurizer_.get_feature_names_out()
    coef = model.coef_[0]
    return [(str(names[i]), round(float(coef[i]), 3)) for i in np.argsort(coef)[::-1][:n]]
