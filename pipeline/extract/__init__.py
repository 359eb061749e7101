"""File -> blocks, by the file's content (not its name)."""
from __future__ import annotations

import re
from pathlib import Path

from ..records import ExtractedDocument

SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "txt",
            ".tif": "image", ".tiff": "image"}
# A PNG or JPEG file is read as a scanned page only when named one by one (a manifest row, a file
# argument): in a folder such files are more often logos, charts and a saved web page's pictures.
# Office formats policy documents also come in, which are not read: each still gets a row
# (status "unsupported") so a researcher sees what the analysis left out.
OTHER_DOCUMENT_SUFFIXES = (".doc", ".docm", ".dot", ".dotx", ".odt", ".rtf", ".wpd", ".pages",
                           ".ppt", ".pptx", ".odp", ".xls", ".xlsx", ".ods", ".epub")


def sniff(path: Path, head: bytes | None = None) -> str:
    """The format a file's bytes show: pdf, docx, html, txt, image, or what else it looks like."""
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    if not head:
        return "empty"
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        import zipfile
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError):
            return "corrupt zip"
        return "docx" if "word/document.xml" in names else "zip archive"
    if head[:3] == b"\xff\xd8\xff" or head[:8] == b"\x89PNG\r\n\x1a\n" or head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"  # JPEG, PNG, TIFF: a scanned page
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "an old Word or Excel file (.doc/.xls)"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte order mark: look at the text itself
        try:
            text = head[: len(head) - len(head) % 2].decode("utf-16")
        except UnicodeDecodeError:
            return "binary data"
        return "html" if re.search(r"<html|<!doctype html|<body", text[:2048], re.I) else "txt"
    if head[:5] == b"{\\rtf":
        return "an RTF document"
    lowered = head[:2048].lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or b"<body" in lowered:
        return "html"
    if b"\x00" in head:
        return "binary data"
    return "txt"


def extract(path: Path, kind: str, password: str | None = None, use_ocr: bool = True,
            ocr_lang: str = "nld", ocr_dpi: int = 300, ocr_page_s: float = 0.0,
            pdf_reader: str = "pdfium") -> ExtractedDocument:
    if kind == "pdf":
        from .pdf import extract_pdf
        return extract_pdf(path, password=password, use_ocr=use_ocr, ocr_lang=ocr_lang, ocr_dpi=ocr_dpi,
                           ocr_page_s=ocr_page_s, reader=pdf_reader)
    if kind == "docx":
        from .docx import extract_docx
        return extract_docx(path)
    if kind == "html":
        from .html import extract_html
        return extract_html(path)
    if kind == "txt":
        from .txt import extract_txt
        return extract_txt(path)
    if kind == "image":
        from .image import extract_image
        return extract_image(path, use_ocr=use_ocr, ocr_lang=ocr_lang, ocr_page_s=ocr_page_s)
    raise ValueError(kind)
