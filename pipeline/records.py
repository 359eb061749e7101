"""Plain records passed between stages: file -> pages and blocks -> sentences.

Records are frozen dataclasses or dicts; a later stage builds new records
instead of changing the ones it was given.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import Errors, SocialeBasisError

# Block kinds. Only BODY kinds become sentences; the others are kept for
# sections (headings), evidence (footnotes) or discarded with a reason.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
FOOTNOTE = "footnote"
TITLE = "title"  # document title and the front matter beside it
TOC = "toc"
FURNITURE = "furniture"  # running headers, footers, page numbers
BODY_KINDS = (PARAGRAPH, LIST_ITEM)
# the heading level of a table's header row, read as the section of the cells below it
TABLE_HEADER_LEVEL = 9

# Codebook fields every sentence record carries, with their empty values; the last two are the
# detectors' own, for estimates of shares (docs/detectors.md, "Estimated shares").
CODEBOOK_FIELDS = {
    "labels": list,
    "sphere": list,
    "framing": lambda: "",
    "evidence": lambda: None,
    "evidence_source": lambda: None,
    "cause": lambda: None,
    "effect": lambda: None,
    "savings": lambda: False,
    "actors": list,
    "monitoring_kind": lambda: None,
    "claim_probability": lambda: None,  # the causal-claim classifier's probability, every sentence
    "cites_knowledge": lambda: None,  # the evidence detector finds support, claim or not
}
# The codebook's values for those fields (../shared/codebook.md), in its order.
LABELS = ("definition", "goal", "causal_claim", "intervention", "collaboration", "monitoring")
SPHERES = ("persoonlijk", "gemeenschappelijk", "institutioneel")
EVIDENCE = ("none", "generic", "specific")
FRAMINGS = ("", "intrinsiek", "instrumenteel")
MONITORING_KINDS = ("output", "outcome", "learning")


@dataclass(frozen=True)
class Word:
    """A word on a page with its box (PDF points, top-left origin) and font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False

    @property
    def height(self) -> float:
        return self.bottom - self.top


Box = tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points, top-left origin)


@dataclass(frozen=True)
class Table:
    """A table ruled on a page: the boxes of its cells, row by row, left to right.

    A cell that spans several rows stands once, in the first row it covers.
    """

    bbox: Box
    rows: tuple[tuple[Box, ...], ...]


@dataclass(frozen=True)
class Line:
    """Words on one baseline within one column, left to right."""

    words: tuple[Word, ...]
    page: int

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def size(self) -> float:
        """The font size most of the line's characters have."""
        weights: dict[float, int] = {}
        for w in self.words:
            size = round(w.size, 1)
            weights[size] = weights.get(size, 0) + len(w.text)
        return max(weights, key=weights.get)

    @cached_property
    def bold(self) -> bool:
        return self._mostly(lambda w: w.bold)

    @cached_property
    def italic(self) -> bool:
        return self._mostly(lambda w: w.italic)

    def _mostly(self, style) -> bool:
        """Whether more than half of the line's characters are in words of that ``style``."""
        chars = sum(len(w.text) for w in self.words)
        return sum(len(w.text) for w in self.words if style(w)) > chars / 2


@dataclass(frozen=True)
class Block:
    """A unit of layout: a heading, a paragraph, a list item, a footnote...

    ``text`` is cleaned text (hyphenation joined, whitespace normalised).
    ``markers`` are footnote numbers called in the block, with the character
    offset in ``text`` just after which each call stood.
    """

    kind: str
    text: str
    page: int
    level: int = 0
    markers: tuple[tuple[int, int], ...] = ()
    note: int | None = None  # the number of a footnote block
    pages: tuple[tuple[int, int], ...] = ()  # (offset in text, page) where each page's part starts

    def page_at(self, offset: int) -> int:
        page = self.page
        for start, number in self.pages:
            if start <= offset:
                page = number
        return page


@dataclass
class PageInfo:
    number: int
    method: str  # "text", "ocr", "none"
    error: str = ""


@dataclass
class ExtractedDocument:
    """What an extractor returns: blocks in reading order plus page facts."""

    blocks: list[Block]
    pages: list[PageInfo]
    title: str = ""
    metadata: dict = field(default_factory=dict)


def empty_codebook_fields() -> dict:
    return {key: make() for key, make in CODEBOOK_FIELDS.items()}


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_gold_documents(path: Path) -> list[dict]:
    """The documents of a gold JSON Lines file: its objects with ``sentences`` (the codebook
    shape), with an error a user can act on for a file that is missing or unreadable, a line
    that is not JSON, or a file without such documents."""
    docs = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as err:
                    raise SocialeBasisError(Errors.E021.format(path=path, line=n, err=err)) from None
                if isinstance(doc, dict) and "sentences" in doc:
                    docs.append(doc)
    except (OSError, UnicodeDecodeError) as err:
        raise SocialeBasisError(Errors.E020.format(path=path, err=getattr(err, "strerror", None) or err)) from None
    if not docs:
        raise SocialeBasisError(Errors.E009.format(path=path))
    return docs
