"""OCR of page images with tesseract, returning words in PDF points."""
from __future__ import annotations

import shutil
from statistics import median
from pathlib import Path

from ..records import Word

OCR_BULLETS = {"e", "«", "»", "+", "*", "°", "o", "·", "©", "®", "¢", "@"}
MIN_CONFIDENCE = 5  # tesseract word confidence below which a word is dropped as noise
# mean confidence of a line's words with letters or digits below which the line is dropped: what
# tesseract reads into a photograph (a cover) scores 15-35, a line of text 60-96
MIN_LINE_CONFIDENCE = 40


class OcrUnavailable(RuntimeError):
    pass


def available(lang: str = "nld") -> str:
    """Empty string when tesseract with ``lang`` can run, else the reason it cannot."""
    if not shutil.which("tesseract"):
        return "the tesseract program is not installed"
    try:
        import pytesseract
        langs = pytesseract.get_languages(config="")
    except Exception as err:  # pragma: no cover - depends on the machine
        return f"tesseract does not run: {err}"
    return "" if lang in langs else f"tesseract has no {lang!r} language data"


def words_from_image(image, scale: float, lang: str = "nld") -> list[Word]:
    """Words of a PIL image; ``scale`` converts pixels to PDF points."""
    import pytesseract

    data = pytesseract.image_to_data(image, lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT)
    # Per tesseract line: its tallest word (a paragraph's median of these gives its words a
    # font size, so headings stand out as they do in a text layer while body paragraphs stay
    # alike) and the span of its words (every word gets it: tight word boxes differ with
    # ascenders and descenders, and the layout groups rows by a shared baseline).
    line_height: dict[tuple, float] = {}
    line_box: dict[tuple, tuple[float, float]] = {}
    for i, text in enumerate(data["text"]):
        if text.strip():
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            line_height[key] = max(line_height.get(key, 0), data["height"][i])
            top, bottom = data["top"][i], data["top"][i] + data["height"][i]
            old_top, old_bottom = line_box.get(key, (top, bottom))
            line_box[key] = (min(old_top, top), max(old_bottom, bottom))
    line_confidence: dict[tuple, list[float]] = {}
    for i, text in enumerate(data["text"]):
        if any(c.isalnum() for c in text):
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            line_confidence.setdefault(key, []).append(float(data["conf"][i]))
    noise = {k for k, v in line_confidence.items() if sum(v) / len(v) < MIN_LINE_CONFIDENCE}
    par_heights: dict[tuple, list[float]] = {}
    for (block, par, _), height in line_height.items():
        par_heights.setdefault((block, par), []).append(height)
    par_size = {k: round(median(v) * scale * 0.8) for k, v in par_heights.items()}
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text or float(data["conf"][i]) < MIN_CONFIDENCE:
            continue
        if (data["block_num"][i], data["par_num"][i], data["line_num"][i]) in noise:
            continue
        left, width = data["left"][i] * scale, data["width"][i] * scale
        line_top, line_bottom = line_box[(data["block_num"][i], data["par_num"][i], data["line_num"][i])]
        top, height = line_top * scale, (line_bottom - line_top) * scale
        size = par_size[(data["block_num"][i], data["par_num"][i])]
        if text in OCR_BULLETS and data["word_num"][i] == 1:
            text = "•"  # a bullet read as a letter or sign at the start of a line
        words.append(Word(text, left, left + width, top, top + height, size, False))
    return words


def ocr_pdf_pages(path: Path, numbers: list[int], password: str | None = None, lang: str = "nld", dpi: int = 300):
    """Yield (page number, words or an exception) for the given 1-based pages."""
    reason = available(lang)
    if reason:
        for n in numbers:
            yield n, OcrUnavailable(reason)
        return
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        for n in numbers:
            try:
                page = pdf[n - 1]
                image = page.render(scale=dpi / 72).to_pil().convert("L")
                yield n, words_from_image(image, 72 / dpi, lang)
            except Exception as err:
                yield n, err
    finally:
        pdf.close()
