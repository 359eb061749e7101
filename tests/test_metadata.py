from pathlib import Path

import pytest

from pipeline.errors import SocialeBasisError
from pipeline.metadata import ManifestRow, read_manifest, resolve_metadata


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_overrides_and_records_source(tmp_path):
    (tmp_path / "oss").mkdir()
    manifest = write(tmp_path / "m.csv", "path,municipality,year,doc_type,title,cbs_code\n"
                                         "oss/a.pdf,Oss,2024,visie,Visie op welzijn,GM1721\n")
    rows = read_manifest(manifest)
    row = rows[(tmp_path / "oss" / "a.pdf").resolve()]
    values, source = resolve_metadata(Path("oss/a.pdf"), row, "Andere titel 2019")
    assert values == {"municipality": "Oss", "cbs_code": "GM1721", "year": 2024, "doc_type": "visie",
                      "title": "Visie op welzijn"}
    assert set(source.values()) == {"manifest"}


def test_without_manifest_values_come_from_folder_and_title():
    values, source = resolve_metadata(Path("den-haag/raadsvoorstel-x.pdf"), None, "Kadernota welzijn 2025–2028")
    assert values["municipality"] == "Den Haag" and source["municipality"] == "folder"
    assert values["year"] == 2025 and source["year"] == "title"
    assert values["doc_type"] == "beleidskader" and source["doc_type"] == "title"


def test_a_date_stamped_into_the_file_name_gives_the_year():
    name = Path("den-haag/raadsvoorstel-15802718-20250710-ris322101-doorontwikkeling-regionale-jeugdhulp-2027.pdf")
    values, source = resolve_metadata(name, None, "Voorstel van het college inzake Doorontwikkeling jeugdhulp 2027")
    assert values["year"] == 2025 and source["year"] == "file name"  # the day it was published, not the year it aims at
    assert resolve_metadata(Path("oss/beleidsplan-2024-2027.pdf"), None, "")[0]["year"] == 2024


def test_unknown_values_stay_empty():
    values, source = resolve_metadata(Path("losbestand.pdf"), None, "")
    assert values["municipality"] == "" and values["year"] is None and values["title"] == ""
    assert source["municipality"] == source["year"] == source["title"] == ""


def test_a_document_without_a_title_takes_its_file_names_words():
    name = Path("den-haag/raadsvoorstel-14980963-ris321030-initiatiefvoorstel-elke-meter-telt.pdf")
    values, source = resolve_metadata(name, None, "")
    assert values["title"] == "Raadsvoorstel initiatiefvoorstel elke meter telt" and source["title"] == "file name"
    assert resolve_metadata(name, None, "Elke meter telt!")[0]["title"] == "Elke meter telt!"  # the document first


def test_a_manifest_path_climbing_out_of_its_folder_is_refused(tmp_path):
    manifest = write(tmp_path / "m.csv", "path,municipality,year,doc_type,title\n../geheim.pdf,X,2020,visie,T\n")
    with pytest.raises(SocialeBasisError, match="outside the manifest's folder"):
        read_manifest(manifest)


def test_a_bad_year_in_one_row_is_that_documents_warning_not_the_runs_end(tmp_path):
    manifest = write(tmp_path / "m.csv", "path,municipality,year,doc_type,title\na.pdf,X,twintig,visie,T\n")
    row = read_manifest(manifest)[(tmp_path / "a.pdf").resolve()]
    assert row.year is None and row.municipality == "X"
    assert "row 2" in row.warning and "'twintig' is not a year" in row.warning


def test_manifest_missing_columns(tmp_path):
    manifest = write(tmp_path / "m.csv", "bestand,gemeente\na.pdf,Oss\n")
    with pytest.raises(SocialeBasisError, match="lacks the column"):
        read_manifest(manifest)


def test_manifest_row_defaults():
    assert ManifestRow().year is None


