"""The committed Dutch pipeline: it loads, and tags policy Dutch sensibly."""
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[1] / "models" / "nl_sociale_basis"


@pytest.fixture(scope="session")
def nlp():
    if not (MODEL / "meta.json").exists():
        pytest.fail("models/nl_sociale_basis is missing: run `sociale-basis train-nlp --ud-dir ../shared/ud`")
    from pipeline.nlp import load_nlp
    return load_nlp(str(MODEL))


def test_meta_names_language_and_licence(nlp):
    assert nlp.lang == "nl" and nlp.meta["license"] == "CC BY-SA 4.0"
    assert {"morphologizer", "trainable_lemmatizer", "parser"} <= set(nlp.pipe_names)


def test_policy_sentence_is_tagged_sensibly(nlp):
    doc = nlp("Een sterke sociale basis leidt o.a. tot minder eenzaamheid onder ouderen.")
    words = {t.text: t for t in doc}
    assert "o.a." in words  # one token
    assert words["leidt"].pos_ == "VERB" and words["leidt"].lemma_ == "leiden"
    assert words["basis"].pos_ == "NOUN" and words["eenzaamheid"].pos_ == "NOUN"
    assert words["leidt"].dep_ == "ROOT" and words["basis"].head.text == "leidt"


def test_sentences_are_split(nlp):
    doc = nlp("We subsidiëren vier buurthuizen. De welzijnsorganisatie zet in op ABCD.")
    assert [s.text for s in doc.sents] == ["We subsidiëren vier buurthuizen.", "De welzijnsorganisatie zet in op ABCD."]


def test_model_is_small_enough_for_git():
    size = sum(f.stat().st_size for f in MODEL.rglob("*") if f.is_file())
    assert size < 25 * 1024 * 1024


def test_v2_harmonisation_relabels_names_and_optionally_possessives():
    from pipeline.nlp.train import harmonise_v2
    sent = ["1\tzijn\tzijn\tDET\t_\t_\t2\tdet\t_\t_", "2\thuis\thuis\tNOUN\t_\t_\t0\troot\t_\t_",
            "3\tVan\tvan\tPROPN\t_\t_\t2\tflat:name\t_\t_", "4\tzich\tzich\tPRON\t_\tPerson=3\t2\tobj\t_\t_"]
    shipped = [line.split("\t") for line in harmonise_v2(sent)]
    assert [c[7] for c in shipped] == ["det", "root", "flat", "obj"]  # the recipe of the committed model
    relabelled = [line.split("\t") for line in harmonise_v2(sent, possessives=True)]
    assert relabelled[0][3] == "PRON" and relabelled[0][7] == "nmod:poss" and "Poss=Yes" in relabelled[0][5]
    assert relabelled[3][7] == "expl:pv"
