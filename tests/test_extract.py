"""Extractors on files made by the corpus generator and on small hand-written files."""
import random

import pytest

from pipeline.corpus import compose, render
from pipeline.extract import extract, sniff
from pipeline.records import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, TITLE

DOC = compose(random.Random(3), "Voorbeeldstad", "beleidsplan", 2024)


@pytest.fixture(scope="module", params=["pdf", "pdf-twocol", "pdf:pdfplumber", "pdf-twocol:pdfplumber",
                                        "docx", "html", "txt"])
def extracted(request, tmp_path_factory):
    layout, _, reader = request.param.partition(":")  # PDFs by both readers
    ext = {"docx": "docx", "html": "html", "txt": "txt"}.get(layout, "pdf")
    path = tmp_path_factory.mktemp(layout) / f"doc.{ext}"
    render(DOC, path, layout)
    return layout, extract(path, sniff(path), pdf_reader=reader or "pdfium")


def test_every_format_keeps_headings_body_and_title(extracted):
    layout, doc = extracted
    headings = [b.text for b in doc.blocks if b.kind == HEADING]
    assert headings[:3] == ["1. Inleiding", "2. Wat verstaan we onder de sociale basis?", "3. Wat willen we bereiken?"]
    body = " ".join(b.text for b in doc.blocks if b.kind in (PARAGRAPH, LIST_ITEM))
    assert "Voorbeeldstad" in body
    assert DOC["title"] not in body  # the title is not a body sentence
    if layout != "txt":
        assert doc.title == DOC["title"]
        assert "Gemeente Voorbeeldstad · beleidsplan · 2024" not in body  # front matter


def test_footnotes_are_linked_where_the_format_has_them(extracted):
    layout, doc = extracted
    assert DOC["notes"], "the composed document must cite a footnote for this test"
    if layout == "txt":
        assert not any(b.kind == FOOTNOTE for b in doc.blocks)  # plain text has no footnote markup
        return
    notes = {b.note: b.text for b in doc.blocks if b.kind == FOOTNOTE}
    calls = [n for b in doc.blocks for n, _ in b.markers]
    assert calls and set(calls) <= set(notes)
    assert all(not text.startswith(("1.", "[1]")) for text in notes.values())


def test_html_boilerplate_is_removed(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Nota</title></head><body><nav class='menu'><a>Home</a> <a>Nieuws</a></nav>"
        "<div class='cookie-banner'>Wij gebruiken cookies.</div><main><h1>Nota sociale basis</h1>"
        "<p>We versterken de sociale basis.<span class='fn'>Movisie (2021).</span> Dat doen we samen.</p>"
        "<ul><li>buurthuizen;</li><li>vrijwilligers.</li></ul></main>"
        "<footer>© Gemeente · Privacy</footer><script>var x = 1;</script></body></html>", encoding="utf-8")
    doc = extract(path, "html")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[:4] == [(TITLE, "Nota sociale basis"), (PARAGRAPH, "We versterken de sociale basis. Dat doen we samen."),
                         (LIST_ITEM, "buurthuizen;"), (LIST_ITEM, "vrijwilligers.")]
    assert (FOOTNOTE, "Movisie (2021).") in kinds
    assert doc.blocks[1].markers == ((1, len("We versterken de sociale basis.")),)
    assert not any("cookies" in t or "Privacy" in t or "Home" in t or "var x" in t for _, t in kinds)


