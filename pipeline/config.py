"""The settings of an analyze run: defaults as data, validated once."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

from .errors import Errors, SocialeBasisError

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_NLP_MODEL = "nl_lemmas"  # the detectors' lemmas: a lookup table, models/nl_lemmas
SEGMENTER_NLP_MODEL = "nl_sociale_basis"  # the trained pipeline whose parser --segmenter model uses
DEFAULT_DETECTORS = "detectors"
SEGMENTERS = ("rules", "model")
PDF_READERS = ("pdfium", "pdfplumber")
# the detectors' rules and actor lists are data a user may edit: outputs depend on them too
DETECTOR_DATA = tuple(Path(__file__).resolve().parent / "detect" / name for name in ("rules.json", "actors.json"))


def _model_path(name: str) -> str:
    local = MODELS_DIR / name
    return str(local) if local.exists() else name


def _file_digest(path: Path) -> str:
    """The start of a file's sha256, computed again only when the file changes."""
    try:
        stat = path.stat()
    except OSError:
        return ""
    return _digest(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


@dataclass(frozen=True)
class AnalyzeConfig:
    """Everything that changes what analyze writes. ``workers``, ``password`` and
    ``dask`` do not change the output and are left out of :meth:`fingerprint`."""

    pdf_reader: str = "pdfium"  # pypdfium2's character boxes; or "pdfplumber" (slower)
    ocr: bool = True
    ocr_lang: str = "nld"
    ocr_dpi: int = 300
    segmenter: str = "rules"
    nlp_model: str = DEFAULT_NLP_MODEL
    detect: bool = True  # fill the codebook fields with the trained detectors
    detectors_model: str = DEFAULT_DETECTORS
    thresholds: dict = field(default_factory=dict)  # per label, overriding the detectors' own
    any_language: bool = False
    timeout_s: float = 120.0  # per document, plus ocr_page_s for every page read by OCR; 0: no limit
    ocr_page_s: float = 60.0
    memory_mb: float = 2048.0  # resident memory of a worker; 0: no limit
    max_pages: int = 1000  # longer documents are reported too-large
    max_file_mb: float = 500.0
    max_unzipped_mb: float = 200.0  # DOCX: expanded size above which the file counts as a zip bomb
    workers: int = 0  # 0: all cores
    password: str | None = None
    dask: str = ""  # a Dask scheduler address, or "local": read the documents on a Dask cluster

    @classmethod
    def resolve(cls, settings=None, **overrides) -> "AnalyzeConfig":
        """Accept None, a dict or an instance, apply overrides, validate."""
        if settings is None:
            cfg = cls()
        elif isinstance(settings, cls):
            cfg = settings
        elif isinstance(settings, dict):
            known = {f.name for f in fields(cls)}
            unknown = sorted(set(settings) - known)
            if unknown:
                raise SocialeBasisError(Errors.E007.format(keys=", ".join(unknown), known=", ".join(sorted(known))))
            cfg = cls(**settings)
        else:
            raise SocialeBasisError(Errors.E008.format(key="settings", value=settings, rule="give a dict or AnalyzeConfig"))
        cfg = replace(cfg, **{k: v for k, v in overrides.items() if v is not None})
        cfg.validate()
        return cfg

    def validate(self) -> None:
        if self.segmenter not in SEGMENTERS:
            raise SocialeBasisError(Errors.E008.format(key="segmenter", value=self.segmenter,
                                                       rule=f"choose one of {', '.join(SEGMENTERS)}"))
        if self.pdf_reader not in PDF_READERS:
            raise SocialeBasisError(Errors.E008.format(key="pdf_reader", value=self.pdf_reader,
                                                       rule=f"choose one of {', '.join(PDF_READERS)}"))
        if not 72 <= self.ocr_dpi <= 600:
            raise SocialeBasisError(Errors.E008.format(key="ocr_dpi", value=self.ocr_dpi, rule="use 72 to 600"))
        for label, value in self.thresholds.items():
            if not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                raise SocialeBasisError(Errors.E008.format(key=f"thresholds.{label}", value=value,
                                                           rule="give a probability between 0 and 1"))
        for key in ("timeout_s", "ocr_page_s", "memory_mb", "max_pages", "max_file_mb", "max_unzipped_mb"):
            if getattr(self, key) < 0:
                raise SocialeBasisError(Errors.E008.format(key=key, value=getattr(self, key), rule="use 0 or more"))
        if self.workers < 0:
            raise SocialeBasisError(Errors.E008.format(key="workers", value=self.workers, rule="use 0 (all cores) or more"))

    def output_settings(self) -> dict:
        d = asdict(self)
        for key in ("workers", "password", "dask"):
            d.pop(key)
        return d

    def fingerprint(self) -> str:
        """Changes whenever the output could: settings, version, and the models' files."""
        from . import __version__
        models = {}
        if self.detect:
            models["nlp"] = _file_digest(Path(self.nlp_path()) / "meta.json")
        if self.segmenter == "model":
            models["segmenter"] = _file_digest(Path(self.segmenter_nlp_path()) / "meta.json")
        if self.detect:
            for name in ("detectors.npz", "detectors.joblib"):
                if (self.detectors_path() / name).exists():
                    models[name] = _file_digest(self.detectors_path() / name)
            for path in DETECTOR_DATA:
                models[path.name] = _file_digest(path)
        blob = json.dumps({"settings": self.output_settings(), "version": __version__, "models": models},
                          sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def nlp_path(self) -> str:
        """A model name that is a folder in models/ resolves to that folder."""
        return _model_path(self.nlp_model)

    def segmenter_nlp_path(self) -> str:
        """The pipeline whose parser ``segmenter="model"`` uses: ``nlp_model`` if it has a
        parser or senter, else the project's trained pipeline."""
        path = self.nlp_path()
        try:
            pipes = json.loads((Path(path) / "meta.json").read_text(encoding="utf-8")).get("pipeline", [])
        except (OSError, ValueError):
            return path  # an installed package: spaCy will say what it lacks
        return path if {"parser", "senter"} & set(pipes) else _model_path(SEGMENTER_NLP_MODEL)

    def detectors_path(self) -> Path:
        """The detectors' folder: a name in models/ or a path."""
        local = MODELS_DIR / self.detectors_model
        return local if local.exists() else Path(self.detectors_model)
