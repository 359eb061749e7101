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


def _page_count(path: str) -> int:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _pages_and_words_pdfplumber(path: str) -> tuple[int, int]:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages), sum(len((p.extract_text() or "").split()) for p in pdf.pages)


class _MemoryWatch:
    """Peak resident memory of this process and all its children together, sampled twice a second."""

    def __init__(self, interval: float = 0.5):
        import threading
        self.interval, self.peak_mb = interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak_mb = max(self.peak_mb, total / 2**20)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False


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
    pages = sum(_page_count(f) for f in files)
    return pages, words, seconds


def _analyze(corpus: Path, out: Path, workers: int, detect: bool, reader: str, ocr: bool = False) -> dict:
    from .batch import analyze
    start = time.perf_counter()
    with _MemoryWatch() as watch:
        summary = analyze([corpus], out, progress=False, workers=workers, detect=detect, ocr=ocr, pdf_reader=reader)
    seconds = time.perf_counter() - start
    words = sum(len(json.loads(line)["text"].split()) for line in open(out / "sentences.jsonl", encoding="utf-8"))
    return {"pages": summary.pages, "words": words, "seconds": seconds, "peak_worker_mb": summary.worker_peak_mb,
            "peak_run_mb": watch.peak_mb, "documents": summary.documents}


def run_bench(documents: int = 100, workers: int = 0, seed: int = 0, keep: Path | None = None,
              plumber: bool = True, scaling: bool = True, mixed: bool = True) -> list[dict]:
    """Generate a corpus of ``documents`` born-digital PDFs and time every reader on it.

    ``plumber``: also time pdfplumber (bare, and as analyze's reader); ``scaling``: also
    run the full analysis with one worker; ``mixed``: also analyse a corpus of a fifth
    as many documents in every format (scanned pages read by OCR, DOCX, HTML).
    """
    from .config import AnalyzeConfig
    from .corpus import DEFAULT_MIX, make_corpus

    workers = workers or os.cpu_count() or 1
    default_reader = AnalyzeConfig().pdf_reader
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="sb-bench-"))
    corpus = root / "corpus"
    if not (corpus / "manifest.csv").exists():
        make_corpus(corpus, documents=documents, municipalities=max(1, documents // 5), seed=seed,
                    mix={"pdf": 0.75, "pdf-twocol": 0.25}, scanned_share=0.0)
    files = sorted(str(p) for p in corpus.rglob("*.pdf"))
    rows = []

    def add(name, pages, words, seconds, peak_worker_mb=None, peak_run_mb=None, n=None, workers_used=workers,
            **_):
        rows.append({"reader": name, "documents": n or len(files), "workers": workers_used, "pages": pages,
                     "words": words, "seconds": round(seconds, 2), "pages_per_s": round(pages / seconds, 1),
                     "words_per_s": round(words / seconds),
                     "peak_worker_mb": round(peak_worker_mb) if peak_worker_mb else None,
                     "peak_run_mb": round(peak_run_mb) if peak_run_mb else None})

    def analyze_row(name, reader, detect, n_workers=workers, target=corpus, ocr=False):
        out = root / f"out-{reader}-{'full' if detect else 'extract'}-{n_workers}-{target.name}"
        shutil.rmtree(out, ignore_errors=True)
        result = _analyze(target, out, n_workers, detect, reader, ocr=ocr)
        add(name, n=result["documents"], workers_used=n_workers, **result)

    add("pdftotext (poppler)", *_pdftotext(files, workers))
    add("pypdfium2 get_text_range", *_pool(_pages_and_words_pdfium, files, workers))
    if plumber:
        add("pdfplumber extract_text", *_pool(_pages_and_words_pdfplumber, files, workers))
    readers = [default_reader] + ([r for r in ("pdfium", "pdfplumber") if r != default_reader] if plumber else [])
    for reader in readers:
        tag = " (default)" if reader == default_reader else ""
        analyze_row(f"sociale-basis extraction, {reader}{tag} (--no-detect)", reader, False)
        analyze_row(f"sociale-basis analyze, {reader}{tag}", reader, True)
    if scaling and workers > 1:
        analyze_row(f"sociale-basis analyze, {default_reader}, 1 worker", default_reader, True, 1)
    base = rows[0]["pages_per_s"]
    for row in rows:
        row["vs_pdftotext"] = round(row["pages_per_s"] / base, 3)
    if mixed:
        target = root / "mixed"
        if not (target / "manifest.csv").exists():
            make_corpus(target, documents=max(5, documents // 5), municipalities=max(1, documents // 25),
                        seed=seed + 1, mix=DEFAULT_MIX)
        analyze_row("sociale-basis analyze, mixed formats (OCR of scans, DOCX, HTML)", default_reader, True,
                    target=target, ocr=True)
    if not keep:
        shutil.rmtree(root, ignore_errors=True)
    return rows


def speedup(rows: list[dict]) -> float | None:
    """Full analysis with all workers against one worker, from :func:`run_bench`'s rows."""
    full = [r for r in rows if r["reader"].startswith("sociale-basis analyze") and "(default)" in r["reader"]]
    one = [r for r in rows if r["reader"].endswith(", 1 worker")]
    if not full or not one:
        return None
    return round(full[0]["pages_per_s"] / one[0]["pages_per_s"], 2)


def profile_documents(paths: list[Path], pdf_reader: str | None = None, detect: bool = True,
                      html: Path | None = None) -> tuple[str, int, float]:
    """Read documents in this process under pyinstrument: where a worker's time goes.

    Returns the text report, the pages read and the seconds taken (models loaded
    before the clock starts, as in a worker).
    """
    from pyinstrument import Profiler

    from .batch import _init_worker, _run_one, discover
    from .config import AnalyzeConfig

    config = AnalyzeConfig.resolve(None, detect=detect, ocr=False, pdf_reader=pdf_reader, workers=1)
    _init_worker(config)
    items = discover([Path(p) for p in paths], {})
    profiler = Profiler(interval=0.002)
    pages = 0
    start = time.perf_counter()
    profiler.start()
    for item in items:  # as a worker reads them
        pages += _run_one(item, None, None).row.get("pages") or 0
    profiler.stop()
    seconds = time.perf_counter() - start
    if html:
        Path(html).write_text(profiler.output_html(), encoding="utf-8")
    return profiler.output_text(unicode=True, color=False), pages, seconds
