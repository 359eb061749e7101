"""The comparative report: HTML opened in a real headless browser, the workbook, and scale."""
import re
import shutil
import subprocess

import pandas as pd
import pytest

import pipeline
from conftest import ARTIFACTS
from pipeline.report import MAX_CHART_ROWS, report
from synthetic_output import write_output

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def built(sample_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    tables = report(sample_run, out / "report.html", out / "report.xlsx")
    return tables, (out / "report.html").read_text(encoding="utf-8"), out


def test_api_returns_dataframes_with_categories(sample_run):
    res = pipeline.load(sample_run)
    assert str(res.documents["municipality"].dtype) == "category"
    assert set(res.documents["municipality"]) == {"Zaanstad", "Dordrecht", "Oss"}
    assert len(res.claims) > 0 and {"cause", "effect", "evidence"} <= set(res.claims.columns)
    assert len(res.filter(municipalities=["Oss"]).documents) == 1


def test_html_shows_every_municipality_and_links_resolve(built):
    tables, html, _ = built
    for muni in ("Zaanstad", "Dordrecht", "Oss"):
        assert f">{muni}</a>" in html and f"<h2>{muni}</h2>" in html
    ids = set(re.findall(r"id='([^']+)'", html)) | set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r"href='#([^']+)'", html))
    assert links and links <= ids
    assert html.count("<svg") == 3
    assert "similarity-matrix" in html and "interventions by sphere" in html
    fetched = re.findall(r"""(?:src|href)=["'](?:https?:)?//|url\((?:https?:)?//|@import""", html)
    assert not fetched  # nothing is fetched at view time: the file opens offline


def test_workbook_matches_the_html(built):
    tables, html, out = built
    sheets = pd.read_excel(out / "report.xlsx", sheet_name=None)
    assert set(sheets) == set(tables)
    shown = pd.read_html(out / "report.html", attrs={"id": "comparison"})[0]
    book = sheets["comparison"]
    assert list(shown["municipality"]) == list(book["municipality"])
    for col in ("documents", "claims", "claims_citing_evidence", "goals"):
        assert list(shown[col]) == list(book[col])
    estimated = book["share_citing_evidence_estimated"]
    assert estimated.between(0, 1).all()  # every municipality of the sample has claims and probabilities
    assert (estimated - book["share_citing_evidence"]).abs().max() < 0.25  # the two measure the same share


def test_report_opens_in_a_headless_browser(built, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is not installed: run ./setup.sh"
    _, _, out = built
    url = (out / "report.html").as_uri()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run([chromium, *CHROMIUM_FLAGS, *profile, "--enable-logging=stderr", "--v=0", "--dump-dom", url],
                         capture_output=True, text=True, timeout=120)
    assert "Zaanstad" in dom.stdout and "<svg" in dom.stdout
    assert "Uncaught" not in dom.stderr, dom.stderr[-2000:]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report.png"
    subprocess.run([chromium, *CHROMIUM_FLAGS, *profile, "--window-size=1280,2000", f"--screenshot={shot}", url],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000


def test_filters(sample_run, tmp_path):
    tables = report(sample_run, None, None, municipalities=["Oss"])
    assert list(tables["comparison"]["municipality"]) == ["Oss"]
    tables = report(sample_run, None, None, year_from=2024)
    assert set(tables["documents"]["year"]) == {2024, 2025}


def test_342_municipalities_stay_readable(tmp_path):
    folder = write_output(tmp_path / "out", 342)
    tables = report(folder, tmp_path / "r.html", tmp_path / "r.xlsx")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert len(tables["comparison"]) == 342
    assert f"Charts show the {MAX_CHART_ROWS} municipalities" in html
    svg = re.search(r"<figure class=\"chart\" id=\"chart-evidence\">.*?</figure>", html, re.S).group(0)
    assert svg.count("Gemeente") <= MAX_CHART_ROWS


def test_a_run_where_no_document_could_be_read_still_reports(tmp_path):
    # every file empty or broken: the report and workbook say so instead of crashing
    from pipeline.batch import analyze

    src = tmp_path / "in"
    src.mkdir()
    (src / "leeg.pdf").write_bytes(b"")
    (src / "kapot.docx").write_bytes(b"PK\x03\x04kapot")
    analyze([src], tmp_path / "out", progress=False, workers=1)
    # into folders that do not exist yet: they are made
    tables = report(tmp_path / "out", tmp_path / "reports" / "r.html", tmp_path / "books" / "2025" / "r.xlsx")
    assert tables["comparison"].empty and "municipality" in tables["comparison"].columns
    assert "0 municipalities" in (tmp_path / "reports" / "r.html").read_text(encoding="utf-8")
    assert "comparison" in pd.read_excel(tmp_path / "books" / "2025" / "r.xlsx", sheet_name=None)
    filtered = report(tmp_path / "out", None, None, municipalities=["Nergens"])  # a filter that keeps nothing
    assert filtered["claims"].empty


def test_a_document_saved_twice_is_found_and_counted_once_on_request(sample_corpus, sample_run, tmp_path):
    """The same plan as PDF and as a second file (a download saved twice) counts its goals and
    claims twice; the report lists the copy and, with dedupe, leaves it out."""
    from pipeline.batch import analyze

    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus, corpus)
    shutil.copy(corpus / "oss" / "subsidiekader-2024.pdf", corpus / "oss" / "subsidiekader-2024 (1).pdf")
    with open(corpus / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write("oss/subsidiekader-2024 (1).pdf,Oss,2024,subsidiekader,Subsidiekader welzijn en sociale basis 2024\n")
    analyze([corpus], tmp_path / "out", manifest=corpus / "manifest.csv", progress=False, workers=1)

    copies = pipeline.load(tmp_path / "out").duplicates()
    assert copies[["municipality", "doc_id", "copy_of"]].values.tolist() == [
        ["Oss", "oss/subsidiekader-2024 (1)", "oss/subsidiekader-2024"]]
    assert pipeline.load(sample_run).duplicates().empty  # the five sample documents are all different

    once = report(sample_run, None, None)["comparison"].set_index("municipality")
    twice = report(tmp_path / "out", tmp_path / "r.html", None)["comparison"].set_index("municipality")
    deduped = report(tmp_path / "out", None, None, dedupe=True)["comparison"].set_index("municipality")
    assert twice.loc["Oss", "claims"] == 2 * once.loc["Oss", "claims"] > 0
    assert deduped.loc["Oss", ["documents", "claims", "goals"]].tolist() == once.loc["Oss", ["documents", "claims",
                                                                                            "goals"]].tolist()
    assert "oss/subsidiekader-2024 (1) repeats oss/subsidiekader-2024 (100%" in (tmp_path / "r.html").read_text()
