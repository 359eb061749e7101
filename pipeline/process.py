"""One document: file -> blocks -> sentence records. No files are written here."""
from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import AnalyzeConfig
from .errors import Errors
from .extract import OTHER_DOCUMENT_SUFFIXES, extract, sniff
from .language import detect_language
from .metadata import ManifestRow, resolve_metadata
from .records import BODY_KINDS, FOOTNOTE, HEADING, Block, ExtractedDocument, empty_codebook_fields
from .segment import RuleSegmenter, Segmenter

SUPPORTED = ("pdf", "docx", "html", "txt", "image")
BLOCK_SEPARATOR = "\n\n"
_PROSE = re.compile(r"[^\W\d_]{2,}")  # a word of at least two letters


@dataclass
class DocumentResult:
    """The records of one document: its row, its sentences and its body text.

    ``lines``: the sentences already written as JSON Lines, where a worker process made
    them (:func:`pipeline.batch._run_one`); the run's process then only writes them out
    instead of receiving every record's objects and serialising them again.
    """

    row: dict
    sentences: list[dict] = field(default_factory=list)
    text: str = ""
    lines: list[str] | None = None


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sentence_records(doc_id: str, blocks: list[Block], segmenter: Segmenter) -> tuple[list[dict], str]:
    """Sentences of the body blocks in reading order, with their section, page,
    offsets into the document text and the footnotes they call."""
    notes = {b.note: b.text for b in blocks if b.kind == FOOTNOTE and b.note is not None}
    records: list[dict] = []
    parts: list[str] = []
    offset = 0
    section = ""
    for block in blocks:
        if block.kind == HEADING:
            section = block.text
            continue
        if block.kind not in BODY_KINDS or not _PROSE.search(block.text):
            continue  # table cells with only numbers or ticks are no sentences
        if parts:
            offset += len(BLOCK_SEPARATOR)
        for start, end in segmenter(block.text):
            calls = [n for n, at in block.markers if start < at <= end]
            records.append({
                "doc_id": doc_id,
                "i": len(records),
                "page": block.page_at(start),
                "section": section,
                "kind": block.kind,
                "text": block.text[start:end],
                "char_start": offset + start,
                "char_end": offset + end,
                "footnotes": [{"n": n, "text": notes.get(n, "")} for n in calls],
                **empty_codebook_fields(),
                "why": {},
            })
        parts.append(block.text)
        offset += len(block.text)
    return records, BLOCK_SEPARATOR.join(parts)


def classify_failure(err: Exception, kind: str) -> tuple[str, str]:
    """A status and a plain message for an exception raised while reading."""
    name = type(err).__name__
    text = str(err) or name
    said = f"{name} {text} {err!r}".lower()
    if "password" in said or "encrypt" in said:
        return "encrypted", Errors.D_ENCRYPTED
    if kind in SUPPORTED:
        what = "a scanned image" if kind == "image" else kind.upper()
        return "corrupt", Errors.D_CORRUPT.format(kind=what, err=f"{name}: {text}"[:300])
    return "error", Errors.D_FAILED.format(kind=name, err=text[:300])


def annotate(sentences: list[dict], detectors, nlp=None) -> list[dict]:
    """The sentences with their codebook fields filled by the detectors."""
    from .detect.detectors import document_views, set_annotations

    if not sentences:
        return sentences
    views = document_views(sentences, nlp)  # the detectors embed the sentences they need to
    return set_annotations(sentences, detectors.predict(views))


def new_row(path: Path, doc_id: str, relative: Path, config: AnalyzeConfig,
            manifest_row: ManifestRow | None = None, sha256: str | None = None) -> dict:
    """A document row with its metadata, before the document is read."""
    row = {
        "doc_id": doc_id, "path": str(path), "sha256": sha256 or "", "format": "",
        "municipality": "", "cbs_code": "", "year": None, "doc_type": "", "title": "",
        "metadata_source": {}, "pages": 0, "page_methods": [], "language": "",
        "n_sentences": 0, "n_footnotes": 0, "status": "ok", "error": "",
        "warnings": [manifest_row.warning] if manifest_row and manifest_row.warning else [],
        "timings": {}, "config": config.fingerprint(),
    }
    meta, source = resolve_metadata(relative, manifest_row, "")
    row.update(meta)
    row["metadata_source"] = source
    return row


