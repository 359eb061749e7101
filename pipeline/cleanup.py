"""Small pure ``str -> str`` functions that undo PDF and word-processor artefacts.

Each does one thing and is tested with a table of cases, including ones that
must not change. :func:`clean_text` chains them in plain sight.
"""
from __future__ import annotations

import re
import unicodedata

SOFT_HYPHEN = "\u00ad"
LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
}
# Hyphen-like characters a layout engine puts at a line end when it breaks a word.
BREAK_HYPHENS = "\u2010\u00ad"
# First parts that stay hyphenated in Dutch compounds ("sociaal-culturele").
KEEP_HYPHEN_PREFIXES = frozenset("""
sociaal maatschappelijk economisch cultureel politiek medisch psychisch fysiek financieel juridisch
ex oud niet anti pro co pre post non semi vice midden noord zuid oost west
""".split())
# Two vowels that Dutch would read as one sound when written together: where a line-end
# hyphen stands between them, it is the hyphen of a vowel clash in a compound ("mede-eigenaar",
# "auto-ongeluk", "zee-uitzicht", "politie-inzet") and stays. Between other vowels it is a
# break inside a word ("individu-" + "ele", "ide-" + "aal"), and a vowel with a diaeresis
# marks the syllable break itself ("financi-" + "ële", "ge-" + "ïnteresseerd"): both are joined.
VOWEL_CLASHES = frozenset("aa ae ai au ee ei eu ie ii oe oi oo ou ui uu".split())
_PLAIN_VOWEL = str.maketrans("éèêáàíóú", "eeeaaiou")
# Words after which a line-end hyphen is a suspended compound ("buurt- en dorpshuizen").
CONJUNCTIONS = frozenset({"en", "of", "tot", "en/of", "noch", "dan", "als"})
_WS = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u202f]+")
_CTRL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200c\u200d\ufeff]")


def normalise_unicode(text: str) -> str:
    """NFC, ligatures spelled out, zero-width and control characters dropped."""
    text = unicodedata.normalize("NFC", text)
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    return _CTRL.sub("", text)


def remove_soft_hyphens(text: str) -> str:
    """Soft hyphens inside a line are invisible break hints: drop them."""
    return re.sub(SOFT_HYPHEN + r"(?!\n)", "", text)


def normalise_spaces(text: str) -> str:
    """Runs of spaces and no-break spaces become one space; lines are stripped."""
    return "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n"))


def join_hyphenated(first: str, second: str) -> str:
    """Join two lines where ``first`` may end in a word broken by a hyphen.

    - "beleids\u2010" + "plan" -> "beleidsplan" (a layout hyphen is always a break)
    - "beleids-" + "plan" -> "beleidsplan"
    - "sociaal-" + "culturele" -> "sociaal-culturele" (a compound that keeps it)
    - "buurt-" + "en dorpshuizen" -> "buurt- en dorpshuizen" (suspended compound)
    - "Wmo-" + "loket" -> "Wmo-loket" (after an abbreviation or digit)
    - "mede-" + "eigenaar" -> "mede-eigenaar" (vowel clash; but "individu-" + "ele" -> "individuele")
    Lines that do not end in a hyphen are joined with a space.
    """
    first = first.rstrip()
    second = second.lstrip()
    if not first:
        return second
    if not second:
        return first
    if first[-1] in "–/" and second[:1].isdigit():
        return first + second  # "2025–" + "2028"
    if first[-1] in BREAK_HYPHENS:
        return first[:-1] + second
    if first[-1] != "-" or len(first) < 2 or not first[-2].isalnum():
        return first + " " + second
    next_word = second.split(" ", 1)[0]
    prev_word = re.split(r"[\s/(]", first[:-1])[-1]
    if next_word.lower().strip(",;:.") in CONJUNCTIONS or not next_word[:1].isalpha():
        return first + " " + second  # "buurt- en", "0- tot 4-jarigen" style
    if next_word[:1].isupper() or _abbreviation(prev_word):
        return first + second  # "Noord-Holland", "Wmo-loket", "GGD-regio", "18-plussers"
    if (prev_word[-1:] + next_word[:1]).lower().translate(_PLAIN_VOWEL) in VOWEL_CLASHES:
        return first + second  # a vowel clash keeps its hyphen: "mede-eigenaar", "auto-ongeluk"
    if "-" in prev_word or prev_word.lower() in KEEP_HYPHEN_PREFIXES:
        return first + second
    return first[:-1] + second


def _abbreviation(word: str) -> bool:
    """Whether a word before a line-end hyphen is an abbreviation or a number, after which
    Dutch keeps the hyphen ("GGD-regio", "Wmo-loket", "18-plussers"):
    a digit, a capital after the first letter, or a capitalised word of three letters or fewer.
    A word that is only capitalised because it opens a sentence or names a place is broken like
    any other ("Daar-" + "naast" -> "Daarnaast", "Almeer-" + "ders" -> "Almeerders")."""
    letters = [c for c in word if c.isalpha()]
    if any(c.isdigit() for c in word) or any(c.isupper() for c in letters[1:]):
        return True
    return bool(letters) and letters[0].isupper() and len(letters) <= 3


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph, repairing words broken at line ends."""
    text = ""
    for line in lines:
        text = join_hyphenated(text, line) if text else line.strip()
    return text


def clean_text(text: str) -> str:
    """The chain applied to every extracted text before segmentation."""
    return normalise_spaces(remove_soft_hyphens(normalise_unicode(text)))
