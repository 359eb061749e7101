"""Cause and effect spans of a causal claim, found by Dutch connective patterns.

Each pattern names its cause and effect groups; the first that matches wins.
Spans are substrings of the sentence. Leading evidence clauses ("Uit
onderzoek blijkt dat ...") and discourse words are trimmed off.
"""
from __future__ import annotations

import re

_EVIDENCE_LEAD = re.compile(
    r"^(?:(?:uit|volgens) [^,]{0,80}?(?:blijkt|blijken|is bekend|weten we)(?: ook)? dat |"
    r"(?:de |onze )?(?:praktijk|ervaring) (?:leert|laat zien) dat |het is (?:algemeen )?bekend dat |"
    r"onderzoek [^,]{0,80}?(?:wijst erop|laat zien|toont aan) dat |we weten dat |wij verwachten dat |"
    r"we verwachten dat |we vinden het belangrijk dat [^,]+, omdat )", re.I)
# a label before a colon that opens an item: "Doelmatigheid jeugdhulp: Door de toegang ... te versterken, ..."
_LEAD_LABEL = re.compile(r"^[^\W\d][^:;,.]{0,60}:\s+(?=[A-ZÀ-Ý])")
_LEAD_WORDS = re.compile(r"^(?:bovendien|daarnaast|ook|immers|dus|daarom|tegelijk|en|maar|want)\b,?\s*", re.I)
_NOT_ARTICLE = r"(?<!\bhet)(?<!\bde)(?<!\been)"
# a verb right after "te" is an infinitive ("om de wijk te versterken"), no finite verb of the claim
_NOT_INFINITIVE = r"(?<!\bte)"
# a verb after an auxiliary is a participle ("... wordt voorkomen"), no finite verb at the clause's end
_NOT_PARTICIPLE = r"(?<!\bwordt)(?<!\bworden)(?<!\bwerd)(?<!\bis)(?<!\bzijn)"
# "het kan voorkomen dat ..." is "it can happen that ..." ("het voorkomt dat ..." still prevents)
_NOT_HAPPENS = r"(?!.*\b(?:het|er)\s+(?:kan|zal|zou|mag)\s+voorkom|.*\b(?:kan|zal|zou|mag)\s+(?:het|er)\s+voorkom)"
_VERB_TAIL = r"(?:kan|kunnen|zal|zullen|moet|moeten|mag|wil|willen)?\s*(?:op termijn |ook |dus |bovendien |immers |vaak |sterk |daarmee )*"

# (name, pattern) in order of reliability; groups: c = cause, e = effect
_ADV = r"(?:(?:bovendien|immers|ook|dus|daarom|vaak|sterk|op termijn|in veel gevallen|aantoonbaar|wel|niet alleen|daarmee|uiteindelijk|zeker|juist|altijd|meestal)\s+)*"
_FINITE = (r"(?:dan|is|zijn|wordt|worden|kan|kunnen|hoeft|hoeven|zal|zullen|heeft|hebben|raakt|raken|blijft|blijven|"
           r"neemt|nemen|gaat|gaan|moet|moeten|krijgt|krijgen|voelen|voelt|leert|leren|ontstaat|ontstaan|komt|komen|"
           r"lukt|vindt|vinden|weten|staan|staat|vragen|vraagt|daalt|dalen|stijgt|stijgen|bouwen|bouwt|maken|maakt)\b")

