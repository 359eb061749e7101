"""Comparative report across municipalities: tables (pandas), one self-contained
HTML file and an Excel workbook built from the same tables.

The four questions of the study, per municipality: (1) definitions and goals,
(2) policy theory (claims, evidence, savings, framing), (3) collaboration and
interventions, (4) monitoring and learning. Every count in the HTML links to
the sentences behind it.
"""
from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pandas as pd

from .detect.metrics import estimated_share
from .explore import Results, has_label, load
from .records import MONITORING_KINDS, SPHERES

MAX_CHART_ROWS = 40  # charts show this many municipalities (most claims first); tables show all
MAX_MATRIX = 30  # the similarity matrix is shown in the HTML up to this many municipalities


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "x"


def comparison_table(res: Results) -> pd.DataFrame:
    """One row per municipality: the study's comparison at a glance."""
    docs, s = res.documents, res.sentences
    rows = []
    for muni in sorted(set(docs["municipality"].astype(str))):
        d = docs[docs["municipality"].astype(str) == muni]
        m = s[s["municipality"].astype(str) == muni]
        claims = m[has_label(m, "causal_claim")]
        framed = m[m["framing"].astype(str) != ""]
        monitoring = m[has_label(m, "monitoring")]
        row = {
            "municipality": muni or "(unknown)",
            "documents": len(d),
            "pages": int(d["pages"].fillna(0).sum()),
            "definitions": int(has_label(m, "definition").sum()),
            "goals": int(has_label(m, "goal").sum()),
            "claims": len(claims),
            "claims_citing_evidence": int((claims["evidence"].astype(str).isin(["generic", "specific"])).sum()),
            "share_citing_evidence": round(float(claims["evidence"].astype(str).isin(["generic", "specific"]).mean()), 3)
            if len(claims) else None,
            "share_citing_evidence_estimated": _estimated_share_citing(m),
            "savings_claims": int(claims["savings"].fillna(False).astype(bool).sum()),
            "share_instrumental": round(float((framed["framing"].astype(str) == "instrumenteel").mean()), 3)
            if len(framed) else None,
            "interventions": int(has_label(m, "intervention").sum()),
            "collaboration": int(has_label(m, "collaboration").sum()),
        }
        for sphere in SPHERES:
            row[f"sphere_{sphere}"] = int(m["sphere"].map(lambda v, sp=sphere: sp in v).sum())
        for kind in MONITORING_KINDS:
            row[f"monitoring_{kind}"] = int((monitoring["monitoring_kind"].astype(str) == kind).sum())
        rows.append(row)
    columns = (["municipality", "documents", "pages", "definitions", "goals", "claims", "claims_citing_evidence",
                "share_citing_evidence", "share_citing_evidence_estimated", "savings_claims", "share_instrumental",
                "interventions", "collaboration"]
               + [f"sphere_{sp}" for sp in SPHERES] + [f"monitoring_{k}" for k in MONITORING_KINDS])
    return pd.DataFrame(rows, columns=columns)  # the columns also when no document could be read


def _sentence_rows(frame: pd.DataFrame) -> pd.DataFrame:
    cols = ["municipality", "doc_id", "page", "section", "text", "labels", "sphere", "framing", "evidence",
            "evidence_source", "cause", "effect", "savings", "actors", "monitoring_kind", "why"]
    out = frame[[c for c in cols if c in frame.columns]].copy()
    for col in ("labels", "sphere", "actors"):
        if col in out.columns:
            out[col] = out[col].map(lambda v: ", ".join(v))
    if "why" in out.columns:
        out["why"] = out["why"].map(_why_text)
    return out.reset_index(drop=True)


def _why_text(why) -> str:
    if not isinstance(why, dict):
        return ""
    parts = []
    for field, info in why.items():
        if isinstance(info, dict) and "p" in info:
            rules = ", ".join(info.get("rules") or [])
            parts.append(f"{field}: p={info['p']}" + (f" [{rules}]" if rules else ""))
        elif isinstance(info, dict) and "where" in info:
            if info.get("rules"):
                parts.append(f"{field}: {', '.join(info['rules'])} ({info.get('where')})")
        elif isinstance(info, dict):
            parts.append(f"{field}: " + ", ".join(f"{k}={v}" for k, v in info.items()))
    return "; ".join(parts)


