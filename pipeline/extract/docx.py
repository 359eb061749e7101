"""DOCX -> blocks, with Word's styles for headings, lists, title and table of contents."""
from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path

from ..cleanup import clean_text
from ..layout import item_groups
from ..records import (
    FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_HEADER_LEVEL, TITLE, TOC, Block, ExtractedDocument, PageInfo,
)
from .structure import heading_again, last_text_heading, looks_like_heading, mark_front_matter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# not a paragraph's own text: deletions and text moved away (tracked changes), text boxes (read
# apart, after the paragraph they hang on) and the copy of a drawing kept for old versions of Word
_NOT_OWN_TEXT = frozenset({W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback"})
_BRACKET_CALL = re.compile(r"\[(\d{1,3})\]")
_NOTES_HEADING = re.compile(r"^(noten|voetnoten|eindnoten|bronnen en noten|notes)$", re.I)


def _own(node):
    """The descendants of ``node`` that are its own text as Word shows it, in document order."""
    for child in node:
        if child.tag not in _NOT_OWN_TEXT:
            yield child
            yield from _own(child)


def _body_elements(parent):
    """The paragraphs and tables of the body in order, also inside content controls (w:sdt)."""
    for el in parent.iterchildren():
        if el.tag in (W + "p", W + "tbl"):
            yield el
        elif el.tag == W + "sdt" and el.find(W + "sdtContent") is not None:
            yield from _body_elements(el.find(W + "sdtContent"))
        elif el.tag == W + "customXml":
            yield from _body_elements(el)


def _with_text_boxes(pars):
    """Each paragraph followed by the paragraphs of the text boxes it holds (read once: not the
    copy kept for old Word)."""
    for par in pars:
        yield par
        yield from _with_text_boxes([p for box in _text_boxes(par) for p in box.iterchildren(W + "p")])


def _text_boxes(par) -> list:
    """The text boxes a paragraph holds: not those inside another box (they follow that box's
    paragraphs), in deleted text or in the copy of a drawing kept for old Word."""
    boxes = []
    for box in par.iter(W + "txbxContent"):
        between = takewhile(lambda a: a is not par, box.iterancestors())
        if not any(a.tag in _NOT_OWN_TEXT for a in between):
            boxes.append(box)
    return boxes


def _paragraph_text(par, endnote_offset: int = 0) -> tuple[str, list[int]]:
    """Text of a w:p element with real footnote and endnote references as inline [n] calls (an
    endnote's number after the last footnote's: Word numbers the two apart), and its line breaks
    as newlines."""
    parts, calls = [], []
    for node in _own(par):
        if node.tag == W + "t" and node.text:
            parts.append(node.text)
        elif node.tag == W + "tab":
            parts.append(" ")
        elif node.tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif node.tag in (W + "footnoteReference", W + "endnoteReference"):
            n = node.get(W + "id")
            if n is not None:
                n = int(n) + (endnote_offset if node.tag == W + "endnoteReference" else 0)
                parts.append(f"[{n}]")
                calls.append(n)
    return "".join(parts), calls


def _style_kind(par, style_name: str) -> tuple[str, int]:
    name = (style_name or "").lower()
    if name == "title" or name == "titel":
        return TITLE, 0
    m = re.match(r"(heading|kop)\s*(\d)", name)
    if m:
        return HEADING, int(m.group(2))
    if name.startswith("toc") or name.startswith("inhopg"):
        return TOC, 0
    if "list" in name or "lijst" in name or par.find(f"{W}pPr/{W}numPr") is not None:
        return LIST_ITEM, 0
    return PARAGRAPH, 0


def _calls_to_markers(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    markers, out, pos = [], [], 0
    for m in _BRACKET_CALL.finditer(text):
        out.append(text[pos:m.start()].rstrip() if text[m.start() - 1:m.start()] == " " else text[pos:m.start()])
        markers.append((int(m.group(1)), len("".join(out))))
        pos = m.end()
    out.append(text[pos:])
    return re.sub(r" {2,}", " ", "".join(out)), tuple(markers)


def _real_notes(document, kind: str = "footnote") -> dict[int, str]:
    """Notes kept in Word's own footnotes or endnotes part (``kind`` "footnote" or "endnote"), by number."""
    notes = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith(f"/{kind}s"):
            from lxml import etree
            root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
            for fn in root.iter(W + kind):
                n = int(fn.get(W + "id", "-1"))
                if n > 0:
                    text = "".join(t.text or "" for t in fn.iter(W + "t")).strip()
                    if text:
                        notes[n] = clean_text(text)
    return notes


def _bold(par) -> bool:
    """Whether all of a paragraph's text is set in bold (runs of only spaces aside)."""
    runs = [r for r in par.findall(f"{W}r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
    return bool(runs) and all(r.find(f"{W}rPr/{W}b") is not None for r in runs)


def _table_header(table):
    """(text, paragraphs) of a table's first row when all of it is bold and more rows follow."""
    rows = list(table.iterchildren(W + "tr"))
    if len(rows) < 2:
        return None
    pars = [p for p in rows[0].iter(W + "p") if _one_line(_paragraph_text(p)[0])]
    if not pars or not all(_bold(p) for p in pars):
        return None
    return " ".join(_one_line(_paragraph_text(p)[0]) for p in pars), set(pars)


def _one_line(raw: str) -> str:
    """A paragraph's text (from :func:`_paragraph_text`), cleaned, its line breaks read as spaces."""
    return clean_text(raw.replace("\n", " ")).strip()


def extract_docx(path: Path) -> ExtractedDocument:
    import docx

    document = docx.Document(str(path))
    notes = _real_notes(document, "footnote")
    endnote_offset = max(notes, default=0)
    notes.update({n + endnote_offset: text for n, text in _real_notes(document, "endnote").items()})
    styles = {s.style_id: s.name for s in document.styles}
    blocks: list[Block] = []
    in_notes = False
    body = document.element.body
    for el in _body_elements(body):
        in_table = el.tag == W + "tbl"
        pars = list(_with_text_boxes([el] if not in_table else [n for n in _own(el) if n.tag == W + "p"]))
        header = _table_header(el) if in_table else None
        outer = None
        if header is not None:
            text, header_pars = header
            outer = last_text_heading(blocks)
            blocks.append(Block(HEADING, text, 1, TABLE_HEADER_LEVEL, pages=((0, 1),)))
            pars = [p for p in pars if p not in header_pars]
        for par in pars:
            raw, _ = _paragraph_text(par, endnote_offset)
            text = _one_line(raw)
            if not text:
                continue
            style_el = par.find(f"{W}pPr/{W}pStyle")
            style = styles.get(style_el.get(W + "val"), style_el.get(W + "val")) if style_el is not None else ""
            kind, level = _style_kind(par, style)
            if kind == HEADING and _NOTES_HEADING.match(text):
                in_notes = True
                continue
            if in_notes and kind != HEADING:
                m = re.match(r"^\[?(\d{1,3})[\].)]?\s+(.*)$", text)
                if m:
                    blocks.append(Block(FOOTNOTE, m.group(2), 1, note=int(m.group(1))))
                    continue
            if kind == HEADING:
                in_notes = False
            if kind == PARAGRAPH and not in_table:  # a bold cell is a cell, not a heading
                bold = _bold(par)
                guessed = looks_like_heading(text, bold)
                if guessed and bold:
                    kind, level = HEADING, guessed
            # the items of a list typed as lines of one paragraph ("1. ...", line break, "2. ...")
            for group in item_groups([line.strip() for line in raw.split("\n") if line.strip()]):
                piece, markers = _calls_to_markers(clean_text(" ".join(group)).strip())
                blocks.append(Block(kind, piece, 1, level, markers, pages=((0, 1),)))
        if header is not None:
            blocks.append(heading_again(outer))
    for n, note in sorted(notes.items()):
        blocks.append(Block(FOOTNOTE, note, 1, note=n))
    title = next((b.text for b in blocks if b.kind == TITLE), "") or (document.core_properties.title or "")
    meta = {"Title": document.core_properties.title or "",
            "Created": str(document.core_properties.created or "")}
    return ExtractedDocument(mark_front_matter(blocks), [PageInfo(1, "text")], title=title, metadata=meta)
