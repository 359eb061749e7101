"""Ruled tables of PDF pages -> cell boxes, found by pdfplumber's table finder.

Only the boxes come from here; the words in them are the reader's own, so a table
reads the same with either reader. A table needs at least two rows and two columns:
a ruled frame around a paragraph is no table.
"""
from __future__ import annotations

from pathlib import Path

from ..records import Table

# drawn lines and rectangles a page needs before its tables are looked for: pdfplumber reads a
# page's every object to find them (about 80 ms a page), and a page with fewer rarely holds one
MIN_RULES = 10
# seconds a document's time limit grows by for each page the table finder reads (it takes 0.1
# to 0.5 s on a ruled page here), so a long report ruled on every page does not time out
PAGE_S = 1.0


def tables_of_page(page) -> list[Table]:
    """The ruled tables of a pdfplumber page, top to bottom."""
    tables = []
    for found in page.find_tables():  # the "lines" strategy: cells bounded by drawn rules
        rows = tuple(tuple(tuple(float(v) for v in cell) for cell in row.cells if cell is not None)
                     for row in found.rows)
        rows = tuple(row for row in rows if row)
        if len(rows) >= 2 and max(len(row) for row in rows) >= 2:
            tables.append(Table(tuple(float(v) for v in found.bbox), rows))
    return sorted(tables, key=lambda t: t.bbox[1])


def find_tables(path: Path, numbers: list[int], password: str | None = None) -> dict[int, list[Table]]:
    """Tables of the given pages (1-based) of a PDF; pages without any are left out.

    A page pdfplumber cannot read has no tables: its text is still read in flow.
    """
    import pdfplumber

    found: dict[int, list[Table]] = {}
    if not numbers:
        return found
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception:
        return found  # the reader has read it; the text stays in reading order
    with pdf:
        for n in numbers:
            try:
                tables = tables_of_page(pdf.pages[n - 1])
            except Exception:
                continue
            if tables:
                found[n] = tables
    return found
