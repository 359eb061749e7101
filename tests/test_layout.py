"""Layout passes on hand-built words: no PDF needed to say what each rule does."""
from pipeline.layout import (
    MARK_CLOSE, MARK_OPEN, column_gutters, group_rows, layout_document, page_lines, split_row, take_markers,
)
from pipeline.process import sentence_records
from pipeline.records import FOOTNOTE, FURNITURE, HEADING, LIST_ITEM, PARAGRAPH, TITLE, TOC, Line, Word
from pipeline.segment import RuleSegmenter

W, H = 595.0, 842.0


def line(text, x0, top, size=10.0, bold=False, gap=0.3, italic=False):
    """Words of one line laid out left to right from x0."""
    words, x = [], x0
    for token in text.split():
        width = len(token) * size * 0.5
        words.append(Word(token, x, x + width, top, top + size, size, bold, italic))
        x += width + gap * size
    return words


def paragraph(lines, x0, top, size=10.0, leading=14.0):
    out = []
    for k, text in enumerate(lines):
        out += line(text, x0, top + k * leading, size)
    return out


def kinds(blocks):
    return [(b.kind, b.text) for b in blocks]


def sentences_of(words):
    """The sentences the rule segmenter finds in the blocks of one page of ``words``."""
    blocks, _ = layout_document([(words, 1, W, H)])
    records, _ = sentence_records("doc", blocks, RuleSegmenter())
    return [r["text"] for r in records]


def test_two_columns_are_read_left_then_right():
    words = line("Titel van het plan", 60, 60, size=20, bold=True)
    words += paragraph(["Links een.", "Links twee.", "Links drie.", "Links vier.", "Links vijf."], 60, 120)
    words += paragraph(["Rechts een.", "Rechts twee.", "Rechts drie.", "Rechts vier.", "Rechts vijf."], 320, 120)
    layout = page_lines(words, 1, W, H)
    texts = [ln.text for ln in layout.lines]
    assert texts.index("Links vijf.") < texts.index("Rechts een.")
    assert texts[0] == "Titel van het plan"


def test_single_column_table_row_is_not_split_into_columns():
    words = line("Budget", 60, 100) + line("€ 2,5 miljoen", 400, 100)
    layout = page_lines(words, 1, W, H)
    assert [ln.text for ln in layout.lines] == ["Budget € 2,5 miljoen"]


def test_running_header_footer_and_page_numbers_are_furniture():
    pages = []
    for n in (1, 2, 3):
        words = line("Nota sociale basis Voorbeeldstad", 300, 30, size=8)
        words += paragraph([f"Dit is tekst op pagina {n} van de nota.", "Nog een regel met inhoud."], 60, 120)
        words += line(f"Pagina {n} van 3", 260, 800, size=8)
        pages.append((words, n, W, H))
    blocks, _ = layout_document(pages)
    furniture = [b.text for b in blocks if b.kind == FURNITURE]
    assert "Pagina 2 van 3" in furniture and furniture.count("Nota sociale basis Voorbeeldstad") == 3
    assert all("Pagina" not in b.text for b in blocks if b.kind == PARAGRAPH)


def test_title_meta_line_heading_and_list_items():
    words = line("Beleidsplan Samen", 60, 80, size=20, bold=True)
    words += line("Gemeente Voorbeeldstad · beleidsplan · 2024", 60, 110, size=9)
    words += line("1. Inleiding", 60, 150, size=13, bold=True)
    words += paragraph(["De sociale basis bestaat uit:"], 60, 180)
    words += line("• inwoners en hun netwerk;", 60, 200)
    words += line("• verenigingen en initiatieven.", 60, 214)
    blocks, title = layout_document([(words, 1, W, H)])
    assert title == "Beleidsplan Samen"
    assert kinds(blocks) == [
        (TITLE, "Beleidsplan Samen"), (TITLE, "Gemeente Voorbeeldstad · beleidsplan · 2024"),
        (HEADING, "1. Inleiding"), (PARAGRAPH, "De sociale basis bestaat uit:"),
        (LIST_ITEM, "inwoners en hun netwerk;"), (LIST_ITEM, "verenigingen en initiatieven."),
    ]


