"""Hostile and broken input: every file gets a row with the right status, nothing hangs,
memory stays under the limit, and a killed run resumes to identical output."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from hostile import make_hostile
from pipeline.batch import analyze, safe_relative
from pipeline.cleanup import clean_text, join_lines
from pipeline.segment import RuleSegmenter
from pipeline.supervise import Failure, supervise


def rows(out: Path) -> dict:
    return {d["doc_id"]: d for d in map(json.loads, (out / "documents.jsonl").read_text().splitlines())}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, sample_corpus):
    root = tmp_path_factory.mktemp("hostile")
    expected = make_hostile(root / "hostile")
    shutil.copytree(sample_corpus, root / "sample")
    out = tmp_path_factory.mktemp("out")
    summary = analyze([root], out, progress=False, workers=2, memory_mb=1500)
    return expected, out, summary


def test_every_hostile_file_gets_its_status(hostile_run):
    expected, out, summary = hostile_run
    found = rows(out)
    for name, status in expected.items():
        doc_id = "hostile/" + name.rsplit(".", 1)[0]
        assert found[doc_id]["status"] == status, (name, found[doc_id]["error"])
        if status != "ok":
            assert found[doc_id]["error"], name  # a plain reason for every refusal
    sample = [d for k, d in found.items() if k.startswith("sample/")]
    assert len(sample) == 5 and {d["status"] for d in sample} == {"ok"}
    assert summary.documents == len(expected) + 5


def test_memory_stays_under_the_limit(hostile_run):
    _, out, summary = hostile_run
    assert 0 < summary.worker_peak_mb < 1500


def test_entities_are_not_expanded(hostile_run):
    _, out, _ = hostile_run
    text = (out / "sentences.jsonl").read_text()
    assert "lollol" not in text and "root:" not in text


def test_a_slow_document_times_out_and_the_batch_goes_on(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    make_hostile(tmp_path / "all")
    shutil.copy(tmp_path / "all" / "scan.pdf", corpus / "scan.pdf")
    (corpus / "goed.txt").write_text("De gemeente versterkt de sociale basis in elke wijk. " * 10, encoding="utf-8")
    analyze([corpus], tmp_path / "out", progress=False, workers=1, timeout_s=1.0, ocr_page_s=0.0)
    found = rows(tmp_path / "out")
    assert found["scan"]["status"] == "timeout" and "time limit" in found["scan"]["error"]
    assert found["goed"]["status"] == "ok"


def test_memory_limit_stops_a_document(tmp_path, sample_corpus):
    analyze([sample_corpus / "oss"], tmp_path / "out", progress=False, workers=1, memory_mb=50)
    found = rows(tmp_path / "out")
    assert found["subsidiekader-2024"]["status"] == "too-large" and "memory" in found["subsidiekader-2024"]["error"]


def _init():
    pass


def _run(n):
    if n == 2:
        os._exit(3)  # a native crash
    if n == 3:
        time.sleep(30)
    return n * 10


def test_supervisor_replaces_crashed_and_stuck_workers():
    results = {k: r for k, r, _ in supervise([(n, (n,)) for n in range(5)], _run, _init, (), workers=2,
                                             timeout_s=3, memory_mb=0)}
    assert results[0] == 0 and results[1] == 10 and results[4] == 40
    assert isinstance(results[2], Failure) and results[2].status == "error" and "exit code 3" in results[2].message
    assert isinstance(results[3], Failure) and results[3].status == "timeout"


def test_sigkill_at_random_moments_then_rerun_gives_identical_output(tmp_path, sample_corpus):
    corpus = tmp_path / "corpus"
    for copy in range(3):  # a corpus large enough to be killed in the middle of
        shutil.copytree(sample_corpus, corpus / f"deel{copy}", ignore=shutil.ignore_patterns("*.jsonl", "*.csv"))
    command = [sys.executable, "-m", "pipeline", "analyze", str(corpus), "--workers", "2", "--quiet", "--out"]
    reference = tmp_path / "reference"
    subprocess.run(command + [str(reference)], check=True, capture_output=True)
    out = tmp_path / "killed"
    for delay in (2.0, 4.5, 7.0):
        proc = subprocess.Popen(command + [str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    subprocess.run(command + [str(out)], check=True, capture_output=True)
    assert (out / "sentences.jsonl").read_bytes() == (reference / "sentences.jsonl").read_bytes()
    assert [d["doc_id"] for d in rows(out).values()] == [d["doc_id"] for d in rows(reference).values()]
    assert not list(out.rglob("*.tmp"))


@pytest.mark.parametrize("doc_id,expected", [
    ("../../etc/passwd", "etc/passwd"), ("/abs/path", "abs/path"), ("a/./b", "a/b"), ("..", "_"),
])
def test_output_names_stay_inside_the_output_folder(doc_id, expected):
    assert safe_relative(doc_id).as_posix() == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_segmentation_never_loses_or_duplicates_text(text):
    cleaned = clean_text(text)
    spans = RuleSegmenter()(cleaned)
    assert all(a < b for a, b in spans) and all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    inside = "".join(cleaned[a:b] for a, b in spans)
    assert "".join(inside.split()) == "".join(cleaned.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80), max_size=8))
def test_joining_lines_keeps_every_letter(lines):
    joined = join_lines([clean_text(x) for x in lines])
    letters = lambda s: [c for c in s if c.isalnum()]  # noqa: E731  hyphens and spaces may go, letters may not
    assert letters(joined) == letters("".join(clean_text(x) for x in lines))


def test_password_opens_an_encrypted_pdf_and_no_ocr_is_reported(tmp_path):
    make_hostile(tmp_path / "all")
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("encrypted-user-password.pdf", "scan.pdf"):
        shutil.copy(tmp_path / "all" / name, corpus / name)
    analyze([corpus], tmp_path / "out", progress=False, workers=1, password="geheim", ocr=False)
    found = rows(tmp_path / "out")
    assert found["encrypted-user-password"]["status"] == "ok" and found["encrypted-user-password"]["n_sentences"] > 0
    assert found["scan"]["status"] == "scanned-no-ocr" and "OCR" in found["scan"]["error"]
