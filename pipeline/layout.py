"""From positioned words to blocks in reading order.

Pure functions over :class:`~pipeline.records.Word` lists, shared by the PDF
text layer and OCR: words -> lines (split at column gutters) -> reading order
(two columns) -> blocks, then document-wide passes that need all pages at once:
running headers and footers, title and front matter, table of contents,
footnotes and headings. The cells of a ruled table are blocks of their own, read
row by row.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from bisect import insort

from .cleanup import clean_text, join_lines
from .markers import BULLETS, ROMAN
from .extract.structure import heading_again
from .records import (
    FOOTNOTE, FURNITURE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_HEADER_LEVEL, TITLE, TOC, Block, Box, Line, Table,
    Word,
)

# Tuning values, named so they can be read and changed in one place.
ROW_OVERLAP = 0.5  # share of the smaller word height two words must share to be on one row
BASELINE_TOLERANCE = 0.35  # words on one row have bottoms this close, in font sizes (descenders in OCR boxes)
DESCENT = 0.25  # how far below its baseline a word's box reaches, in font sizes (at most)
GUTTER_EM = 1.4  # a horizontal gap wider than this many font sizes splits a row into columns
SIZE_CHANGE = 0.1  # relative font-size difference that starts a new block
PARAGRAPH_GAP = 0.75  # vertical gap (in line heights) that starts a new block
CONTINUATION_GAP = 1.6  # an unfinished paragraph this close above a lowercase one continues in it
FULL_LINE_SLACK = 2.5  # a line ending this many line heights or less before the column's edge fills it
SHORT_LINE = 0.3  # a line ending this share of the column's width or more before its edge is short
ITEM_LOOKBACK = 40  # lines of a block searched for the number of the item before (a long item's first line)
HEADING_SIZE_RATIO = 1.12  # font size relative to body text that makes a heading
FOOTNOTE_SIZE_RATIO = 0.92  # footnotes are set smaller than body text
NOTE_LINE_GAP = 1.0  # at most this many times its size between a footnote's line and the next
SUPERSCRIPT_RATIO = 0.8  # a footnote call is set smaller than its line
CALL_SIZE_RATIO = SUPERSCRIPT_RATIO + 0.05  # the largest a call may be, with room for rounding
MARGIN_ZONE = 0.09  # share of the page height at top and bottom where headers and footers live
# a little further in, small type that repeats on the pages is furniture too (a letterhead's
# "Ons kenmerk OCW/10829082" under the sender's name)
REPEAT_ZONE = 0.15
CONTACT_MAX_WORDS = 40  # an address block is short
MIN_COLUMN_LINES = 4  # rows needed on each side of a gutter to call a page two-column
COLUMN_FILL = 0.6  # the median line of a column of text fills this share of its width, at least
MIN_COLUMN_EM = 10  # a column of text is at least this many font sizes wide
HEADER_MAX_WORDS = 20  # a table's bold first row this short is its header
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"

_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:van|of|/)\s*\d{1,4})?$", re.I)
_NUMBERED_HEADING = re.compile(r"^(?:hoofdstuk\s+|bijlage\s+|paragraaf\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S", re.I)
_TOC_HEADING = re.compile(r"^(inhoud|inhoudsopgave|inhoudstafel|table of contents|contents)$", re.I)
_TOC_ENTRY = re.compile(r"^(.{2,}?)(?:\s*\.{2,}|\s*…+|\s)\s*(\d{1,3})$")
_ITEM_OPENER = re.compile(r"(?:[a-z]|\d{1,2}|" + ROMAN + r")[.)]\s")
_ITEM_NUMBER = re.compile(r"(\d{1,2}|[a-z])[.)]\s+(?=\S)")  # "2. ", "b) ": an item's number or letter
_FOOTNOTE_START = re.compile(r"^(\d{1,3})[.)]?\s+\S")
_TERMINAL = tuple(".!?:;…")
# words a sentence does not stop at: a line ending in one goes on below, whatever stops it short
_GOES_ON = frozenset("""de het een en of maar van voor door met aan bij naar om te in op uit tot over onder
tussen tegen zonder dat die dit deze wat als dan is zijn wordt worden heeft hebben kan kunnen
zal zullen moet moeten we wij zij ze hun ons onze""".split())
# a call, with the space between it and punctuation a PDF sets as a word of its own ("wonen¹ .")
_MARKER = re.compile(MARK_OPEN + r"(\d+)" + MARK_CLOSE + r"(?:\s+(?=[.,;:!?)]))?")


# --- words -> lines ---------------------------------------------------------

def group_rows(words: list[Word]) -> list[list[Word]]:
    """Group words that stand on one baseline into rows, top to bottom.

    A word joins a row when their vertical extents overlap and its bottom is
    near the bottom of the row's largest word (same baseline), or when one of
    the two is smaller and raised (a footnote call). Text of another size beside the row, such as
    a chapter title in a margin column, starts its own row.
    """
    rows: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    anchors: list[Word] = []  # each row's largest word: its body text, not a raised call
    sizes: list[list[float]] = []  # each row's word sizes, sorted
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        w_top, w_bottom = w.top, w.bottom
        w_height = (w_bottom - w_top) or 1
        for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom = spans[k]
            overlap = (bottom if bottom < w_bottom else w_bottom) - (top if top > w_top else w_top)
            if overlap < ROW_OVERLAP * (bottom - top if bottom - top < w_height else w_height):
                continue
            anchor = anchors[k]
            big, small = (anchor, w) if anchor.size >= w.size else (w, anchor)
            if _same_baseline(w, anchor) or (
                    small.size <= big.size * CALL_SIZE_RATIO and small.bottom <= big.bottom + 1
                    and _call_shaped(small.text)):  # raised, not a line of smaller text beside a heading
                rows[k].append(w)
                insort(sizes[k], w.size)
                if w.size > anchor.size:
                    anchors[k] = w
                # superscripts and subscripts must not widen the row
                if w.size >= _median_sorted(sizes[k]) * SUPERSCRIPT_RATIO:
                    spans[k] = (min(top, w.top), max(bottom, w.bottom))
                break
        else:
            rows.append([w])
            spans.append((w.top, w.bottom))
            anchors.append(w)
            sizes.append([w.size])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _median_sorted(values: list[float]) -> float:
    """The median of an already sorted, non-empty list (as statistics.median, without its overhead)."""
    n = len(values)
    middle = n // 2
    return values[middle] if n % 2 else (values[middle - 1] + values[middle]) / 2


def _call_shaped(text: str) -> bool:
    """Short and without letters, like a footnote call ("3", "12", "*")."""
    return len(text) <= 3 and not any(c.isalpha() for c in text)


def _same_baseline(a: Word, b: Word) -> bool:
    """Whether two words stand on one baseline, judged by their box bottoms.

    Words of one size may differ by OCR's descenders; words of clearly different
    sizes (a heading beside body text) share a baseline only when their bottoms
    differ by no more than their descents do.
    """
    small, big = sorted((a.size, b.size))
    gap = abs(a.bottom - b.bottom)
    if big < small * HEADING_SIZE_RATIO:
        return gap <= BASELINE_TOLERANCE * small
    return gap <= DESCENT * (big - small) + 0.1 * small


def _gutter_between(a: Word, b: Word) -> bool:
    """Whether the gap between two words on a row is as wide as a column gutter, measured in
    the smaller text's size; after a bullet, in the size of the text it opens (a bullet set in a
    small symbol font hangs an item's indent before its text, no gutter)."""
    size = b.size if len(a.text) == 1 and a.text in BULLETS else min(a.size, b.size)
    return b.x0 - a.x1 > GUTTER_EM * size


