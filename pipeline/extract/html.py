"""HTML -> blocks: the main text without navigation, footers and other boilerplate."""
from __future__ import annotations

import re
from pathlib import Path

from ..cleanup import clean_text, join_lines
from ..layout import item_groups
from ..records import (
    FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_HEADER_LEVEL, TITLE, Block, ExtractedDocument, PageInfo,
)
from .structure import heading_again, last_text_heading, mark_front_matter

DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "form", "button", "select", "svg",
             "iframe", "template", "aside", "menu"}
BOILERPLATE = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|cookie\w*|footer|header|sidebar|skip\w*|share|social|"
    r"banner|search|zoeken|pagination|related|meta-?nav)([\s_-]|$)", re.I)
_HEADER_CLASS = re.compile(r"(^|[\s_-])header([\s_-]|$)", re.I)
FOOTNOTE_CLASS = re.compile(r"(^|[\s_-])(fn|footnotes?|voetnoot|voetnoten|endnotes?)([\s_-]|$)", re.I)
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote",
              "figcaption", "pre", "caption", "div", "section", "article", "main", "body", "ul", "ol", "table",
              "tr", "tbody", "thead", "dl", "figure"}
MAX_HTML_BYTES = 50_000_000
# elements of running text: a form that holds them wraps the page (ASP.NET) instead of asking for input
_TEXT_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "article", "main"})


