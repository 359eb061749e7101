"""Words per second of a spaCy pipeline beside a blank tokenizer-only pipeline."""
from __future__ import annotations

import time
from pathlib import Path

BENCH_FILES = ("nl_lassysmall-ud-test.conllu", "nl_alpino-ud-test.conllu")


def bench_texts(ud_dir: Path) -> list[str]:
    """Raw sentences (``# text`` lines) of the UD test files: text never trained on."""
    texts = []
    for name in BENCH_FILES:
        for line in (Path(ud_dir) / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                texts.append(line[len("# text = "):])
    return texts


def _time(nlp, texts: list[str], repeat: int) -> tuple[int, float]:
    best = float("inf")
    n_words = 0
    for _ in range(repeat):
        start = time.perf_counter()
        n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
        best = min(best, time.perf_counter() - start)
    return n_words, best


def words_per_second(model_path: str, ud_dir: Path, repeat: int = 3) -> dict:
    """Single-process throughput (one core) of the full pipeline and of ``spacy.blank('nl')``."""
    import spacy
    from threadpoolctl import threadpool_limits

    texts = bench_texts(ud_dir)
    result = {}
    with threadpool_limits(limits=1):  # one core: the figure per core
        for name, nlp in (("blank nl (tokenizer only)", spacy.blank("nl")),
                          (Path(model_path).name, spacy.load(model_path))):
            nlp(texts[0])  # warm up
            words, seconds = _time(nlp, texts, repeat)
            result[name] = {"words": words, "seconds": round(seconds, 3), "wps": words / seconds}
    return result
