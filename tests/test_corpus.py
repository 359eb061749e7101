"""The corpus generator: any size, distinct municipalities, reproducible."""
import random

from pipeline.corpus import make_corpus, municipality_names


def test_as_many_distinct_municipalities_as_asked_for_even_past_the_name_bank():
    for n in (1, 12, 342, 2_000):
        names = municipality_names(n, random.Random(0))
        assert len(names) == n and len(set(names)) == n


def test_same_seed_same_corpus(tmp_path):
    a = make_corpus(tmp_path / "a", documents=3, municipalities=2, seed=7, mix={"txt": 1.0})
    b = make_corpus(tmp_path / "b", documents=3, municipalities=2, seed=7, mix={"txt": 1.0})
    assert a["documents"] == b["documents"] == 3
    assert (tmp_path / "a" / "gold.jsonl").read_text() == (tmp_path / "b" / "gold.jsonl").read_text()
    assert (tmp_path / "a" / "manifest.csv").read_text() == (tmp_path / "b" / "manifest.csv").read_text()
