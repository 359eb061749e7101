"""Dutch sentence segmentation for policy prose.

A segmenter is any callable ``text -> list[(start, end)]`` over one block's
text; spans cover every non-space character exactly once, in order.
:class:`RuleSegmenter` needs no model; :class:`ModelSegmenter` lets a spaCy
pipeline propose boundaries and keeps the rules' veto on abbreviations.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from .abbreviations import POLICY_ABBREVIATIONS
from .markers import ROMAN, ROMAN_UPPER

Span = tuple[int, int]
Segmenter = Callable[[str], list[Span]]

ABBREVIATIONS = frozenset(a.lower() for a in POLICY_ABBREVIATIONS) | frozenset({
    "m.i.v.", "a.d.h.v.", "t.z.t.", "z.i.", "n.v.t.", "o.v.v.", "d.d.", "i.c.", "i.h.k.v.", "i.v.m.", "m.n.",
    "o.m.", "bijv.", "vnl.", "gem.", "st.", "afd.", "tel.", "ong.", "vlg.", "zgn.", "zg.", "nl.", "enz.",
})
# abbreviations that also end a sentence ("... oplopend tot € 1 mld. Voor alle gemeenten ..."):
# before a word that opens Dutch sentences, their full stop ends one
_MAY_END = frozenset({"mln.", "mld.", "etc.", "enz.", "e.d.", "e.a."})
_SENTENCE_OPENERS = frozenset("""de het een dit dat deze die voor in op om met bij van zo als er we wij ook daarnaast
daarom daarbij daarmee hierdoor hiermee hierbij dan maar toch verder tot na door ons onze zij ze hij u naast
vanuit binnen uit wat waar hoe wie wanneer""".split())
_WORD = re.compile(r"\w+")
_END_PUNCT = r"[.!?…]+[\"'”’»)\]]*"  # sentence-final punctuation and the quotes or brackets it closes
_CANDIDATE = re.compile(_END_PUNCT + r"(?=\s+)")
_FINAL_PUNCT = re.compile(_END_PUNCT + "$")  # searched up to a model's sentence start
_OPENERS = "\"'“‘«([•-–"
_NEXT_CHAR = re.compile(r"\s*(\S)")
_NUMBER_MARK = r"\d{1,2}(?:\.\d{1,2})*\."  # "2.", "3.1."
_ROMAN = ROMAN + r"\."
_ENUMERATOR = re.compile(_NUMBER_MARK + r"|[a-z]\.|" + _ROMAN)  # "2.", "3.1.", "b.", "vi." (lower-cased)
_LETTER_ITEM = re.compile(r"[a-z][.)]\s+\w")  # "b. Het tweede punt", "b. een activiteitenplan"
# a lower-case roman numeral opens a list item inside a line: "... verblijf ii. Hoog ..."
_ROMAN_ITEM = re.compile(r"(?<=\S)\s+(?=" + _ROMAN + r"\s+[A-ZÀ-Ý])")
# a colon that opens a numbered, lettered or roman-numbered list run into the same block, and a
# semicolon that ends one of its items and is followed by the next ("... vast te stellen: a. Het
# ...", "uitgangspunten: a. één team per wijk;", "...; c. focus te leggen op ...", "middelen: a. €
# 800.000 voor ...", "besluit: I. een wijkscan uit te voeren; II. deze scan ..."); a single capital
# I, V or X only before a lower-case word, as "Contact: V. Jansen" is a name
_ITEM_MARK = (r"(?:" + _NUMBER_MARK + r"|\d{1,2}\)|[a-z][.)]|(?:" + ROMAN + "|" + ROMAN_UPPER
              + r")[.)]|[IVX][.)](?=\s+[a-zà-ÿ]))")
_LIST_COLON = re.compile(r":(?=\s+" + _ITEM_MARK + r"\s+\S)")
_LIST_SEMICOLON = re.compile(r";(?=\s+" + _ITEM_MARK + r"\s+\S)")


def _token_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _end_before(text: str, at: int) -> int:
    """The offset just after the last non-space character before ``at`` (0 if none), found
    without copying the text before: blocks can be long."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def _starts_sentence(text: str, at: int) -> bool:
    """Whether ``text[at:]`` opens a block or follows sentence-final punctuation, a colon or a semicolon."""
    end = _end_before(text, at)
    if end == 0:
        return True
    if text[end - 1] == ".":
        return _token_before(text, end).lower().lstrip("(\"'‘“") not in ABBREVIATIONS  # "ca. 3."
    return text[end - 1] in "!?…:;"