def test_footnote_call_is_linked_and_note_separated():
    words = paragraph(["Uit onderzoek blijkt dat ontmoeting helpt.", "Daarom doen we het."], 60, 100)
    call = words[5]  # "helpt."
    words.append(Word("1", call.x1, call.x1 + 4, call.top - 3, call.top + 5, 6.0))
    words += line("1 Movisie (2021). Wat werkt bij ontmoeting.", 60, 700, size=7.5)
    blocks, _ = layout_document([(words, 1, W, H)])
    body = next(b for b in blocks if b.kind == PARAGRAPH)
    note = next(b for b in blocks if b.kind == FOOTNOTE)
    assert note.note == 1 and note.text.startswith("Movisie (2021)")
    assert body.markers == ((1, len("Uit onderzoek blijkt dat ontmoeting helpt.")),)
    assert "1" not in body.text.split()


def test_a_footnote_line_set_apart_from_its_note_stays_in_the_note():
    # a note as wide as two columns: its short second line falls under the left column
    left = [f"Links staat regel {k} van de tekst." for k in range(1, 9)]
    right = [f"Rechts staat regel {k} van de tekst." for k in range(1, 9)]
    words = paragraph(left, 60, 100) + paragraph(right, 320, 100)
    words += line("1 Het gaat hierbij niet alleen om aanbieders die begeleiding bieden vanuit de Wmo maar ook om", 60, 700,
                  size=7.5)
    words += line("aanbieders vanuit de Zvw.", 60, 709, size=7.5)
    blocks, _ = layout_document([(words, 1, W, H)])
    notes = [b for b in blocks if b.kind == FOOTNOTE]
    assert len(notes) == 1 and notes[0].text.endswith("maar ook om aanbieders vanuit de Zvw.")
    assert not any("Zvw" in b.text for b in blocks if b.kind != FOOTNOTE)


def test_table_of_contents_is_recognised():
    words = line("Inhoudsopgave", 60, 80, size=13, bold=True)
    words += line("1. Inleiding ........ 3", 60, 110)
    words += line("2. Doelen ........ 5", 60, 124)
    words += paragraph(["Dit is de eerste echte zin van de tekst die lang genoeg is om proza te zijn."], 60, 200)
    blocks, _ = layout_document([(words, 1, W, H)])
    by_text = {b.text: b.kind for b in blocks}
    assert by_text["Inhoudsopgave"] == TOC
    assert by_text["1. Inleiding ........ 3"] == TOC
    assert by_text["2. Doelen ........ 5"] == TOC
    assert [b.kind for b in blocks if b.text.startswith("Dit is")] == [PARAGRAPH]


def test_paragraph_continued_on_next_page_is_joined():
    p1 = paragraph(["Eerste zin staat hier. De tweede zin loopt door over de"], 60, 100)
    p2 = paragraph(["paginagrens en eindigt hier."], 60, 100)
    blocks, _ = layout_document([(p1, 1, W, H), (p2, 2, W, H)])
    body = [b for b in blocks if b.kind == PARAGRAPH]
    assert len(body) == 1
    assert body[0].text.endswith("loopt door over de paginagrens en eindigt hier.")
    assert body[0].page_at(body[0].text.index("paginagrens")) == 2
    assert body[0].page_at(0) == 1


def test_a_letterhead_repeated_below_the_margin_is_furniture_and_the_sentence_continues():
    def page(n, body):
        words = line("Gemeente Den Haag", 90, 56, size=6.5) + line("Ons kenmerk", 90, 78, size=6.5)
        words += line("OCW/10829082", 90, 88, size=7.8)  # below the top 9% of the page, on every page
        return words + paragraph(body, 127, 110, size=9.2, leading=12.0), n, W, H

    pages = [page(1, ["Het programma is gestart. Het Kinderrechtenverdrag van de Verenigde Naties (met 196"]),
             page(2, ["deelnemende landen) is de basis van dit programma.", "Daarom werken we samen."]),
             page(3, ["Zo doen we dat. Ook in de wijken."])]
    blocks, _ = layout_document(pages)
    texts = [b.text for b in blocks if b.kind == PARAGRAPH]
    assert not any("OCW" in t or "kenmerk" in t for t in texts)
    assert any("(met 196 deelnemende landen) is de basis" in t for t in texts)