def actors_table(res: Results) -> pd.DataFrame:
    rows = res.sentences[has_label(res.sentences, "collaboration")]
    counts = {}
    for muni, actors in zip(rows["municipality"].astype(str), rows["actors"]):
        for actor in actors:
            counts[(muni, actor)] = counts.get((muni, actor), 0) + 1
    frame = pd.DataFrame([{"municipality": m, "actor": a, "mentions": n} for (m, a), n in counts.items()])
    if frame.empty:
        return pd.DataFrame(columns=["municipality", "actor", "mentions"])
    return frame.sort_values(["municipality", "mentions", "actor"], ascending=[True, False, True]).reset_index(drop=True)


def definition_similarity(res: Results) -> tuple[pd.DataFrame, pd.DataFrame]:
    """TF-IDF cosine similarity between municipalities' definitions, and the closest pairs."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    defs = res.sentences[has_label(res.sentences, "definition")]
    texts = defs.groupby(defs["municipality"].astype(str), observed=True)["text"].apply(" ".join)
    texts = texts[texts.str.strip() != ""]
    if len(texts) < 2:
        return pd.DataFrame(), pd.DataFrame(columns=["municipality_a", "municipality_b", "similarity"])
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts.values)
    sim = pd.DataFrame(cosine_similarity(matrix).round(3), index=texts.index, columns=texts.index)
    pairs = [{"municipality_a": a, "municipality_b": b, "similarity": float(sim.loc[a, b])}
             for i, a in enumerate(sim.index) for b in sim.index[i + 1:]]
    closest = pd.DataFrame(pairs).sort_values("similarity", ascending=False).head(10).reset_index(drop=True)
    return sim, closest


def build_tables(res: Results) -> dict[str, pd.DataFrame]:
    s = res.sentences
    coded = s[s["labels"].map(len) > 0]
    sim, closest = definition_similarity(res)
    return {
        "comparison": comparison_table(res),
        "definitions": _sentence_rows(s[has_label(s, "definition")]),
        "goals": _sentence_rows(s[has_label(s, "goal")]),
        "claims": _sentence_rows(s[has_label(s, "causal_claim")]),
        "interventions": _sentence_rows(s[has_label(s, "intervention")]),
        "actors": actors_table(res),
        "monitoring": _sentence_rows(s[has_label(s, "monitoring")]),
        "definition_similarity": sim.reset_index().rename(columns={"index": "municipality"}) if not sim.empty else sim,
        "closest_definitions": closest,
        "documents": res.documents[["doc_id", "municipality", "year", "doc_type", "title", "pages", "status",
                                    "error"]].copy(),
        "sentences": _sentence_rows(coded),
    }


# --- charts -------------------------------------------------------------------

def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    import matplotlib.pyplot as plt
    plt.close(fig)
    text = buffer.getvalue()
    return re.sub(r"<metadata>.*?</metadata>", "", text[text.index("<svg"):], flags=re.S)


def _estimated_share_citing(sentences: pd.DataFrame) -> float | None:
    """The share of causal claims citing knowledge estimated from every sentence's claim
    probability (:func:`.detect.metrics.estimated_share`); None without claim probabilities
    (sentences only, or an output written before they were recorded)."""
    if "claim_probability" not in sentences or "cites_knowledge" not in sentences:
        return None
    weight = pd.to_numeric(sentences["claim_probability"], errors="coerce").fillna(0.0)
    if not weight.sum():
        return None
    cites = sentences["cites_knowledge"].fillna(False).astype(bool)
    return round(estimated_share(float(weight[cites].sum()), float(weight.sum())), 3)


def _chart_rows(comp: pd.DataFrame) -> pd.DataFrame:
    return comp.sort_values(["claims", "municipality"], ascending=[False, True]).head(MAX_CHART_ROWS)[::-1]


def charts(comp: pd.DataFrame) -> dict[str, str]:
    """Inline SVG charts: sphere profile, evidence rate with counts, framing balance."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = _chart_rows(comp)
    height = 1.0 + 0.28 * max(len(rows), 1)
    out = {}
    fig, ax = plt.subplots(figsize=(7, height))
    left = pd.Series(0, index=rows.index, dtype=float)
    for sphere, color in zip(SPHERES, ("#4e79a7", "#f28e2b", "#59a14f")):
        ax.barh(rows["municipality"], rows[f"sphere_{sphere}"], left=left, label=sphere, color=color)
        left = left + rows[f"sphere_{sphere}"]
    ax.set_xlabel("coded sentences per sphere")
    ax.legend(loc="lower right", fontsize=8)
    out["spheres"] = _svg(fig)

    fig, ax = plt.subplots(figsize=(7, height))
    rate = rows["share_citing_evidence"].fillna(0)
    ax.barh(rows["municipality"], rate, color="#76b7b2")
    for y, (r, k, n) in enumerate(zip(rate, rows["claims_citing_evidence"], rows["claims"])):
        ax.text(r + 0.01, y, f"{k}/{n}", va="center", fontsize=8)
    estimated = rows["share_citing_evidence_estimated"]
    if estimated.notna().any():
        ax.scatter(estimated, rows["municipality"], marker="|", s=200, color="#333333",
                   label="estimated from claim probabilities")
        ax.legend(loc="lower right", fontsize=8)
    ax.set_xlim(0, 1.15)
    ax.set_xlabel("share of causal claims citing knowledge (count/claims)")
    out["evidence"] = _svg(fig)

    fig, ax = plt.subplots(figsize=(7, height))
    instr = rows["share_instrumental"].fillna(0)
    ax.barh(rows["municipality"], instr, color="#e15759", label="instrumenteel")
    ax.barh(rows["municipality"], 1 - instr, left=instr, color="#9c755f", label="intrinsiek")
    ax.set_xlim(0, 1)
    ax.set_xlabel("framing of sentences about the value of the sociale basis")
    ax.legend(loc="lower right", fontsize=8)
    out["framing"] = _svg(fig)
    return out