def failed_result(path: Path, doc_id: str, relative: Path, config: AnalyzeConfig, status: str, message: str,
                  manifest_row: ManifestRow | None = None, sha256: str | None = None) -> DocumentResult:
    """The row of a document that could not be read (stopped, crashed, refused)."""
    row = new_row(path, doc_id, relative, config, manifest_row, sha256)
    row.update(status=status, error=message)
    return DocumentResult(row)


def process_document(path: Path, doc_id: str, relative: Path, config: AnalyzeConfig,
                     manifest_row: ManifestRow | None = None, segmenter: Segmenter | None = None,
                     sha256: str | None = None, detectors=None, nlp=None) -> DocumentResult:
    """Read one file into its document row and sentence records.

    Never raises for a bad file: the row's ``status`` and ``error`` say what
    went wrong, and the sentences list is empty.
    """
    started = time.perf_counter()
    segmenter = segmenter or RuleSegmenter()
    row = new_row(path, doc_id, relative, config, manifest_row, sha256)

    def finish(result: DocumentResult) -> DocumentResult:
        result.row["timings"]["total_s"] = round(time.perf_counter() - started, 4)
        return result

    if not os.path.lexists(path):  # only a manifest names files that are not there
        row.update(status="missing", error=Errors.D_MISSING)
        return finish(DocumentResult(row))
    try:
        size_mb = path.stat().st_size / 1e6
        if config.max_file_mb and size_mb > config.max_file_mb:
            row.update(status="too-large", error=Errors.D_TOO_LARGE_FILE.format(size=size_mb, limit=config.max_file_mb))
            return finish(DocumentResult(row))
        row["sha256"] = row["sha256"] or file_sha256(path)
        kind = sniff(path)
    except OSError as err:
        row.update(status="unreadable", error=Errors.D_UNREADABLE.format(err=err.strerror or err))
        return finish(DocumentResult(row))
    row["format"] = kind
    if kind == "empty":
        row.update(status="empty", error=Errors.D_EMPTY)
        return finish(DocumentResult(row))
    if kind == "corrupt zip":
        row.update(status="corrupt", error=Errors.D_CORRUPT.format(kind="DOCX", err="the zip container is damaged"))
        return finish(DocumentResult(row))
    if kind not in SUPPORTED and path.suffix.lower() in OTHER_DOCUMENT_SUFFIXES:
        row.update(status="unsupported", error=Errors.D_UNSUPPORTED.format(suffix=path.suffix.lower()))
        return finish(DocumentResult(row))
    if kind not in SUPPORTED:
        row.update(status="not-a-document", error=Errors.D_NOT_DOCUMENT.format(kind=kind))
        return finish(DocumentResult(row))
    refused = check_limits(path, kind, config)
    if refused:
        row.update(status=refused[0], error=refused[1])
        return finish(DocumentResult(row))
    t0 = time.perf_counter()
    try:
        doc: ExtractedDocument = extract(path, kind, password=config.password, use_ocr=config.ocr,
                                         ocr_lang=config.ocr_lang, ocr_dpi=config.ocr_dpi,
                                         ocr_page_s=config.ocr_page_s, pdf_reader=config.pdf_reader)
    except Exception as err:  # a bad file is a row, not a crash
        status, message = classify_failure(err, kind)
        row.update(status=status, error=message)
        return finish(DocumentResult(row))
    row["timings"]["extract_s"] = round(time.perf_counter() - t0, 4)
    meta, source = resolve_metadata(relative, manifest_row, doc.title, opening_texts(doc.blocks))
    row.update(meta)
    row["metadata_source"] = source
    row["pages"] = len(doc.pages)
    row["page_methods"] = [p.method for p in doc.pages]
    t0 = time.perf_counter()
    sentences, text = sentence_records(doc_id, doc.blocks, segmenter)
    row["timings"]["segment_s"] = round(time.perf_counter() - t0, 4)
    row["n_footnotes"] = sum(1 for b in doc.blocks if b.kind == FOOTNOTE)
    row["language"] = detect_language(text)
    if row["language"] not in ("", "nl") and not config.any_language:
        row.update(status="non-dutch", error=Errors.D_NON_DUTCH.format(lang=LANGUAGE_NAMES.get(row["language"],
                                                                                               row["language"])))
        return finish(DocumentResult(row))
    if detectors is not None and sentences:
        t0 = time.perf_counter()
        sentences = annotate(sentences, detectors, nlp)
        row["timings"]["detect_s"] = round(time.perf_counter() - t0, 4)
    row["n_sentences"] = len(sentences)
    failed = [p for p in doc.pages if p.method == "none"]
    if failed and len(failed) < len(doc.pages) and sentences:
        row.update(status="partial", error=Errors.D_PARTIAL.format(
            pages=", ".join(str(p.number) for p in failed), err=failed[0].error))
    elif failed and not sentences:
        ocr_off = all("OCR" in p.error or "tesseract" in p.error for p in failed)
        status = "scanned-no-ocr" if ocr_off else "empty"
        message = Errors.D_SCANNED_NO_OCR.format(n=len(failed), err=failed[0].error) if ocr_off else Errors.D_EMPTY
        row.update(status=status, error=message)
    elif not sentences:
        row.update(status="empty", error=Errors.D_EMPTY)
    return finish(DocumentResult(row, sentences, text))


LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French"}
# where a document states its date: a letterhead, a motion's "in vergadering bijeen op ...", a cover
OPENING_PAGES, OPENING_CHARS = 2, 4000


def opening_texts(blocks: list) -> list[str]:
    """The texts of the blocks of a document's first two pages, up to its first 4,000
    characters (a web page or Word file is one page: its opening blocks)."""
    texts, size = [], 0
    for b in blocks:
        if b.page > OPENING_PAGES or size >= OPENING_CHARS:
            break
        texts.append(b.text[:OPENING_CHARS - size])
        size += len(b.text) + 1
    return texts


def check_limits(path: Path, kind: str, config: AnalyzeConfig) -> tuple[str, str] | None:
    """(status, message) when a file is too big to read safely, checked before reading it."""
    pages = None  # a PDF's pages or an image's frames, counted without reading them
    if kind == "pdf" and config.max_pages:
        try:
            import pypdfium2 as pdfium
            pdf = pdfium.PdfDocument(str(path), password=config.password)
            try:
                pages = len(pdf)
            finally:
                pdf.close()
        except Exception:
            return None  # the reader itself will say what is wrong
    if kind == "image":  # counted also without a page limit: an image bomb shows on opening
        from PIL import Image

        from .extract.image import page_count
        try:
            pages = page_count(path)
        except Image.DecompressionBombError as err:
            return "too-large", Errors.D_IMAGE_BOMB.format(err=str(err).split(",")[0])
        except Exception:
            return None  # the reader itself will say what is wrong
    if pages is not None and config.max_pages and pages > config.max_pages:
        return "too-large", Errors.D_TOO_MANY_PAGES.format(kind="PDF" if kind == "pdf" else "image", n=pages,
                                                           limit=config.max_pages)
    if kind == "docx" and config.max_unzipped_mb:
        import zipfile
        try:
            with zipfile.ZipFile(path) as zf:
                infos = zf.infolist()
        except (zipfile.BadZipFile, OSError) as err:
            return "corrupt", Errors.D_CORRUPT.format(kind="DOCX", err=err)
        expanded = sum(i.file_size for i in infos) / 1e6
        packed = max(sum(i.compress_size for i in infos), 1) / 1e6
        if expanded > config.max_unzipped_mb or (expanded > 10 and expanded / packed > 100):
            return "too-large", Errors.D_ZIP_BOMB.format(expanded=expanded, packed=packed)
    return None