def test_a_large_running_header_on_every_page_counts_once():
    def page(n, body):
        return line("Voorstel aan de raad", 60, 30, size=18.8, bold=True) + paragraph(body, 60, 90), n, W, H

    pages = [page(1, ["Inleiding van het voorstel. De kosten gaan naar het organiseren van de teams, het"]),
             page(2, ["inrichten van de monitor en het advies.", "Verder niets."]),
             page(3, ["Tot slot een zin."])]
    blocks, title = layout_document(pages)
    assert title == "Voorstel aan de raad"
    assert [b.kind for b in blocks if b.text == "Voorstel aan de raad"] == [TITLE, FURNITURE, FURNITURE]
    assert any("van de teams, het inrichten van de monitor" in b.text for b in blocks if b.kind == PARAGRAPH)


def test_wide_leading_does_not_cut_a_sentence_at_a_full_line():
    # lines 18.5 apart in 10-point type: every gap looks like a paragraph's
    text = ["We gebruiken hiervoor de Sociale Staat van Almere als uitgangspunt. De",
            "Sociale Staat van Almere biedt een uitgebreide analyse van de situatie.", "Terugblik", "Daarna volgt meer."]
    words = []
    for k, t in enumerate(text):
        words += line(t, 60, 100 + 18.5 * k)
    blocks, _ = layout_document([(words, 1, W, H)])
    texts = [b.text for b in blocks]
    assert texts[0].endswith("als uitgangspunt. De Sociale Staat van Almere biedt een uitgebreide analyse van de situatie.")
    assert texts[1:] == ["Terugblik", "Daarna volgt meer."]  # a short line ends where it ends


def test_a_short_unfinished_line_before_a_capital_ends_its_block():
    """A heading set as body text and items of a list without bullets or full stops stand on
    lines that stop well short of the column's edge: each is a unit of its own. A line cut
    short in mid-sentence (ending in "van") and a heading's number alone are not."""
    text = ["Aanpak",
            "Gegeven de doelstelling van het onderzoek is gekozen voor kwalitatieve interviews met",
            "bewoners en professionals in de wijk, in twee rondes van een uur per gesprek.",
            "Minder eenzaamheid onder inwoners",
            "Meer vrijwilligers bij verenigingen",
            "Het project Beschermd wonen in beweging onder leiding van",
            "Windesheim is in 2021 afgerond en de resultaten zijn besproken met de partners.",
            "5",
            "Monitoring en verantwoording volgen in het jaarverslag van de gemeente zelf."]
    assert sentences_of(paragraph(text, 60, 100)) == [
        "Aanpak",
        "Gegeven de doelstelling van het onderzoek is gekozen voor kwalitatieve interviews met "
        "bewoners en professionals in de wijk, in twee rondes van een uur per gesprek.",
        "Minder eenzaamheid onder inwoners",
        "Meer vrijwilligers bij verenigingen",
        "Het project Beschermd wonen in beweging onder leiding van Windesheim is in 2021 afgerond "
        "en de resultaten zijn besproken met de partners.",
        "5 Monitoring en verantwoording volgen in het jaarverslag van de gemeente zelf."]


def test_each_item_of_a_numbered_list_without_full_stops_is_a_sentence_of_its_own():
    """Items of a numbered or lettered list that end without punctuation stand on lines of
    their own: each is a sentence with its number, and no number is left at the end of the item
    before ("... actief leven 2." / "Het voorkomen van zorgvragen 3."). A line of running text
    that happens to open with a number is no item."""
    text = ["We clusteren de bestedingen in de komende jaren rond drie centrale doelen:",
            "1. Het laagdrempelig mogelijk maken van een gezond en actief leven voor iedereen",
            "2. Het voorkomen van zorgvragen",
            "3. Het ontlasten van de eerste lijn",
            "Het college stelt de raad voor:",
            "a. de agenda vast te stellen",
            "b. de middelen te reserveren",
            "Het budget voor de uitvoering van de plannen is opgenomen in de begroting van",
            "2025. Het jaar daarna volgt een evaluatie van alle uitgevoerde plannen."]
    assert sentences_of(paragraph(text, 60, 100)) == text[:7] + [
        "Het budget voor de uitvoering van de plannen is opgenomen in de begroting van 2025.",
        "Het jaar daarna volgt een evaluatie van alle uitgevoerde plannen."]


