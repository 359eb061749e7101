"""Documents read on a Dask cluster (dask.distributed) instead of local worker processes.

    sociale-basis analyze corpus/ --out out/ --dask tcp://scheduler:8786
    sociale-basis analyze corpus/ --out out/ --dask local      # a LocalCluster on this machine

The client (this process) finds the documents, decides what a rerun still has to
do and writes every output, exactly as in a local run; the cluster only reads
documents. Each Dask worker thread keeps one supervised reader process with the
models loaded (:class:`pipeline.supervise.Supervisor`), so the per-document time
and memory limits hold on the cluster too and a crash in a native library costs
one document, not a Dask worker.

The workers must see the documents at the same paths as the client (a shared
file system; relative paths resolve from the folder the run started in) and
have this package installed; their processes must be allowed to start
children: ``DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker ...``.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import threading
from typing import Iterator

from .errors import Errors, SocialeBasisError

LOCAL = "local"
CONNECT_TIMEOUT = "20s"
_THREAD = threading.local()


def _init_reader(config, cwd: str) -> None:
    """A reader process starts where the client ran, so relative document paths resolve alike."""
    from .batch import _init_worker

    if os.path.isdir(cwd):  # absolute paths need no such folder
        os.chdir(cwd)
    _init_worker(config)


def _reader(config, cwd: str):
    """This worker thread's supervised reader process, started on first use."""
    from .batch import _run_one
    from .supervise import Supervisor

    key = (repr(config), cwd)
    current = getattr(_THREAD, "reader", None)
    if current is None or _THREAD.key != key:
        if current is not None:
            current.close()
        _THREAD.reader = Supervisor(_run_one, _init_reader, (config, cwd), 1, config.timeout_s, config.memory_mb)
        _THREAD.key = key
    return _THREAD.reader


def read_on_worker(item, manifest_row, sha256: str, config, cwd: str):
    """Runs on a Dask worker: one document, as a result or a Failure, and the reader's peak MB."""
    for _, result, peak_mb in _reader(config, cwd).map([(item.doc_id, (item, manifest_row, sha256))]):
        return result, peak_mb
    raise RuntimeError("the reader returned nothing")  # unreachable: map yields once per task


def _worker_facts(path: str) -> dict:
    """Runs on every Dask worker before the batch: can it do the work?"""
    return {"daemon": bool(mp.current_process().daemon), "sees_input": os.path.exists(path)}


def connect(address: str, workers: int):
    """A Client for ``address``, or for a new LocalCluster when it is ``local``."""
    import dask
    from distributed import Client, LocalCluster

    if address == LOCAL:
        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0")
        return Client(cluster)
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise SocialeBasisError(Errors.E014.format(address=address, err=err)) from None


def check_workers(client, probe_path: str) -> None:
    """Refuse a cluster whose workers cannot start reader processes or cannot see the files."""
    facts = client.run(_worker_facts, probe_path)
    if not facts:
        raise SocialeBasisError(Errors.E015.format(address=client.scheduler.address))
    daemonic = sorted(w for w, f in facts.items() if f["daemon"])
    if daemonic:
        raise SocialeBasisError(Errors.E016.format(workers=", ".join(daemonic)))
    blind = sorted(w for w, f in facts.items() if not f["sees_input"])
    if blind:
        raise SocialeBasisError(Errors.E017.format(workers=", ".join(blind), path=probe_path))


def execute(todo, rows, config, workers: int) -> Iterator[tuple]:
    """Yield (item, DocumentResult) as the cluster finishes documents, in any order."""
    from distributed import as_completed

    from .batch import finished
    from .supervise import Failure

    client = connect(config.dask, workers)
    try:
        # probe with a file that exists here (a manifest may name one that does not: its row says "missing")
        present = next((item.path for item, _ in todo if os.path.lexists(item.path)), None)
        check_workers(client, str(present.resolve()) if present else os.getcwd())
        cwd = os.getcwd()
        futures = {}
        for item, sha in todo:
            future = client.submit(read_on_worker, item, rows.get(item.path.resolve()), sha, config, cwd, pure=False)
            futures[future] = (item, sha)
        for future in as_completed(list(futures)):
            item, sha = futures.pop(future)
            try:
                result, peak_mb = future.result()
            except Exception as err:  # the Dask worker died more often than the cluster retries
                result, peak_mb = Failure("error", f"the Dask cluster could not read it: {type(err).__name__}: "
                                                   f"{err}"), 0.0
            future.release()
            yield item, finished(item, sha, result, peak_mb, rows, config)
    finally:
        cluster = client.cluster if config.dask == LOCAL else None
        client.close()
        if cluster is not None:
            cluster.close()