def split_row(row: list[Word]) -> list[list[Word]]:
    """Split a row at gaps wider than a column gutter."""
    parts, current = [], [row[0]]
    for prev, w in zip(row, row[1:]):
        if _gutter_between(prev, w):
            parts.append(current)
            current = []
        current.append(w)
    parts.append(current)
    return parts


def _looks_like_call(w: Word, line_size: float) -> bool:
    """A short number set smaller than its line: the shape of a footnote call."""
    return w.text.isdigit() and len(w.text) <= 3 and w.size <= line_size * CALL_SIZE_RATIO


def _with_call(word: Word, call: Word) -> Word:
    """``word`` with the footnote call appended as an inline marker."""
    return replace(word, text=word.text + MARK_OPEN + call.text + MARK_CLOSE)


def attach_superscripts(words: list[Word]) -> list[Word]:
    """Fold footnote calls (small raised digits) into the word before them.

    The call becomes an inline marker that :func:`take_markers` turns into a
    (number, offset) pair after hyphenation and whitespace are repaired.
    """
    if len(words) < 2 or not any(len(w.text) <= 3 and w.text.isdigit() for w in words[1:]):
        return words  # no word shaped like a call after another word: nothing to fold
    weights: dict[float, int] = {}
    for w in words:
        size = round(w.size, 1)
        weights[size] = weights.get(size, 0) + len(w.text)
    line_size = max(weights, key=weights.get)
    base = _median_sorted(sorted(w.bottom for w in words if round(w.size, 1) == line_size))
    out: list[Word] = []
    for w in words:
        is_call = (
            out and _looks_like_call(w, line_size)
            and w.bottom < base - 0.15 * line_size and w.x0 - out[-1].x1 < 0.5 * line_size
        )
        if is_call:
            out[-1] = replace(_with_call(out[-1], w), x1=w.x1)
        else:
            out.append(w)
    return out


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line]  # in reading order
    column_of: list[int] = field(default_factory=list)  # 0 full width, 1 left, 2 right