def test_an_items_title_in_italics_is_no_part_of_the_text_below_it():
    """A lettered item's title set in italics, as wide as the column and without a full stop,
    above its text set upright: two sentences, not one run-on. Italics that end inside a
    sentence (the next line opens in lower case) leave the sentence whole."""
    words = line("a. Het versterken van kansrijke, bestaande bewegingen als fundament voor een sterke basis",
                 60, 100, italic=True)
    words += line("We houden vast aan waar we mee begonnen zijn en starten geen nieuwe ontwikkelingen.", 78, 114)
    words += line("Dat staat in het rapport Samen sterker in de wijk van de gemeente en haar partners", 60, 142)
    words += line("over de jaren", 60, 156, italic=True)
    words += line("tot en met 2026, dat de raad in mei heeft besproken.", 60, 170)
    assert sentences_of(words) == [
        "a. Het versterken van kansrijke, bestaande bewegingen als fundament voor een sterke basis",
        "We houden vast aan waar we mee begonnen zijn en starten geen nieuwe ontwikkelingen.",
        "Dat staat in het rapport Samen sterker in de wijk van de gemeente en haar partners over de jaren "
        "tot en met 2026, dat de raad in mei heeft besproken."]


def test_a_dash_that_opens_a_line_inside_a_sentence_is_no_bullet():
    """An en dash that lands at the start of a wrapped line ("... mentale weerbaarheid" / "– in
    samenhang met ...") continues the sentence; a dash after a finished line opens an item."""
    text = ["De mentale gezondheid van jongeren staat onder druk. Het bevorderen van mentale weerbaarheid",
            "– in samenhang met het bredere gezondheidsbeleid – draagt eraan bij dat inwoners beter",
            "in hun vel zitten en minder zorgvragen hebben. We doen dat op twee manieren:",
            "– met een cursus voor jongeren",
            "– met voorlichting op scholen"]
    blocks, _ = layout_document([(paragraph(text, 60, 100), 1, W, H)])
    assert kinds(blocks) == [
        (PARAGRAPH, "De mentale gezondheid van jongeren staat onder druk. Het bevorderen van mentale weerbaarheid – "
                    "in samenhang met het bredere gezondheidsbeleid – draagt eraan bij dat inwoners beter in hun "
                    "vel zitten en minder zorgvragen hebben. We doen dat op twee manieren:"),
        (LIST_ITEM, "met een cursus voor jongeren"), (LIST_ITEM, "met voorlichting op scholen")]


def test_three_columns_are_read_one_after_the_other():
    """A page set in three columns (a brochure) is read column by column, under a heading that
    runs across them; a table whose short entries stand in three columns is no such page, and
    no two-column page either: its rows are read as rows, one unit each."""
    columns = [
        ["De gemeente versterkt de sociale basis", "in alle wijken van de stad. Buurthuizen",
         "zijn open voor iedereen die elkaar wil", "ontmoeten, jong en oud, dag en avond."],
        ["Het welzijnswerk steunt bewoners bij", "hun eigen initiatieven. Opbouwwerkers",
         "helpen groepen bewoners hun plannen", "uit te voeren in de eigen straat."],
        ["We meten elk jaar hoeveel inwoners er", "meedoen en wat het hun oplevert. De",
         "uitkomsten bespreken we elk voorjaar", "met de partners en de adviesraad."],
    ]
    words = line("Samen sterk in de wijk: zo werken we aan ontmoeting en steun in elke buurt", 40, 60, size=12, bold=True)
    for k, texts in enumerate(columns):
        for n, text in enumerate(texts):
            words += line(text, 40 + 180 * k, 100 + 14 * n, size=8)
    blocks, _ = layout_document([(words, 1, W, H)])
    assert [b.text for b in blocks if b.kind == PARAGRAPH] == [" ".join(texts) for texts in columns]
    rows = [("Najaar 2024", "Marktconsultaties aanbieders", "Gemeente"), ("Januari 2025", "Werksessies raden", "Raad"),
            ("Mei 2025", "Raadsbesluit inkoop", "Raad"), ("Juni 2026", "Gunning", "Gemeente"),
            ("Juli 2026", "Voorbereiding start", "Aanbieders")]
    table = [w for k, row in enumerate(rows) for x, cell in zip((60, 220, 430), row) for w in line(cell, x, 100 + 16 * k)]
    segments = [Line(tuple(part), 1) for row in group_rows(table) for part in split_row(row)]
    assert len(segments) == 15 and column_gutters(segments) == []
    # nor two columns: as many entries cross the page's middle as stand right of it; each row,
    # its entries apart by gutter-wide gaps, is a unit of its own
    blocks, _ = layout_document([(table, 1, W, H)])
    assert [b.text for b in blocks] == [" ".join(row) for row in rows]


