"""PDF pages -> positioned words (text layer via pdfplumber, OCR where there is none)."""
from __future__ import annotations

import re
from pathlib import Path

from ..layout import layout_document
from ..records import ExtractedDocument, PageInfo, Word
from . import ocr

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_CID = re.compile(r"\(cid:\d+\)")
# A page with fewer characters than this in its text layer is read by OCR.
MIN_TEXT_CHARS = 25


def words_from_pdfplumber(page) -> list[Word]:
    words = page.extract_words(
        x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False,
        extra_attrs=["size"], return_chars=True,
    )  # fontname is read per character: subset fonts change name inside a word
    out = []
    for w in words:
        text = w["text"]
        if "(cid:" in text:
            # a glyph without a Unicode mapping: alone it is almost always a bullet
            text = "•" if _CID.fullmatch(text) else _CID.sub("", text)
        if text.strip():
            bold = sum(1 for c in w["chars"] if _BOLD.search(c["fontname"])) * 2 > len(w["chars"])
            out.append(Word(text, float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                            float(w["size"]), bold))
    return out


def extract_pdf(path: Path, password: str | None = None, use_ocr: bool = True,
                ocr_lang: str = "nld", ocr_dpi: int = 300, ocr_page_s: float = 0.0) -> ExtractedDocument:
    """Read a PDF into blocks. Pages without a usable text layer are OCR'd."""
    import pdfplumber

    pages_in: list[tuple[list[Word], int, float, float]] = []
    infos: list[PageInfo] = []
    with pdfplumber.open(path, password=password or "") as pdf:
        meta = dict(pdf.metadata or {})
        scanned: list[int] = []
        for page in pdf.pages:
            n = page.page_number
            try:
                words = words_from_pdfplumber(page)
            except Exception as err:  # one broken page must not lose the others
                infos.append(PageInfo(n, "none", f"{type(err).__name__}: {err}"))
                pages_in.append(([], n, float(page.width), float(page.height)))
                continue
            if sum(len(w.text) for w in words) < MIN_TEXT_CHARS:
                scanned.append(n)
            infos.append(PageInfo(n, "text"))
            pages_in.append((words, n, float(page.width), float(page.height)))
    if scanned:
        if use_ocr and ocr_page_s:
            from ..supervise import extend_deadline
            extend_deadline(ocr_page_s * len(scanned))  # OCR takes seconds per page: ask for the time
        if use_ocr:
            by_number = {n: i for i, (_, n, _, _) in enumerate(pages_in)}
            for n, result in ocr.ocr_pdf_pages(path, scanned, password=password, lang=ocr_lang, dpi=ocr_dpi):
                i = by_number[n]
                _, _, width, height = pages_in[i]
                if isinstance(result, Exception):
                    infos[i] = PageInfo(n, "none", str(result))
                else:
                    pages_in[i] = (result, n, width, height)
                    infos[i] = PageInfo(n, "ocr")
        else:
            for n in scanned:
                infos[n - 1] = PageInfo(n, "none", "no text layer; OCR switched off")
    blocks, title = layout_document(pages_in)
    return ExtractedDocument(blocks, infos, title=title or str(meta.get("Title") or "").strip(),
                             metadata={k: str(v) for k, v in meta.items() if isinstance(v, (str, int, float))})
