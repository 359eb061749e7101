import pytest

from pipeline.segment import RuleSegmenter


def split(text):
    return [text[a:b] for a, b in RuleSegmenter()(text)]


@pytest.mark.parametrize("text,expected", [
    ("We doen dit. Zij doen dat.", ["We doen dit.", "Zij doen dat."]),
    ("Partners zijn o.a. de GGD en de bibliotheek. Zij werken samen.",
     ["Partners zijn o.a. de GGD en de bibliotheek.", "Zij werken samen."]),
    ("Bijv. Welzijn Samen en t.a.v. de Wmo i.s.m. de GGD. Verder e.d. Zaken.",
     ["Bijv. Welzijn Samen en t.a.v. de Wmo i.s.m. de GGD.", "Verder e.d. Zaken."]),
    ("Zie art. 5 en nr. 3 van de regeling. Dat geldt m.b.t. Almere.",
     ["Zie art. 5 en nr. 3 van de regeling.", "Dat geldt m.b.t. Almere."]),
    ("Er wonen 4.000 mensen en het budget is € 2,5 miljoen. Dat is 12,5% meer.",
     ["Er wonen 4.000 mensen en het budget is € 2,5 miljoen.", "Dat is 12,5% meer."]),
    ("Volgens J. de Vries werkt het. Wij denken dat ook.", ["Volgens J. de Vries werkt het.", "Wij denken dat ook."]),
    # an abbreviation that can end a sentence ends it before a word that opens one
    ("De opgave loopt op tot € 1 mld. Voor de regio is dat € 50 mln. Dat is veel.",
     ["De opgave loopt op tot € 1 mld.", "Voor de regio is dat € 50 mln.", "Dat is veel."]),
    ("Sport, cultuur etc. Dit doen we samen.", ["Sport, cultuur etc.", "Dit doen we samen."]),
    ("Zie Jansen e.a. Movisie 2020 en ca. De Vries.", ["Zie Jansen e.a. Movisie 2020 en ca. De Vries."]),
    # a stray quotation mark at the end of a paragraph is no sentence of its own
    ("Zo hoeven ze niet door te draaien. “", ["Zo hoeven ze niet door te draaien. “"]),
    ("Hij zei: ‘Dit werkt.’ Daarna ging hij.", ["Hij zei: ‘Dit werkt.’", "Daarna ging hij."]),
    ("Werkt het? Ja! Dan gaan we door.", ["Werkt het?", "Ja!", "Dan gaan we door."]),
    ("Op 1 januari start WIJS! Breda als team.", ["Op 1 januari start WIJS! Breda als team."]),
    ("2. Doelen van het plan", ["2. Doelen van het plan"]),  # an enumerator, not a sentence end
    # a numbered or lettered list run into one block: each number stays with its item
    ("De doelen zijn genoemd. 1. Voorkomen van verblijf. 2. Grip op de kosten. b. Samenhang.",
     ["De doelen zijn genoemd.", "1. Voorkomen van verblijf.", "2. Grip op de kosten.", "b. Samenhang."]),
    ("Drie punten: 1. Meer ontmoeting. 2. Minder eenzaamheid.",  # the lead-in is a sentence of its own
     ["Drie punten:", "1. Meer ontmoeting.", "2. Minder eenzaamheid."]),
    # a council decision's lettered items, in lower case, after a colon, a semicolon or a full stop
    ("Het college besluit: a. de agenda vast te stellen; b. het plan in te trekken; c. te evalueren.",
     ["Het college besluit:", "a. de agenda vast te stellen;", "b. het plan in te trekken;", "c. te evalueren."]),
    ("De aanvraag bestaat uit: a. een formulier. b. een begroting.",
     ["De aanvraag bestaat uit:", "a. een formulier.", "b. een begroting."]),
    ("Zij kiezen voor a. of b. als vorm; dat staat vrij.", ["Zij kiezen voor a. of b. als vorm; dat staat vrij."]),
    ("De raad besluit: I. een scan te maken; VI. Haags Samenspel in te zetten; VII. te onderzoeken.",
     ["De raad besluit:", "I. een scan te maken;", "VI. Haags Samenspel in te zetten;", "VII. te onderzoeken."]),
    ("Middelen: a. € 800.000 voor herstel; b. € 300.000 voor de toegang.",
     ["Middelen:", "a. € 800.000 voor herstel;", "b. € 300.000 voor de toegang."]),
    ("Contact: V. Jansen en I. de Boer.", ["Contact: V. Jansen en I. de Boer."]),  # initials, not items
    ("Zie hoofdstuk 3. Daar staat meer.", ["Zie hoofdstuk 3.", "Daar staat meer."]),  # a number ends it
    ("De segmenten: i. Jeugdhulp met verblijf ii. Hoog specialistische GGZ iii. Dagbesteding.",
     ["De segmenten:", "i. Jeugdhulp met verblijf", "ii. Hoog specialistische GGZ", "iii. Dagbesteding."]),
    ("Wij steunen het Sportakkoord II. De nota volgt later.", ["Wij steunen het Sportakkoord II.", "De nota volgt later."]),
    ("Het kost ca. 3. Zo is het.", ["Het kost ca. 3.", "Zo is het."]),  # after an abbreviation: no item
    # a label and its number open an item as a number does; a number after other words ends a sentence
    ("Hoofddoel 1. Versterking van de wijken. Hoofddoel 2. Meer woningen.",
     ["Hoofddoel 1. Versterking van de wijken.", "Hoofddoel 2. Meer woningen."]),
    ("Het ging om 12. Daarna kwam er meer.", ["Het ging om 12.", "Daarna kwam er meer."]),
    ("In 2021. De raad besloot.", ["In 2021.", "De raad besloot."]),
    ("de zin loopt door. en hier ook", ["de zin loopt door. en hier ook"]),  # lowercase: no new sentence
    ("Een kop zonder punt", ["Een kop zonder punt"]),
    ("", []),
])
def test_rule_segmenter(text, expected):
    assert split(text) == expected


def test_spans_cover_text_without_spaces():
    text = "  Eerste zin.   Tweede zin!  "
    spans = RuleSegmenter()(text)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