# (name, pattern) in order of reliability; groups: c = cause, e = effect
PATTERNS = [
    ("als_gevolg_van", r"^(?P<e>.+?),?\s+(?:als (?:gevolg|resultaat) van|die (?:moet )?voortkom\w* uit|voortkomend uit)\s+(?P<c>.+?)[.;]?$"),
    ("resultaat_van", r"^(?P<e>.+?)\s+(?:is|zijn|was|waren)\s+(?:het|een|mede het)\s+(?:directe?\s+)?(?:resultaat|gevolg)\s+van\s+(?P<c>.+?)[.;]?$"),
    ("door_te", r"^(?:door|doordat|dankzij)\s+(?P<c>.+?),\s*(?:" + _FINITE + r"\s+(?:we|wij|zij|ze|er)?\s*)?(?P<e>.+?)[.;]?$"),
    ("door_te_nocomma", r"^door\s+(?P<c>.+?\bte\s+\w+)\s+(?:\w+\s+(?:we|wij)\s+)(?P<e>.+?)[.;]?$"),
    ("als_dan", r"^(?:als|wanneer|indien)\s+(?P<c>.+?),\s*(?:dan\s+)?(?P<e>" + _FINITE + r".+?)[.;]?$"),
    ("als_dan_comma", r"^(?:als|wanneer|indien)\s+(?P<c>[^,]+?),\s*(?:dan\s+)?(?P<e>.+?)[.;]?$"),
    ("wie", r"^wie\s+(?P<c>[^,]+?),\s*(?P<e>.+?)[.;]?$"),
    ("met_willen", r"^met\s+(?P<c>.+?)\s+(?:willen|kunnen|gaan|zullen)\s+(?:we|wij)\s+(?P<e>.+?)[.;]?$"),
    ("ertoe_leidt", r"^(?P<c>.+?)\s+(?:ertoe|er toe)\s+(?:kan |kunnen |zal |zullen )?(?:leidt|leiden|leidde)\s+(?:dat\s+)?(?P<e>.+?)[.;]?$"),
    ("leiden_tot", r"^(?P<c>.+?)\s+" + _VERB_TAIL + r"(?:leidt|leiden|leidde|geleid)\s+" + _ADV + r"(?:ertoe dat|er toe dat|tot)\s+(?P<e>.+?)[.;]?$"),
    ("tot_leidt", r"^(?P<c>.+?)\s+(?:[^,]{0,40}?\s+)?(?:tot|in)\s+(?P<e>[^,]+?)\s+(?:leidt|leiden|resulteert|resulteren)[.;]?$"),
    ("zorgen_voor", r"^(?P<c>.+?)\s+" + _VERB_TAIL + r"(?:(?:ervoor|er voor)\s+)?(?<!\bte\s)(?:zorgt|zorgen|zorgde)\s+(?:er\s+)?" + _ADV + r"(?:voor dat|voor|dat|ervoor dat)\s+(?P<e>.+?)[.;]?$"),
    ("bijdragen", r"^(?P<c>.+?)\s+" + _VERB_TAIL + r"(?:draagt|dragen|droeg|bijdragen|bijdraagt)\s+(?:[^,.]{0,40}\s+)?(?:bij aan|aan)\s+(?P<e>.+?)[.;]?$"),
    ("bijdrage", r"^(?:met\s+)?(?P<c>.+?)\s+(?:levert|leveren|levert de gemeente|leveren we)\s+(?:\w+\s+)?(?:een|hun|zijn|haar)?\s*bijdrage aan\s+(?P<e>.+?)[.;]?$"),
    ("voorkomen", r"^" + _NOT_HAPPENS + r"(?P<c>.+?)\s+" + _VERB_TAIL + r"(?:voorkomt|voorkomen|voorkwam)\s+(?P<e>.+?)[.;]?$"),
    ("beschermt", r"^(?P<c>.+?)\s+(?:is|zijn|vormt|vormen|biedt|bieden)\s+" + _ADV + r"(?:de beste |een goede |een |de )?(?:bescherming|remedie|medicijn|sleutel|buffer|basis|voorwaarde|eerste stap|middel|opstap)\s+(?:terug\s+)?(?:tegen|voor|tot|naar|om)\s+(?P<e>.+?)[.;]?$"),
    ("van_belang", r"^(?P<c>.+?)\s+(?:is|zijn)\s+" + _ADV + r"(?:van (?:groot |cruciaal |wezenlijk )?belang|belangrijk|essentieel|nodig|noodzakelijk|onmisbaar)\s+(?:voor|om)\s+(?P<e>.+?)[.;]?$"),
    # a fronted phrase puts the verb before its subject: "Naast de fysieke voordelen heeft bewegen ook invloed op ..."
    ("invloed_inverted", r"^(?:(?:naast|door|met|daarnaast|bovendien|vooral|juist|zo)\b[^,]*?\s+)?(?:heeft|hebben)\s+(?P<c>(?!(?:het|dit|dat)\s)[^,]+?)\s+(?:ook\s+|daarmee\s+|bovendien\s+)?(?P<e>(?:een|grote|veel)\s+[^.]*?(?:invloed|effect|uitwerking)\s+op\s+.+?)[.;]?$"),
    ("invloed", r"^(?:naast [^,]+,\s*)?(?:\w+\s+)?(?P<c>.+?)\s+(?:heeft|hebben)\s+(?:ook\s+)?(?P<e>(?:een|grote|veel)\s+[^.]*?(?:invloed|effect|uitwerking)\s+op\s+.+?)[.;]?$"),
    ("waardoor", r"^(?P<c>.+?),?\s+(?:waardoor|zodat|met als gevolg dat|wat ertoe leidt dat|waarmee|dus)\s+(?P<e>.+?)[.;]?$"),
    ("en_hierdoor", r"^(?P<c>.+?)\s+en\s+\w+\s+(?:hierdoor|daardoor|daarmee)\s+(?P<e>.+?)[.;]?$"),
    ("hierdoor", r"^(?P<c>.+?)[.;]\s+(?:hierdoor|daardoor|daarmee|zo)\s+(?P<e>.+?)[.;]?$"),
    ("change_verb_final", r"^(?P<c>.+?)\s+(?P<e>(?:de|het|een|hun|zijn|haar)\s[^,]+?)" + _NOT_INFINITIVE + _NOT_PARTICIPLE + r"\s+(?:verkleint|verkleinen|vergroot|vergroten|vermindert|verminderen|verhoogt|verhogen|verlaagt|verlagen|versterkt|versterken|verbetert|verbeteren|voorkomt|voorkomen|bevordert|bevorderen)[.;]?$"),
    ("leidt_dit", r"^(?:[^,]*?\s)?(?:leidt|leiden|leidde)\s+(?P<c>dit|dat|deze \w+|die \w+|het)\s+(?:tot\s+|ertoe dat\s+)?(?P<e>.+?)[.;]?$"),
    ("change_verb", r"^(?P<c>.+?)" + _NOT_ARTICLE + _NOT_INFINITIVE + r"\s+" + _VERB_TAIL + r"(?:vermindert|verminderen|verkleint|verkleinen|vergroot|vergroten|verhoogt|verhogen|verlaagt|verlagen|versterkt|versterken|verbetert|verbeteren|bevordert|bevorderen|beperkt|beperken|verlicht|ontlast|ontlasten|stimuleert|stimuleren)\s+(?:" + _ADV + r")(?P<e>[^;]+?)[.;]?(?:;.*)?$"),
    ("wat_verb", r"^(?P<c>.+?),\s+wat\s+(?P<e>.+?)[.;]?$"),
    ("opleveren", r"^(?P<c>.+?)\s+" + _VERB_TAIL + r"(?:levert|leveren)\s+(?P<e>.+?)\s+op\b.*$"),
    ("terugverdienen", r"^(?P<c>.+?)\s+(?P<e>(?:verdient|verdienen|betaalt|betalen)\s+zich\b[^,]*?terug)\b.*$"),
    ("helpt", r"^(?P<c>.+?)\s+" + _VERB_TAIL + r"(?:helpt|helpen)\s+(?:\w+\s+)?(?:bij\s+|om\s+)?(?P<e>.+?)[.;]?$"),
    ("maakt", r"^(?P<c>.+?)\s+" + _VERB_TAIL + r"(?:maakt|maken)\s+(?P<e>.+?)[.;]?$"),
    ("is_goedkoper", r"^(?P<c>.+?)\s+(?:is|zijn)\s+" + _ADV + r"(?P<e>(?:goedkoper|duurder|effectiever|beter)\b.+?)[.;]?$"),
    ("om_te", r"^(?P<c>.+?)\s+om\s+(?P<e>[^,]+?\bte\s+\w+)[.;]?$"),
    ("geeft", r"^(?P<c>.+?)\s+(?:geeft|geven|biedt|bieden)\s+(?P<e>.+?)[.;]?$"),
    ("anaphor", r"^(?P<c>zo|hiermee|daarmee|hierdoor|daardoor|dit|dat)\s+(?:\w+\s+)(?P<e>.+?)[.;]?$"),
    ("kan_verb", r"^(?P<c>(?:een|de|het)\s+[^,]+?)\s+(?:kan|kunnen)\s+(?P<e>.+?)[.;]?$"),
]
# Words a pattern cannot match without (one of them, in the lower-cased sentence): a substring
# test skips the pattern's costly backtracking over the many sentences that lack its connective.
# Patterns that start with their connective are cheap and need none.
_NEEDS = {
    "als_gevolg_van": ("gevolg", "resultaat", "voortkom"),
    "ertoe_leidt": ("toe",),
    "leiden_tot": ("leid",),
    "tot_leidt": ("leidt", "leiden", "resulte"),
    "zorgen_voor": ("zorg",),
    "bijdragen": ("draag", "drage", "droeg"),
    "bijdrage": ("bijdrage",),
    "voorkomen": ("voork",),
    "beschermt": ("bescherming", "remedie", "medicijn", "sleutel", "buffer", "basis", "voorwaarde", "stap",
                  "middel", "opstap"),
    "van_belang": ("belang", "essentieel", "nodig", "noodzakelijk", "onmisbaar"),
    "invloed": ("invloed", "effect", "uitwerking"),
    "invloed_inverted": ("invloed", "effect", "uitwerking"),
    "resultaat_van": ("resultaat", "gevolg"),
    "waardoor": ("waardoor", "zodat", "gevolg", "ertoe", "waarmee", "dus"),
    "en_hierdoor": ("hierdoor", "daardoor", "daarmee"),
    "hierdoor": ("hierdoor", "daardoor", "daarmee", "zo"),
    "change_verb_final": ("verklein", "vergro", "verminder", "verho", "verla", "versterk", "verbeter", "voork",
                          "bevorder"),
    "leidt_dit": ("leid",),
    "change_verb": ("verminder", "verklein", "vergro", "verho", "verla", "versterk", "verbeter", "bevorder",
                    "beperk", "verlicht", "ontlast", "stimule"),
    "wat_verb": ("wat",),
    "opleveren": ("lever",),
    "terugverdienen": ("terug",),
    "helpt": ("help",),
    "maakt": ("maak", "make"),
    "is_goedkoper": ("goedkoper", "duurder", "effectiever", "beter"),
    "om_te": ("om",),
    "geeft": ("geeft", "geven", "biedt", "bieden"),
}
COMPILED = [(name, re.compile(p, re.I)) for name, p in PATTERNS]
# the same patterns without IGNORECASE, matched on the lower-cased sentence: about twice as fast
_COMPILED_LOWER = [(name, re.compile(p)) for name, p in PATTERNS]
_PRONOUN = re.compile(r"(?:we|wij|ze|zij|hij|het|dit|dat|er|u|je|jij|men)", re.I)  # no effect on its own


