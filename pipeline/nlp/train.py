"""Train and score the project's Dutch spaCy pipeline from UD Dutch treebanks.

The treebanks are read from a folder (``--ud-dir``), never copied into the
project. Training data: the UD 2.0 LassySmall train split plus the current
LassySmall and Alpino dev splits, of which a fixed share is held out for
model selection. The two current test files are only used by
:func:`score_on_ud_test`.
"""
from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

from ..errors import Errors, SocialeBasisError
from . import abbreviations  # noqa: F401  (registers the tokenizer callback)

TRAIN_FILES = (
    "nl_lassysmall-ud-train-v2.0.conllu",
    "nl_lassysmall-ud-dev.conllu",
    "nl_alpino-ud-dev.conllu",
)
TEST_FILES = ("nl_lassysmall-ud-test.conllu", "nl_alpino-ud-test.conllu")
DEV_SHARE = 0.12
CURRENT_WEIGHT = 2  # sentences in today's annotation are seen this many times per epoch
SENTENCES_PER_DOC = 10
DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "models" / "training" / "nl_sociale_basis.cfg"
DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "models" / "nl_sociale_basis"


def read_conllu_sentences(path: Path) -> list[list[str]]:
    """Split a CoNLL-U file into sentences, each a list of its lines."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(line)
    if current:
        sentences.append(current)
    return sentences


def normalise_lemma_column(sentence: list[str]) -> list[str]:
    """Drop Alpino's compound markers from lemmas ("basis_niveau" -> "basisniveau").

    The older LassySmall split has none, so mixing both would teach the
    lemmatizer two conventions; a lemma without the marker is also the form a
    researcher searches for.
    """
    out = []
    for line in sentence:
        cols = line.split("\t")
        if len(cols) == 10 and not line.startswith("#") and cols[2] not in ("_",):
            cols[2] = cols[2].replace("_", "") or cols[2]
            line = "\t".join(cols)
        out.append(line)
    return out


_POSSESSIVE_PERSON = {"mijn": "1", "ons": "1", "onze": "1", "jouw": "2", "je": "2", "uw": "2",
                      "zijn": "3", "haar": "3", "hun": "3"}


def harmonise_v2(sentence: list[str], possessives: bool = False) -> list[str]:
    """Bring the UD 2.0 LassySmall sentences closer to today's annotation.

    ``flat:name`` became ``flat``; the rest is kept as it is (leaving out the
    2.0 release's PROPN tags of multi-word names cost more tagging accuracy
    than it gained). With ``possessives`` (an experiment, not the shipped
    recipe: within a point either way, docs/nlp.md), possessive determiners
    (``zijn``, ``hun``, ... as DET/det) become PRON/``nmod:poss`` with
    ``Poss=Yes`` and reflexive ``zich`` as ``obj`` becomes ``expl:pv``.
    """
    out = []
    for line in sentence:
        cols = line.split("\t")
        if len(cols) == 10 and not line.startswith("#"):
            lemma = cols[2].lower()
            if cols[7] == "flat:name":
                cols[7] = "flat"
            elif possessives and cols[3] == "DET" and cols[7] == "det" and lemma in _POSSESSIVE_PERSON:
                cols[3], cols[7] = "PRON", "nmod:poss"
                cols[5] = f"Person={_POSSESSIVE_PERSON[lemma]}|Poss=Yes|PronType=Prs"
            elif possessives and lemma == "zich" and cols[7] == "obj":
                cols[7] = "expl:pv"
            line = "\t".join(cols)
        out.append(line)
    return out


def _check_ud_dir(ud_dir: Path, names) -> None:
    missing = [n for n in names if not (ud_dir / n).exists()]
    if missing:
        raise SocialeBasisError(Errors.E010.format(folder=ud_dir, missing=", ".join(missing)))


def conllu_to_docbin(lines_per_sentence: list[list[str]], target: Path) -> int:
    """Convert sentences (CoNLL-U lines) into a spaCy DocBin, grouped into docs."""
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    text = "\n\n".join("\n".join(s) for s in lines_per_sentence) + "\n"
    docs = list(conllu_to_docs(text, n_sents=SENTENCES_PER_DOC, merge_subtokens=True, no_print=True))
    DocBin(docs=docs, store_user_data=False).to_disk(target)
    return len(docs)


def prepare_corpus(ud_dir: Path, work_dir: Path, seed: int = 0, possessives: bool = False) -> dict:
    """Write train.spacy and dev.spacy under ``work_dir``; return counts."""
    _check_ud_dir(ud_dir, TRAIN_FILES)
    rng = random.Random(seed)
    train, dev = [], []
    for name in TRAIN_FILES:
        sents = [normalise_lemma_column(s) for s in read_conllu_sentences(ud_dir / name)]
        if "train" in name:
            train += [harmonise_v2(s, possessives) for s in sents]
            continue
        rng.shuffle(sents)
        cut = int(len(sents) * DEV_SHARE)
        dev += sents[:cut]
        train += sents[cut:] * CURRENT_WEIGHT
    rng.shuffle(train)
    work_dir.mkdir(parents=True, exist_ok=True)
    conllu_to_docbin(train, work_dir / "train.spacy")
    conllu_to_docbin(dev, work_dir / "dev.spacy")
    return {"train_sentences": len(train), "dev_sentences": len(dev), "current_weight": CURRENT_WEIGHT}


def train_pipeline(
    ud_dir: Path,
    output: Path = DEFAULT_OUTPUT,
    config: Path = DEFAULT_CONFIG,
    max_steps: int | None = None,
    seed: int = 0,
    possessives: bool = False,
) -> Path:
    """Train the pipeline and write it (model-best) to ``output``."""
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory(prefix="sb-train-") as tmp:
        tmp = Path(tmp)
        counts = prepare_corpus(ud_dir, tmp / "corpus", seed=seed, possessives=possessives)
        overrides = {
            "paths.train": str(tmp / "corpus" / "train.spacy"),
            "paths.dev": str(tmp / "corpus" / "dev.spacy"),
            "system.seed": seed,
        }
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
        spacy_train(config, tmp / "out", overrides=overrides)
        best = tmp / "out" / "model-best"
        meta_path = best / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta.update({
            "lang": "nl",
            "name": "sociale_basis",
            "version": "1.0.0",
            "description": "Dutch pipeline of the sociale-basis project (morphologizer, lemmatizer, parser), "
                           "trained from UD Dutch LassySmall (2.0 train) and the LassySmall and Alpino dev splits.",
            "license": "CC BY-SA 4.0",
            "sources": [
                {"name": "UD_Dutch-LassySmall", "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
                 "license": "CC BY-SA 4.0"},
                {"name": "UD_Dutch-Alpino", "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
                 "license": "CC BY-SA 4.0"},
            ],
            "training_sentences": counts,
        })
        meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(best, output)
    write_model_readme(output)
    return output


def write_model_readme(model_dir: Path, scores: dict | None = None) -> Path:
    """The model's README: what it was trained on, its licence, and (once scored) its accuracy."""
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    counts = meta.get("training_sentences", {})
    lines = [
        f"# {meta.get('lang', 'nl')}_{meta.get('name', 'sociale_basis')} {meta.get('version', '')}",
        "",
        meta.get("description", ""),
        "",
        f"Pipeline: {', '.join(meta.get('pipeline', []))}. Load it with `spacy.load(\"models/nl_sociale_basis\")`.",
        "",
        "## Training data",
        "",
        "- UD_Dutch-LassySmall, train split of the UD 2.0 release (`flat:name` relabelled `flat`),",
        "- UD_Dutch-LassySmall and UD_Dutch-Alpino, current dev splits, of which "
        f"{int(DEV_SHARE * 100)}% is held out for model selection and the rest weighted ×{CURRENT_WEIGHT}.",
        f"- {counts.get('train_sentences', '?')} training sentences (with the weighting), "
        f"{counts.get('dev_sentences', '?')} held-out sentences. Alpino's compound markers are removed from lemmas.",
        "",
        "Reproduce: `sociale-basis train-nlp --ud-dir ../shared/ud` (config: `models/training/nl_sociale_basis.cfg`).",
        "",
        "## Licence",
        "",
        "CC BY-SA 4.0, inherited from the UD Dutch treebanks it was trained on "
        "(https://github.com/UniversalDependencies/UD_Dutch-LassySmall, "
        "https://github.com/UniversalDependencies/UD_Dutch-Alpino).",
        "",
    ]
    if scores:
        lines += [
            "## Accuracy on the UD Dutch test files",
            "",
            "Measured with `sociale-basis score-nlp --ud-dir ../shared/ud --update-readme`.",
            "`lemma` counts Alpino's compound markers (`basis_niveau`) as the treebank writes them;",
            "`lemma_nomarker` removes them from the gold lemmas, the convention this pipeline follows.",
            "",
            "| file | UPOS | lemma | lemma_nomarker | UAS | LAS | sentence F |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, row in scores.items():
            cells = [f"{row[c]:.3f}" if row.get(c) is not None else "-"
                     for c in ("upos", "lemma", "lemma_nomarker", "uas", "las", "sent_f")]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    path = model_dir / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def score_on_ud_test(model: str | Path, ud_dir: Path) -> dict:
    """Accuracy of ``model`` on the UD Dutch test files, per file and pooled.

    Lemma accuracy is given twice: against the treebank lemmas as they are
    (``lemma``) and with Alpino's compound markers removed from them
    (``lemma_nomarker``), the convention the project's pipeline is trained on.
    """
    import spacy
    from spacy.training import Example

    _check_ud_dir(ud_dir, TEST_FILES)
    nlp = spacy.load(model)
    from spacy.tokens import DocBin

    results = {}
    pooled_examples = {"raw": [], "nomarker": []}
    with tempfile.TemporaryDirectory(prefix="sb-score-") as tmp:
        for name in TEST_FILES:
            sents = read_conllu_sentences(ud_dir / name)
            row = {}
            for variant, prepared in (("raw", sents), ("nomarker", [normalise_lemma_column(s) for s in sents])):
                target = Path(tmp) / f"{name}.{variant}.spacy"
                conllu_to_docbin(prepared, target)
                gold_docs = list(DocBin().from_disk(target).get_docs(nlp.vocab))
                examples = [Example(nlp.make_doc(d.text), d) for d in gold_docs]
                pooled_examples[variant] += examples
                scores = nlp.evaluate(examples)
                if variant == "raw":
                    row.update(_pick(scores))
                else:
                    row["lemma_nomarker"] = scores.get("lemma_acc")
            results[name] = row
    pooled = _pick(nlp.evaluate(pooled_examples["raw"]))
    pooled["lemma_nomarker"] = nlp.evaluate(pooled_examples["nomarker"]).get("lemma_acc")
    results["pooled"] = pooled
    return results


def _pick(scores: dict) -> dict:
    return {
        "upos": scores.get("pos_acc"),
        "morph": scores.get("morph_acc"),
        "lemma": scores.get("lemma_acc"),
        "uas": scores.get("dep_uas"),
        "las": scores.get("dep_las"),
        "sent_f": scores.get("sents_f"),
        "sent_p": scores.get("sents_p"),
        "sent_r": scores.get("sents_r"),
    }
