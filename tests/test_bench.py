"""The throughput benchmark: every reader timed on the same generated files."""
import shutil

import pytest

from pipeline.bench import run_bench, speedup


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_bench_times_every_reader_on_the_same_pages(tmp_path):
    rows = run_bench(documents=4, workers=2, keep=tmp_path, plumber=True, scaling=True, mixed=False)
    by_name = {r["reader"]: r for r in rows}
    assert list(by_name)[0] == "pdftotext (poppler)" and by_name["pdftotext (poppler)"]["vs_pdftotext"] == 1.0
    pages = by_name["pdftotext (poppler)"]["pages"]
    assert pages >= 4
    ours = [r for name, r in by_name.items() if name.startswith("sociale-basis")]
    assert {r["pages"] for r in ours} == {pages}  # the same files for every reader
    assert all(r["pages_per_s"] > 0 and r["peak_worker_mb"] > 0 and r["peak_run_mb"] >= r["peak_worker_mb"]
               for r in ours)
    assert "sociale-basis analyze, pdfium (default)" in by_name and "pdfplumber extract_text" in by_name
    assert by_name["sociale-basis analyze, pdfium, 1 worker"]["workers"] == 1
    assert speedup(rows) > 0
