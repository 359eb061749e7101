"""Scores of coded sentences against gold, for every codebook field.

Input: pairs of (gold record, predicted record, municipality), one per gold
sentence (the predicted record is what the pipeline said of that sentence).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..records import EVIDENCE, FRAMINGS, LABELS, SPHERES


def prf(tp: int, fp: int, fn: int, tn: int = 0) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    n = tp + fp + fn + tn
    kappa = 0.0
    if n:
        po = (tp + tn) / n
        pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n)
        kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "kappa": round(kappa, 4),
            "support": tp + fn, "predicted": tp + fp}


def macro_f1(scores: dict) -> float:
    """Mean F1 over the fields that occur in the gold or in the predictions: a field
    neither coded nor predicted (no definitions in a council motion) says nothing of
    quality and is left out rather than counted as 0."""
    seen = [v["f1"] for v in scores.values() if v["support"] or v["predicted"]]
    return round(sum(seen) / len(seen), 4) if seen else 0.0


def _binary(pairs, test) -> dict:
    c = Counter()
    for g, p, _ in pairs:
        gold, pred = test(g), test(p)
        c[(gold, pred)] += 1
    return prf(c[(True, True)], c[(False, True)], c[(True, False)], c[(False, False)])


def _tokens(text) -> Counter:
    return Counter(w.lower() for w in re.findall(r"\w+", text or ""))


def token_f1(gold: str | None, pred: str | None) -> float:
    a, b = _tokens(gold), _tokens(pred)
    if not a and not b:
        return 1.0
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(b.values()), overlap / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def estimated_share(citing_weight: float, claim_weight: float) -> float:
    """The share of causal claims that cite knowledge, estimated from every sentence's claim
    probability instead of the claims above the threshold: the sum of the probabilities of the
    sentences that cite knowledge over the sum of all probabilities ("probabilistic classify and
    count"). Sentences near the threshold count by how likely they are claims, so one claim more
    or less found does not move a municipality's share by a whole claim."""
    return citing_weight / claim_weight if claim_weight else 0.0


def codebook_scores(pairs: list[tuple[dict, dict, str]]) -> dict:
    labels = {lab: _binary(pairs, lambda r, lab=lab: lab in (r.get("labels") or [])) for lab in LABELS}
    spheres = {s: _binary(pairs, lambda r, s=s: s in (r.get("sphere") or [])) for s in SPHERES}
    sphere_macro = macro_f1(spheres)

    claims = [(g, p, m) for g, p, m in pairs if "causal_claim" in (g.get("labels") or [])]
    found = [(g, p, m) for g, p, m in claims if "causal_claim" in (p.get("labels") or [])]
    cause = [token_f1(g.get("cause"), p.get("cause")) for g, p, _ in found]
    effect = [token_f1(g.get("effect"), p.get("effect")) for g, p, _ in found]
    confusion = {a: {b: 0 for b in EVIDENCE} for a in EVIDENCE}
    for g, p, _ in found:
        confusion[g.get("evidence") or "none"][p.get("evidence") or "none"] += 1
    cites = _binary(found, lambda r: (r.get("evidence") or "none") != "none")
    accuracy = sum(confusion[a][a] for a in EVIDENCE) / len(found) if found else 0.0
    both_cite = [(g, p) for g, p, _ in found if (g.get("evidence") or "none") != "none"
                 and (p.get("evidence") or "none") != "none"]
    source = [token_f1(g.get("evidence_source"), p.get("evidence_source")) for g, p in both_cite]

    per_muni = defaultdict(lambda: {"gold_claims": 0, "gold_citing": 0, "pred_claims": 0, "pred_citing": 0,
                                    "claim_weight": 0.0, "citing_weight": 0.0})
    weighted = any(p.get("claim_probability") is not None for _, p, _ in pairs)
    for g, p, m in pairs:
        row = per_muni[m]
        if "causal_claim" in (g.get("labels") or []):
            row["gold_claims"] += 1
            row["gold_citing"] += (g.get("evidence") or "none") != "none"
        if "causal_claim" in (p.get("labels") or []):
            row["pred_claims"] += 1
            row["pred_citing"] += (p.get("evidence") or "none") != "none"
        weight = p.get("claim_probability") or 0.0
        row["claim_weight"] += weight
        row["citing_weight"] += weight if p.get("cites_knowledge") else 0.0
    rates = {}
    for m, row in sorted(per_muni.items()):
        if not row["gold_claims"]:
            continue
        claim_weight, citing_weight = row.pop("claim_weight"), row.pop("citing_weight")  # not part of the row
        gold_rate = row["gold_citing"] / row["gold_claims"]
        pred_rate = row["pred_citing"] / row["pred_claims"] if row["pred_claims"] else 0.0
        rates[m] = dict(row, gold_rate=round(gold_rate, 4), pred_rate=round(pred_rate, 4),
                        error=round(abs(gold_rate - pred_rate), 4))
        if weighted:
            estimate = estimated_share(citing_weight, claim_weight)
            rates[m].update(estimated_rate=round(estimate, 4), estimated_error=round(abs(gold_rate - estimate), 4))
    errors = [r["error"] for r in rates.values()]
    estimated_errors = [r["estimated_error"] for r in rates.values() if "estimated_error" in r]

    framing = _binary(pairs, lambda r: bool(r.get("framing")))
    framing_exact = {f: _binary(pairs, lambda r, f=f: (r.get("framing") or "") == f) for f in FRAMINGS if f}
    monitoring = [(g, p) for g, p, _ in pairs if "monitoring" in (g.get("labels") or [])
                  and "monitoring" in (p.get("labels") or [])]
    kind_acc = (sum(1 for g, p in monitoring if g.get("monitoring_kind") == p.get("monitoring_kind")) / len(monitoring)
                if monitoring else 0.0)
    savings = _binary(found, lambda r: bool(r.get("savings")))
    return {
        "labels": labels,
        "macro_f1": macro_f1(labels),
        "sphere": dict(spheres, macro_f1=sphere_macro),
        "spans": {"claims_scored": len(found), "cause_token_f1": round(sum(cause) / len(cause), 4) if cause else 0.0,
                  "effect_token_f1": round(sum(effect) / len(effect), 4) if effect else 0.0},
        "evidence": {"claims_scored": len(found), "cites_knowledge": cites, "accuracy": round(accuracy, 4),
                     "confusion": confusion, "sources_scored": len(source),
                     "source_token_f1": round(sum(source) / len(source), 4) if source else None},
        "evidence_rate": {"per_municipality": rates, "mean_error": round(sum(errors) / len(errors), 4) if errors else 0.0,
                          "max_error": round(max(errors), 4) if errors else 0.0,
                          "estimated_mean_error": round(sum(estimated_errors) / len(estimated_errors), 4)
                          if estimated_errors else None,
                          "estimated_max_error": round(max(estimated_errors), 4) if estimated_errors else None},
        "savings": savings,
        "framing": {"any": framing, **framing_exact},
        "monitoring_kind_accuracy": round(kind_acc, 4),
    }
