"""Write a synthetic analyze output folder with many municipalities, to test the report at scale.

    python tests/synthetic_output.py OUT_DIR [MUNICIPALITIES]
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from pipeline.records import LABELS, SPHERES


def write_output(out: Path, municipalities: int = 342, seed: int = 0) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "documents.jsonl", "w", encoding="utf-8") as docs, \
            open(out / "sentences.jsonl", "w", encoding="utf-8") as sents:
        for m in range(municipalities):
            muni = f"Gemeente {m:03d}"
            for d in range(2):
                doc_id = f"g{m:03d}/plan-{d}"
                docs.write(json.dumps({"doc_id": doc_id, "municipality": muni, "year": 2020 + d, "doc_type": "beleidsplan",
                                       "title": f"Plan {d}", "pages": 10, "status": "ok", "error": "",
                                       "format": "pdf", "language": "nl"}) + "\n")
                for i in range(30):
                    labels = rng.sample(LABELS, rng.choice((0, 0, 1, 1, 2)))
                    claim = "causal_claim" in labels
                    evidence = rng.choice(("none", "generic", "specific")) if claim else None
                    sents.write(json.dumps({
                        "doc_id": doc_id, "i": i, "page": 1 + i // 4, "section": "1. Inleiding", "kind": "paragraph",
                        "text": f"Zin {i} van {muni}, plan {d}: de sociale basis bestaat uit buren en verenigingen.",
                        "labels": labels, "sphere": rng.sample(SPHERES, rng.choice((0, 1, 2))),
                        "framing": rng.choice(("", "", "intrinsiek", "instrumenteel")),
                        "evidence": evidence,
                        "evidence_source": None, "cause": "buren" if claim else None,
                        "effect": "minder eenzaamheid" if claim else None, "savings": claim and rng.random() < 0.3,
                        "actors": ["gemeente"] if "collaboration" in labels else [],
                        "monitoring_kind": rng.choice(("output", "outcome", "learning")) if "monitoring" in labels else None,
                        "why": {}, "claim_probability": round(rng.uniform(0.5, 1) if claim else rng.uniform(0, 0.5), 3),
                        "cites_knowledge": evidence in ("generic", "specific") or rng.random() < 0.05}) + "\n")
    return out


if __name__ == "__main__":
    write_output(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 342)