def _classes(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"


def _is_footnote(el) -> bool:
    return bool(FOOTNOTE_CLASS.search(_classes(el))) or el.get("role") == "doc-footnote"


def _is_boilerplate(el) -> bool:
    classes = _classes(el)
    if (el.tag == "header" or _HEADER_CLASS.search(classes)) and any(a.tag in ("article", "main")
                                                                     for a in el.iterancestors()):
        return bool(BOILERPLATE.search(_HEADER_CLASS.sub(" ", classes)))  # an article's header: its title and lead
    if el.tag == "form" and any(d.tag in _TEXT_TAGS for d in el.iterdescendants()):
        return bool(BOILERPLATE.search(classes))  # a page wrapped whole in a form (ASP.NET), not a form
    if el.tag in DROP_TAGS and not _is_footnote(el):
        return True
    return bool(BOILERPLATE.search(classes)) and not _is_footnote(el)


class _Walker:
    def __init__(self):
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.title_seen = False
        self.skip = None  # a table's header row, read as the section of its cells

    def inline(self, el, parts: list[str], markers: list[tuple[int, int]]) -> None:
        """Collect an element's inline text; footnotes become markers and notes."""
        if el.text:
            parts.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                if child.tail:
                    parts.append(child.tail)
                continue
            if _is_footnote(child) and child.tag not in BLOCK_TAGS - {"div"}:
                self.notes.append(clean_text(child.text_content()).strip())
                markers.append((len(self.notes), len(clean_text("".join(parts)).rstrip())))
            elif child.tag == "sup" and re.fullmatch(r"\s*\[?\d{1,3}\]?\s*", child.text_content() or ""):
                n = int(re.sub(r"\D", "", child.text_content()))
                markers.append((n, len(clean_text("".join(parts)).rstrip())))
            elif child.tag == "br":
                parts.append("\n")
            elif child.tag in DROP_TAGS or child.tag in ("ul", "ol", "table"):
                pass
            else:
                self.inline(child, parts, markers)
            if child.tail:
                parts.append(child.tail)

    def emit(self, el, kind: str, level: int = 0) -> None:
        parts: list[str] = []
        markers: list[tuple[int, int]] = []
        self.inline(el, parts, markers)
        lines: list[tuple[int, str]] = []  # (offset, line) of each line with text
        offset = 0
        for line in (clean_text(x) for x in "".join(parts).split("\n")):
            if line.strip():
                lines.append((offset, line))
            offset += len(line) + 1
        groups = item_groups(lines, text=lambda line: line[1])  # "1. ...<br>2. ...": one block each
        for k, group in enumerate(groups):  # a note's call goes with the group it stands in
            start, end = group[0][0], groups[k + 1][0][0] if k + 1 < len(groups) else None
            own = tuple((n, at - start) for n, at in markers if at >= start and (end is None or at < end))
            self.blocks.append(Block(kind, join_lines([line for _, line in group]), 1, level, own, pages=((0, 1),)))

    def table(self, el) -> None:
        """A table's cells, each a paragraph; a first row of header cells (<th>) is their section,
        and the text after the table is under the heading before it again."""
        rows = list(el.iter("tr"))
        cells = [c for c in rows[0] if isinstance(c.tag, str) and c.tag in ("td", "th")] if len(rows) > 1 else []
        header = " ".join(clean_text(c.text_content()).strip() for c in cells).strip()
        if not header or any(c.tag != "th" for c in cells):
            self.walk(el)
            return
        outer = last_text_heading(self.blocks)
        self.blocks.append(Block(HEADING, header, 1, TABLE_HEADER_LEVEL, pages=((0, 1),)))
        skip, self.skip = self.skip, rows[0]
        self.walk(el)
        self.skip = skip
        self.blocks.append(heading_again(outer))

    def walk(self, el) -> None:
        for child in el:
            if not isinstance(child.tag, str) or _is_boilerplate(child):
                continue
            tag = child.tag
            if child is self.skip:
                continue
            if _is_footnote(child) and tag in ("section", "div", "ol", "ul", "aside", "footer"):
                for li in child.iter("li", "p"):
                    note = clean_text(li.text_content()).strip()
                    m = re.match(r"^\[?(\d{1,3})[\].)]?\s+(.*)$", note)
                    n = int(m.group(1)) if m else len([b for b in self.blocks if b.kind == FOOTNOTE]) + 1
                    self.blocks.append(Block(FOOTNOTE, m.group(2) if m else note, 1, note=n))
                continue
            if tag == "h1" and not self.title_seen:
                self.title_seen = True
                self.emit(child, TITLE)
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.emit(child, HEADING, max(1, int(tag[1]) - 1))
            elif tag == "table":
                self.table(child)
            elif tag == "li":
                self.emit(child, LIST_ITEM)
                for sub in child:
                    if isinstance(sub.tag, str) and sub.tag in ("ul", "ol"):
                        self.walk(sub)
            elif tag in ("p", "dt", "dd", "blockquote", "figcaption", "pre", "caption", "td", "th"):
                if any(isinstance(c.tag, str) and c.tag in ("p", "ul", "ol", "div", "table") for c in child):
                    self.walk(child)
                else:
                    self.emit(child, PARAGRAPH)
            else:
                # a container: its own loose text is a paragraph, its children are walked
                if (child.text or "").strip():
                    self.blocks.append(Block(PARAGRAPH, clean_text(child.text).strip(), 1, pages=((0, 1),)))
                self.walk(child)
            if (child.tail or "").strip() and el.tag not in ("p", "li"):
                self.blocks.append(Block(PARAGRAPH, clean_text(child.tail).strip(), 1, pages=((0, 1),)))


def extract_html(path: Path) -> ExtractedDocument:
    import lxml.html

    data = path.read_bytes()[:MAX_HTML_BYTES]
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                                  encoding=_declared_encoding(data))
    root = lxml.html.document_fromstring(data, parser=parser)
    head_title = clean_text(root.findtext(".//title") or "").strip()
    body = root.find("body")
    if body is None:
        body = root
    main = body.find(".//main")
    if main is None:
        main = body.find(".//article")
    walker = _Walker()
    start = main if main is not None else body
    if (start.text or "").strip():  # text straight in <body>, before any element
        walker.blocks.append(Block(PARAGRAPH, clean_text(start.text).strip(), 1, pages=((0, 1),)))
    walker.walk(start)
    blocks = walker.blocks
    for n, note in enumerate(walker.notes, start=1):
        blocks.append(Block(FOOTNOTE, note, 1, note=n))
    title = next((b.text for b in blocks if b.kind == TITLE), "") or head_title
    return ExtractedDocument(mark_front_matter(blocks), [PageInfo(1, "text")], title=title,
                             metadata={"Title": head_title})


def _declared_encoding(data: bytes) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a byte order mark outranks what the page declares
        return "utf-16"
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    if m:
        return m.group(1).decode("ascii", "ignore")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return None