def test_an_articles_header_is_content_the_pages_header_is_not(tmp_path):
    path = tmp_path / "artikel.html"
    path.write_text(
        "<html><head><title>Gemeente X</title></head><body><header><nav><a href='/'>Home</a></nav>"
        "<div class='logo'>Gemeente X</div></header><main><article><header><h1>Beleidsplan sociale basis</h1>"
        "<p class='intro'>Dit plan beschrijft hoe we de sociale basis versterken.</p></header>"
        "<h2>Doelen</h2><p>We willen dat inwoners elkaar vaker ontmoeten.</p>"
        "<footer><p>Gepubliceerd op 3 maart 2025</p></footer></article></main>"
        "<footer><p>Contact en privacy</p></footer></body></html>", encoding="utf-8")
    doc = extract(path, "html")
    assert doc.title == "Beleidsplan sociale basis"
    expected = ["Beleidsplan sociale basis", "Dit plan beschrijft hoe we de sociale basis versterken.", "Doelen",
                "We willen dat inwoners elkaar vaker ontmoeten."]
    assert [b.text for b in doc.blocks] == expected
    # the same header as a div named for it, inside the main content
    path.write_text(
        "<html><body><div class='site-header'><a href='/'>Home</a></div><main><div class='article-header'>"
        "<h1>Beleidsplan sociale basis</h1><p class='lead'>Dit plan beschrijft hoe we de sociale basis versterken."
        "</p></div><h2>Doelen</h2><p>We willen dat inwoners elkaar vaker ontmoeten.</p>"
        "<div class='share-buttons header-share'>Deel deze pagina</div></main></body></html>", encoding="utf-8")
    assert [b.text for b in extract(path, "html").blocks] == expected


def test_a_page_wrapped_in_a_form_is_read_a_search_form_is_not(tmp_path):
    path = tmp_path / "beleid.aspx.html"  # ASP.NET pages put the whole page in one <form>
    path.write_text(
        "<html><body><form method='post' action='./beleid.aspx' id='aspnetForm'>"
        "<div class='aspNetHidden'><input type='hidden' name='__VIEWSTATE' value='x'></div>"
        "<form class='zoekformulier'><label>Zoek op de site</label><input type='text'></form>"
        "<div id='content'><h1>Nota sociale basis</h1><p>We versterken de sociale basis in elke wijk.</p></div>"
        "</form></body></html>", encoding="utf-8")
    assert [b.text for b in extract(path, "html").blocks] == ["Nota sociale basis",
                                                              "We versterken de sociale basis in elke wijk."]


def test_txt_pages_bullets_and_hyphenation(tmp_path):
    path = tmp_path / "nota.txt"
    path.write_text("1. Inleiding\n\nDe gemeente onder-\nsteunt bewoners.\n\n• eerste punt;\n• tweede punt.\f"
                    "Tweede pagina hier.", encoding="utf-8")
    doc = extract(path, "txt")
    assert [(b.kind, b.text, b.page) for b in doc.blocks] == [
        (HEADING, "1. Inleiding", 1), (PARAGRAPH, "De gemeente ondersteunt bewoners.", 1),
        (LIST_ITEM, "eerste punt;", 1), (LIST_ITEM, "tweede punt.", 1), (PARAGRAPH, "Tweede pagina hier.", 2)]


def test_txt_numbered_items_without_full_stops_are_blocks_of_their_own(tmp_path):
    """Each item of a numbered or lettered list on lines of its own is a block, not a heading,
    and no item runs into the next; a line of wrapped text that opens with a number stays."""
    path = tmp_path / "plan.txt"
    path.write_text("We werken rond drie centrale doelen:\n1. Het voorkomen van zorgvragen\n"
                    "2. Het ontlasten van de eerste lijn\n\nDe raad besluit:\na. de agenda vast te stellen\n"
                    "b. de middelen te reserveren\n\nHet budget staat in de begroting van\n2025. Daarna volgt meer.",
                    encoding="utf-8")
    assert [(b.kind, b.text) for b in extract(path, "txt").blocks] == [
        (PARAGRAPH, "We werken rond drie centrale doelen:"), (PARAGRAPH, "1. Het voorkomen van zorgvragen"),
        (PARAGRAPH, "2. Het ontlasten van de eerste lijn"), (PARAGRAPH, "De raad besluit:"),
        (PARAGRAPH, "a. de agenda vast te stellen"), (PARAGRAPH, "b. de middelen te reserveren"),
        (PARAGRAPH, "Het budget staat in de begroting van 2025. Daarna volgt meer.")]


@pytest.mark.parametrize("head,expected", [
    (b"%PDF-1.7\n", "pdf"), (b"\xff\xd8\xff\xe0JFIF", "image"), (b"\x89PNG\r\n\x1a\n", "image"), (b"", "empty"),
    (b"<!DOCTYPE html><html>", "html"), (b"Gewone tekst.", "txt"), (b"\x00\x01\x02binary", "binary data"),
])
def test_sniff_by_content(tmp_path, head, expected):
    path = tmp_path / "file.pdf"  # the name says pdf; the content decides
    path.write_bytes(head)
    assert sniff(path) == expected


