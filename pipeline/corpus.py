"""Generate synthetic municipal policy corpora with gold labels.

Documents are composed from :mod:`pipeline.corpus_bank` and rendered the way
municipalities publish: PDF in one or two columns (running header, page
numbers, footnote calls and notes), PDF with scanned (image-only) pages, DOCX
and HTML. Every corpus comes with ``manifest.csv`` and ``gold.jsonl`` (codebook
shape, ``doc_id`` = path without extension), so it can be analysed and scored.

    sociale-basis make-corpus corpora/sample --preset sample
    sociale-basis make-corpus /tmp/bench --documents 2000 --municipalities 342
"""
from __future__ import annotations

import csv
import io
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from . import corpus_bank as bank

LAYOUTS = ("pdf", "pdf-twocol", "pdf-scan", "docx", "html", "txt")
DEFAULT_MIX = {"pdf": 0.55, "pdf-twocol": 0.2, "pdf-scan": 0.05, "docx": 0.12, "html": 0.08}
DOC_TYPES = ("beleidsplan", "beleidskader", "uitvoeringsprogramma", "visie", "subsidiekader")
TITLES = {
    "beleidsplan": "Beleidsplan Samen in {gemeente} {jaar}–{eind}",
    "beleidskader": "Beleidskader sociale basis {gemeente} {jaar}–{eind}",
    "uitvoeringsprogramma": "Uitvoeringsprogramma Meedoen {jaar}–{eind}",
    "visie": "Visie op welzijn en ontmoeting {jaar}–{eind}",
    "subsidiekader": "Subsidiekader welzijn en sociale basis {jaar}",
}
SAMPLE = [  # (municipality, file name, layout, doc_type, year, scanned page)
    ("Zaanstad", "zaanstad/beleidsplan-sociale-basis-2024.pdf", "pdf", "beleidsplan", 2024, 2),
    ("Zaanstad", "zaanstad/uitvoeringsprogramma-2025.docx", "docx", "uitvoeringsprogramma", 2025, None),
    ("Dordrecht", "dordrecht/beleidskader-welzijn-2023.pdf", "pdf-twocol", "beleidskader", 2023, None),
    ("Dordrecht", "dordrecht/visie-ontmoeting-2022.html", "html", "visie", 2022, None),
    ("Oss", "oss/subsidiekader-2024.pdf", "pdf", "subsidiekader", 2024, None),
]
MUNICIPALITY_STEMS = ("Noord", "Zuid", "Oost", "West", "Nieuw", "Oud", "Groot", "Klein")
MUNICIPALITY_ROOTS = ("veen", "dam", "wijk", "broek", "dijk", "horst", "zand", "beek", "hoven", "loo", "meer", "burg")


@dataclass(frozen=True)
class Unit:
    """One gold sentence before rendering: its text (``^n`` marks a footnote call) and labels."""

    text: str
    labels: dict
    kind: str = "paragraph"  # paragraph, list_item


def _fill(template: str, values: dict) -> str:
    return template.format(**values)


def _fill_labels(labels: dict, values: dict) -> dict:
    out = {}
    for k, v in labels.items():
        out[k] = _fill(v, values) if isinstance(v, str) else v
    return out