def _labels_item(text: str, number_start: int) -> bool:
    """Whether the number at ``number_start`` follows a single capitalised word that opens a
    sentence: a label and its number ("Hoofddoel 1.", "Stap 3.") open an item as "3." does."""
    end = _end_before(text, number_start)
    if end == number_start:
        return False
    word = _token_before(text, end)
    return word[:1].isupper() and word.isalpha() and _starts_sentence(text, end - len(word))


def is_boundary(text: str, match_start: int, match_end: int) -> bool:
    """Whether the punctuation at text[match_start:match_end] ends a sentence."""
    found = _NEXT_CHAR.match(text, match_end)  # not text[match_end:]: a copy per candidate is quadratic
    if not found:
        return False
    nxt = found.group(1)
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or _LETTER_ITEM.match(text, found.start(1))):
        return False
    raw_token = _token_before(text, match_end)
    token = raw_token.lower()
    if text[match_start] in "!?":
        if nxt.isdigit():
            return False  # "meedoen in Emmen!’ 2023–2027"
        letters = [c for c in raw_token if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return False  # a name written with an exclamation mark: "WIJS! Breda"
    if text[match_start] == ".":
        core = token.lstrip("(\"'‘“")
        if core in ABBREVIATIONS:
            opener = _WORD.match(text, found.start(1))
            return core in _MAY_END and bool(opener) and opener.group(0).lower() in _SENTENCE_OPENERS
        if re.fullmatch(r"[a-z]\.", core) and text[match_start - 1:match_start].isupper():
            return False  # an initial: "J. de Vries"
        if re.fullmatch(r"(?:[a-z]\.){2,}", core):
            return False  # an unlisted abbreviation written with dots: "a.s.r."
        if _ENUMERATOR.fullmatch(core) and _starts_sentence(text, match_end - len(raw_token)):
            return False  # an enumerator opens its item: "2. Doelen", "... genoemd. 3. Grip op de kosten."
        if re.fullmatch(_NUMBER_MARK, core) and _labels_item(text, match_end - len(raw_token)):
            return False  # "Hoofddoel 1. Versterking van ...", "Stap 2. Analyse"
        if re.fullmatch(_ROMAN, raw_token.lstrip("(\"'‘“")):
            return False  # "ii." opens an item (list_cuts cuts before it); "Sportakkoord II." may end one
        if re.fullmatch(r"(?:nr|art|lid|hfst|par)\.", core):
            return False
    return True


def rule_boundaries(text: str) -> list[int]:
    """Offsets just after each sentence-final punctuation that ends a sentence."""
    return [m.end() for m in _CANDIDATE.finditer(text) if is_boundary(text, m.start(), m.end())] + list_cuts(text)


def list_cuts(text: str) -> list[int]:
    """Offsets just after a colon that introduces a numbered or lettered list or a semicolon
    that ends one of its items, and just before a roman numeral that opens an item inside a
    line: the lead-in ("De uitgangspunten zijn:") and each item become sentences of their own."""
    return ([m.end() for m in _LIST_COLON.finditer(text)] + [m.end() for m in _LIST_SEMICOLON.finditer(text)]
            + [m.start() for m in _ROMAN_ITEM.finditer(text)])


def spans_from_boundaries(text: str, cuts: Iterable[int]) -> list[Span]:
    """Turn cut offsets into stripped, non-empty spans covering the text. A piece without a
    letter or digit (a stray quotation mark left at the end of a paragraph: "... niet
    doordraaien. “") is no sentence: it stays with the sentence before it."""
    spans, start = [], 0
    for cut in sorted(set(cuts)) + [len(text)]:
        piece = text[start:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if spans and not any(ch.isalnum() for ch in piece):
                spans[-1] = (spans[-1][0], start + trail)
            else:
                spans.append((start + lead, start + trail))
        start = cut
    return spans


class RuleSegmenter:
    """Split at sentence-final punctuation followed by a capital, except after
    abbreviations, initials and enumerators."""

    name = "rules"

    def __call__(self, text: str) -> list[Span]:
        return spans_from_boundaries(text, rule_boundaries(text))


class ModelSegmenter:
    """Boundaries from a spaCy pipeline's parser or senter, vetoed where the
    rules know better (abbreviations, lowercase continuations)."""

    name = "model"

    def __init__(self, nlp):
        self.nlp = nlp

    def __call__(self, text: str) -> list[Span]:
        return self.segment_doc(text, self.nlp(text))

    def segment_doc(self, text: str, doc) -> list[Span]:
        cuts = []
        for sent in list(doc.sents)[1:]:
            end = _end_before(text, sent.start_char)
            if end and text[end - 1] in ".!?…\"'”’»)]":
                m = _FINAL_PUNCT.search(text, max(0, end - 40), end)
                if m and is_boundary(text, m.start(), m.end()):
                    cuts.append(end)
        return spans_from_boundaries(text, cuts + list_cuts(text))