@pytest.mark.parametrize("name,encoding,wrap", [
    ("latin.txt", "cp1252", "{}"),
    ("unicode.txt", "utf-16", "{}"),  # Windows' "Unicode" text: UTF-16 with a byte order mark
    ("pagina.html", "cp1252", '<html><head><meta charset="windows-1252"></head><body><p>{}</p></body></html>'),
    ("pagina16.html", "utf-16", '<html><head><meta charset="utf-16"></head><body><p>{}</p></body></html>'),
])
def test_text_in_other_encodings_is_read_with_its_accents(tmp_path, name, encoding, wrap):
    text = "Geïnteresseerden krijgen één vast aanspreekpunt in het wijkcentrum."
    path = tmp_path / name
    path.write_bytes(wrap.format(text).encode(encoding))
    kind = sniff(path)
    assert kind == name.split(".")[1]
    assert text in " ".join(b.text for b in extract(path, kind).blocks)


def test_html_numbered_lines_of_one_paragraph_are_blocks_with_their_own_note_calls(tmp_path):
    """A list typed as lines of one paragraph ("1. ...<br>2. ...") gives one block per item, and
    a footnote called in an item stays with that item."""
    path = tmp_path / "doelen.html"
    path.write_text(
        "<html><body><p>We werken aan twee doelen:<br>\n  1. Minder eenzaamheid onder ouderen"
        "<span class='fn'>Zie de gezondheidsmonitor.</span><br>\n  2. Meer vrijwilligers bij verenigingen</p>"
        "<p>Dat doen we samen.</p></body></html>", encoding="utf-8")
    doc = extract(path, "html")
    body = [(b.text, b.markers) for b in doc.blocks if b.kind == PARAGRAPH]
    assert body == [("We werken aan twee doelen:", ()),
                    ("1. Minder eenzaamheid onder ouderen", ((1, len("1. Minder eenzaamheid onder ouderen")),)),
                    ("2. Meer vrijwilligers bij verenigingen", ()), ("Dat doen we samen.", ())]


def test_html_text_straight_in_the_body_is_read(tmp_path):
    # simple exports put the text in <body> itself, lines split by <br>
    path = tmp_path / "kaal.html"
    path.write_text("<html><body>De gemeente versterkt de sociale basis.<br>Inwoners helpen elkaar."
                    "<p>Het wijkcentrum is open.</p>Na de alinea nog een zin.</body></html>", encoding="utf-8")
    text = " ".join(b.text for b in extract(path, "html").blocks)
    for sentence in ("De gemeente versterkt de sociale basis.", "Inwoners helpen elkaar.",
                     "Het wijkcentrum is open.", "Na de alinea nog een zin."):
        assert sentence in text


def test_text_set_at_an_angle_is_left_out_unless_it_is_most_of_the_page(tmp_path):
    import pdfplumber
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from pipeline.extract.pdf import words_from_pdfium, words_from_pdfplumber

    path = tmp_path / "tabel.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Het versterken van de sociale basis is een doel van dit plan.")
    for k, header in enumerate(["Lokaal sportakkoord", "Kansrijke Start", "Welzijn op recept"]):
        c.saveState()
        c.translate(300 + 20 * k, 500)
        c.rotate(90)  # a table's column header turned upright
        c.drawString(0, 0, header)
        c.restoreState()
    c.showPage()
    c.saveState()
    c.translate(500, 100)
    c.rotate(90)  # a page whose text is all turned: kept as it is
    c.setFont("Helvetica", 10)
    c.drawString(0, 0, "Een bladzijde die gedraaid is gezet.")
    c.restoreState()
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    first = " ".join(w.text for w in words_from_pdfium(pdf[0]))
    assert first == "Het versterken van de sociale basis is een doel van dit plan."
    assert len("".join(w.text for w in words_from_pdfium(pdf[1]))) == len("Eenbladzijdediegedraaidisgezet.")
    with pdfplumber.open(path) as doc:
        assert " ".join(w.text for w in words_from_pdfplumber(doc.pages[0])) == first
        assert len("".join(w.text for w in words_from_pdfplumber(doc.pages[1]))) == len("Eenbladzijdediegedraaidisgezet.")