def test_a_manifest_saved_by_dutch_excel_is_read(tmp_path):
    # Excel in a Dutch locale writes ';' between columns and its own code page (é in "Súdwest")
    (tmp_path / "m.csv").write_bytes("Path;Municipality;Year;Doc_type;Title\r\n"
                                     "a.pdf;Súdwest-Fryslân;2022;visie;Één visie\r\n".encode("cp1252"))
    row = read_manifest(tmp_path / "m.csv")[(tmp_path / "a.pdf").resolve()]
    assert (row.municipality, row.year, row.title) == ("Súdwest-Fryslân", 2022, "Één visie")


@pytest.mark.parametrize("folder,name", [
    ("den-haag", "Den Haag"), ("s-hertogenbosch", "'s-Hertogenbosch"), ("Súdwest-Fryslân", "Súdwest-Fryslân"),
    ("gemeente-utrecht", "Utrecht"), ("Gemeente Oss", "Oss"), ("2023", ""), ("utrechtse_heuvelrug", "Utrechtse Heuvelrug"),
])
def test_municipality_from_the_folder_name(folder, name):
    from pipeline.metadata import municipality_from_path
    assert municipality_from_path(Path(folder) / "nota.pdf") == name


def test_a_date_written_out_on_the_first_pages_gives_the_year_when_nothing_else_does():
    motion = ["De raad van de gemeente Den Haag, in vergadering bijeen op 13 maart 2025, overwegende dat sinds 2015 ..."]
    values, source = resolve_metadata(Path("den-haag/motie-r-4-vvd-meer-grip-op-welzijn.pdf"), None, "R.4 VVD", motion)
    assert values["year"] == 2025 and source["year"] == "document date"
    # the title's year (the plan's first) still comes first, and a bare year is no date
    assert resolve_metadata(Path("oss/plan.pdf"), None, "Beleidsplan 2024-2027", motion)[0]["year"] == 2024
    assert resolve_metadata(Path("oss/plan.pdf"), None, "", ["Sinds 2015 werken we samen."])[0]["year"] is None


def test_a_subject_stated_under_a_label_completes_or_replaces_the_title():
    # a motion: its subject replaces a title of a word or two, and keeps its label
    motion = ["GEMEENTERAAD", "Stuknummer:", "R.4 VVD", "Motie: Meer grip op welzijn", "Indiener: M. Hofstra"]
    values, _ = resolve_metadata(Path("den-haag/motie-15258709.pdf"), None, "R.4 VVD", motion)
    assert values["title"] == "Motie: Meer grip op welzijn" and values["doc_type"] == "overig"
    # a council proposal: the label in one cell, the subject in the next; it completes the title
    proposal = ["Voorstel aan de raad", "Raadsnummer", "26006", "Onderwerp",
                "Stevige Lokale Teams en inzet Investeringsfonds jeugd en gezin", "Beleidsveld", "Jeugd"]
    values, source = resolve_metadata(Path("almere/x.pdf"), None, "Voorstel aan de raad", proposal)
    assert values["title"] == "Voorstel aan de raad: Stevige Lokale Teams en inzet Investeringsfonds jeugd en gezin"
    assert source["title"] == "document" and values["doc_type"] == "raadsvoorstel"
    # no label, an empty template field, or a subject the title already holds: the title as the layout found it
    assert resolve_metadata(Path("x.pdf"), None, "R.5 PvdA", ["Onderwerp: Klik hier als u tekst wilt invoeren."])[0][
        "title"] == "R.5 PvdA"
    assert resolve_metadata(Path("x.pdf"), None, "Beleidsplan Samen", ["Motie en amendement", "Onderwerpen:"])[0][
        "title"] == "Beleidsplan Samen"
    assert resolve_metadata(Path("x.pdf"), None, "Visie Meer grip", ["Onderwerp: meer grip"])[0]["title"] == \
        "Visie Meer grip"
    title = "Raadsvoorstel vaststelling Strategisch Beleidskader Sociaal Domein 2025"
    subject = ["Onderwerp: Vaststelling van het Strategisch Beleidskader Sociaal Domein 2025."]
    assert resolve_metadata(Path("x.pdf"), None, title, subject)[0]["title"] == title
