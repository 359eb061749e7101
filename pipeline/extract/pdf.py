"""PDF pages -> positioned words (text layer via pypdfium2 or pdfplumber, OCR where there is none)."""
from __future__ import annotations

import math
import re
from pathlib import Path

from ..layout import layout_document
from ..records import ExtractedDocument, PageInfo, Word
from . import ocr, tables

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_ITALIC = re.compile(r"italic|oblique|kursiv", re.I)
_ITALIC_FLAG = 1 << 6  # the Italic bit of a PDF font descriptor's flags
_CID = re.compile(r"\(cid:\d+\)")
# A page with fewer characters than this in its text layer is read by OCR.
MIN_TEXT_CHARS = 25
# a page whose text layer is this thin is OCR'd when it holds an image or at least this many
# drawn shapes (text turned into outlines); else it is blank but for its number: nothing to read
MIN_DRAWN_SHAPES = 20
# a character at an angle (radians, as pdfium measures it) between these is turned, not horizontal
ROTATED_MIN, ROTATED_MAX = 0.2, 2 * math.pi - 0.2


def words_from_pdfplumber(page) -> list[Word]:
    words = page.extract_words(
        x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False,
        extra_attrs=["size"], return_chars=True,
    )  # fontname is read per character: subset fonts change name inside a word
    upright = [w for w in words if sum(1 for c in w["chars"] if c.get("upright", True)) * 2 > len(w["chars"])]
    if sum(len(w["chars"]) for w in upright) * 2 >= sum(len(w["chars"]) for w in words):
        words = upright  # text at an angle left out, unless it is most of the page, as words_from_pdfium does
    out = []
    for w in words:
        text = w["text"]
        if "(cid:" in text:
            # a glyph without a Unicode mapping: alone it is almost always a bullet
            text = "•" if _CID.fullmatch(text) else _CID.sub("", text)
        if text.strip():
            bold, italic = (sum(1 for c in w["chars"] if style.search(c["fontname"])) * 2 > len(w["chars"])
                            for style in (_BOLD, _ITALIC))  # most of the word's characters in that style
            out.append(Word(text, float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                            float(w["size"]), bold, italic))
    return out


_SKIP = {" ", "\r", "\n", "\t", "\x00", "\ufffe", "\ufeff"}


def words_from_pdfium(page, textpage=None, keep_rotated: bool = False) -> list[Word]:
    """Words of a pypdfium2 page with boxes (top-left origin) and font size and weight.

    The size is the height of the characters' loose (font) boxes, so it compares
    within a document the way font sizes do; bold is a font weight of 600 or
    more or a font name that says so, read from the word's middle character.
    Text set at an angle (a table's column headers turned upright) is left out: read
    across, it is a string of single letters. On a page where most text is turned
    (a landscape page), all of it is kept.
    """
    import ctypes

    import pypdfium2.raw as raw

    tp = textpage or page.get_textpage()
    handle = tp.raw
    height = page.get_height()
    words: list[Word] = []
    # one word's characters, top-left origin: texts, lefts, rights, bottoms, tops, sizes
    texts: list[str] = []
    lefts: list[float] = []
    rights: list[float] = []
    bottoms: list[float] = []
    tops: list[float] = []
    sizes: list[float] = []
    first = 0  # the index of the word's first character
    style = _StyleLookup(raw, handle)
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_unicode, get_box, get_angle = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharAngle
    rotated = kept = 0

    def flush():
        middle = len(texts) // 2
        # the median box, so one odd glyph (a generated hyphen) cannot stretch a word over two lines
        words.append(Word("".join(texts), min(lefts), max(rights), sorted(tops)[middle], sorted(bottoms)[middle],
                          round(sorted(sizes)[middle], 1), *style(first + middle)))
        for part in (texts, lefts, rights, bottoms, tops, sizes):
            part.clear()

    prev_bottom = prev_right = prev_top = prev_size = 0.0
    for i in range(tp.count_chars()):
        ch = chr(get_unicode(handle, i))
        if ch in _SKIP:
            if texts:
                flush()
            continue
        if ch == "\x02":  # pdfium's mark for a hyphen that ends a line: the hyphen itself
            ch = "-"
        get_box(handle, i, rect_ref)
        size = rect.top - rect.bottom
        top_y, bottom_y = height - rect.top, height - rect.bottom
        if texts:
            same_line = abs(prev_bottom - bottom_y) < 0.5 * (size if size > 1 else 1) or (
                size < prev_size * 0.85 and top_y >= prev_top - 1)
            shrinks = size < 0.85 * prev_size  # a raised call starts a word of its own
            if not same_line or rect.left - prev_right > 0.25 * (size if size > prev_size else prev_size) or shrinks:
                flush()
        if not texts:  # turned text breaks the line at every character: a word start is where to look
            if not keep_rotated and ROTATED_MIN < get_angle(handle, i) < ROTATED_MAX:
                rotated += 1
                continue
            first = i
        kept += 1
        texts.append(ch)
        lefts.append(rect.left)
        prev_right = rect.right
        rights.append(prev_right)
        bottoms.append(bottom_y)
        tops.append(top_y)
        sizes.append(size)
        prev_bottom, prev_top, prev_size = bottom_y, top_y, size
    if texts:
        flush()
    if rotated > kept:
        return words_from_pdfium(page, tp, keep_rotated=True)
    return words