def test_ocr_drops_lines_read_into_a_photograph(monkeypatch):
    """What tesseract reads into a cover photo comes with low confidence on every word."""
    import pytesseract

    from pipeline.extract.ocr import words_from_image

    lines = [(["Initiatiefvoorstel"], [82]), (["ope", "mt", "ER", "__20"], [25, 19, 34, 16]),
             (["•", "Meer", "ontmoeting", "in", "de", "wijk"], [20, 91, 93, 96, 95, 90])]
    data = {key: [] for key in ("text", "conf", "block_num", "par_num", "line_num", "word_num", "left", "top", "width",
                                "height")}
    for n, (texts, confs) in enumerate(lines, start=1):
        for k, (text, conf) in enumerate(zip(texts, confs), start=1):
            for key, value in (("text", text), ("conf", conf), ("block_num", 1), ("par_num", 1), ("line_num", n),
                               ("word_num", k), ("left", 100 * k), ("top", 50 * n), ("width", 80), ("height", 30)):
                data[key].append(value)
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *args, **kwargs: data)
    words = [w.text for w in words_from_image(None, 0.24)]
    assert words == ["Initiatiefvoorstel", "•", "Meer", "ontmoeting", "in", "de", "wijk"]


def test_a_page_blank_but_for_its_number_is_not_sent_to_ocr(tmp_path, monkeypatch):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from pipeline.extract import pdf as pdf_module

    path = tmp_path / "leeg.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    for k in range(8):
        c.drawString(72, 700 - 14 * k, f"De gemeente versterkt de sociale basis in wijk {k} met buurthuizen en vrijwilligers.")
    c.showPage()
    c.drawString(500, 40, "2")  # a page left blank but for its number
    c.showPage()
    c.save()
    asked = []
    monkeypatch.setattr(pdf_module.ocr, "ocr_pdf_pages", lambda path, numbers, **kw: asked.extend(numbers) or iter(()))
    doc = pdf_module.extract_pdf(path, use_ocr=True)
    assert asked == [] and [p.method for p in doc.pages] == ["text", "text"]
    assert [p.method for p in pdf_module.extract_pdf(path, use_ocr=False).pages] == ["text", "text"]  # not "none"