def _strip_lead(text: str) -> tuple[str, int]:
    """Remove a label before a colon, an evidence clause and discourse words at the start; return
    the rest and its offset."""
    offset = 0
    for pattern in (_LEAD_LABEL, _EVIDENCE_LEAD, _LEAD_WORDS):
        m = pattern.match(text[offset:])
        if m:
            offset += m.end()
    return text[offset:], offset


def _clean(span: str) -> str:
    span = span.strip(" ,;:.")
    span = re.split(r",\s+(?:waarin|waarbij|waarmee|die|dat|wat)\b", span, maxsplit=1)[0]
    span = re.sub(r"^(?:dat|die|er|het feit dat)\s+", "", span, flags=re.I)
    span = re.sub(r"^het gaat (?:hierbij |daarbij |hier )?om\s+", "", span, flags=re.I)  # a frame, not the cause
    span = re.sub(r"\s+(?:die|dat|welke)$", "", span, flags=re.I)  # "een daginvulling die | bijdraagt aan"
    return span.strip(" ,;:")


def cause_effect(text: str) -> tuple[str | None, str | None, str]:
    """(cause, effect, pattern name) for a causal sentence, or (None, None, "")."""
    body, _ = _strip_lead(text.strip())
    lower = body.lower()
    # lower-casing keeps offsets unless a character changes length ("İ"): then ignore case instead
    subject, patterns = (lower, _COMPILED_LOWER) if len(lower) == len(body) else (body, COMPILED)
    for name, pattern in patterns:
        needs = _NEEDS.get(name)
        if needs and not any(word in lower for word in needs):
            continue
        m = pattern.match(subject)
        if m and m.group("c").strip() and m.group("e").strip():
            cause, effect = _clean(body[m.start("c"):m.end("c")]), _clean(body[m.start("e"):m.end("e")])
            if _PRONOUN.fullmatch(effect):
                continue  # "Deze verbinden en versterken | we": an effect needs a word of its own
            if cause and effect and cause in text and effect in text:
                return cause, effect, name
    return None, None, ""
