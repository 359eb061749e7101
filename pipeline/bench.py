"""Throughput benchmark: the same generated corpus through bare extractors and through analyze.

    sociale-basis bench --documents 100

Measures, on the born-digital PDFs of one generated corpus: bare ``pdftotext``
(poppler, all cores), bare pypdfium2 and pdfplumber text extraction (all cores),
the project's extraction stage alone (``analyze --no-detect``) and the full
``analyze``. Prints pages and words per second, peak memory, and the ratio of
the full pipeline to bare pdftotext.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _pages_and_words_pdfium(path: str) -> tuple[int, int]:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path)
    words = 0
    for page in pdf:
        words += len(page.get_textpage().get_text_range().split())
    n = len(pdf)
    pdf.close()
    return n, words


def _pages_and_words_pdfplumber(path: str) -> tuple[int, int]:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages), sum(len((p.extract_text() or "").split()) for p in pdf.pages)


def _peak_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _pool(fn, files: list[str], workers: int) -> tuple[int, int, float]:
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(fn, files, chunksize=4))
    return sum(p for p, _ in results), sum(w for _, w in results), time.perf_counter() - start


def _pdftotext(files: list[str], workers: int) -> tuple[int, int, float]:
    if not shutil.which("pdftotext"):
        raise RuntimeError("pdftotext (poppler-utils) is not installed; run ./setup.sh")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(files) + "\n", encoding="utf-8")
        subprocess.run(f"xargs -d '\\n' -P {workers} -I{{}} sh -c 'pdftotext -q \"{{}}\" \"{tmp}/$(basename \"{{}}\").txt\"' "
                       f"< {listing}", shell=True, check=True)
        seconds = time.perf_counter() - start
        words = sum(len(p.read_text(errors="ignore").split()) for p in Path(tmp).glob("*.txt"))
    pages = sum(_pages_and_words_pdfium(f)[0] for f in files)
    return pages, words, seconds


def _analyze(corpus: Path, out: Path, workers: int, detect: bool, reader: str) -> tuple[int, int, float, float]:
    from .batch import analyze
    start = time.perf_counter()
    summary = analyze([corpus], out, progress=False, workers=workers, detect=detect, ocr=False, pdf_reader=reader)
    seconds = time.perf_counter() - start
    words = sum(len(json.loads(line)["text"].split()) for line in open(out / "sentences.jsonl", encoding="utf-8"))
    return summary.pages, words, seconds, summary.worker_peak_mb


def run_bench(documents: int = 100, workers: int = 0, seed: int = 0, keep: Path | None = None) -> list[dict]:
    """Generate a corpus of ``documents`` born-digital PDFs and time every reader on it."""
    from .corpus import make_corpus

    workers = workers or os.cpu_count() or 1
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="sb-bench-"))
    corpus = root / "corpus"
    if not (corpus / "manifest.csv").exists():
        make_corpus(corpus, documents=documents, municipalities=max(1, documents // 5), seed=seed,
                    mix={"pdf": 0.75, "pdf-twocol": 0.25})
    files = sorted(str(p) for p in corpus.rglob("*.pdf"))
    rows = []

    def add(name, pages, words, seconds, peak=None):
        rows.append({"reader": name, "documents": len(files), "pages": pages, "words": words,
                     "seconds": round(seconds, 2), "pages_per_s": round(pages / seconds, 1),
                     "words_per_s": round(words / seconds), "peak_worker_mb": round(peak) if peak else None})

    add("pdftotext (poppler)", *_pdftotext(files, workers))
    add("pypdfium2 get_text_range", *_pool(_pages_and_words_pdfium, files, workers))
    add("pdfplumber extract_text", *_pool(_pages_and_words_pdfplumber, files, workers))
    for reader in ("pdfplumber", "pdfium"):
        for name, detect in ((f"sociale-basis extraction, {reader} (--no-detect)", False),
                             (f"sociale-basis analyze, {reader} (full)", True)):
            out = root / f"out-{reader}-{'full' if detect else 'extract'}"
            shutil.rmtree(out, ignore_errors=True)
            pages, words, seconds, peak = _analyze(corpus, out, workers, detect, reader)
            add(name, pages, words, seconds, peak)
    base = rows[0]["pages_per_s"]
    for row in rows:
        row["vs_pdftotext"] = round(row["pages_per_s"] / base, 3)
    rows.append({"reader": "whole run peak RSS of child processes (MB)", "peak_worker_mb": round(_peak_children_mb())})
    if not keep:
        shutil.rmtree(root, ignore_errors=True)
    return rows