def _ruled_table_pdf(path):
    """A page with prose, a ruled goals table (a cell spanning two rows, a cell wrapped over two
    lines) and prose after it; a second page whose paragraph is ruled line by line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(72, 810, "Beleidsplan Samen in de wijk")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 785, "2. Wat willen we bereiken")
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "De tabel hieronder noemt onze doelen en de resultaten die daarbij horen.")
    # rows from the top (y, height); columns at x 72 | 250 | 520
    rows = [(720, 20), (700, 20), (680, 20), (660, 35)]
    cells = {
        (0, 0): ["Doel"], (0, 1): ["Resultaat"],
        (1, 0): ["Minder eenzaamheid onder inwoners"], (1, 1): ["Meer inwoners met een vangnet"],
        (2, 1): ["Minder ouderen die zich ernstig eenzaam voelen"],
        (3, 0): ["Meer vrijwilligers"], (3, 1): ["Verenigingen vinden genoeg vrijwilligers om hun", "activiteiten voort te zetten"],
    }
    for r, (top, height) in enumerate(rows):
        # the first goal spans rows 1 and 2: no rule between them on the left
        c.line(250 if r == 2 else 72, top, 520, top)
        for x in (72, 250, 520):  # each cell's sides a rule of their own, as word processors draw them
            c.line(x, top, x, top - height)
        for k, x in enumerate((72, 250)):
            c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 10)  # a header row in bold
            for n, text in enumerate(cells.get((r, k), [])):
                c.drawString(x + 4, top - 13 - 12 * n, text)
    c.setFont("Helvetica", 10)
    bottom = rows[-1][0] - rows[-1][1]
    c.line(72, bottom, 520, bottom)
    c.drawString(72, 600, "Na de tabel volgt weer gewone tekst over de uitvoering van het plan.")
    c.showPage()
    c.setFont("Helvetica", 10)
    lines = ["Het buurthuis is een plek waar bewoners elkaar ontmoeten en waar", "vrijwilligers activiteiten organiseren voor jong en oud in de",
             "wijk, met steun van de opbouwwerker van de welzijnsorganisatie."]
    for k, text in enumerate(lines):  # every line ruled off as a row of a two-column grid
        top = 720 - 20 * k
        c.drawString(76, top - 13, text)
        c.line(72, top, 520, top)
        c.line(72, top, 72, top - 20)
        c.line(470, top, 470, top - 20)
        c.line(520, top, 520, top - 20)
    c.line(72, 660, 520, 660)
    c.save()


def test_the_time_limit_grows_with_the_pages_the_table_finder_reads(tmp_path, monkeypatch):
    """Each ruled page costs the table finder time: the document's deadline is extended for it,
    as for OCR, so a long report ruled on every page is not cut off."""
    from pipeline import supervise
    from pipeline.extract import tables
    from pipeline.extract.pdf import extract_pdf

    asked = []
    monkeypatch.setattr(supervise, "extend_deadline", asked.append)
    path = tmp_path / "tabel.pdf"
    _ruled_table_pdf(path)  # two pages, both ruled
    extract_pdf(path, use_ocr=False)
    assert asked == [2 * tables.PAGE_S]


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_ruled_table_is_read_cell_by_cell(tmp_path, reader):
    """Each cell of a ruled table is a block of its own, row by row, so a goal in a table is
    one sentence instead of a row run together with its neighbours; a bold first row is the
    section of the cells below it, and the text after the table is under the heading before it
    again; a grid that only rules off the lines of a paragraph is no table."""
    from pipeline.extract.pdf import extract_pdf
    from pipeline.process import sentence_records
    from pipeline.segment import RuleSegmenter

    path = tmp_path / "tabel.pdf"
    _ruled_table_pdf(path)
    doc = extract_pdf(path, use_ocr=False, reader=reader)
    first = [(b.kind, b.text) for b in doc.blocks if b.page == 1 and b.kind != TITLE]
    cells = ["Minder eenzaamheid onder inwoners", "Meer inwoners met een vangnet",
             "Minder ouderen die zich ernstig eenzaam voelen",
             "Meer vrijwilligers", "Verenigingen vinden genoeg vrijwilligers om hun activiteiten voort te zetten"]
    assert [text for kind, text in first if kind == PARAGRAPH] == [
        "De tabel hieronder noemt onze doelen en de resultaten die daarbij horen.", *cells,
        "Na de tabel volgt weer gewone tekst over de uitvoering van het plan."]
    records, _ = sentence_records("tabel", doc.blocks, RuleSegmenter())
    section = {r["text"]: r["section"] for r in records}
    assert all(section[cell] == "Doel Resultaat" for cell in cells)
    assert section["Na de tabel volgt weer gewone tekst over de uitvoering van het plan."] \
        == section["De tabel hieronder noemt onze doelen en de resultaten die daarbij horen."] \
        == "2. Wat willen we bereiken"
    second = [b.text for b in doc.blocks if b.page == 2]
    assert second == [" ".join([
        "Het buurthuis is een plek waar bewoners elkaar ontmoeten en waar",
        "vrijwilligers activiteiten organiseren voor jong en oud in de",
        "wijk, met steun van de opbouwwerker van de welzijnsorganisatie."])]


def _sections(doc):
    from pipeline.process import sentence_records
    from pipeline.segment import RuleSegmenter

    records, _ = sentence_records("doc", doc.blocks, RuleSegmenter())
    return [(r["section"], r["text"]) for r in records]


TABLE_SECTIONS = [
    ("Doelen", "De tabel noemt onze doelen."),
    ("Doel Resultaat", "Minder eenzaamheid"), ("Doel Resultaat", "Meer inwoners met een vangnet"),
    ("Doel Resultaat", "Meer vrijwilligers"), ("Doel Resultaat", "Verenigingen vinden genoeg vrijwilligers"),
    ("Doelen", "Na de tabel volgt gewone tekst."),
]


def test_a_docx_tables_bold_first_row_is_the_section_of_its_cells(tmp_path):
    """As in a PDF: a bold header row names the cells below it, a bold cell further down is a
    cell (not a heading), and the text after the table is under the heading before it."""
    import docx

    document = docx.Document()
    document.add_heading("Doelen", level=1)
    document.add_paragraph("De tabel noemt onze doelen.")
    table = document.add_table(rows=3, cols=2)
    rows = [("Doel", "Resultaat"), ("Minder eenzaamheid", "Meer inwoners met een vangnet"),
            ("Meer vrijwilligers", "Verenigingen vinden genoeg vrijwilligers")]
    for r, texts in enumerate(rows):
        for k, text in enumerate(texts):
            run = table.cell(r, k).paragraphs[0].add_run(text)
            run.bold = r == 0 or (r == 2 and k == 0)
    document.add_paragraph("Na de tabel volgt gewone tekst.")
    path = tmp_path / "tabel.docx"
    document.save(str(path))
    assert _sections(extract(path, "docx")) == TABLE_SECTIONS


def test_an_html_tables_header_row_is_the_section_of_its_cells(tmp_path):
    path = tmp_path / "tabel.html"
    path.write_text("<html><body><main><h2>Doelen</h2><p>De tabel noemt onze doelen.</p><table>"
                    "<tr><th>Doel</th><th>Resultaat</th></tr>"
                    "<tr><td>Minder eenzaamheid</td><td>Meer inwoners met een vangnet</td></tr>"
                    "<tr><td><b>Meer vrijwilligers</b></td><td>Verenigingen vinden genoeg vrijwilligers</td></tr>"
                    "</table><p>Na de tabel volgt gewone tekst.</p></main></body></html>", encoding="utf-8")
    assert _sections(extract(path, "html")) == TABLE_SECTIONS


def test_docx_numbered_lines_of_one_paragraph_are_blocks_of_their_own(tmp_path):
    """A list typed as lines of one Word paragraph (line breaks, no list style) gives one block
    per item; a line break inside a sentence still reads as a space."""
    import docx

    document = docx.Document()
    par = document.add_paragraph("We werken aan twee doelen:")
    for text in ("1. Minder eenzaamheid onder ouderen", "2. Meer vrijwilligers bij verenigingen"):
        par.add_run().add_break()
        par.add_run(text)
    par = document.add_paragraph("Dat doen we samen")
    par.add_run().add_break()
    par.add_run("met de partners in de wijk.")
    path = tmp_path / "doelen.docx"
    document.save(path)
    assert [b.text for b in extract(path, "docx").blocks if b.kind == PARAGRAPH] == [
        "We werken aan twee doelen:", "1. Minder eenzaamheid onder ouderen", "2. Meer vrijwilligers bij verenigingen",
        "Dat doen we samen met de partners in de wijk."]


def _docx_with_word_markup(path):
    """A DOCX as Word writes one: a content control around body text, a text box (stored twice,
    for new and old Word), tracked changes (an insertion, a deletion, a moved phrase)."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("De eerste alinea staat gewoon in de tekst.")
    body = document.element.body
    sdt = parse_xml(f'<w:sdt {w}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Deze alinea staat in een '
                    'inhoudsbesturingselement.</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    box = ('<w:txbxContent><w:p><w:r><w:t>Buurthuizen zijn open voor iedereen.</w:t></w:r></w:p></w:txbxContent>')
    framed = parse_xml(
        f'<w:p {w} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t>De alinea waaraan het kader hangt.</w:t></w:r>'
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing>'
        f'</mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>')
    tracked = parse_xml(
        f'<w:p {w}><w:r><w:t xml:space="preserve">We steunen de </w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText xml:space="preserve">oude </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">nieuwe </w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t xml:space="preserve">in elke wijk </w:t></w:r></w:moveFrom>'
        '<w:r><w:t xml:space="preserve">buurthuizen</w:t></w:r>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t xml:space="preserve"> in elke wijk</w:t></w:r></w:moveTo>'
        '<w:r><w:t>.</w:t></w:r></w:p>')
    sect = body[-1]  # the section properties stay last
    for el in (sdt, framed, tracked):
        sect.addprevious(el)
    document.save(str(path))
    return path


def test_a_docx_reads_as_word_shows_it(tmp_path):
    """Text in a content control is read, a text box once and apart from the paragraph it hangs
    on, deleted and moved-away text of tracked changes not at all."""
    doc = extract(_docx_with_word_markup(tmp_path / "word.docx"), "docx")
    assert [b.text for b in doc.blocks] == [
        "De eerste alinea staat gewoon in de tekst.",
        "Deze alinea staat in een inhoudsbesturingselement.",
        "De alinea waaraan het kader hangt.",
        "Buurthuizen zijn open voor iedereen.",
        "We steunen de nieuwe buurthuizen in elke wijk.",
    ]


def test_docx_endnotes_are_notes_numbered_after_the_footnotes(tmp_path):
    """Word numbers footnotes and endnotes apart; both are read and linked to their calls."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    for kind, text in (("footnote", "Movisie (2021). Wat werkt bij ontmoeting."),
                       ("endnote", "Verwey-Jonker Instituut (2022). De sociale basis in twaalf gemeenten.")):
        xml = (f'<w:{kind}s {w}><w:{kind} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}></w:{kind}s>')
        part = Part(PackURI(f"/word/{kind}s.xml"),
                    f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml",
                    xml.encode(), document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)
    for kind, sentence in (("footnote", "Ontmoeting vermindert eenzaamheid."),
                           ("endnote", "Een sterke sociale basis voorkomt zwaardere zorg.")):
        document.element.body[-1].addprevious(parse_xml(
            f'<w:p {w}><w:r><w:t>{sentence}</w:t></w:r><w:r><w:{kind}Reference w:id="1"/></w:r></w:p>'))
    path = tmp_path / "noten.docx"
    document.save(str(path))
    doc = extract(path, "docx")
    notes = {b.note: b.text for b in doc.blocks if b.kind == FOOTNOTE}
    calls = {b.text: [n for n, _ in b.markers] for b in doc.blocks if b.kind == PARAGRAPH}
    assert calls == {"Ontmoeting vermindert eenzaamheid.": [1], "Een sterke sociale basis voorkomt zwaardere zorg.": [2]}
    assert notes == {1: "Movisie (2021). Wat werkt bij ontmoeting.",
                     2: "Verwey-Jonker Instituut (2022). De sociale basis in twaalf gemeenten."}


def test_a_scan_saved_as_a_multipage_tiff_reads_like_the_scanned_pdf(shared, tmp_path):
    """Scanned pages that come as an image file (one TIFF frame per page) are read by OCR and
    laid out as the same scan in a PDF is."""
    import pypdfium2 as pdfium

    scan = shared / "gold" / "dev" / "rendered" / "scanned" / "dev-apeldoorn-2021-1.pdf"
    pdf = pdfium.PdfDocument(str(scan))
    pages = [pdf[k].render(scale=300 / 72).to_pil().convert("L") for k in range(len(pdf))]
    pdf.close()
    tiff = tmp_path / "kadernota.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(300, 300), compression="tiff_lzw")
    assert sniff(tiff) == "image"
    doc = extract(tiff, "image")
    assert [p.method for p in doc.pages] == ["ocr"] * len(pages)
    text = " ".join(b.text for b in doc.blocks)
    assert "Ons hoofddoel is dat meer inwoners betrokken zijn, meedoen, ertoe doen" in text
    assert text == " ".join(b.text for b in extract(scan, "pdf").blocks)
    unread = extract(tiff, "image", use_ocr=False)  # without OCR every page says why it is unread
    assert not unread.blocks and {p.error for p in unread.pages} == {"a scanned image; OCR switched off"}


@pytest.mark.parametrize("info,dpi", [({}, 300), ({"dpi": (72, 72)}, 300), ({"dpi": (200.0, 200.0)}, 200)])
def test_a_scan_without_a_scanners_resolution_is_taken_at_300_dpi(info, dpi):
    from pipeline.extract.image import scan_dpi
    assert scan_dpi(info) == dpi
