"""The detectors' lemmas: the lookup table in models/nl_lemmas and its fallbacks."""
from pathlib import Path

import pytest

from pipeline.config import AnalyzeConfig
from pipeline.nlp.lemmas import known_lemmas, lookup_lemma

MODEL = Path(__file__).resolve().parents[1] / "models" / "nl_lemmas"


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL / "meta.json").exists():
        pytest.fail("models/nl_lemmas is missing: run `sociale-basis train-lemmas --ud-dir ../shared/ud`")
    from pipeline.nlp import load_nlp
    return load_nlp(str(MODEL))


def test_policy_words_get_their_lemmas(nlp):
    doc = nlp("Vrijwilligers leidden o.a. de bewonersinitiatieven en dat leidt tot minder eenzaamheid in Almere.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert "o.a." in lemmas  # the policy abbreviations stay one token
    assert lemmas["leidt"] == "leiden" and lemmas["leidden"] == "leiden"
    assert lemmas["Vrijwilligers"].lower() == "vrijwilliger"
    assert lemmas["bewonersinitiatieven"] == "bewonersinitiatief"  # a compound the table lacks
    assert lemmas["Almere"] == "Almere"


def test_fallbacks_for_words_the_table_lacks():
    table = {"leidt": "leiden", "De": "de", "partner": "partner", "buurt": "buurt", "gezin": "gezin",
             "initiatief": "initiatief", "initiatieven": "initiatief", "straat": "straat", "passend": "passend",
             "invester": "investeren"}  # a stem that is no word: not a lemma to strip down to
    lemmas = known_lemmas(table)
    assert "invester" not in lemmas
    expected = {"leidt": "leiden", "LEIDT": "leiden", "partners": "partner", "buurten": "buurt", "gezinnen": "gezin",
                "straten": "straat", "passende": "passend", "bewonersinitiatieven": "bewonersinitiatief",
                "investeren": "investeren", "2023": "2023", "Zwolle": "Zwolle"}
    assert {w: lookup_lemma(w, table, lemmas) for w in expected} == expected


def test_the_table_is_built_from_ud_files(tmp_path):
    import spacy

    from pipeline.nlp.lemmas import build_lemma_pipeline
    from pipeline.nlp.train import TRAIN_FILES

    rows = ["1\tDe\tde\tDET\t_\t_\t2\tdet\t_\t_", "2\tbuurthuizen\tbuurt_huis\tNOUN\t_\t_\t3\tnsubj\t_\t_",
            "3\tsloten\tsluiten\tVERB\t_\t_\t0\troot\t_\t_", "4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_"]
    for name in TRAIN_FILES:
        (tmp_path / name).write_text("# text = De buurthuizen sloten.\n" + "\n".join(rows) + "\n\n", encoding="utf-8")
    table = build_lemma_pipeline(tmp_path, tmp_path / "model", use_spacy_lookups=False)
    assert table["from_ud"] >= 3
    nlp = spacy.load(tmp_path / "model")
    assert [t.lemma_ for t in nlp("De buurthuizen sloten.")] == ["de", "buurthuis", "sluiten", "."]
    assert "UD" in (tmp_path / "model" / "README.md").read_text(encoding="utf-8")


def test_model_segmenter_uses_a_pipeline_with_a_parser():
    config = AnalyzeConfig(segmenter="model")
    assert config.nlp_path().endswith("nl_lemmas")
    assert config.segmenter_nlp_path().endswith("nl_sociale_basis")
    assert AnalyzeConfig(segmenter="model", nlp_model="nl_sociale_basis").segmenter_nlp_path().endswith("nl_sociale_basis")


def test_building_with_spacys_table_missing_says_how_to_get_it(tmp_path, monkeypatch):
    from pipeline.errors import SocialeBasisError
    from pipeline.nlp import lemmas
    from pipeline.nlp.train import TRAIN_FILES

    for name in TRAIN_FILES:
        (tmp_path / name).write_text("1\tDe\tde\tDET\t_\t_\t0\troot\t_\t_\n\n", encoding="utf-8")
    monkeypatch.setattr(lemmas, "spacy_lookups_table", lambda: {})
    with pytest.raises(SocialeBasisError, match="pip install spacy-lookups-data"):
        lemmas.build_lemma_pipeline(tmp_path, tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_a_new_table_replaces_the_lemmas_remembered_from_the_old_one():
    from pipeline.nlp.lemmas import CompoundLemmatizer

    lemmatizer = CompoundLemmatizer()
    assert lemmatizer.lemma("partners") == "partners"  # an empty table knows nothing
    lemmatizer.initialize(table={"partner": "partner"})
    assert lemmatizer.lemma("partners") == "partner"
    lemmatizer.from_disk(MODEL / "lemmatizer")
    assert lemmatizer.lemma("leidt") == "leiden"