# --- HTML ---------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222}
h1{font-size:1.6rem} h2{border-bottom:2px solid #4e79a7;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0} th,td{border:1px solid #ccc;padding:.25rem .45rem;vertical-align:top}
th{background:#eef2f7;cursor:pointer;position:sticky;top:0} td.n{text-align:right}
.sentences li{margin:.3rem 0} .meta{color:#666;font-size:.8rem} .why{color:#777;font-size:.75rem}
.savings{background:#fff3cd} .charts{display:flex;flex-wrap:wrap;gap:1rem} .charts figure{margin:0}
#filter{padding:.3rem;width:20rem;margin:.5rem 0} nav a{margin-right:.8rem}
"""

JS = """
document.querySelectorAll('table.sortable th').forEach(function(th, col){
  th.addEventListener('click', function(){
    var table = th.closest('table'), body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows), asc = th.dataset.asc !== '1';
    rows.sort(function(a, b){
      var x = a.cells[col].innerText, y = b.cells[col].innerText;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
    th.dataset.asc = asc ? '1' : '0';
  });
});
var f = document.getElementById('filter');
if (f) f.addEventListener('input', function(){
  var q = f.value.toLowerCase();
  document.querySelectorAll('#comparison tbody tr').forEach(function(r){
    r.style.display = r.cells[0].innerText.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
  });
});
"""

COMPARISON_LINKS = {  # column -> the list it links to
    "definitions": "definition", "goals": "goal", "claims": "causal_claim", "claims_citing_evidence": "evidence",
    "savings_claims": "savings", "interventions": "intervention", "collaboration": "collaboration",
    "monitoring_output": "monitoring-output", "monitoring_outcome": "monitoring-outcome",
    "monitoring_learning": "monitoring-learning",
}


def _e(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def _sentence_list(frame: pd.DataFrame, anchor: str, title: str, show_claim: bool = False) -> str:
    items = []
    for _, r in frame.iterrows():
        extra = ""
        if show_claim and r.get("cause"):
            extra = f"<br><b>{_e(r['cause'])}</b> → <b>{_e(r['effect'])}</b>"
        if show_claim and r.get("evidence") not in (None, "", "none"):
            extra += f" <span class='meta'>evidence: {_e(r['evidence'])} — {_e(r.get('evidence_source'))}</span>"
        cls = " class='savings'" if show_claim and bool(r.get("savings")) else ""
        spheres = ", ".join(r["sphere"]) if isinstance(r.get("sphere"), list) else ""
        items.append(f"<li{cls}>“{_e(r['text'])}”{extra}<br><span class='meta'>{_e(r['doc_id'])}, p. {_e(r['page'])}"
                     f"{' · ' + _e(spheres) if spheres else ''}</span> <span class='why'>{_e(_why_text(r.get('why')))}"
                     f"</span></li>")
    body = "".join(items) or "<li class='meta'>none</li>"
    return f"<h4 id='{anchor}'>{_e(title)} ({len(frame)})</h4><ul class='sentences'>{body}</ul>"


def _municipality_section(muni: str, m: pd.DataFrame, actors: pd.DataFrame) -> str:
    slug = _slug(muni)
    has = lambda lab: m[has_label(m, lab)]  # noqa: E731
    claims = has("causal_claim")
    parts = [f"<section id='m-{slug}'><h2>{_e(muni)}</h2>",
             "<h3>1. Definitions and goals</h3>",
             _sentence_list(has("definition"), f"m-{slug}-definition", "Definitions of the sociale basis"),
             _sentence_list(has("goal"), f"m-{slug}-goal", "Goals"),
             "<h3>2. Policy theory</h3>",
             _sentence_list(claims, f"m-{slug}-causal_claim", "Causal claims (cause → effect)", show_claim=True),
             _sentence_list(claims[claims["evidence"].astype(str).isin(["generic", "specific"])], f"m-{slug}-evidence",
                            "Claims citing knowledge", show_claim=True),
             _sentence_list(claims[claims["savings"].fillna(False).astype(bool)], f"m-{slug}-savings",
                            "Savings claims", show_claim=True),
             _sentence_list(m[m["framing"].astype(str) == "instrumenteel"], f"m-{slug}-instrumenteel",
                            "Instrumental framing"),
             _sentence_list(m[m["framing"].astype(str) == "intrinsiek"], f"m-{slug}-intrinsiek", "Intrinsic framing"),
             "<h3>3. Collaboration and interventions</h3>"]
    a = actors[actors["municipality"] == muni]
    if len(a):
        parts.append("<table><thead><tr><th>actor</th><th>mentions</th></tr></thead><tbody>" + "".join(
            f"<tr><td>{_e(r.actor)}</td><td class='n'>{r.mentions}</td></tr>" for r in a.itertuples()) + "</tbody></table>")
    interventions = has("intervention")
    by_sphere = {sphere: int(interventions["sphere"].map(lambda v, sp=sphere: sp in v).sum()) for sphere in SPHERES}
    parts.append("<table><thead><tr><th>interventions by sphere</th>" + "".join(f"<th>{sp}</th>" for sp in SPHERES)
                 + "</tr></thead><tbody><tr><td></td>" + "".join(f"<td class='n'>{by_sphere[sp]}</td>" for sp in SPHERES)
                 + "</tr></tbody></table>")
    parts += [_sentence_list(has("collaboration"), f"m-{slug}-collaboration", "Collaboration"),
              _sentence_list(interventions, f"m-{slug}-intervention", "Interventions"),
              "<h3>4. Monitoring and learning</h3>"]
    mon = has("monitoring")
    for kind in MONITORING_KINDS:
        parts.append(_sentence_list(mon[mon["monitoring_kind"].astype(str) == kind], f"m-{slug}-monitoring-{kind}",
                                    f"Monitoring: {kind}"))
    parts.append("</section>")
    return "".join(parts)


def render_html(tables: dict[str, pd.DataFrame], res: Results, title: str, filters: str = "") -> str:
    comp = tables["comparison"]
    head = "".join(f"<th>{_e(c)}</th>" for c in comp.columns)
    body_rows = []
    for r in comp.to_dict("records"):
        slug = _slug(r["municipality"])
        cells = [f"<td><a href='#m-{slug}'>{_e(r['municipality'])}</a></td>"]
        for col in comp.columns[1:]:
            value = r[col]
            text = _e(value)
            if col in COMPARISON_LINKS and value:
                text = f"<a href='#m-{slug}-{COMPARISON_LINKS[col]}'>{text}</a>"
            cells.append(f"<td class='n'>{text}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    chart = charts(comp) if len(comp) else {}
    note = (f"<p class='meta'>Charts show the {MAX_CHART_ROWS} municipalities with most claims; the table has all "
            f"{len(comp)}.</p>" if len(comp) > MAX_CHART_ROWS else "")
    closest = tables["closest_definitions"]
    matrix = tables["definition_similarity"]
    matrix_html = ""
    if not matrix.empty and len(matrix) <= MAX_MATRIX:
        cols = [c for c in matrix.columns if c != "municipality"]
        matrix_html = ("<table id='similarity-matrix'><thead><tr><th></th>" + "".join(f"<th>{_e(c)}</th>" for c in cols)
                       + "</tr></thead><tbody>" + "".join(
                           "<tr><th>" + _e(r["municipality"]) + "</th>" + "".join(f"<td class='n'>{r[c]:.2f}</td>" for c in cols)
                           + "</tr>" for r in matrix.to_dict("records")) + "</tbody></table>")
    elif not matrix.empty:
        matrix_html = (f"<p class='meta'>The full {len(matrix)}×{len(matrix)} matrix is in the workbook "
                       "(sheet definition_similarity).</p>")
    closest_html = "".join(f"<li>{_e(r.municipality_a)} — {_e(r.municipality_b)}: {r.similarity:.2f}</li>"
                           for r in closest.itertuples()) or "<li class='meta'>fewer than two municipalities define it</li>"
    sections = "".join(_municipality_section(muni, res.sentences[res.sentences["municipality"].astype(str) == muni],
                                             tables["actors"]) for muni in comp["municipality"])
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>
<style>{CSS}</style></head><body>
<h1>{_e(title)}</h1>
<p class="meta">{len(res.documents)} documents, {int(res.documents['pages'].fillna(0).sum())} pages, {len(comp)} municipalities. {_e(filters)}
Counts link to the sentences behind them; every sentence shows its document, page and why it was coded.</p>
<nav><a href="#comparison">Comparison</a><a href="#charts">Charts</a><a href="#similarity">Definitions compared</a></nav>
<h2 id="comparison-h">Comparison across municipalities</h2>
<input id="filter" placeholder="Filter municipalities…" aria-label="filter municipalities">
<table id="comparison" class="sortable"><thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody></table>
<h2 id="charts">Charts</h2>{note}
<div class="charts">{''.join(f'<figure class="chart" id="chart-{k}"><figcaption>{_e(k)}</figcaption>{v}</figure>' for k, v in chart.items())}</div>
<h2 id="similarity">How alike are the definitions?</h2>
<p class="meta">TF-IDF cosine similarity of each municipality's definition sentences; the closest pairs:</p><ul>{closest_html}</ul>
{matrix_html}
{sections}
<script>{JS}</script></body></html>"""


def _copies_note(copies: pd.DataFrame, dedupe: bool) -> str:
    """A line on the documents that repeat another of their municipality, for the report's head."""
    if copies.empty:
        return ""
    listed = "; ".join(f"{r.doc_id} repeats {r.copy_of} ({r.shared:.0%} of its sentences)"
                       for r in copies.head(10).itertuples())
    more = f" and {len(copies) - 10} more (sheet duplicates)" if len(copies) > 10 else ""
    how = ("They are left out of every count." if dedupe
           else "They are counted as documents of their own; report --dedupe leaves them out.")
    return f"{len(copies)} document(s) repeat another document of the same municipality: {listed}{more}. {how}"


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)


def report(folder, html_path=None, xlsx_path=None, municipalities=None, year_from=None, year_to=None,
           doc_types=None, title: str = "De sociale basis: comparison of municipal policy",
           dedupe: bool = False) -> dict:
    """Build the tables from an analyze folder and write the HTML and/or the workbook. Documents
    that repeat another of their municipality are listed (table "duplicates"); with ``dedupe``
    they are left out of every count."""
    res = load(folder).filter(municipalities, year_from, year_to, doc_types)
    failed = ~res.documents["status"].astype(str).isin(["ok", "partial"])
    res = res.without(res.documents.loc[failed, "doc_id"])
    copies = res.duplicates()
    if dedupe:
        res = res.without(copies["doc_id"])  # the copies just found, not found a second time
    tables = dict(build_tables(res), duplicates=copies)
    filters = ", ".join(f"{k}: {v}" for k, v in (("municipality", municipalities), ("from", year_from),
                                                     ("to", year_to), ("type", doc_types)) if v)
    for path in (html_path, xlsx_path):
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    if html_path:
        notes = " ".join(x for x in (f"Filters: {filters}." if filters else "", _copies_note(copies, dedupe)) if x)
        Path(html_path).write_text(render_html(tables, res, title, notes), encoding="utf-8")
    if xlsx_path:
        write_xlsx(tables, Path(xlsx_path))
    return tables
