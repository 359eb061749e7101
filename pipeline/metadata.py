"""Document metadata: a manifest overrides; otherwise read from the path and the
document, with the source of every value recorded so nothing is guessed silently."""
from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import Errors, SocialeBasisError

MANIFEST_COLUMNS = ("path", "municipality", "year", "doc_type", "title")
OPTIONAL_COLUMNS = ("cbs_code",)
DOC_TYPES = ("beleidsplan", "beleidskader", "uitvoeringsprogramma", "raadsvoorstel", "subsidiekader", "visie",
             "coalitieakkoord", "overig")
# Words in a title or file name that name a document type, checked in this order.
DOC_TYPE_WORDS = (
    ("raadsvoorstel", "raadsvoorstel"), ("raadsbesluit", "raadsvoorstel"), ("initiatiefvoorstel", "raadsvoorstel"),
    ("coalitieakkoord", "coalitieakkoord"), ("bestuursakkoord", "coalitieakkoord"),
    ("uitvoeringsprogramma", "uitvoeringsprogramma"), ("uitvoeringsplan", "uitvoeringsprogramma"),
    ("plan van aanpak", "uitvoeringsprogramma"), ("actieplan", "uitvoeringsprogramma"),
    ("subsidiekader", "subsidiekader"), ("subsidiebeleid", "subsidiekader"), ("subsidieregeling", "subsidiekader"),
    ("nadere regels", "subsidiekader"), ("beleidskader", "beleidskader"), ("kadernota", "beleidskader"),
    ("beleidsplan", "beleidsplan"), ("beleidsnota", "beleidsplan"), ("nota", "beleidsplan"),
    ("voorstel aan de raad", "raadsvoorstel"), ("visie", "visie"), ("agenda", "visie"), ("motie", "overig"),
    ("evaluatie", "overig"),
)
# the labels under which a council document states its subject on its first page: "Motie: Meer
# grip op welzijn", "Onderwerp" above "Stevige Lokale Teams ..." (a motion's or amendment's label
# stays in the title: it names what the document is)
_SUBJECT_LABEL = re.compile(r"(onderwerp|betreft|motie|amendement)\s*(:?)\s*(.*)", re.I | re.S)
_KEEPS_LABEL = ("motie", "amendement")
_PLACEHOLDER = re.compile(r"(?:klik|tik) (?:hier|of tik)\b", re.I)  # a Word template's empty field
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# a date written out in Dutch, as a council document states the day it was signed or debated
_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
_WRITTEN_DATE = re.compile(r"(?<!\d)(?:[1-9]|[12]\d|3[01])\s+(?:" + "|".join(_MONTHS) + r")\s+(19[5-9]\d|20[0-4]\d)(?!\d)",
                           re.I)
# a date stamped into a file name, as council information systems name their files: 20250710
_DATE_STAMP = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class ManifestRow:
    municipality: str = ""
    year: int | None = None
    doc_type: str = ""
    title: str = ""
    cbs_code: str = ""
    warning: str = ""  # what was wrong with the row and what was done instead; lands in the document's row


