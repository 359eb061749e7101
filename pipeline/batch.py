"""Analyse many documents: find them, process them in parallel, write the outputs.

Each finished document is first written to ``DIR/.parts/<key>.jsonl`` by an
atomic rename, so a crash loses at most the documents in flight and a rerun
skips what is done (same file content, same settings). The combined outputs
(``documents.jsonl``, ``sentences.jsonl``, Parquet copies, ``run.json``) are
rebuilt from the parts in doc_id order, again by atomic renames: the same
inputs and settings always give byte-identical ``sentences.jsonl``.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .config import AnalyzeConfig
from .errors import Errors, SocialeBasisError
from .extract import OTHER_DOCUMENT_SUFFIXES, SUFFIXES
from .metadata import ManifestRow, read_manifest
from .process import DocumentResult, failed_result, file_sha256, process_document
from .supervise import Failure, supervise

PARTS = ".parts"
TEXTS = "texts"


@dataclass(frozen=True)
class InputFile:
    path: Path
    doc_id: str
    relative: Path  # relative to its input root


def discover(paths: Iterable[Path], manifest: dict[Path, ManifestRow] | None = None,
             exclude: Path | None = None) -> list[InputFile]:
    """Files under the given paths (recursive), with doc_ids relative to each root.

    Files with a supported extension are taken, and office formats that are not read
    (.doc, .odt, .pptx, ...: their rows say "unsupported"); with a manifest, also every
    file the manifest lists, whatever its name (its content decides), and every
    file it lists under an input folder that is not there (its row says "missing").
    Nothing under ``exclude`` (the output's texts/ folder, when the output lies inside an
    input folder: its texts must not come back as documents) and no Office lock files
    (~$plan.docx).
    """
    paths = list(paths)
    skip = Path(exclude).resolve() if exclude is not None else None
    found: dict[str, InputFile] = {}
    seen: set[Path] = set()
    listed = set(manifest or {})
    for root in paths:
        root = Path(root)
        if root.is_file():
            files, base = [root], root.parent
        elif root.is_dir():
            files, base = _walk(root), root
        else:
            continue
        for f in files:
            real = f.resolve()
            if (f.suffix.lower() not in SUFFIXES and f.suffix.lower() not in OTHER_DOCUMENT_SUFFIXES
                    and real not in listed and not root.is_file()):
                continue
            if real in seen:  # the same file reached twice (overlapping paths): read it once
                continue
            if f.name.startswith("~$") or (skip is not None and skip in real.parents):
                continue
            seen.add(real)
            rel = f.relative_to(base)
            doc_id = _unique_id(found, rel, base)
            found[doc_id] = InputFile(f, doc_id, rel)
    for target in sorted(listed - seen):  # listed in the manifest, under an input folder, but not there
        base = _folder_holding(target, paths)
        if base is not None and not os.path.lexists(target):
            rel = target.relative_to(base)
            doc_id = _unique_id(found, rel, base)
            found[doc_id] = InputFile(target, doc_id, rel)
    return [found[k] for k in sorted(found)]


def _folder_holding(target: Path, paths: Iterable[Path]) -> Path | None:
    """The input folder ``target`` lies under, or None."""
    for root in paths:
        root = Path(root).resolve()
        if root.is_dir() and root in target.parents:
            return root
    return None


def _unique_id(found: dict, rel: Path, base: Path) -> str:
    """The path without extension; on a clash, with its extension (same name, other format),
    then under its input folder's name (same name in two input folders), then numbered."""
    stem = rel.with_suffix("").as_posix()
    other_format = stem in found and found[stem].relative.suffix.lower() != rel.suffix.lower()
    candidates = [stem] + ([rel.as_posix()] if other_format else []) + [f"{base.name}/{rel.as_posix()}"]
    for doc_id in candidates:
        if doc_id not in found:
            return doc_id
    n = 2
    while f"{candidates[-1]}~{n}" in found:
        n += 1
    return f"{candidates[-1]}~{n}"


def _walk(root: Path) -> list[Path]:
    """Files under ``root``, following symlinked folders once, skipping hidden ones."""
    seen, files = set(), []
    for folder, dirs, names in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [Path(folder) / n for n in names if not n.startswith(".")]
    return sorted(f for f in files if f.is_file())