def compose(rng: random.Random, municipality: str, doc_type: str, year: int, sections: int = 6) -> dict:
    """A document in the codebook's block form: title, headings, paragraphs, lists, footnotes."""
    values = {"gemeente": municipality, "jaar": year, "eind": year + rng.choice((2, 3, 4)), "vorig": year - 4,
              "n": rng.randint(3, 12), "pct": rng.randint(5, 9), "org": rng.choice(bank.ORGS),
              "fonds": rng.choice(bank.FONDSEN), "wijk": "De Hoven"}
    title = _fill(TITLES[doc_type], values)
    blocks: list[dict] = []
    notes: list[str] = []

    used: set[str] = set()

    def para(pool, k):
        fresh = [item for item in pool if (item if isinstance(item, str) else item[0]) not in used]
        chosen = rng.sample(fresh, min(k, len(fresh)))
        used.update(item if isinstance(item, str) else item[0] for item in chosen)
        units = []
        for item in chosen:
            text, labels = (item, {}) if isinstance(item, str) else item
            text = _fill(text, values)
            if "^1" in text:
                notes.append(rng.choice(bank.FOOTNOTES))
                text = text.replace("^1", f"^{len(notes)}")
                labels = dict(labels, evidence_source=f"^{len(notes)}")
            units.append(Unit(text, _fill_labels(labels, values)))
        blocks.append({"type": "paragraph", "units": units})

    plan = [
        ("Inleiding", lambda: (para(bank.INTRO, 3), para(bank.INTRO, 2))),
        ("Wat verstaan we onder de sociale basis?", None),
        ("Wat willen we bereiken?", lambda: (para(bank.GOALS, 3), para(bank.GOALS, rng.randint(1, 3)))),
        ("Wat gaan we doen?", lambda: (para(bank.INTERVENTIONS, 3), para(bank.CLAIMS, 3),
                                       para(bank.INTERVENTIONS, 2), para(bank.CLAIMS, rng.randint(1, 3)))),
        ("Samenwerking", lambda: para(bank.COLLABORATION, rng.randint(2, 4))),
        ("Monitoring en leren", lambda: para(bank.MONITORING, rng.randint(2, 4))),
        ("Financiën", lambda: para(bank.FINANCE, 3)),
    ][: max(3, sections + 1)]
    for number, (heading, fill) in enumerate(plan, start=1):
        blocks.append({"type": "heading", "text": f"{number}. {heading}"})
        if fill is None:
            if rng.random() < 0.6:
                intro, labels = rng.choice(bank.DEFINITION_INTRO)
                items = [Unit(_fill(t, values), lab, "list_item") for t, lab in bank.DEFINITION_ITEMS]
                blocks.append({"type": "paragraph", "units": [Unit(_fill(intro, values), labels)]})
                blocks.append({"type": "list", "units": items})
            else:
                para(bank.DEFINITIONS, 1)
            para(bank.INTRO, 1)
        else:
            fill()
    return {"municipality": municipality, "year": year, "doc_type": doc_type, "title": title,
            "blocks": blocks, "notes": notes}


def gold_sentences(doc: dict) -> list[dict]:
    """The document's sentences in reading order, in the codebook's record shape."""
    out, section = [], ""
    for block in doc["blocks"]:
        if block["type"] == "heading":
            section = block["text"]
            continue
        for unit in block["units"]:
            lab = unit.labels
            out.append({
                "i": len(out), "text": re.sub(r"\^\d+", "", unit.text), "section": section,
                "labels": list(lab.get("labels", [])), "sphere": list(lab.get("sphere", [])),
                "framing": lab.get("framing", ""), "evidence": lab.get("evidence"),
                "evidence_source": lab.get("evidence_source"), "cause": lab.get("cause"),
                "effect": lab.get("effect"), "savings": bool(lab.get("savings", False)),
                "actors": list(lab.get("actors", [])), "monitoring_kind": lab.get("monitoring_kind"),
            })
    return out


# --- renderers ----------------------------------------------------------------

def _rl_markup(text: str) -> str:
    from xml.sax.saxutils import escape
    return re.sub(r"\^(\d+)", r"<super>\1</super>", escape(text))