def page_lines(words: list[Word], number: int, width: float, height: float) -> PageLayout:
    """Lines of one page in reading order, with two columns read left then right."""
    segments: list[Line] = []
    for row in group_rows(words):
        for part in split_row(row):
            segments.append(Line(tuple(attach_superscripts(part)), number))
    segments = _fold_stray_calls(segments)
    gutters = column_gutters(segments)
    if len(gutters) >= 2:
        return _columns_in_order(segments, gutters, number, width, height)
    mid = width / 2
    left = [s for s in segments if s.x1 <= mid + 2]
    right = [s for s in segments if s.x0 >= mid - 2]
    # Two columns, or a narrow margin column (chapter titles, side notes) beside the body:
    # the right-hand side must be a real column, aligned on one x, and the left must hold text.
    # Lines across the middle are headings over the columns, a few; where as many lines cross it
    # as stand right of it, the page is one column with a table's entries in it.
    across = len(segments) - len(left) - len(right)
    two_col = len(left) >= 1 and len(right) >= MIN_COLUMN_LINES and _aligned(right) \
        and (len(left) >= MIN_COLUMN_LINES or max(s.x1 for s in left) < min(s.x0 for s in right) - 2 * GUTTER_EM) \
        and across * 2 < len(right)
    if not two_col:
        merged = _merge_row_segments(segments)
        return PageLayout(number, width, height, merged, [0] * len(merged))
    ordered: list[Line] = []
    columns: list[int] = []
    band: list[Line] = []

    def flush():
        band.sort(key=lambda s: (0 if s.x1 <= mid + 2 else 1, s.top))
        for s in band:
            ordered.append(s)
            columns.append(1 if s.x1 <= mid + 2 else 2)
        band.clear()

    for s in sorted(segments, key=lambda s: (s.top, s.x0)):
        if s.x0 < mid - 2 < mid + 2 < s.x1:  # crosses the gutter: full width
            flush()
            ordered.append(s)
            columns.append(0)
        else:
            band.append(s)
    flush()
    return PageLayout(number, width, height, ordered, columns)