def part_key(doc_id: str, sha256: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{doc_id}\0{sha256}\0{fingerprint}".encode()).hexdigest()[:24]


def atomic_write(path: Path, write: Callable) -> None:
    """Write through a temporary file in the same folder, fsync, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def remove_leftovers(out: Path) -> None:
    """Delete the temporary files an interrupted run left behind (``.NAME.tmp``,
    ``.NAME.PID.tmp``); what they would have become is written again."""
    for leftover in out.rglob(".*.tmp"):
        try:
            leftover.unlink()
        except OSError:
            pass


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


def safe_relative(doc_id: str) -> Path:
    """A path under the output folder for a doc_id, never escaping it."""
    parts = [p for p in Path(doc_id).parts if p not in ("", ".", "..") and not p.startswith("/")]
    return Path(*parts) if parts else Path("_")


def text_path(out: Path, doc_id: str) -> Path:
    """texts/<doc_id>.txt: ".txt" added, not swapped for a suffix ("nota v1.2" keeps its ".2")."""
    rel = safe_relative(doc_id)
    return out / TEXTS / rel.with_name(rel.name + ".txt")


def write_parts(out: Path, jobs: list[tuple[str, DocumentResult]]) -> None:
    """Write finished documents' parts (and body texts): each file through a temporary one
    in its folder, all synced to disk together, then renamed, texts before their part. A
    part on disk is a finished document (the rerun skips it); one sync for several
    documents costs the disk one commit instead of two per document."""
    staged = []  # (open temporary file, final path)
    try:
        for key, result in jobs:
            if result.text:
                staged.append(_stage(text_path(out, result.row["doc_id"]), [result.text]))
            lines = result.lines if result.lines is not None else [dumps(s) for s in result.sentences]
            staged.append(_stage(out / PARTS / f"{key}.jsonl",
                                 [dumps(result.row) + "\n", *(line + "\n" for line in lines)]))
        for fh, _ in staged:
            os.fsync(fh.fileno())
    except BaseException:
        for fh, _ in staged:
            fh.close()
            Path(fh.name).unlink(missing_ok=True)
        raise
    for fh, _ in staged:
        fh.close()
    for fh, path in staged:  # a rename that fails leaves temporary files the rerun removes
        os.replace(fh.name, path)


def _stage(path: Path, pieces):
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path.with_name(f".{path.name}.{os.getpid()}.tmp"), "w", encoding="utf-8", newline="\n")
    try:
        fh.writelines(pieces)
        fh.flush()
    except BaseException:
        fh.close()
        Path(fh.name).unlink(missing_ok=True)
        raise
    return fh, path


class PartWriter:
    """Writes finished documents' parts in a thread of its own: syncing files to disk
    blocked the run's loop, and a worker that finished meanwhile waited for its next
    document. What arrives within ``group_s`` of a first document is written and synced
    together. Leaving the block, normally or by an error or Ctrl-C, first writes every part
    already handed over."""

    def __init__(self, out: Path, backlog: int = 64, group_s: float = 0.25):
        import queue
        import threading

        self.out, self.group_s, self.backlog = out, group_s, backlog
        self.queue: queue.Queue = queue.Queue(maxsize=backlog)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name="part-writer", daemon=True)

    def __enter__(self) -> "PartWriter":
        self.thread.start()
        return self

    def write(self, key: str, result: DocumentResult) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((key, result))

    def _work(self) -> None:
        import queue

        stop = False
        while not stop:
            jobs = [self.queue.get()]
            deadline = time.monotonic() + self.group_s
            while jobs[-1] is not None and len(jobs) < self.backlog:
                try:
                    jobs.append(self.queue.get(timeout=max(0.0, deadline - time.monotonic())))
                except queue.Empty:
                    break
            if jobs[-1] is None:
                stop = True
                jobs.pop()
            if jobs and self.error is None:
                try:
                    write_parts(self.out, jobs)
                except BaseException as err:  # raised in the run by write() or on leaving
                    self.error = err

    def __exit__(self, *exc) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and exc[0] is None:
            raise self.error


def read_part(path: Path) -> tuple[dict, list[str]]:
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    return json.loads(lines[0]), lines[1:]


# --- workers ------------------------------------------------------------------

_WORKER: dict = {}
THREAD_LIMITS = ("OMP_THREAD_LIMIT", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _init_worker(config: AnalyzeConfig) -> None:
    """Load what every document needs once per worker process."""
    from .nlp import load_nlp
    from .segment import ModelSegmenter, RuleSegmenter
    if (config.workers or os.cpu_count() or 1) > 1:
        # parallelism comes from the workers: tesseract's own OpenMP threads and the BLAS threads
        # of numpy and scipy (which wait for work spinning on a core) would only fight them. Set
        # before numpy is imported, which reads them once.
        for var in THREAD_LIMITS:
            os.environ.setdefault(var, "1")
    _WORKER["config"] = config
    _WORKER["segmenter"] = RuleSegmenter()
    _WORKER["nlp"] = _WORKER["detectors"] = None
    if config.detect:
        _WORKER["nlp"] = load_nlp(config.nlp_path())
    if config.segmenter == "model":
        _WORKER["segmenter"] = ModelSegmenter(load_nlp(config.segmenter_nlp_path()))
    if config.detect:
        _WORKER["detectors"] = load_detectors_or_fail(config)


def lemma_mismatch(config: AnalyzeConfig, meta: dict) -> list[str]:
    """A note when the run reads other lemmas than the detectors were trained on."""
    trained = meta.get("nlp") if config.detect else None
    if not trained or Path(trained).name == Path(config.nlp_model).name:
        return []
    return [f"The detectors in {config.detectors_path()} were trained on the lemmas of {trained}; this run read "
            f"those of {config.nlp_model}, so its codings may differ from the figures measured for them. For a "
            f"match, retrain them with `sociale-basis train ... --nlp-model {config.nlp_model}` or leave out "
            "--nlp-model."]


def check_detectors(config: AnalyzeConfig) -> dict:
    """The detectors' meta.json, after checking what a run needs of them: the model file,
    the scikit-learn version it was trained with, the labels named in thresholds. Cheap:
    neither scikit-learn nor the model is loaded, so the run's own process stays small and
    starts workers at once."""
    from .detect.meta import (MODEL_FILE, check_trained_with, check_vectors_installed, read_meta,
                              usable_portable)
    model = config.detectors_path() / MODEL_FILE
    portable = usable_portable(model)
    if not (model.exists() or portable):
        raise SocialeBasisError(Errors.E012.format(path=config.detectors_path()))
    meta = read_meta(model)
    if portable is None:  # the portable arrays do not depend on the scikit-learn version
        check_trained_with(model, meta)
    check_vectors_installed(model, meta)
    known = (meta.get("settings") or {}).get("thresholds")
    if known is not None:
        refuse_unknown_thresholds(config.thresholds, known)
    return meta


def refuse_unknown_thresholds(thresholds: dict, known, key: str = "thresholds") -> None:
    """A clear error for thresholds of labels the detectors do not code."""
    unknown = sorted(set(thresholds) - set(known))
    if unknown:
        raise SocialeBasisError(Errors.E008.format(key=key, value=", ".join(unknown),
                                                   rule="name labels: " + ", ".join(known)))


def load_detectors_or_fail(config: AnalyzeConfig):
    from .detect.meta import MODEL_FILE, load_detectors
    check_detectors(config)
    detectors = load_detectors(config.detectors_path() / MODEL_FILE)
    refuse_unknown_thresholds(config.thresholds, detectors.settings.thresholds)  # also without a meta.json
    detectors.settings.thresholds.update(config.thresholds)
    return detectors


def _run_one(item: InputFile, manifest_row: ManifestRow | None, sha256: str) -> DocumentResult:
    """One document in a worker, its sentences sent as JSON lines: a string crosses the pipe
    at a fraction of the cost of the records' objects, and the run's process, which shares
    the cores with the workers, has nothing left to serialise."""
    result = process_document(item.path, item.doc_id, item.relative, _WORKER["config"], manifest_row,
                              _WORKER["segmenter"], sha256, _WORKER["detectors"], _WORKER["nlp"])
    result.lines, result.sentences = [dumps(s) for s in result.sentences], []
    return result


# --- the run ------------------------------------------------------------------

@dataclass
class RunSummary:
    documents: int
    processed: int
    skipped: int
    pages: int
    sentences: int
    by_status: dict
    seconds: float
    out: Path
    worker_peak_mb: float = 0.0
    with_warnings: int = 0  # documents read despite a problem their "warnings" name
    notes: list = field(default_factory=list)  # what the whole run should know (run.json "notes")


def analyze(paths: list[Path], out: Path, manifest: Path | None = None, config: AnalyzeConfig | dict | None = None,
            progress: bool = True, **overrides) -> RunSummary:
    """Analyse every document under ``paths`` into ``out``; see the module docs."""
    config = AnalyzeConfig.resolve(config, **overrides)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise SocialeBasisError(Errors.E005.format(out=out))
    # a missing model is one clear error, not one per document
    detectors_meta = check_detectors(config) if config.detect else {}
    rows = read_manifest(manifest) if manifest else {}
    items = discover([Path(p) for p in paths], rows, exclude=out / TEXTS)
    if not items:
        raise SocialeBasisError(Errors.E001.format(paths=", ".join(str(p) for p in paths)))
    (out / PARTS).mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    fingerprint = config.fingerprint()
    started = time.perf_counter()

    keys: dict[str, str] = {}
    todo: list[tuple[InputFile, str]] = []
    for item in items:
        try:
            sha = file_sha256(item.path)
        except OSError:
            sha = "unreadable"
        key = part_key(item.doc_id, sha, fingerprint)
        keys[item.doc_id] = key
        if not (out / PARTS / f"{key}.jsonl").exists():
            todo.append((item, sha))
    workers = config.workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(todo) or 1))
    pages_done = 0
    with _progress(progress, len(items), len(items) - len(todo)) as bar, PartWriter(out) as parts:
        for item, result in _execute(todo, rows, config, workers):
            parts.write(keys[item.doc_id], result)
            pages_done += result.row.get("pages") or 0
            bar(result.row, pages_done)
    summary = assemble(out, items, keys)
    summary.processed = len(todo)
    summary.skipped = len(items) - len(todo)
    summary.seconds = round(time.perf_counter() - started, 3)
    summary.notes = lemma_mismatch(config, detectors_meta)
    _write_run_json(out, paths, manifest, config, summary, dict(detectors_meta.get("detectors") or {}))
    return summary


def _execute(todo, rows, config: AnalyzeConfig, workers: int) -> Iterator[tuple[InputFile, DocumentResult]]:
    """Process documents in supervised worker processes (time and memory limits),
    on a Dask cluster, or in this process when one worker and no limits are asked for."""
    if not todo:
        return
    if config.dask:
        from .cluster import execute
        yield from execute(todo, rows, config, workers)
        return
    if workers == 1 and not (config.timeout_s or config.memory_mb):
        _init_worker(config)
        for item, sha in todo:
            yield item, _run_one(item, rows.get(item.path.resolve()), sha)
        return
    by_id = {item.doc_id: (item, sha) for item, sha in todo}
    tasks = [(item.doc_id, (item, rows.get(item.path.resolve()), sha)) for item, sha in todo]
    for doc_id, result, peak_mb in supervise(tasks, _run_one, _init_worker, (config,), workers,
                                             config.timeout_s, config.memory_mb):
        item, sha = by_id[doc_id]
        yield item, finished(item, sha, result, peak_mb, rows, config)


def finished(item: InputFile, sha: str, result, peak_mb: float, rows, config: AnalyzeConfig) -> DocumentResult:
    """A worker's answer as a document result: a :class:`Failure` becomes a row with its
    status and message; either way the row records the worker's peak memory."""
    if isinstance(result, Failure):
        result = failed_result(item.path, item.doc_id, item.relative, config, result.status, result.message,
                               rows.get(item.path.resolve()), sha)
    result.row["timings"]["worker_peak_mb"] = round(peak_mb)
    return result


class _progress:
    """A rich progress bar with documents and pages per second, or nothing."""

    def __init__(self, enabled: bool, total: int, done: int):
        self.enabled, self.total, self.done = enabled, total, done
        self.started = time.perf_counter()

    def __enter__(self):
        if not self.enabled:
            return lambda row, pages: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, \
            TimeRemainingColumn
        from rich.table import Column
        # the ETA before the document name, so a narrow terminal cuts the name, not the ETA
        self.bar = Progress(TextColumn("[bold]analyze"), BarColumn(bar_width=20), MofNCompleteColumn(),
                            TextColumn("docs · {task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                            TimeRemainingColumn(),
                            TextColumn("{task.fields[doc]}", markup=False,  # file names may hold "[...]"
                                       table_column=Column(no_wrap=False, overflow="ellipsis", min_width=0,
                                                           ratio=1)),
                            transient=False)
        self.bar.start()
        self.task = self.bar.add_task("analyze", total=self.total, completed=self.done, rate="", doc="")

        def update(row, pages):
            elapsed = max(time.perf_counter() - self.started, 1e-6)
            self.done += 1
            processed = self.done
            self.bar.update(self.task, completed=processed, rate=f"{pages / elapsed:.1f} pages/s",
                            doc=row.get("doc_id", "")[-40:])
        return update

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.stop()
        return False


def assemble(out: Path, items: list[InputFile], keys: dict[str, str]) -> RunSummary:
    """Rebuild the combined outputs from the parts, in doc_id order."""
    by_status: dict[str, int] = {}
    pages = sentences = warned = 0
    peak = 0
    doc_tmp = out / ".documents.jsonl.tmp"
    sent_tmp = out / ".sentences.jsonl.tmp"
    with open(doc_tmp, "w", encoding="utf-8", newline="\n") as docs_fh, \
            open(sent_tmp, "w", encoding="utf-8", newline="\n") as sents_fh:
        for item in items:
            row, lines = read_part(out / PARTS / f"{keys[item.doc_id]}.jsonl")
            docs_fh.write(dumps(row) + "\n")
            for line in lines:
                sents_fh.write(line + "\n")
            by_status[row["status"]] = by_status.get(row["status"], 0) + 1
            warned += bool(row.get("warnings"))
            pages += row.get("pages") or 0
            sentences += len(lines)
            peak = max(peak, (row.get("timings") or {}).get("worker_peak_mb") or 0)
        for fh in (docs_fh, sents_fh):
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(doc_tmp, out / "documents.jsonl")
    os.replace(sent_tmp, out / "sentences.jsonl")
    write_parquet(out)
    return RunSummary(len(items), 0, 0, pages, sentences, by_status, 0.0, out, peak, warned)


PARQUET_CHUNK = 20_000  # records per step: the Parquet copies never hold a whole corpus in memory


def _record_tables(src: Path, chunk: int):
    """The records of a JSON Lines file as Arrow tables of ``chunk`` rows. A nested dict
    (``why``, ``timings``: values of mixed types) becomes JSON text, and so does every value
    of a column whose values have no one type; a key missing from a record is a null."""
    import pyarrow as pa

    def column(values):
        try:
            return pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return pa.array([_as_text(v) for v in values], pa.string())

    def table(records):
        try:  # Arrow infers the columns and their types from the records in one pass
            return pa.Table.from_struct_array(pa.array(records))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column without one type: that column as text
            names = list(dict.fromkeys(k for r in records for k in r))
            return pa.table({k: column([r.get(k) for r in records]) for k in names})

    records = []
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            for key, value in record.items():
                if isinstance(value, dict):
                    record[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            records.append(record)
            if len(records) >= chunk:
                yield table(records)
                records = []
    if records:
        yield table(records)


def _as_text(value) -> str | None:
    return value if value is None or isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _aligned(table, schema, lenient: bool = False):
    """``table`` with the columns of ``schema``, in its order and types (absent ones null).
    ``lenient``: a column that cannot be cast to text is written as JSON text."""
    import pyarrow as pa

    extra = set(table.schema.names) - set(schema.names)
    if extra:
        raise pa.ArrowInvalid(f"columns not in the schema: {sorted(extra)}")

    def cast(name, type_):
        col = table.column(name)
        try:
            return col.cast(type_)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            if not (lenient and pa.types.is_string(type_)):
                raise
            return pa.array([_as_text(v) for v in col.to_pylist()], pa.string())

    columns = [cast(f.name, f.type) if f.name in table.schema.names else pa.nulls(len(table), f.type)
               for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _common_schema(schemas):
    """One schema for all steps: each column's types unified, text where they cannot be."""
    import pyarrow as pa

    fields: dict[str, list] = {}
    for schema in schemas:
        for f in schema:
            fields.setdefault(f.name, []).append(f)
    out = []
    for name, fs in fields.items():
        try:
            out.append(pa.unify_schemas([pa.schema([f]) for f in fs], promote_options="permissive").field(name))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            out.append(pa.field(name, pa.string()))
    return pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in out])


@contextlib.contextmanager
def _gc_paused():
    """Python's cycle collector paused: parsed JSON records hold no cycles, yet each of the
    collector's passes walks every record kept so far."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def write_parquet(out: Path, chunk: int = PARQUET_CHUNK) -> None:
    """Parquet copies of both tables, for pandas and other tools, written in steps. The
    first step's column types serve for all; should a later step not fit them (a column
    empty at first, a type that changes), the file is written again after a first pass
    has unified the types of all steps."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name in ("documents", "sentences"):
        src = out / f"{name}.jsonl"
        tmp = out / f".{name}.parquet.tmp"
        with _gc_paused():
            try:
                _write_tables(tmp, _record_tables(src, chunk), schema=None)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                schemas = [t.schema for t in _record_tables(src, chunk)]
                _write_tables(tmp, _record_tables(src, chunk), schema=_common_schema(schemas))
        if not tmp.exists():  # nothing to write: an empty table with the key columns
            columns = ["doc_id", "i", "page", "section", "text", "char_start", "char_end"] if name == "sentences" \
                else ["doc_id", "status"]
            pq.write_table(pa.table({c: pa.array([], pa.string()) for c in columns}), tmp)
        os.replace(tmp, out / f"{name}.parquet")


def _write_tables(path: Path, tables, schema=None) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    lenient = schema is not None  # a schema unified over all steps: every value must fit
    writer = None
    try:
        for table in tables:
            if schema is None:  # the first step's types; a column of nulls only could be anything
                schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f
                                    for f in table.schema])
            if writer is None:
                writer = pq.ParquetWriter(path, schema)
            writer.write_table(table if table.schema == schema else _aligned(table, schema, lenient))
    finally:
        if writer is not None:
            writer.close()


