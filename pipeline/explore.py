"""The Python API for notebooks: an analyze output folder as pandas DataFrames.

    import pipeline
    res = pipeline.load("out/sample")
    res.documents, res.sentences, res.claims
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import Errors, SocialeBasisError
from .records import read_jsonl

CATEGORICAL = {
    "documents": ("municipality", "doc_type", "status", "format", "language"),
    "sentences": ("municipality", "doc_type", "kind", "framing", "evidence", "monitoring_kind"),
}
LIST_COLUMNS = ("labels", "sphere", "actors")
# a document is a copy of another of its municipality when this share of its sentences is in that one
COPY_SHARE = 0.8


def has_label(sentences: pd.DataFrame, label: str) -> pd.Series:
    """A boolean mask of the sentences coded ``label`` (boolean also when there are no
    sentences: an empty mask of another type would select columns instead of rows)."""
    return sentences["labels"].map(lambda labels: label in labels).astype(bool)


@dataclass
class Results:
    """What analyze wrote, joined: documents, sentences (with their document's
    metadata), and the causal claims among them."""

    folder: Path
    documents: pd.DataFrame
    sentences: pd.DataFrame

    @property
    def claims(self) -> pd.DataFrame:
        """Sentences coded causal_claim, with cause, effect, evidence and savings."""
        mask = has_label(self.sentences, "causal_claim")
        cols = ["municipality", "year", "doc_type", "doc_id", "page", "section", "text", "cause", "effect",
                "evidence", "evidence_source", "savings", "framing", "sphere", "why"]
        return self.sentences.loc[mask, [c for c in cols if c in self.sentences.columns]].reset_index(drop=True)

    def with_label(self, label: str) -> pd.DataFrame:
        return self.sentences[has_label(self.sentences, label)].reset_index(drop=True)

    def filter(self, municipalities=None, year_from=None, year_to=None, doc_types=None) -> "Results":
        """A new Results restricted to some municipalities, years and document types."""
        docs = self.documents
        if municipalities:
            docs = docs[docs["municipality"].isin(list(municipalities))]
        if year_from is not None:
            docs = docs[docs["year"].fillna(-1) >= year_from]
        if year_to is not None:
            docs = docs[docs["year"].fillna(10 ** 6) <= year_to]
        if doc_types:
            docs = docs[docs["doc_type"].isin(list(doc_types))]
        return self._of(docs)

    def _of(self, docs: pd.DataFrame) -> "Results":
        """A new Results of some of these documents (rows of ``self.documents``) and their sentences."""
        sents = self.sentences[self.sentences["doc_id"].isin(set(docs["doc_id"]))]
        return Results(self.folder, docs.reset_index(drop=True), sents.reset_index(drop=True))

    def duplicates(self, min_share: float = COPY_SHARE) -> pd.DataFrame:
        """Documents that repeat another document of the same municipality: at least ``min_share``
        of their sentences (compared by their words) stand in it too. The same plan published as
        PDF and as web page, or saved twice, would otherwise count its goals and claims twice.
        Of each set of copies the document with most sentences is the original; one row per copy:
        municipality, doc_id, copy_of, shared (the share of its sentences found in copy_of)."""
        rows = []
        sents = self.sentences
        if sents.empty:
            return pd.DataFrame(rows, columns=["municipality", "doc_id", "copy_of", "shared"])
        words = sents["text"].astype(str).map(lambda t: " ".join(re.findall(r"\w+", t.lower())))
        by_doc = words.groupby(sents["doc_id"].astype(str)).agg(lambda texts: set(texts) - {""})
        muni_of = sents.drop_duplicates("doc_id").set_index("doc_id")["municipality"].astype(str)
        for muni, docs in muni_of.groupby(muni_of):
            kept: list[str] = []
            for doc in sorted(docs.index, key=lambda d: (-len(by_doc[d]), d)):
                mine = by_doc[doc]
                original = next((k for k in kept if mine and len(mine & by_doc[k]) >= min_share * len(mine)), None)
                if original is None:
                    kept.append(doc)
                else:
                    rows.append((muni, doc, original, round(len(mine & by_doc[original]) / len(mine), 3)))
        return pd.DataFrame(rows, columns=["municipality", "doc_id", "copy_of", "shared"])

    def without_duplicates(self, min_share: float = COPY_SHARE) -> "Results":
        """A new Results without the documents :meth:`duplicates` finds to be copies."""
        return self.without(self.duplicates(min_share)["doc_id"])

    def without(self, doc_ids) -> "Results":
        """A new Results without the given documents."""
        drop = set(map(str, doc_ids))
        return self._of(self.documents[~self.documents["doc_id"].astype(str).isin(drop)])


def load(folder) -> Results:
    """Read an analyze output folder (documents.jsonl and sentences.jsonl)."""
    folder = Path(folder)
    if not (folder / "documents.jsonl").exists() or not (folder / "sentences.jsonl").exists():
        raise SocialeBasisError(Errors.E011.format(folder=folder))
    docs = pd.DataFrame(read_jsonl(folder / "documents.jsonl"))
    sents = pd.DataFrame(read_jsonl(folder / "sentences.jsonl"))
    if sents.empty:
        sents = pd.DataFrame(columns=["doc_id", "i", "page", "section", "kind", "text", "labels", "sphere", "framing",
                                      "evidence", "evidence_source", "cause", "effect", "savings", "actors",
                                      "monitoring_kind", "why"])
    meta = docs[["doc_id", "municipality", "year", "doc_type", "title"]]
    sents = sents.merge(meta, on="doc_id", how="left")
    for col in LIST_COLUMNS:
        if col in sents.columns:
            sents[col] = sents[col].map(lambda v: list(v) if isinstance(v, list) else [])
    docs["year"] = pd.array(docs["year"], dtype="Int64")
    sents["year"] = pd.array(sents["year"], dtype="Int64")
    for frame, name in ((docs, "documents"), (sents, "sentences")):
        for col in CATEGORICAL[name]:
            if col in frame.columns:
                frame[col] = frame[col].fillna("").astype("category")
    return Results(folder, docs, sents)