def render_pdf(doc: dict, target: Path, columns: int = 1) -> None:
    """A born-digital PDF: title, headings, paragraphs, bullets, running header,
    page numbers and notes at the end, in one or two columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph, \
        Spacer

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=14, spaceAfter=8)
    if columns == 2:
        body = ParagraphStyle("body2", parent=body, fontName="Times-Roman", fontSize=10.5, alignment=4)
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=20, leading=24, spaceAfter=6)
    meta = ParagraphStyle("meta", fontName="Helvetica", fontSize=9, leading=12, spaceAfter=18)
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=8, spaceAfter=6)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2, spaceAfter=3)
    note = ParagraphStyle("note", fontName="Helvetica", fontSize=7.5, leading=9.5, spaceAfter=2)
    width, height = A4
    margin = 22 * mm

    def furniture(canvas, document):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if document.page > 1:
            canvas.drawRightString(width - margin, height - 14 * mm, doc["title"])
        canvas.drawCentredString(width / 2, 12 * mm, f"Pagina {document.page}")
        canvas.restoreState()

    template = BaseDocTemplate(str(target), pagesize=A4, title=doc["title"], author=f"Gemeente {doc['municipality']}")
    full = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="full")
    if columns == 2:
        gap = 8 * mm
        col = (width - 2 * margin - gap) / 2
        top_h = 45 * mm
        first = [Frame(margin, height - margin - top_h, width - 2 * margin, top_h, id="top"),
                 Frame(margin, margin, col, height - 2 * margin - top_h, id="l1"),
                 Frame(margin + col + gap, margin, col, height - 2 * margin - top_h, id="r1")]
        later = [Frame(margin, margin, col, height - 2 * margin, id="l"),
                 Frame(margin + col + gap, margin, col, height - 2 * margin, id="r")]
        template.addPageTemplates([PageTemplate("first", first, onPage=furniture),
                                   PageTemplate("later", later, onPage=furniture)])
    else:
        template.addPageTemplates([PageTemplate("first", [full], onPage=furniture)])
    story = [Paragraph(_rl_markup(doc["title"]), title),
             Paragraph(_rl_markup(f"Gemeente {doc['municipality']} · {doc['doc_type']} · {doc['year']}"), meta)]
    if columns == 2:
        story += [NextPageTemplate("later"), FrameBreak()]
    for block in doc["blocks"]:
        if block["type"] == "heading":
            story.append(Paragraph(_rl_markup(block["text"]), head))
        elif block["type"] == "list":
            story += [Paragraph(_rl_markup(u.text), bullet, bulletText="•") for u in block["units"]]
        else:
            story.append(Paragraph(_rl_markup(" ".join(u.text for u in block["units"])), body))
    if doc["notes"]:
        story.append(Spacer(1, 12))
        story += [Paragraph(_rl_markup(f"{n}. {text}"), note) for n, text in enumerate(doc["notes"], start=1)]
    template.build(story)


def scan_pages(pdf_path: Path, pages: set[int], seed: int = 0, dpi: int = 150) -> None:
    """Replace the given 1-based pages by page images, as a scanner would."""
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    rng = random.Random(seed)
    src = pdfium.PdfDocument(str(pdf_path))
    out = pdfium.PdfDocument.new()
    for index in range(len(src)):
        if index + 1 in pages:
            image = src[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            image = image.rotate(rng.uniform(-0.6, 0.6), fillcolor=255).filter(ImageFilter.GaussianBlur(0.4))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="PDF", resolution=dpi)
            scanned = pdfium.PdfDocument(buffer.getvalue())
            out.import_pages(scanned, [0])
        else:
            out.import_pages(src, [index])
    data = io.BytesIO()
    out.save(data)
    src.close()
    pdf_path.write_bytes(data.getvalue())


def render_docx(doc: dict, target: Path) -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = doc["title"]
    d.add_heading(doc["title"], level=0)
    d.add_paragraph(f"Gemeente {doc['municipality']} · {doc['doc_type']} · {doc['year']}")
    for block in doc["blocks"]:
        if block["type"] == "heading":
            d.add_heading(block["text"], level=1)
        elif block["type"] == "list":
            for u in block["units"]:
                d.add_paragraph(re.sub(r"\^(\d+)", r"[\1]", u.text), style="List Bullet")
        else:
            d.add_paragraph(re.sub(r"\^(\d+)", r"[\1]", " ".join(u.text for u in block["units"])))
    if doc["notes"]:
        d.add_heading("Noten", level=2)
        for n, text in enumerate(doc["notes"], start=1):
            d.add_paragraph(f"[{n}] {text}")
    d.save(str(target))


def render_html(doc: dict, target: Path) -> None:
    from html import escape

    def inline(text):
        return re.sub(r"\^(\d+)", r'<sup><a href="#fn\1">\1</a></sup>', escape(text))

    parts = [f"<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{escape(doc['title'])}</title>"
             "</head><body><header class=\"site-header\"><a href=\"/\">Home</a> <a href=\"/nieuws\">Nieuws</a></header>"
             "<nav class=\"breadcrumb\"><a href=\"/\">Home</a> › Beleid › Sociaal domein</nav><main>",
             f"<h1>{escape(doc['title'])}</h1>",
             f"<p class=\"meta\">Gemeente {escape(doc['municipality'])} · {doc['doc_type']} · {doc['year']}</p>"]
    for block in doc["blocks"]:
        if block["type"] == "heading":
            parts.append(f"<h2>{escape(block['text'])}</h2>")
        elif block["type"] == "list":
            parts.append("<ul>" + "".join(f"<li>{inline(u.text)}</li>" for u in block["units"]) + "</ul>")
        else:
            parts.append("<p>" + " ".join(inline(u.text) for u in block["units"]) + "</p>")
    if doc["notes"]:
        parts.append("<section class=\"footnotes\"><ol>" + "".join(
            f"<li id=\"fn{n}\">{escape(t)}</li>" for n, t in enumerate(doc["notes"], start=1)) + "</ol></section>")
    parts.append("</main><footer class=\"site-footer\">© Gemeente · Privacy · Cookies · Contact</footer></body></html>")
    target.write_text("".join(parts), encoding="utf-8")


def render_txt(doc: dict, target: Path) -> None:
    lines = [doc["title"], ""]
    for block in doc["blocks"]:
        if block["type"] == "heading":
            lines += [block["text"], ""]
        elif block["type"] == "list":
            lines += ["• " + re.sub(r"\^\d+", "", u.text) for u in block["units"]] + [""]
        else:
            lines += [re.sub(r"\^\d+", "", " ".join(u.text for u in block["units"])), ""]
    target.write_text("\n".join(lines), encoding="utf-8")


def render(doc: dict, target: Path, layout: str, scanned_page: int | None = None, seed: int = 0) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if layout in ("pdf", "pdf-twocol", "pdf-scan"):
        render_pdf(doc, target, columns=2 if layout == "pdf-twocol" else 1)
        if layout == "pdf-scan" or scanned_page:
            import pypdfium2 as pdfium
            n = len(pdfium.PdfDocument(str(target)))
            scan_pages(target, set(range(1, n + 1)) if layout == "pdf-scan" else {min(scanned_page, n)}, seed)
    elif layout == "docx":
        render_docx(doc, target)
    elif layout == "html":
        render_html(doc, target)
    elif layout == "txt":
        render_txt(doc, target)
    else:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}")


# --- corpora ------------------------------------------------------------------

def municipality_names(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct invented municipality names; past the stems × roots combinations,
    numbered variants of them ("Noorddijk-2")."""
    combos = [stem + root for stem in MUNICIPALITY_STEMS for root in MUNICIPALITY_ROOTS]
    rng.shuffle(combos)
    names = combos[:n]
    k = 2
    while len(names) < n:
        names += [f"{name}-{k}" for name in combos[: n - len(names)]]
        k += 1
    return names


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_corpus(out: Path, preset: str | None = None, documents: int = 5, municipalities: int = 3,
                seed: int = 0, mix: dict | None = None, sections: int = 6, progress=None,
                scanned_share: float = 0.05) -> dict:
    """Write a corpus under ``out``: the files, ``manifest.csv`` and ``gold.jsonl``.

    ``scanned_share`` of the one-column PDFs get one scanned (image-only) page.
    """
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if preset == "sample":
        plan = SAMPLE
    elif preset is None:
        names = municipality_names(municipalities, rng)
        mix = mix or DEFAULT_MIX
        layouts, weights = zip(*mix.items())
        plan = []
        for k in range(documents):
            muni = names[k % len(names)]
            layout = rng.choices(layouts, weights)[0]
            doc_type = rng.choice(DOC_TYPES)
            year = rng.randint(2019, 2026)
            ext = {"docx": "docx", "html": "html", "txt": "txt"}.get(layout, "pdf")
            scanned = 2 if layout == "pdf" and rng.random() < scanned_share else None
            plan.append((muni, f"{_slug(muni)}/{doc_type}-{year}-{k:05d}.{ext}", layout, doc_type, year, scanned))
    else:
        raise ValueError(f"unknown preset {preset!r}")
    manifest_rows, gold_lines = [], []
    for k, (muni, rel, layout, doc_type, year, scanned) in enumerate(plan):
        doc = compose(random.Random(rng.random()), muni, doc_type, year, sections=sections)
        render(doc, out / rel, layout, scanned_page=scanned, seed=seed + k)
        manifest_rows.append({"path": rel, "municipality": muni, "year": year, "doc_type": doc_type,
                              "title": doc["title"]})
        gold_lines.append({"doc_id": str(Path(rel).with_suffix("").as_posix()), "municipality": muni, "year": year,
                           "doc_type": doc_type, "title": doc["title"], "layout": layout,
                           "sentences": gold_sentences(doc)})
        if progress:
            progress(k + 1, len(plan))
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["path", "municipality", "year", "doc_type", "title"])
        writer.writeheader()
        writer.writerows(manifest_rows)
    with open(out / "gold.jsonl", "w", encoding="utf-8") as fh:
        for line in gold_lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return {"documents": len(plan), "municipalities": len({p[0] for p in plan}), "out": str(out)}
