"""End to end on the shared development gold and the real documents: the
issue's targets as regression checks (born-digital and one scan per run)."""
import json
import shutil

import pytest

from pipeline.batch import analyze
from pipeline.scoring import evaluate

BORN_DIGITAL = ("plain", "twocol", "designed", "docx", "html")


@pytest.fixture(scope="module")
def dev_run(shared, tmp_path_factory):
    rendered = shared / "gold" / "dev" / "rendered"
    root = tmp_path_factory.mktemp("dev") / "rendered"
    for layout in BORN_DIGITAL:
        shutil.copytree(rendered / layout, root / layout)
    (root / "scanned").mkdir()
    for name in ("dev-arnhem-2025-1.pdf", "dev-breda-2024-1.pdf"):
        shutil.copy(rendered / "scanned" / name, root / "scanned" / name)
    shutil.copy(rendered / "manifest.csv", root / "manifest.csv")
    out = tmp_path_factory.mktemp("out")
    analyze([root], out, manifest=root / "manifest.csv", progress=False, workers=2)
    return evaluate(rendered / "gold_expanded.jsonl", out)["segmentation"], out


@pytest.mark.slow
@pytest.mark.parametrize("layout", BORN_DIGITAL)
def test_born_digital_targets(dev_run, layout):
    seg = dev_run[0][layout]
    assert seg["documents"] == 16 and seg["missing"] == 0
    assert seg["coverage"] >= 0.99 and seg["purity"] >= 0.99 and seg["one_to_one"] >= 0.97, seg


@pytest.mark.slow
def test_pdfplumber_reader_meets_the_same_targets(shared, tmp_path):
    """The slower reader stays a full alternative: the same targets on the PDF layouts."""
    rendered = shared / "gold" / "dev" / "rendered"
    root, out = tmp_path / "rendered", tmp_path / "out"
    root.mkdir()
    for layout in ("plain", "twocol", "designed"):
        shutil.copytree(rendered / layout, root / layout)
    analyze([root], out, progress=False, workers=2, pdf_reader="pdfplumber", detect=False, ocr=False)
    seg = evaluate(rendered / "gold_expanded.jsonl", out)["segmentation"]
    for layout in ("plain", "twocol", "designed"):
        assert seg[layout]["coverage"] >= 0.99 and seg[layout]["one_to_one"] >= 0.97, seg[layout]


@pytest.mark.slow
def test_scanned_targets(dev_run):
    seg = dev_run[0]["scanned"]
    assert seg["documents"] == 2
    assert seg["coverage"] >= 0.95 and seg["purity"] >= 0.95 and seg["one_to_one"] >= 0.90, seg


@pytest.mark.slow
def test_metadata_comes_from_the_manifest(dev_run):
    rows = [json.loads(x) for x in (dev_run[1] / "documents.jsonl").read_text().splitlines()]
    arnhem = next(r for r in rows if r["doc_id"] == "plain/dev-arnhem-2025-1")
    assert (arnhem["municipality"], arnhem["year"], arnhem["doc_type"]) == ("Arnhem", 2025, "beleidsplan")


@pytest.mark.slow
def test_real_documents_all_process(shared, tmp_path):
    out = tmp_path / "real"
    summary = analyze([shared / "real"], out, progress=False, workers=2)
    rows = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert summary.documents == len(rows) >= 18
    assert {r["status"] for r in rows} == {"ok"}, [(r["doc_id"], r["error"]) for r in rows if r["status"] != "ok"]
    sents = [json.loads(x) for x in (out / "sentences.jsonl").read_text().splitlines()]
    # running headers and page numbers never end up inside a sentence
    assert not [s for s in sents if "Pagina " in s["text"] and " van " in s["text"] and s["text"][-2:].isdigit()]
    assert not any("Voortgang uitvoeringsprogramma zorglandschap Wmo Flevoland" in s["text"] for s in sents)
