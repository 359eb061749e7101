"""analyze --dask: the same outputs from a Dask cluster as from local workers."""
from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("distributed")

from pipeline.batch import analyze  # noqa: E402
from pipeline.errors import SocialeBasisError  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two worker processes that may start children, as the docs tell users to run."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    yield c
    c.close()


def _rows(out):
    rows = [json.loads(line) for line in open(out / "documents.jsonl", encoding="utf-8")]
    for row in rows:
        del row["timings"], row["path"]  # how long it took and where the copy lay
    return rows


@pytest.mark.slow
def test_dask_run_writes_what_a_local_run_writes(cluster, sample_corpus, sample_run, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus, corpus)
    (corpus / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")  # truncated
    out = tmp_path / "dask"
    summary = analyze([corpus], out, manifest=corpus / "manifest.csv", progress=False, dask=cluster.scheduler_address)

    assert summary.by_status == {"ok": 5, "corrupt": 1}
    local = (sample_run / "sentences.jsonl").read_bytes()
    assert local and (out / "sentences.jsonl").read_bytes() == local
    rows = {r["doc_id"]: r for r in _rows(out)}
    assert rows.pop("kapot")["status"] == "corrupt"
    assert list(rows.values()) == _rows(sample_run)


@pytest.mark.slow
def test_dask_rerun_resumes_without_the_cluster(cluster, sample_corpus, tmp_path):
    out = tmp_path / "out"
    analyze([sample_corpus / "oss"], out, progress=False, dask=cluster.scheduler_address, detect=False)
    before = (out / "sentences.jsonl").read_bytes()
    # nothing left to do: the rerun neither contacts a scheduler nor changes a byte
    summary = analyze([sample_corpus / "oss"], out, progress=False, dask="tcp://127.0.0.1:9", detect=False)
    assert summary.processed == 0 and (out / "sentences.jsonl").read_bytes() == before


def test_daemonic_workers_are_refused_with_the_fix(sample_corpus, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        with pytest.raises(SocialeBasisError, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"):
            analyze([sample_corpus / "oss"], tmp_path / "out", progress=False, dask=c.scheduler_address, detect=False)


def test_unreachable_scheduler_is_one_clear_error(sample_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.cluster.CONNECT_TIMEOUT", "2s")
    with pytest.raises(SocialeBasisError, match="Could not reach the Dask scheduler at tcp://127.0.0.1:9"):
        analyze([sample_corpus / "oss"], tmp_path / "out", progress=False, dask="tcp://127.0.0.1:9", detect=False)