def column_gutters(segments: list[Line]) -> list[float]:
    """Where the gutters between three or more columns of text run (x, left to right), or [].

    A gutter is a vertical strip that no more than one line in ten crosses (a heading or a
    picture's caption set across the page) with text on both sides; each column between two
    gutters must hold MIN_COLUMN_LINES lines that start at one x and fill the column (a table
    whose entries stand in columns is read row by row). Two columns are left to the two-column
    reading of :func:`page_lines`.
    """
    if len(segments) < 3 * MIN_COLUMN_LINES:
        return []
    lo = int(min(s.x0 for s in segments))
    hi = int(max(s.x1 for s in segments)) + 2
    change = [0] * (hi - lo + 1)  # lines covering each point, as a running sum of starts and ends
    for s in segments:
        change[int(s.x0) - lo] += 1
        change[int(s.x1) + 1 - lo] -= 1
    crossing = max(1, len(segments) // 10)
    size = _median_sorted(sorted(s.size for s in segments))
    gaps: list[tuple[int, int]] = []
    covered, start = 0, None
    for x, delta in enumerate(change):
        covered += delta
        if covered <= crossing and start is None:
            start = x
        elif covered > crossing and start is not None:
            if start > 0 and x - start >= GUTTER_EM * size:
                gaps.append((start + lo, x + lo))
            start = None
    gutters = [(a + b) / 2 for a, b in gaps]
    if len(gutters) < 2:
        return []
    edges = [float(lo)] + gutters + [float(hi)]
    for left, right in zip(edges, edges[1:]):
        inside = [s for s in segments if s.x0 >= left and s.x1 <= right]
        if len(inside) < MIN_COLUMN_LINES or not _aligned(inside):
            return []
        span = max(s.x1 for s in inside) - min(s.x0 for s in inside)
        if span < MIN_COLUMN_EM * size or _median_sorted(sorted(s.x1 - s.x0 for s in inside)) < COLUMN_FILL * span:
            return []  # short entries under each other: a table's column, read row by row
    return gutters


def _columns_in_order(segments: list[Line], gutters: list[float], number: int, width: float,
                      height: float) -> PageLayout:
    """Three or more columns read one after the other, left to right; a line across a gutter
    (a heading over the columns) is read where it stands and starts the columns below it anew."""
    ordered: list[Line] = []
    columns: list[int] = []
    band: list[tuple[int, Line]] = []

    def flush():
        band.sort(key=lambda cs: (cs[0], cs[1].top))
        for col, s in band:
            ordered.append(s)
            columns.append(col)
        band.clear()

    for s in sorted(segments, key=lambda s: (s.top, s.x0)):
        if any(s.x0 < g < s.x1 for g in gutters):
            flush()
            ordered.append(s)
            columns.append(0)
        else:
            band.append((1 + sum(1 for g in gutters if g < s.x0), s))
    flush()
    return PageLayout(number, width, height, ordered, columns)


def _fold_stray_calls(segments: list[Line]) -> list[Line]:
    """A footnote call wrapped onto a line of its own belongs to the line above."""
    out: list[Line] = []
    for s in segments:
        w = s.words[0]
        if (out and len(s.words) == 1 and _looks_like_call(w, out[-1].size)
                and 0 <= w.top - out[-1].bottom < out[-1].size):
            prev = out[-1]
            out[-1] = Line(prev.words[:-1] + (_with_call(prev.words[-1], w),), prev.page)
        else:
            out.append(s)
    return out


def _aligned(lines: list[Line]) -> bool:
    """Most right-hand segments start at one x: a real column, not stray tabs."""
    starts = Counter(round(s.x0 / 3) for s in lines)
    return starts.most_common(1)[0][1] >= MIN_COLUMN_LINES


def _merge_row_segments(segments: list[Line]) -> list[Line]:
    """On a one-column page, rows split at wide gaps are read as one line again."""
    out: list[Line] = []
    for s in segments:
        similar = abs(out[-1].size - s.size) <= SIZE_CHANGE * max(out[-1].size, s.size) if out else False
        if similar and abs(out[-1].top - s.top) < 0.5 * s.size and s.x0 >= out[-1].x1:
            out[-1] = Line(out[-1].words + s.words, s.page)
        else:
            out.append(s)
    return out


# --- lines -> blocks ----------------------------------------------------------

@dataclass
class RawBlock:
    """Lines grouped into one block, before cleanup and classification."""

    lines: list[Line]
    column: int
    kind: str = PARAGRAPH
    level: int = 0
    cell: bool = False  # in a table's cell: never a heading, title, footnote or running header

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def size(self) -> float:
        return Counter(ln.size for ln in self.lines).most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(ln.bold for ln in self.lines)

    @property
    def raw_text(self) -> str:
        return " ".join(ln.text for ln in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom


def starts_with_bullet(text: str) -> bool:
    return len(text) > 2 and text[0] in BULLETS and text[1] in " \t\u00a0"


def item_number(text: str) -> tuple[bool, int] | None:
    """The number or letter a list item opens with, as (is a digit, its value): "3. Grip ..."
    gives (True, 3), "b) een ..." (False, 2); None for a line that opens no item."""
    m = _ITEM_NUMBER.match(text.lstrip())
    if not m:
        return None
    mark = m.group(1)
    return (True, int(mark)) if mark.isdigit() else (False, ord(mark) - ord("a") + 1)


def opens_next_item(before: list[str], text: str) -> bool:
    """Whether the line ``text`` opens the next item of a numbered or lettered list whose lines
    so far are ``before`` (one block: the lead-in may come first): "2." after a line that opened
    with "1.", "b)" after "a)", or a first item right below a line that ends in a colon."""
    number = item_number(text)
    if number is None or not before:
        return False
    if number[1] == 1:
        return before[-1].rstrip().endswith(":")
    last = next((n for n in map(item_number, reversed(before)) if n), None)
    return last == (number[0], number[1] - 1) and not before[-1].rstrip().endswith(("-", "–"))


def item_groups(lines: list, text=lambda line: line) -> list[list]:
    """The lines of one paragraph (each read by ``text``) in groups, each item of a numbered or
    lettered list that the paragraph's line breaks set apart a group of its own ("1. ...<br>2. ...")."""
    groups: list[list] = []
    for line in lines:
        if not groups or (item_number(text(line)) is not None
                          and opens_next_item([text(x) for x in groups[-1][-ITEM_LOOKBACK:]], text(line))):
            groups.append([])
        groups[-1].append(line)
    return groups


def _opens_with_capital(text: str) -> bool:
    """Whether a line opens with a capital, after the number of a list item if it has one."""
    m = _ITEM_NUMBER.match(text)
    return text[m.end() if m else 0:][:1].isupper()


def _has_gutter(line: Line) -> bool:
    """Whether a line holds a gap as wide as a column gutter (a row of a table's entries)."""
    return any(_gutter_between(a, b) for a, b in zip(line.words, line.words[1:]))


def blocks_of_page(layout: PageLayout) -> list[RawBlock]:
    """Group a page's lines into blocks by vertical gaps, font changes and bullets."""
    blocks: list[RawBlock] = []
    edges: dict[int, tuple[float, float]] = {}  # column -> where its lines start and end, at most
    for line, col in zip(layout.lines, layout.column_of):
        left, right = edges.get(col, (line.x0, line.x1))
        edges[col] = (min(left, line.x0), max(right, line.x1))
    prev: Line | None = None
    prev_col = -1
    prev_gutter = False
    for line, col in zip(layout.lines, layout.column_of):
        gutter = _has_gutter(line)
        new = prev is None or col != prev_col
        if not new:
            gap = line.top - prev.bottom
            height = max(prev.bottom - prev.top, 1.0)
            in_item = blocks[-1].kind == LIST_ITEM and line.x0 > blocks[-1].lines[0].x0 + 2
            # type of another size or weight; or italics that end or begin at a line opening with a
            # capital: an item's title set in italics above its text ("a. Het versterken van ..." /
            # "We houden vast aan ..."); but a bulleted item's bold opening that stops at a word no
            # sentence ends with goes on in the line indented below it ("• Verschillende
            # programma's ..., zoals de" / "Gebiedsgerichte aanpak ...")
            size_change = abs(line.size - prev.size) > SIZE_CHANGE * prev.size or (
                (line.bold != prev.bold or (line.italic != prev.italic and _opens_with_capital(line.text)))
                and not (in_item and prev.words[-1].text.lower() in _GOES_ON))
            left, right = edges[col]
            # a dash that opens a line below a full, unfinished one is a dash inside the sentence
            # ("... leefomstandigheden" / "– vereist een bredere kennisbasis."), not a bullet
            inside = line.text[:1] in "–-" and prev.x1 >= right - FULL_LINE_SLACK * height \
                and not prev.text.rstrip().endswith(_TERMINAL)
            bullet = starts_with_bullet(line.text) and not inside
            # a line of words that stops well short of the column's edge, unfinished, above a line
            # that opens with a capital: a heading set as body text or an item of a list without
            # bullets, not a wrapped sentence (a word of justified text split off at a wide gap
            # stands on the same row; a heading's number alone is no heading)
            short = prev.x1 < right - SHORT_LINE * (right - left) and _opens_with_capital(line.text) \
                and line.top > prev.top + height / 2 and any(ch.isalpha() for ch in prev.text) \
                and not prev.text.rstrip().endswith(_TERMINAL + (",", "-", "–")) \
                and prev.words[-1].text.lower() not in _GOES_ON
            # two lines in a row with a gutter-wide gap inside are rows of a table without rules
            rows = gutter and prev_gutter
            # the next item of a numbered or lettered list whose items end without a full stop
            # ("1. Het voorkomen van zorgvragen" / "2. Het ontlasten van de eerste lijn")
            follows = item_number(line.text) is not None \
                and opens_next_item([ln.text for ln in blocks[-1].lines[-ITEM_LOOKBACK:]], line.text)
            new = gap > PARAGRAPH_GAP * height or gap < -height or size_change or bullet or short or rows \
                or follows
            if not new and blocks[-1].kind == LIST_ITEM and not in_item:
                new = True
        if new:
            kind = LIST_ITEM if starts_with_bullet(line.text) else PARAGRAPH
            blocks.append(RawBlock([line], col, kind))
        else:
            blocks[-1].lines.append(line)
        prev, prev_col, prev_gutter = line, col, gutter
    return blocks


# --- ruled tables -> cell blocks -----------------------------------------------

def _in_box(w: Word, box: Box) -> bool:
    x, y = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def table_blocks(words: list[Word], table: Table, number: int, width: float, height: float,
                 first_column: int = 10) -> tuple[list[Word], list[RawBlock]]:
    """The words outside the table, and the blocks of its cells in reading order (row by row,
    left to right; a cell with a list or several paragraphs gives several blocks).

    Rules that cut running text (a paragraph set line by line in a ruled grid: a cell that
    ends unfinished above one that opens in lower case) make no table: then every word is
    given back and no block.
    """
    boxes = [box for row in table.rows for box in row]
    in_cell: list[list[Word]] = [[] for _ in boxes]
    rest: list[Word] = []
    for w in words:
        k = next((k for k, box in enumerate(boxes) if _in_box(w, box)), None)
        (rest if k is None else in_cell[k]).append(w)
    lines = [_fold_stray_calls([Line(tuple(attach_superscripts(row)), number) for row in group_rows(ws)])
             for ws in in_cell]
    texts = [" ".join(ln.text for ln in cell).strip() for cell in lines]
    if _cuts_running_text(boxes, texts):
        return words, []
    blocks: list[RawBlock] = []
    head = len(table.rows[0])
    header = [ln for cell in lines[:head] for ln in cell]
    if header and all(ln.bold for ln in header) and sum(len(ln.words) for ln in header) <= HEADER_MAX_WORDS \
            and any(not ln.bold for cell in lines[head:] for ln in cell):
        # a bold first row names what the cells below hold ("Doelstelling/ambitie | Resultaat"):
        # their section, up to the end of the table
        blocks.append(RawBlock(header, first_column, HEADING, TABLE_HEADER_LEVEL, cell=True))
        lines = [[] for _ in range(head)] + lines[head:]
    for k, cell in enumerate(lines):
        if not cell:
            continue
        column = first_column + k
        own: list[RawBlock] = []
        for b in blocks_of_page(PageLayout(number, width, height, cell, [column] * len(cell))):
            if own and b.kind == PARAGRAPH and b.raw_text[:1].islower() \
                    and not own[-1].raw_text.rstrip().endswith(_TERMINAL):
                own[-1].lines.extend(b.lines)  # a line of another size inside a sentence
                continue
            b.cell = True
            own.append(b)
        blocks.extend(own)
    return rest, blocks


def _cuts_running_text(boxes: list[Box], texts: list[str]) -> bool:
    """Whether a cell opening in lower case stands right below one left unfinished."""
    for box, text in zip(boxes, texts):
        if not text[:1].islower():
            continue
        above = [j for j, other in enumerate(boxes) if abs(other[3] - box[1]) < 2 and texts[j]
                 and min(other[2], box[2]) - max(other[0], box[0]) > 0]
        if any(not texts[j].endswith(_TERMINAL) for j in above):
            return True
    return False


def _place_tables(blocks: list[RawBlock], tables: list[tuple[float, list[RawBlock]]]) -> list[RawBlock]:
    """A page's blocks with each table's cell blocks put before the first block below its top."""
    pending = sorted(tables, key=lambda t: t[0])
    out: list[RawBlock] = []
    for b in blocks:
        while pending and pending[0][0] <= b.top:
            out.extend(pending.pop(0)[1])
        out.append(b)
    for _, cells in pending:
        out.extend(cells)
    return out


# --- document-wide passes -----------------------------------------------------

def body_font_size(blocks: list[RawBlock]) -> float:
    weights: Counter = Counter()
    for b in blocks:
        for ln in b.lines:
            weights[ln.size] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _norm_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", _MARKER.sub("", text.lower())).strip()


def mark_furniture(pages: list[list[RawBlock]], layouts: list[PageLayout], body_size: float,
                   title: str = "") -> None:
    """Mark running headers, footers and page numbers, seen across pages."""
    zone_lines = []
    for blocks, layout in zip(pages, layouts):
        for b in blocks:
            if b.cell:
                continue
            if b.top < layout.height * REPEAT_ZONE or b.bottom > layout.height * (1 - REPEAT_ZONE):
                margin = b.top < layout.height * MARGIN_ZONE or b.bottom > layout.height * (1 - MARGIN_ZONE)
                zone_lines.append((b, margin))
    counts = Counter()
    for b, _ in zone_lines:
        counts[_norm_furniture(b.raw_text)] += 1
    n_pages = len(pages)
    title_norm = _norm_furniture(title)
    seen_large: set[str] = set()
    for b, margin in zone_lines:
        text = b.raw_text.strip()
        norm = _norm_furniture(text)
        if b.size > body_size * HEADING_SIZE_RATIO:
            # large type at the top of a page is a title or heading, not a running header, unless
            # it stands on most pages ("Voorstel aan de raad"): then only its first showing counts
            if margin and counts[norm] >= 3 and counts[norm] * 2 >= n_pages and norm in seen_large:
                b.kind = FURNITURE
            seen_large.add(norm)
            continue
        repeated = counts[norm] >= 2 and (n_pages <= 3 or counts[norm] >= 0.3 * n_pages)
        small = b.size < body_size * FOOTNOTE_SIZE_RATIO and len(b.lines) <= 2
        if not margin:  # further in: only small type that repeats
            if repeated and small:
                b.kind = FURNITURE
            continue
        page_number = bool(_PAGE_NUMBER.match(text))
        like_title = bool(title_norm) and (norm == title_norm or (len(norm) > 15 and norm in title_norm))
        if repeated or page_number or like_title or (small and not _FOOTNOTE_START.match(text)):
            b.kind = FURNITURE


# what a sender's address block is made of: a PO box, a postcode, a web or e-mail address, a phone number
_CONTACT_SIGNS = tuple(re.compile(p) for p in (
    r"\bPostbus \d+", r"\b\d{4} ?[A-Z]{2}\b", r"www\.|https?://", r"\S+@\S+\.\w+", r"\b(?:Tel|T|Telefoon)\.?:? ?\+?\d[\d -]{4,}"))


def mark_contact_blocks(pages: list[list[RawBlock]]) -> None:
    """A short block with two or more signs of an address ("Postbus 12600 T 14070 Spui 70 2500 DJ
    Den Haag www.denhaag.nl") is the sender's colophon: furniture, not a sentence of the text."""
    for blocks in pages:
        for b in blocks:
            if b.kind == PARAGRAPH and len(b.raw_text.split()) <= CONTACT_MAX_WORDS \
                    and sum(bool(p.search(b.raw_text)) for p in _CONTACT_SIGNS) >= 2:
                b.kind = FURNITURE


def mark_title(pages: list[list[RawBlock]], body_size: float) -> str:
    """Mark the title (largest type near the top of the first page with text) and
    the short front-matter lines around it; return the title text."""
    first = next((p for p in pages if any(b.kind != FURNITURE for b in p)), None)
    if not first:
        return ""
    candidates = [b for b in first if b.kind != FURNITURE and not b.cell]
    if not candidates:
        return ""
    biggest = max(b.size for b in candidates)
    if biggest < body_size * 1.3:
        return _bold_title(candidates, body_size)
    start = next(i for i, b in enumerate(candidates) if b.size == biggest)
    end = start
    while end + 1 < len(candidates) and candidates[end + 1].size == biggest:
        end += 1  # a title set in several blocks (wrapped around a column gutter)
    title_lines = [ln.text for b in candidates[start:end + 1] for ln in b.lines]
    for b in candidates[start:end + 1]:
        b.kind = TITLE
    title = clean_text(join_lines(title_lines))
    # front matter: short unterminated single lines before the first heading or prose
    for b in candidates[end + 1:]:
        text = b.raw_text.strip()
        if len(b.lines) == 1 and not text.endswith(_TERMINAL) and len(text.split()) <= 12 \
                and b.size <= body_size * HEADING_SIZE_RATIO and not _NUMBERED_HEADING.match(text):
            b.kind = TITLE
        else:
            break
    for b in candidates[:start]:
        if b.size >= body_size * 1.3:
            b.kind = TITLE
    return title


def _bold_title(candidates: list[RawBlock], body_size: float) -> str:
    """Without large type, the first page's first bold line of body size, four words or more,
    unnumbered and without a full stop, before any prose, is the title (a council proposal's
    "Voorstel van het college inzake ..."); marked and returned, or ""."""
    for b in candidates:
        text = b.raw_text.strip()
        if b.bold and len(b.lines) <= 2 and abs(b.size - body_size) <= SIZE_CHANGE * body_size \
                and len(text.split()) >= 4 and not text.endswith(_TERMINAL) and not _NUMBERED_HEADING.match(text):
            b.kind = TITLE
            return clean_text(join_lines([ln.text for ln in b.lines]))
        if not b.bold and len(text.split()) > 12:
            break  # prose began: what follows is a heading, not a title
    return ""


def mark_toc(pages: list[list[RawBlock]]) -> None:
    """Mark a table of contents: an 'Inhoud(sopgave)' heading and the entry lines
    after it, and anywhere lines that end in dot leaders and a page number."""
    for blocks in pages:
        in_toc = False
        for b in blocks:
            text = b.raw_text.strip()
            if _TOC_HEADING.match(text):
                b.kind, in_toc = TOC, True
                continue
            if b.kind in (FURNITURE, TITLE):
                continue
            entries = [ln.text.strip() for ln in b.lines]
            leader = all(re.search(r"(\.{3,}|…{2,}|\s{2,})\s*\d{1,3}$|\.{5,}", e) for e in entries)
            if leader or (in_toc and all(_looks_like_toc_entry(e) for e in entries)):
                b.kind = TOC
            else:
                in_toc = False


def _looks_like_toc_entry(text: str) -> bool:
    return (len(text.split()) <= 14 and not text.rstrip().endswith(".")) or bool(_TOC_ENTRY.match(text))


def mark_footnotes(pages: list[list[RawBlock]], layouts: list[PageLayout], body_size: float) -> None:
    """Small-type numbered blocks below a page's body text are footnotes."""
    for blocks, layout in zip(pages, layouts):
        body_bottom = max((b.bottom for b in blocks if b.kind in (PARAGRAPH, LIST_ITEM)
                           and b.size >= body_size * FOOTNOTE_SIZE_RATIO), default=0)
        for b in blocks:
            if b.kind != PARAGRAPH or b.cell or b.top < body_bottom - 1:
                continue
            if b.size < body_size * FOOTNOTE_SIZE_RATIO and _FOOTNOTE_START.match(b.raw_text.strip()):
                b.kind = FOOTNOTE
        continued = set()
        for b in blocks:  # a note's next line, set apart as a block of its own (a note as wide as two columns)
            if b.kind != PARAGRAPH or b.cell or b.top < body_bottom - 1 or b.size >= body_size * FOOTNOTE_SIZE_RATIO:
                continue
            above = [n for n in blocks if n.kind == FOOTNOTE and n.bottom <= b.top + 1
                     and b.top - n.bottom <= NOTE_LINE_GAP * b.size and abs(n.size - b.size) < 0.5]
            if above:
                max(above, key=lambda n: n.bottom).lines.extend(b.lines)
                continued.add(id(b))
        blocks[:] = [b for b in blocks if id(b) not in continued]


def split_footnote_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """A footnote area can hold several notes: one block each, split at numbers."""
    out = []
    for b in blocks:
        if b.kind != FOOTNOTE or len(b.lines) == 1:
            out.append(b)
            continue
        current = [b.lines[0]]
        for ln in b.lines[1:]:
            if _FOOTNOTE_START.match(ln.text) and ln.x0 <= current[0].x0 + 1:
                out.append(RawBlock(current, b.column, FOOTNOTE))
                current = []
            current.append(ln)
        out.append(RawBlock(current, b.column, FOOTNOTE))
    return out


def mark_headings(pages: list[list[RawBlock]], body_size: float) -> None:
    """Headings: larger or bold type, or a numbered short line, without a full stop."""
    sizes = sorted({b.size for p in pages for b in p if b.kind == PARAGRAPH and b.size > body_size * HEADING_SIZE_RATIO},
                   reverse=True)
    for blocks in pages:
        for b in blocks:
            if b.kind != PARAGRAPH or b.cell:
                continue
            text = b.raw_text.strip()
            words = len(text.split())
            numbered = _NUMBERED_HEADING.match(text)
            bigger = b.size > body_size * HEADING_SIZE_RATIO
            too_many_lines = len(b.lines) > 3 and not ((bigger or b.bold) and words <= 12)
            if words == 0 or words > 20 or too_many_lines or text.endswith((".", ";", ",")):
                continue
            if bigger or (b.bold and words <= 14) or (numbered and len(b.lines) == 1 and words <= 12
                                                      and text[numbered.end(1):].strip()[:1].isupper()):
                b.kind = HEADING
                if numbered:
                    b.level = numbered.group(1).count(".") + 1
                elif bigger:
                    b.level = sizes.index(b.size) + 1 if b.size in sizes else 1
                else:
                    b.level = len(sizes) + 1


def merge_continuations(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join a paragraph cut by a column or page break with its continuation, and a paragraph
    cut after a line that runs to the column's edge (text set with wide leading)."""
    right: dict[tuple[int, int], float] = {}  # (page, column) -> where its longest lines end
    for b in blocks:
        if b.kind in (PARAGRAPH, LIST_ITEM):
            key = (b.page, b.column)
            right[key] = max(right.get(key, 0.0), max(ln.x1 for ln in b.lines))
    out: list[RawBlock] = []
    pending_skip: list[RawBlock] = []
    text_block: RawBlock | None = None  # the last block of text; furniture and footnotes may follow it
    for b in blocks:
        if b.kind in (FURNITURE, FOOTNOTE) and out:
            pending_skip.append(b)
            continue
        if text_block is not None and b.kind == PARAGRAPH and text_block.kind in (PARAGRAPH, LIST_ITEM) \
                and not b.cell and not text_block.cell:  # a cell ends where its rules are
            last = text_block.lines[-1]
            prev_text = last.text.rstrip()
            first = b.lines[0].text.lstrip()
            # furniture or notes between (a page break), or another column or page
            broke = out[-1] is not text_block or bool(pending_skip) or text_block.column != b.column \
                or last.page != b.page
            height = max(last.bottom - last.top, 1.0)
            close = not broke and b.top - last.bottom < CONTINUATION_GAP * height
            # a line that fills the column wraps: what follows continues it, capital or not
            full = close and last.x1 >= right[(b.page, b.column)] - FULL_LINE_SLACK * height and b.size == last.size \
                and (b.lines[0].bold, b.lines[0].italic) == (last.bold, last.italic)
            if (broke or close) and prev_text and not prev_text.endswith(_TERMINAL) \
                    and (first[:1].islower() or full) \
                    and not (_has_gutter(last) and _has_gutter(b.lines[0])) \
                    and not _ITEM_OPENER.match(first):  # "b) Te nemen stappen" opens an item, continues nothing
                text_block.lines.extend(b.lines)
                out.extend(pending_skip)  # footnotes and furniture keep their place after it
                pending_skip = []
                continue
        out.extend(pending_skip)
        pending_skip = []
        out.append(b)
        if b.kind not in (FURNITURE, FOOTNOTE):
            text_block = b
    out.extend(pending_skip)
    return out


# --- raw blocks -> cleaned blocks ---------------------------------------------

def take_markers(text: str):
    """Remove inline footnote-call markers.

    Returns the text, ((number, offset), ...) and a function mapping an
    offset in the marked text to the offset in the returned text.
    """
    removed: list[tuple[int, int]] = []  # (start in marked text, length)
    markers = []
    out = []
    pos = 0
    length = 0
    for m in _MARKER.finditer(text):
        chunk = text[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        markers.append((int(m.group(1)), length))
        removed.append((m.start(), m.end() - m.start()))
        pos = m.end()
    out.append(text[pos:])

    def shift(offset: int) -> int:
        return offset - sum(n for start, n in removed if start < offset)

    return "".join(out), tuple(markers), shift


def finish_block(raw: RawBlock) -> Block:
    """Clean a raw block's text and record on which page each stretch stands."""
    texts = [ln.text for ln in raw.lines]
    if raw.kind == LIST_ITEM and starts_with_bullet(texts[0]):
        texts[0] = texts[0][1:].lstrip()
    text = ""
    page_starts: list[tuple[int, int]] = []
    for line_text, line in zip(texts, raw.lines):
        line_text = clean_text(line_text).strip()
        text = join_lines([text, line_text]) if text else line_text
        if not page_starts or page_starts[-1][1] != line.page:
            page_starts.append((len(text) - len(line_text), line.page))
    note = None
    if raw.kind == FOOTNOTE:
        m = _FOOTNOTE_START.match(text)
        if m:
            note = int(m.group(1))
            text = text[m.end(1):].lstrip(".) ").strip()
    if raw.kind == FOOTNOTE and note is not None:
        page_starts = [(0, raw.page)]
    text, markers, shift = take_markers(text)
    page_starts = [(shift(o), p) for o, p in page_starts]
    return Block(raw.kind, text, raw.page, raw.level, markers, note, tuple(page_starts))


def layout_document(pages: list[tuple[list[Word], int, float, float]],
                    tables: dict[int, list[Table]] | None = None) -> tuple[list[Block], str]:
    """Run every layout pass over a document's pages; return blocks and title.

    ``tables`` gives, per page number, the ruled tables whose cells are read as blocks.
    """
    layouts, page_blocks = [], []
    for words, n, w, h in pages:
        cells: list[tuple[float, list[RawBlock]]] = []
        for table in (tables or {}).get(n, ()):
            words, blocks = table_blocks(words, table, n, w, h, first_column=10 + 1000 * len(cells))
            if blocks:
                cells.append((table.bbox[1], blocks))
        layouts.append(page_lines(words, n, w, h))
        page_blocks.append(_place_tables(blocks_of_page(layouts[-1]), cells))
    all_blocks = [b for p in page_blocks for b in p]
    body_size = body_font_size(all_blocks)
    mark_furniture(page_blocks, layouts, body_size)
    title = mark_title(page_blocks, body_size)
    if title:  # a second pass catches running headers that repeat the title
        mark_furniture(page_blocks, layouts, body_size, title=title)
    mark_toc(page_blocks)
    mark_contact_blocks(page_blocks)
    mark_footnotes(page_blocks, layouts, body_size)
    mark_headings(page_blocks, body_size)
    ordered = split_footnote_blocks([b for p in page_blocks for b in p])
    ordered = merge_continuations(ordered)
    return close_table_sections([b for b in ordered if b.lines]), title


def close_table_sections(blocks: list[RawBlock]) -> list[Block]:
    """Finished blocks, with the section a table's header opened closed where the table ends:
    the text after the table is under the heading before it again."""
    out: list[Block] = []
    outer: Block | None = None  # the last heading of the text itself
    open_header = False
    for b in blocks:
        if open_header and not b.cell and b.kind in (PARAGRAPH, LIST_ITEM, HEADING):
            if b.kind != HEADING:
                out.append(heading_again(outer, b.page))
            open_header = False
        block = finish_block(b)
        if b.kind == HEADING:
            if b.cell:
                open_header = True
            else:
                outer = block
        out.append(block)
    return out