def _write_run_json(out: Path, paths, manifest, config: AnalyzeConfig, summary: RunSummary,
                    detector_names: dict) -> None:
    from . import __version__
    from importlib.metadata import PackageNotFoundError, version

    versions = {"sociale-basis": __version__, "python": platform.python_version()}
    # read from the installed packages' metadata: importing them here would cost seconds at the end of a run
    for name, dist in (("spacy", "spacy"), ("pdfplumber", "pdfplumber"), ("pypdfium2", "pypdfium2"),
                       ("pandas", "pandas"), ("pyarrow", "pyarrow"), ("sklearn", "scikit-learn")):
        try:
            versions[name] = version(dist)
        except PackageNotFoundError:
            pass
    record = {
        "command": "analyze",
        "argv": sys.argv,
        "inputs": [str(p) for p in paths],
        "manifest": str(manifest) if manifest else None,
        "config": config.output_settings(),
        "config_fingerprint": config.fingerprint(),
        "detectors": detector_names,
        "workers": config.workers or os.cpu_count(),
        "versions": versions,
        "summary": {"documents": summary.documents, "processed": summary.processed, "skipped": summary.skipped,
                    "pages": summary.pages, "sentences": summary.sentences, "by_status": summary.by_status,
                    "seconds": summary.seconds, "worker_peak_mb": summary.worker_peak_mb,
                    "with_warnings": summary.with_warnings},
        "notes": summary.notes,
    }
    atomic_write(out / "run.json", lambda fh: fh.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n"))
