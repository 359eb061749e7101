"""Score an analyze output folder against gold JSON Lines (codebook shape).

Gold and predicted sentences are aligned through their words, so a different
sentence split costs only what it really changes:

- coverage: share of gold words found in the predicted sentences, in order or, where
  the two reading orders differ, in runs of at least ``MIN_RUN`` words;
- purity: share of the predicted sentences' words that are gold body words
  (not titles, running headers, page numbers, footnotes or contents lines);
- one-to-one: share of gold sentences whose words all sit in one predicted
  sentence that holds no words of another gold sentence (with at least
  ``MIN_SHARE`` of both aligned, so OCR slips do not count as splits);
- per label: precision, recall, F1 and Cohen's kappa over units, where a unit
  is a gold sentence (with the labels of the predicted sentences whose words
  mostly belong to it) or a predicted sentence that matches no gold words.

Gold documents that carry ``page`` on their sentences (coded pages of real
documents) are judged only on those pages.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .detect.metrics import codebook_scores, prf
from .errors import Errors, SocialeBasisError
from .records import LABELS, empty_codebook_fields, read_gold_documents, read_jsonl

MIN_SHARE = 0.8
MIN_RUN = 4  # words: the shortest run matched out of reading order
MAX_PASSES = 4
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def load_gold(path: Path) -> list[dict]:
    docs = [d for d in read_gold_documents(path) if "doc_id" in d]
    if not docs:
        raise SocialeBasisError(Errors.E009.format(path=path))
    return docs


def load_predictions(folder: Path) -> dict[str, list[dict]]:
    path = Path(folder) / "sentences.jsonl"
    if not path.exists():
        raise SocialeBasisError(Errors.E011.format(folder=folder))
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for s in read_jsonl(path):
        by_doc[s["doc_id"]].append(s)
    return by_doc


@dataclass
class Alignment:
    gold_words: int
    pred_words: int
    matched: int
    one_to_one: int
    gold_sentences: int
    home: list[int | None]  # for each predicted sentence, the gold sentence most of its words belong to


def matched_words(gold: list[str], pred: list[str]) -> list[tuple[int, int]]:
    """(gold index, predicted index) of the words both texts share: the longest matching
    blocks in order, then, in further passes over what is left, runs of at least
    ``MIN_RUN`` words that stand in another order (a text box or column read before or
    after its neighbour by one extractor and not the other)."""
    pairs = []
    g_left, p_left = list(range(len(gold))), list(range(len(pred)))
    for passes in range(MAX_PASSES):
        matcher = SequenceMatcher(None, [gold[i] for i in g_left], [pred[j] for j in p_left], autojunk=False)
        found = []
        for a, b, size in matcher.get_matching_blocks():
            run = [(g_left[a + t], p_left[b + t]) for t in range(size)]
            if passes == 0:
                found += run
                continue
            # a later pass keeps only runs that are contiguous in both texts, and long enough to mean something
            start = 0
            for t in range(1, len(run) + 1):
                if t == len(run) or run[t][0] != run[t - 1][0] + 1 or run[t][1] != run[t - 1][1] + 1:
                    if t - start >= MIN_RUN:
                        found += run[start:t]
                    start = t
        if not found:
            break
        pairs += found
        used_g, used_p = {g for g, _ in found}, {p for _, p in found}
        g_left = [i for i in g_left if i not in used_g]
        p_left = [j for j in p_left if j not in used_p]
    return sorted(pairs)


def align(gold: list[str], pred: list[str]) -> Alignment:
    """Align gold and predicted sentence texts through their word sequences."""
    g_words, g_owner = [], []
    for k, text in enumerate(gold):
        for w in words(text):
            g_words.append(w)
            g_owner.append(k)
    p_words, p_owner = [], []
    for k, text in enumerate(pred):
        for w in words(text):
            p_words.append(w)
            p_owner.append(k)
    pairs = matched_words(g_words, p_words)
    g_len = [0] * len(gold)
    p_len = [0] * len(pred)
    for k in g_owner:
        g_len[k] += 1
    for k in p_owner:
        p_len[k] += 1
    links: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))  # gold -> pred -> count
    back: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))  # pred -> gold -> count
    for gi, pi in pairs:
        links[g_owner[gi]][p_owner[pi]] += 1
        back[p_owner[pi]][g_owner[gi]] += 1
    one = 0
    for g in range(len(gold)):
        targets = links.get(g, {})
        if len(targets) != 1 or not g_len[g]:
            continue
        (p, n), = targets.items()
        if len(back[p]) == 1 and n >= MIN_SHARE * g_len[g] and n >= MIN_SHARE * p_len[p]:
            one += 1
    home = [max(back[p], key=back[p].get) if back.get(p) else None for p in range(len(pred))]
    return Alignment(len(g_words), len(p_words), len(pairs), one, sum(1 for n in g_len if n), home)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    def scores(self) -> dict:
        return prf(self.tp, self.fp, self.fn, self.tn)


@dataclass
class Totals:
    documents: int = 0
    missing: int = 0
    gold_words: int = 0
    pred_words: int = 0
    matched: int = 0
    gold_sentences: int = 0
    one_to_one: int = 0
    labels: dict = field(default_factory=lambda: {lab: Counts() for lab in LABELS})

    def add(self, a: Alignment) -> None:
        self.documents += 1
        self.gold_words += a.gold_words
        self.pred_words += a.pred_words
        self.matched += a.matched
        self.gold_sentences += a.gold_sentences
        self.one_to_one += a.one_to_one

    def segmentation(self) -> dict:
        return {
            "documents": self.documents,
            "missing": self.missing,
            "coverage": round(self.matched / self.gold_words, 4) if self.gold_words else 0.0,
            "purity": round(self.matched / self.pred_words, 4) if self.pred_words else 0.0,
            "one_to_one": round(self.one_to_one / self.gold_sentences, 4) if self.gold_sentences else 0.0,
            "gold_sentences": self.gold_sentences,
        }


def _label_units(gold_sents: list[dict], merged: list[dict], unmatched: list[dict]):
    """(gold labels, predicted labels) per unit; see the module docs."""
    units = [(set(), set(p.get("labels") or [])) for p in unmatched]
    units += [(set(g.get("labels") or []), set(m["labels"])) for g, m in zip(gold_sents, merged)]
    return units


_EVIDENCE_RANK = {"none": 0, "generic": 1, "specific": 2}


def merge_predictions(preds: list[dict]) -> dict:
    """What the pipeline said of one gold sentence, from the predicted sentences
    whose words mostly belong to it."""
    merged = empty_codebook_fields()
    for p in preds:
        for key in ("labels", "sphere", "actors"):
            merged[key] += [x for x in (p.get(key) or []) if x not in merged[key]]
        for key in ("framing", "cause", "effect", "monitoring_kind", "evidence_source"):
            merged[key] = merged[key] or p.get(key)
        if p.get("evidence") and _EVIDENCE_RANK.get(p["evidence"], 0) >= _EVIDENCE_RANK.get(merged["evidence"] or "none", 0):
            merged["evidence"] = p["evidence"]
        merged["savings"] = merged["savings"] or bool(p.get("savings"))
        if p.get("claim_probability") is not None:
            merged["claim_probability"] = max(merged["claim_probability"] or 0.0, p["claim_probability"])
        merged["cites_knowledge"] = merged["cites_knowledge"] or p.get("cites_knowledge")
    return merged


def evaluate(gold_path: Path, folder: Path) -> dict:
    """All scores of ``folder`` against ``gold_path``, per layout and overall."""
    gold_docs = load_gold(Path(gold_path))
    predictions = load_predictions(Path(folder))
    per_layout: dict[str, Totals] = defaultdict(Totals)
    overall = Totals()
    per_doc = []
    pairs = []
    missing: list[str] = []
    for doc in gold_docs:
        layout = doc.get("layout") or _layout_of(doc["doc_id"])
        gold_sents = [s for s in doc["sentences"] if words(s.get("text", ""))]
        pred_sents = predictions.get(doc["doc_id"])
        if pred_sents is None:
            per_layout[layout].missing += 1
            overall.missing += 1
            missing.append(doc["doc_id"])
            continue
        pages = {s["page"] for s in gold_sents if s.get("page") is not None}
        if pages:
            pred_sents = [s for s in pred_sents if s.get("page") in pages]
        a = align([s["text"] for s in gold_sents], [s["text"] for s in pred_sents])
        by_gold: dict[int, list[dict]] = defaultdict(list)
        for p, h in enumerate(a.home):
            if h is not None:
                by_gold[h].append(pred_sents[p])
        merged = [merge_predictions(by_gold.get(k, [])) for k in range(len(gold_sents))]
        unmatched = [pred_sents[p] for p, h in enumerate(a.home) if h is None]
        units = _label_units(gold_sents, merged, unmatched)
        for totals in (per_layout[layout], overall):
            totals.add(a)
            for gold_labels, pred_labels in units:
                for lab in LABELS:
                    totals.labels[lab].add(lab in gold_labels, lab in pred_labels)
        muni = doc.get("municipality") or ""
        pairs += [(g, m, muni) for g, m in zip(gold_sents, merged)]
        per_doc.append({"doc_id": doc["doc_id"], "layout": layout,
                        "coverage": round(a.matched / a.gold_words, 4) if a.gold_words else 0.0,
                        "purity": round(a.matched / a.pred_words, 4) if a.pred_words else 0.0,
                        "one_to_one": round(a.one_to_one / a.gold_sentences, 4) if a.gold_sentences else 0.0})
    return {
        "gold": str(gold_path),
        "predictions": str(folder),
        "segmentation": {"overall": overall.segmentation(),
                         **{k: v.segmentation() for k, v in sorted(per_layout.items())}},
        "labels": {lab: overall.labels[lab].scores() for lab in LABELS},
        "codebook": codebook_scores(pairs),
        "documents": per_doc,
        "missing_documents": missing,  # gold doc_ids the output has no sentences for
        "output_documents": sorted(predictions)[:5],  # a few of the output's doc_ids, to compare
    }


def _layout_of(doc_id: str) -> str:
    return doc_id.split("/")[0] if "/" in doc_id else "all"
