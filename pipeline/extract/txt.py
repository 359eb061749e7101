"""Plain text -> blocks: blank lines separate paragraphs, form feeds separate pages."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..cleanup import clean_text, join_lines
from ..layout import opens_next_item, starts_with_bullet
from ..markers import BULLETS
from ..records import HEADING, LIST_ITEM, PARAGRAPH, TITLE, Block, ExtractedDocument, PageInfo
from .structure import looks_like_heading


_TERMINAL = tuple(".!?:;…")


def decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte order mark ("Unicode" text from Windows)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def text_to_blocks(text: str) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    pages = text.split("\f")
    for number, page in enumerate(pages, start=1):
        for chunk in re.split(r"\n\s*\n", page):
            lines = [clean_text(x) for x in chunk.split("\n")]
            lines = [x for x in lines if x.strip()]
            current: list[str] = []
            kind = PARAGRAPH
            item = False  # the current block is an item of a numbered list, no heading

            def flush():
                if current:
                    joined = join_lines(current)
                    k = kind
                    level = 0
                    if k == PARAGRAPH and len(current) == 1 and not item:
                        level = looks_like_heading(joined, bold=joined.isupper())
                        k = HEADING if level else PARAGRAPH
                    if k == LIST_ITEM:
                        joined = joined[1:].lstrip()
                    blocks.append(Block(k, joined, number, level, pages=((0, number),)))
                    current.clear()

            for line in lines:
                if starts_with_bullet(line):
                    flush()
                    kind, item = LIST_ITEM, False
                elif opens_next_item(current, line):  # "2. Het voorkomen van zorgvragen" below "1. ..."
                    flush()
                    kind, item = PARAGRAPH, True
                elif kind == LIST_ITEM and not line[:1].islower():
                    flush()
                    kind, item = PARAGRAPH, False
                current.append(line)
            flush()
    return blocks, len(pages)


def extract_txt(path: Path) -> ExtractedDocument:
    blocks, n_pages = text_to_blocks(decode(path.read_bytes()))
    title = ""
    first = blocks[0] if blocks else None
    if first and first.kind == PARAGRAPH and len(first.text.split()) <= 15 and not first.text.endswith(_TERMINAL):
        blocks[0] = replace(first, kind=TITLE)  # an opening line that is no sentence names the document
        title = first.text
    return ExtractedDocument(blocks, [PageInfo(i, "text") for i in range(1, n_pages + 1)], title=title)


__all__ = ["extract_txt", "text_to_blocks", "BULLETS"]
