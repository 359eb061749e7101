"""The scorer: a different split costs only what it changes."""
import json

import pytest

from pipeline.scoring import Counts, align, evaluate

GOLD = ["De gemeente versterkt de sociale basis.", "Zij werkt samen met de GGD.", "Dat helpt."]


def test_identical_sentences_score_perfectly():
    a = align(GOLD, list(GOLD))
    assert (a.matched, a.gold_words, a.pred_words, a.one_to_one) == (14, 14, 14, 3)


def test_a_merge_costs_the_two_sentences_it_joins():
    a = align(GOLD, [GOLD[0], GOLD[1] + " " + GOLD[2]])
    assert a.matched == a.gold_words == a.pred_words and a.one_to_one == 1


def test_junk_lowers_purity_not_coverage():
    a = align(GOLD, ["Pagina 3 van 12"] + GOLD)
    assert a.matched == a.gold_words and a.pred_words == a.gold_words + 4 and a.one_to_one == 3
    assert a.home[0] is None and a.home[1:] == [0, 1, 2]


def test_a_lost_sentence_lowers_coverage():
    a = align(GOLD, GOLD[:2])
    assert a.matched == 12 and a.gold_words == 14 and a.one_to_one == 2


def test_an_ocr_slip_still_maps_one_to_one():
    a = align(GOLD, ["De gemeente versterkt de sociale basls.", GOLD[1], GOLD[2]])
    assert a.one_to_one == 3


def test_a_column_read_in_another_order_still_aligns():
    left = ["De wijkteams werken outreachend en kennen de inwoners van hun wijk goed.",
            "Zij maken een zo goed mogelijke match tussen vraag en aanbod."]
    right = ["Aanbieders van ambulante hulp begeleiden kwetsbare inwoners die zelfstandig wonen.",
             "Hiermee vervullen zij een belangrijke rol in het prettig wonen in de wijk."]
    a = align(left + right, right + left)  # one extractor reads the right column first
    assert a.matched == a.gold_words and a.one_to_one == 4
    assert a.home == [2, 3, 0, 1]


def test_stray_words_out_of_order_do_not_align():
    a = align(["De gemeente versterkt de sociale basis.", "Dat helpt de inwoners."],
              ["Dat helpt.", "De gemeente versterkt de sociale basis."])
    assert a.matched == 6  # "dat helpt" out of order is too short a run to trust
    assert a.home == [None, 0]


def test_counts_precision_recall_kappa():
    c = Counts()
    for gold, pred in [(True, True)] * 8 + [(True, False)] * 2 + [(False, True)] * 2 + [(False, False)] * 88:
        c.add(gold, pred)
    s = c.scores()
    assert s["precision"] == 0.8 and s["recall"] == 0.8 and s["f1"] == 0.8 and s["support"] == 10
    assert s["kappa"] == pytest.approx(0.7778, abs=1e-4)


def test_labels_are_scored_through_the_alignment(tmp_path):
    gold = {"doc_id": "x/doc", "layout": "pdf", "sentences": [
        {"text": GOLD[0], "labels": ["goal"]}, {"text": GOLD[1], "labels": ["collaboration"]},
        {"text": GOLD[2], "labels": []}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    preds = [{"doc_id": "x/doc", "text": GOLD[0], "labels": ["goal"], "page": 1},
             {"doc_id": "x/doc", "text": GOLD[1] + " " + GOLD[2], "labels": ["collaboration", "goal"], "page": 1},
             {"doc_id": "x/doc", "text": "Kop van de pagina", "labels": ["goal"], "page": 1}]
    (out / "sentences.jsonl").write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    result = evaluate(tmp_path / "gold.jsonl", out)
    assert result["labels"]["collaboration"]["f1"] == 1.0
    goal = result["labels"]["goal"]  # right once, wrong on the merged sentence and on the junk line
    assert (goal["precision"], goal["recall"]) == (pytest.approx(1 / 3, abs=1e-3), 1.0)
    seg = result["segmentation"]["pdf"]
    assert seg["one_to_one"] == pytest.approx(1 / 3, abs=1e-3) and seg["coverage"] == 1.0


def test_coded_pages_restrict_the_predictions(tmp_path):
    gold = {"doc_id": "d", "sentences": [{"text": GOLD[0], "labels": [], "page": 2}]}
    (tmp_path / "g.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    out = tmp_path / "o"
    out.mkdir()
    preds = [{"doc_id": "d", "text": "Tekst op pagina een.", "page": 1}, {"doc_id": "d", "text": GOLD[0], "page": 2}]
    (out / "sentences.jsonl").write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    assert evaluate(tmp_path / "g.jsonl", out)["segmentation"]["overall"]["purity"] == 1.0


def test_the_package_evaluate_can_be_called_again(sample_corpus, sample_run):
    # a notebook cell run twice: the function must not be replaced by a submodule of the same name
    import pipeline

    first = pipeline.evaluate(sample_corpus / "gold.jsonl", sample_run)
    second = pipeline.evaluate(sample_corpus / "gold.jsonl", sample_run)
    assert callable(pipeline.evaluate) and first == second
