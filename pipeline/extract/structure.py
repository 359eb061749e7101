"""Block-level rules shared by the extractors of flowing formats (DOCX, HTML, TXT), and by the PDF layout
for the section a table's header opens."""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import HEADING, PARAGRAPH, TABLE_HEADER_LEVEL, TITLE, Block

_TERMINAL = tuple(".!?:;…")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[A-ZÀ-Ý]")


def looks_like_heading(text: str, bold: bool = False) -> int:
    """0 when ``text`` reads as prose; else a heading level guessed from numbering."""
    text = text.strip()
    words = len(text.split())
    if not text or words > 14 or text.endswith((".", ";", ",", ":")):
        return 0
    m = _NUMBERED_HEADING.match(text)
    if m:
        return m.group(1).count(".") + 1
    return 2 if bold else 0


def mark_front_matter(blocks: list[Block]) -> list[Block]:
    """Short unterminated paragraphs right after the title (a meta line with the
    municipality, document type and date) belong to the title, not the body."""
    out = list(blocks)
    try:
        start = next(i for i, b in enumerate(out) if b.kind == TITLE)
    except StopIteration:
        return out
    for i in range(start + 1, len(out)):
        b = out[i]
        if b.kind == PARAGRAPH and len(b.text.split()) <= 12 and not b.text.rstrip().endswith(_TERMINAL):
            out[i] = replace(b, kind=TITLE)
        else:
            break
    return out


def first_heading_level(blocks: list[Block]) -> int:
    return min((b.level for b in blocks if b.kind == HEADING), default=1)


def heading_again(heading: Block | None, page: int = 1) -> Block:
    """The heading a table's header interrupted, again where the table ends, so the text after
    the table is in its section (an empty heading when the text had none before the table)."""
    if heading is None:
        return Block(HEADING, "", page, TABLE_HEADER_LEVEL, pages=((0, page),))
    return replace(heading, page=page, pages=((0, page),), markers=())


def last_text_heading(blocks: list[Block]) -> Block | None:
    """The last heading of the text itself, not of a table's header row."""
    return next((b for b in reversed(blocks) if b.kind == HEADING and b.level != TABLE_HEADER_LEVEL), None)
