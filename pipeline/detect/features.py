"""What the detectors see of a sentence: its text, lemmas, context, and the rules it fires."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markers import BULLET, ROMAN, ROMAN_UPPER
from .rules import fire, load_rules, make_views

_SECTION_WORD = re.compile(r"[a-zà-ÿ]{4,}")
# the rule groups that find a savings claim: in the claim's effect (the whole sentence when it has
# none), and in the whole sentence
SAVINGS_IN_EFFECT = ("savings", "savings_effect")
SAVINGS_IN_SENTENCE = ("savings_sentence",)
# rule groups that fill a causal claim's details and are no evidence for its labels ("savings",
# older, is also a label feature)
DETAIL_ONLY = frozenset(SAVINGS_IN_EFFECT + SAVINGS_IN_SENTENCE) - {"savings"}
# how a list item begins: a bullet, a number or letter with a dot or bracket, or a lower-case word
_ITEM_START = re.compile(r"^\s*(?:" + BULLET + r"|\(?[0-9a-z]{1,3}[.)]\s|[a-zà-ÿ])")
# the marker that opens a list item: "2.", "3.1.", "b)", "(c)", "ii.", "IV.", a bullet
_LIST_MARKER = re.compile(r"\s*(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|" + ROMAN + r"|[IVX]|" + ROMAN_UPPER + r")[.)]"
                          r"|" + BULLET + r")\s+(?=\S)")


def split_marker(text: str) -> tuple[str, str]:
    """(list marker, the rest) of a sentence: "3. Grip krijgen op de kosten." gives "3." and
    "Grip krijgen op de kosten.". The detectors read the rest, as an item reads without its number."""
    m = _LIST_MARKER.match(text)
    return (text[:m.end()].strip(), text[m.end():]) if m else ("", text)


@dataclass
class SentenceView:
    """One sentence with what surrounds it in its document."""

    text: str  # without the list marker that opens it (``marker``)
    lemmas: list[str] | None = None
    section: str = ""
    kind: str = "paragraph"
    footnotes: list[dict] = field(default_factory=list)
    vector: object = None  # an optional sentence embedding (numpy array)
    marker: str = ""  # "3.", "b)", "•": the list marker the sentence opened with
    prev: "SentenceView | None" = None
    next: "SentenceView | None" = None
    lead: "SentenceView | None" = None  # the sentence ending in ":" that introduces this one's list
    _views: dict | None = None
    _hits: dict | None = None
    _features: dict | None = None
    _spans: tuple | None = None

    @property
    def spans(self) -> tuple[str | None, str | None, str]:
        """(cause, effect, pattern) from the connective patterns, computed once."""
        if self._spans is None:
            from .spans import cause_effect
            self._spans = cause_effect(self.text)
        return self._spans

    @property
    def views(self) -> dict:
        if self._views is None:
            self._views = make_views(self.text, self.lemmas)
        return self._views

    @property
    def hits(self) -> dict[str, list[str]]:
        if self._hits is None:
            self._hits = fire(self.views, load_rules())
        return self._hits


def link(views: list[SentenceView]) -> list[SentenceView]:
    """Connect each sentence to its neighbours in the same section, and each item of a
    list to the sentence that introduces it ("We werken aan drie doelen:")."""
    for a, b in zip(views, views[1:]):
        if a.section == b.section:
            a.next, b.prev = b, a
    lead = None
    for v in views:
        before = v.prev
        if before is None:
            lead = None
        elif before.text.rstrip().endswith(":"):
            lead = before
        elif lead is not None and not continues_list(before, v):
            lead = None
        v.lead = lead
    return views


def continues_list(before: SentenceView, v: SentenceView) -> bool:
    """Whether ``v`` is one more item of the list ``before`` belongs to: the layout says it is
    a list item, it opened with a list marker, the item before ends in ";" or ",", or ``v``
    begins as an item does."""
    return (v.kind == "list_item" or bool(v.marker) or before.text.rstrip().endswith((";", ","))
            or bool(_ITEM_START.match(v.text)))


def context_features(v: SentenceView) -> dict[str, float]:
    """Rule hits of the sentence and its neighbours, and where it stands (computed once per view)."""
    if v._features is None:
        v._features = _context_features(v)
    return v._features


def _context_features(v: SentenceView) -> dict[str, float]:
    feats: dict[str, float] = {}
    for group, ids in v.hits.items():
        if group in DETAIL_ONLY:
            continue
        for rid in ids:
            feats[rid] = 1.0
        feats[f"group:{group}"] = 1.0
    for name, other in (("prev", v.prev), ("next", v.next)):
        if other is None:
            feats[f"{name}:none"] = 1.0
            continue
        for group in other.hits.keys() - DETAIL_ONLY:
            feats[f"{name}:{group}"] = 1.0
        if other.text.rstrip().endswith(":"):
            feats[f"{name}:colon"] = 1.0
    for word in set(_SECTION_WORD.findall(v.section.lower())):
        feats[f"sec:{word}"] = 1.0
    if v.lead is not None:  # a list item means what its lead-in announces
        feats["lead:any"] = 1.0
        for group in v.lead.hits.keys() - DETAIL_ONLY:
            feats[f"lead:{group}"] = 1.0
        for word in set(_SECTION_WORD.findall(v.lead.views["lemma"])):
            feats[f"lead:w:{word}"] = 1.0
    text = v.text.strip()
    feats[f"kind:{v.kind}"] = 1.0
    if text.endswith(":"):
        feats["ends:colon"] = 1.0
    if text.endswith("?"):
        feats["ends:question"] = 1.0
    if re.match(r"^(we|wij)\b", text, re.I):
        feats["starts:we"] = 1.0
    if re.search(r"\b(19|20)\d\d\b", text):
        feats["has:year"] = 1.0
    if re.search(r"\d ?(%|procent)", text):
        feats["has:pct"] = 1.0
    if "€" in text or re.search(r"\beuro\b", text, re.I):
        feats["has:euro"] = 1.0
    if v.footnotes:
        feats["has:footnote"] = 1.0
    if "sociale basis" in v.views["text"]:
        feats["has:sociale_basis"] = 1.0
    _, _, pattern = v.spans
    if pattern:
        feats[f"span:{pattern}"] = 1.0
        feats["span:any"] = 1.0
    return feats