class _StyleLookup:
    """Whether a character's font is bold (by weight or name) and italic (by its flags or name),
    looked up once per font."""

    def __init__(self, raw, handle):
        import ctypes

        self.raw, self.handle = raw, handle
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        self.cache: dict = {}

    def __call__(self, index: int) -> tuple[bool, bool]:
        raw = self.raw
        length = raw.FPDFText_GetFontInfo(self.handle, index, self.buffer, 256, self.flags_ref)
        if not length:
            return False, False
        if length > 256:  # a name longer than the buffer, which pdfium then leaves as it was
            return raw.FPDFText_GetFontWeight(self.handle, index) >= 600, bool(self.flags.value & _ITALIC_FLAG)
        key = (self.buffer.value, self.flags.value)
        if key not in self.cache:
            name = key[0].decode("latin-1", "replace")
            self.cache[key] = (raw.FPDFText_GetFontWeight(self.handle, index) >= 600 or bool(_BOLD.search(name)),
                               bool(key[1] & _ITALIC_FLAG) or bool(_ITALIC.search(name)))
        return self.cache[key]


def _read_pdfplumber(path: Path, password: str | None):
    """(page number, width, height, words or exception, drawn rules) per page, and the metadata."""
    import pdfplumber

    with pdfplumber.open(path, password=password or "") as pdf:
        meta = dict(pdf.metadata or {})
        pages = []
        for page in pdf.pages:
            try:
                words = words_from_pdfplumber(page)
            except Exception as err:  # one broken page must not lose the others
                words = err
            rules = len(page.rects) + len(page.lines)
            pages.append((page.page_number, float(page.width), float(page.height), words, rules))
    return pages, meta


def _read_pdfium(path: Path, password: str | None):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        meta = dict(pdf.get_metadata_dict(skip_empty=True))
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                words = words_from_pdfium(page)
            except Exception as err:
                words = err
            rules = sum(1 for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=4))
            pages.append((index + 1, float(page.get_width()), float(page.get_height()), words, rules))
            page.close()
    finally:
        pdf.close()
    return pages, meta


READERS = {"pdfplumber": _read_pdfplumber, "pdfium": _read_pdfium}


def blank_pages(path: Path, numbers: list[int], password: str | None = None) -> set[int]:
    """Of the given pages (1-based), those with no image and hardly any drawing: left blank but
    for a page number, they hold nothing for OCR to read."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    shapes = (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_SHADING)
    blank: set[int] = set()
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except Exception:
        return blank  # the reader has read it; if pdfium cannot, OCR will say why
    try:
        for n in numbers:
            page = pdf[n - 1]
            kinds = [obj.type for obj in page.get_objects(filter=shapes, max_depth=4)]
            if raw.FPDF_PAGEOBJ_IMAGE not in kinds and len(kinds) < MIN_DRAWN_SHAPES:
                blank.add(n)
            page.close()
    finally:
        pdf.close()
    return blank


def extract_pdf(path: Path, password: str | None = None, use_ocr: bool = True,
                ocr_lang: str = "nld", ocr_dpi: int = 300, ocr_page_s: float = 0.0,
                reader: str = "pdfium") -> ExtractedDocument:
    """Read a PDF into blocks. Pages without a usable text layer are OCR'd."""
    from ..supervise import extend_deadline  # looked up when a document is read, not at import
    pages_in: list[tuple[list[Word], int, float, float]] = []
    infos: list[PageInfo] = []
    scanned: list[int] = []
    ruled: list[int] = []  # pages with enough drawn rules to hold a table
    pages, meta = READERS[reader](path, password)
    for n, width, height, words, rules in pages:
        if isinstance(words, Exception):
            infos.append(PageInfo(n, "none", f"{type(words).__name__}: {words}"))
            pages_in.append(([], n, width, height))
            continue
        if sum(len(w.text) for w in words) < MIN_TEXT_CHARS:
            scanned.append(n)
        elif rules >= tables.MIN_RULES:
            ruled.append(n)
        infos.append(PageInfo(n, "text"))
        pages_in.append((words, n, width, height))
    if scanned:
        blank = blank_pages(path, scanned, password)
        scanned = [n for n in scanned if n not in blank]
    if scanned:
        if use_ocr and ocr_page_s:
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
    if ruled:
        extend_deadline(tables.PAGE_S * len(ruled))  # a long report ruled on every page needs the time
    blocks, title = layout_document(pages_in, tables.find_tables(path, ruled, password))
    return ExtractedDocument(blocks, infos, title=title or str(meta.get("Title") or "").strip(),
                             metadata={k: str(v) for k, v in meta.items() if isinstance(v, (str, int, float))})