def test_a_lettered_item_after_a_page_break_continues_nothing():
    p1 = paragraph(["Genomen stappen:", "Najaar 2024 Marktconsultaties aanbieders"], 60, 100)
    p2 = paragraph(["b) Te nemen stappen inkoop nieuwe contracten:"], 60, 100)
    blocks, _ = layout_document([(p1, 1, W, H), (p2, 2, W, H)])
    assert [b.text for b in blocks if b.kind == PARAGRAPH][-1] == "b) Te nemen stappen inkoop nieuwe contracten:"


def test_a_paragraph_runs_over_two_page_breaks_in_a_row():
    def page(n, body):
        return paragraph(body, 60, 100) + line(f"{n}/3", 500, 800, size=8), n, W, H  # a page number between

    pages = [page(1, ["Het begin van een lange zin die doorloopt over de"]),
             page(2, ["volgende bladzijde, en dan nog eens over de"]),
             page(3, ["derde bladzijde waar zij eindigt."])]
    blocks, _ = layout_document(pages)
    assert [b.text for b in blocks if b.kind == PARAGRAPH] == [
        "Het begin van een lange zin die doorloopt over de volgende bladzijde, en dan nog eens over de derde "
        "bladzijde waar zij eindigt."]


def test_without_large_type_the_first_bold_line_before_the_prose_is_the_title():
    words = line("Datum", 60, 100, size=7, bold=True) + line("9 mei 2025", 60, 110, size=9)
    words += line("Voorstel van het college inzake Doorontwikkeling regionale jeugdhulp 2027", 60, 150, bold=True)
    words += line("Inleiding", 60, 180, bold=True)
    words += paragraph(["U bent eerder geïnformeerd over de regionale aanpak en de nieuwe contracten voor de",
                        "jeugdhulp, en over de werkbesprekingen die in het voorjaar zijn gehouden."], 60, 200)
    words += line("Het vervolg van dit voorstel staat hieronder", 60, 260, bold=True)
    blocks, title = layout_document([(words, 1, W, H)])
    assert title == "Voorstel van het college inzake Doorontwikkeling regionale jeugdhulp 2027"
    headings = [b.text for b in blocks if b.kind == HEADING]
    assert "Inleiding" in headings and "Het vervolg van dit voorstel staat hieronder" in headings
    assert not any("Voorstel van het college" in b.text for b in blocks if b.kind != TITLE)


def test_a_senders_address_block_is_no_sentence():
    words = paragraph(["De gemeente versterkt de sociale basis.", "Zij werkt samen met de GGD."], 60, 100)
    words += paragraph(["Postbus 12600 T 14070 Spui 70", "2500 DJ Den Haag www.denhaag.nl"], 400, 300, size=8.0)
    words += paragraph(["Meer informatie staat op www.denhaag.nl voor wie dat wil."], 60, 400)
    blocks, _ = layout_document([(words, 1, W, H)])
    assert [b.text for b in blocks if b.kind == PARAGRAPH] == [
        "De gemeente versterkt de sociale basis. Zij werkt samen met de GGD.",
        "Meer informatie staat op www.denhaag.nl voor wie dat wil."]  # one sign of an address is not enough


def test_a_call_before_punctuation_leaves_no_space():
    text, markers, shift = take_markers(f"in de wijk wonen{MARK_OPEN}1{MARK_CLOSE} . Dit zijn mensen")
    assert text == "in de wijk wonen. Dit zijn mensen" and markers == ((1, len("in de wijk wonen")),)
    assert shift(len(f"in de wijk wonen{MARK_OPEN}1{MARK_CLOSE} . ")) == len("in de wijk wonen. ")


def test_take_markers_maps_offsets():
    text, markers, shift = take_markers(f"helpt.{MARK_OPEN}2{MARK_CLOSE} Daarom")
    assert text == "helpt. Daarom" and markers == ((2, 6),) and shift(len(text) + 3) == len(text)