def read_manifest(manifest: Path) -> dict[Path, ManifestRow]:
    """Rows by resolved file path. Paths must stay inside the manifest's folder."""
    root = Path(os.path.abspath(manifest)).parent
    rows: dict[Path, ManifestRow] = {}
    try:
        data = Path(manifest).read_bytes()
    except OSError as err:
        raise SocialeBasisError(Errors.E022.format(manifest=manifest, err=err.strerror or err)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel on Windows saves CSV in its own code page
        text = data.decode("cp1252")
    header = text.splitlines()[0] if text else ""
    delimiter = max((",", ";", "\t"), key=header.count)  # Excel in a Dutch locale separates with ';'
    with io.StringIO(text, newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        if reader.fieldnames:
            reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SocialeBasisError(Errors.E002.format(manifest=manifest, missing=", ".join(missing)))
        for n, row in enumerate(reader, start=2):
            rel = (row.get("path") or "").strip()
            if not rel:
                continue
            target = Path(os.path.normpath(root / rel))  # lexical: "../" may not climb out
            if root != target and root not in target.parents:
                raise SocialeBasisError(Errors.E003.format(manifest=manifest, row=n, path=rel, root=root))
            target = target.resolve()
            year_text = (row.get("year") or "").strip()
            warning = ""
            if year_text and not re.fullmatch(r"\d{4}", year_text):  # one bad cell: that document says so
                warning, year_text = Errors.W001.format(manifest=manifest, row=n, year=year_text), ""
            rows[target] = ManifestRow(
                warning=warning,
                municipality=(row.get("municipality") or "").strip(),
                year=int(year_text) if year_text else None,
                doc_type=(row.get("doc_type") or "").strip(),
                title=(row.get("title") or "").strip(),
                cbs_code=(row.get("cbs_code") or "").strip(),
            )
    return rows


def municipality_from_path(relative: Path) -> str:
    """The first folder under the input root names the municipality: den-haag -> Den Haag."""
    if len(relative.parts) < 2:
        return ""
    return _name_from_folder(relative.parts[0].strip())


def _name_from_folder(folder: str) -> str:
    folder = re.sub(r"^gemeente[-_ ]+", "", folder, flags=re.I)  # gemeente-utrecht -> Utrecht
    if not re.search(r"[^\W\d_]", folder):  # 2023/, 01/: a year or a number names no municipality
        return ""
    s_prefix = re.match(r"^['’]?s[-_ ]+(?=\w{3})", folder, flags=re.I)  # 's-Hertogenbosch, 's-Gravenhage
    if s_prefix:
        return "'s-" + _name_from_folder(folder[s_prefix.end():])
    if folder[:1].isupper():  # typed as a name ("Súdwest-Fryslân", "Sint-Michielsgestel"): keep its hyphens
        return re.sub(r"[_ ]+", " ", folder).strip()
    return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_ ]+", folder) if w)  # den-haag -> Den Haag


def year_from_text(text: str) -> int | None:
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None


def year_of_date_stamp(stem: str) -> int | None:
    """The year of a date stamped into a file name, the day the file was published:
    "raadsvoorstel-15802718-20250710-...-jeugdhulp-2027" is 2025."""
    m = _DATE_STAMP.search(stem or "")
    return int(m.group(1)) if m else None


def year_of_written_date(text: str) -> int | None:
    """The year of the first date written out in ``text``: "in vergadering bijeen op 13 maart
    2025" is 2025. A bare year is no date: "sinds 2015" says nothing of when a text was written."""
    m = _WRITTEN_DATE.search(text or "")
    return int(m.group(1)) if m else None


def subject_from_opening(texts: Sequence[str]) -> str:
    """The subject a document states under a label on its first pages (``texts``: their blocks,
    in reading order): "Motie: Meer grip op welzijn" gives itself, "Onderwerp: X" or a block
    "Onderwerp" above a block "X" gives "X". Empty when there is none."""
    for k, text in enumerate(texts):
        m = _SUBJECT_LABEL.fullmatch(text.strip())
        if not m:
            continue
        label, colon, rest = m.group(1).lower(), m.group(2), " ".join(m.group(3).split())
        if not rest and label not in _KEEPS_LABEL and k + 1 < len(texts):
            rest = " ".join(texts[k + 1].split())  # the label alone in its cell, the subject in the next
        elif not colon:
            continue  # "Motie" or "Onderwerpen van gesprek": no label
        if not 2 <= len(rest.split()) <= 25 or rest.endswith(":") or _PLACEHOLDER.match(rest):
            continue
        return f"{label.capitalize()}: {rest}" if label in _KEEPS_LABEL else rest
    return ""


def title_from_file_name(stem: str) -> str:
    """A title read from a file's name, its words without the numbers and codes of a council
    information system: "raadsvoorstel-14980963-ris321030-elke-meter-telt" gives "Raadsvoorstel
    elke meter telt". Empty when the name holds fewer than two words."""
    words = [w for w in re.split(r"[-_\s.]+", stem) if w and not any(c.isdigit() for c in w)]
    if len(words) < 2:
        return ""
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _says_the_same(title: str, subject: str) -> bool:
    """Whether every word of four letters or more (and every number) of ``subject`` is in
    ``title``: "Raadsvoorstel vaststelling Strategisch Beleidskader 2025" already says "Vaststelling
    van het Strategisch Beleidskader 2025."."""
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4 or w.isdigit()}
    return words(subject) <= words(title)


def doc_type_from_text(text: str) -> str:
    low = (text or "").lower().replace("_", " ").replace("-", " ")
    for word, kind in DOC_TYPE_WORDS:
        if word in low:
            return kind
    return ""


def resolve_metadata(relative: Path, manifest_row: ManifestRow | None, doc_title: str,
                     opening: Sequence[str] = ()) -> tuple[dict, dict]:
    """Metadata values and, for each, where it came from (manifest, folder, title, file name,
    document date) or "" when unknown. ``doc_title``: the title the layout found (largest type);
    ``opening``: the texts of the blocks of the document's first pages, where a subject stated
    under a label completes the title ("Voorstel aan de raad: Stevige Lokale Teams ...") or,
    after a title of a word or two ("R.4 VVD"), replaces it, and where a date written out is the
    last source of its year. A document that shows no title takes its file name's words."""
    values = {"municipality": "", "cbs_code": "", "year": None, "doc_type": "", "title": ""}
    source = {k: "" for k in values}
    if manifest_row:
        for key in values:
            value = getattr(manifest_row, key)
            if value not in ("", None):
                values[key], source[key] = value, "manifest"
    if not values["municipality"]:
        muni = municipality_from_path(relative)
        if muni:
            values["municipality"], source["municipality"] = muni, "folder"
    if not values["title"]:
        title, subject, origin = doc_title, subject_from_opening(opening), "document"
        if subject and not _says_the_same(title, subject):
            title = f"{title}: {subject}" if len(title.split()) > 2 else subject
        if not title:  # the file's name says what it is, if nothing else does
            title, origin = title_from_file_name(relative.stem), "file name"
        if title:
            values["title"], source["title"] = title, origin
    if values["year"] is None:
        # a publication date stamped into the file name, then a year in the title (often the years
        # a plan covers or aims at), then one in the file name, then a date the opening pages write out
        for origin, year in (("file name", year_of_date_stamp(relative.stem)), ("title", year_from_text(values["title"])),
                             ("file name", year_from_text(relative.stem)),
                             ("document date", year_of_written_date(" ".join(opening)))):
            if year:
                values["year"], source["year"] = year, origin
                break
    if not values["doc_type"]:
        for origin, text in (("title", values["title"]), ("file name", relative.stem)):
            kind = doc_type_from_text(text)
            if kind:
                values["doc_type"], source["doc_type"] = kind, origin
                break
    return values, source
