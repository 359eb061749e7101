"""Scanned pages saved as images (TIFF, one page per frame; PNG; JPEG): each page read by
OCR, then laid out as the pages of a PDF are."""
from __future__ import annotations

from pathlib import Path

from ..records import ExtractedDocument, PageInfo
from . import ocr

# a resolution below this is a screen's, not a scanner's: the file did not record the real one
MIN_SCAN_DPI = 100
DEFAULT_DPI = 300


def page_count(path: Path) -> int:
    """The number of pages (frames) of an image file."""
    from PIL import Image

    with Image.open(path) as image:
        return getattr(image, "n_frames", 1)


def scan_dpi(info: dict) -> float:
    """The resolution an image file records, or 300 (a scanner's usual) when it records none or
    a screen's."""
    dpi = info.get("dpi") or (DEFAULT_DPI, DEFAULT_DPI)
    try:
        value = float(dpi[0])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI
    return value if value >= MIN_SCAN_DPI else DEFAULT_DPI


def extract_image(path: Path, use_ocr: bool = True, ocr_lang: str = "nld", ocr_page_s: float = 0.0) -> ExtractedDocument:
    """Read every page of a scanned image file by OCR. Without OCR (switched off or not
    installed) every page is reported unread, with the reason."""
    from PIL import Image, ImageSequence

    from ..layout import layout_document
    from ..supervise import extend_deadline

    reason = "OCR switched off" if not use_ocr else ocr.available(ocr_lang)
    pages_in, infos = [], []
    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)
        if not reason and ocr_page_s:
            extend_deadline(ocr_page_s * frames)  # OCR takes seconds per page: ask for the time
        for n, frame in enumerate(ImageSequence.Iterator(image), start=1):
            scale = 72 / scan_dpi(frame.info)  # pixels to points, as a PDF page measures
            width, height = frame.width * scale, frame.height * scale
            words, error = [], f"a scanned image; {reason}" if reason else ""
            if not error:
                gray = frame.convert("L")  # a damaged file fails here, and is reported as such
                try:
                    words = ocr.words_from_image(gray, scale, ocr_lang)
                except Exception as err:  # tesseract failed on this page: the others are still read
                    error = f"{type(err).__name__}: {err}"
            pages_in.append((words, n, width, height))
            infos.append(PageInfo(n, "none", error) if error else PageInfo(n, "ocr"))
    blocks, title = layout_document(pages_in)
    return ExtractedDocument(blocks, infos, title=title)