def at(text, x0, top, bottom, size, gap=3.0):
    """Words of one line with the boxes pypdfium2 gives (font-box height, not font size)."""
    words, x = [], x0
    for token in text.split():
        width = len(token) * size * 0.45
        words.append(Word(token, x, x + width, top, bottom, size))
        x += width + gap
    return words


def _two_columns(*extra):
    """Four left and four right body lines lower on the page, so the page reads as two columns."""
    words = [w for k in range(4) for w in at(f"Links regel {k}.", 68, 400 + 15 * k, 411.6 + 15 * k, 11.6)]
    words += [w for k in range(4) for w in at(f"Rechts regel {k}.", 309, 400 + 15 * k, 411.6 + 15 * k, 11.6)]
    return [w for part in extra for w in part] + words


def test_heading_in_one_column_does_not_swallow_the_other_columns_lines():
    # geometry from a two-column PDF: a 17.4 pt heading beside two 11.6 pt lines of the right column
    words = _two_columns(at("1. Aanleiding", 68, 274.0, 291.5, 17.4),
                         at("Kinderen en jongeren groeien veilig", 309, 268.6, 280.2, 11.6),
                         at("kelen hun talenten, thuis, op school", 309, 283.3, 294.9, 11.6))
    texts = [ln.text for ln in page_lines(words, 1, W, H).lines]
    assert "1. Aanleiding" in texts
    assert texts.index("Kinderen en jongeren groeien veilig") + 1 == texts.index("kelen hun talenten, thuis, op school")


def test_gutter_is_measured_in_the_smaller_texts_size():
    # 24 pt between a 17.4 pt heading and 11.6 pt body text: a gutter for the body text
    words = _two_columns(at("2. Wat verstaan wij onder de", 68, 528.0, 545.5, 17.4, gap=3.0))
    end = max(w.x1 for w in words if w.top == 528.0)
    words += at("klachten vergroot.", end + 24, 535.2, 546.8, 11.6)
    texts = [ln.text for ln in page_lines(words, 1, W, H).lines]
    assert "klachten vergroot." in texts


def test_a_small_bullet_hanging_before_its_item_stays_with_that_item():
    """A bullet set in a smaller symbol font, an indent before its text: the gap is the item's
    hanging indent, no column gutter, so each bullet opens its own line's item (split off, each
    bullet went to the line below and the first item lost its own)."""
    words = line("De belangrijkste groepen zijn mensen die", 70, 100, size=10.6)
    items = ["zelfstandig in de wijk wonen met psychische kwetsbaarheid;",
             "dak- en thuisloos zijn en eventueel een beroep", "doen op de maatschappelijke opvang;",
             "te maken hebben met verslaving;"]
    bullets = (True, True, False, True)
    for k, (text, bullet) in enumerate(zip(items, bullets)):
        top = 115 + k * 15
        if bullet:  # 7.3 points, its box a little lower than the text's: a Symbol-font bullet
            words.append(Word("•", 70.8, 74.5, top + 2.3, top + 9.6, 7.3, False))
        words += line(text, 88.8, top, size=10.6)
    assert sentences_of(words)[1:] == [
        "zelfstandig in de wijk wonen met psychische kwetsbaarheid;",
        "dak- en thuisloos zijn en eventueel een beroep doen op de maatschappelijke opvang;",
        "te maken hebben met verslaving;"]


def test_a_bulleted_items_bold_opening_goes_on_in_its_indented_second_line():
    words = line("Dit zijn in willekeurige volgorde:", 72, 100, size=13.4)
    words.append(Word("•", 72.0, 77.0, 117.7, 127.7, 10.0, False))
    words += line("Verschillende programma's voor wijken, zoals de", 94.7, 115, size=13.4, bold=True)
    words += line("Gebiedsgerichte aanpak en de Preventieve wijkaanpak.", 94.7, 129.5, size=13.4)
    words += line("Een kop in vet", 72, 160, size=13.4, bold=True)  # bold above plain text: a title still
    words += line("De tekst onder de kop.", 72, 174.5, size=13.4)
    assert sentences_of(words) == [
        "Dit zijn in willekeurige volgorde:",
        "Verschillende programma's voor wijken, zoals de Gebiedsgerichte aanpak en de Preventieve wijkaanpak.",
        "De tekst onder de kop."]
