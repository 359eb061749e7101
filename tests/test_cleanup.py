import pytest

from pipeline.cleanup import clean_text, join_hyphenated, join_lines, normalise_spaces, normalise_unicode, \
    remove_soft_hyphens


@pytest.mark.parametrize("first,second,expected", [
    ("het beleids-", "plan", "het beleidsplan"),  # a word broken at the line end
    ("het beleids\u2010", "plan", "het beleidsplan"),  # the hyphen a layout engine inserts
    ("voor sociaal-", "culturele activiteiten", "voor sociaal-culturele activiteiten"),  # a real compound
    ("We steunen buurt-", "en dorpshuizen", "We steunen buurt- en dorpshuizen"),  # a suspended compound
    ("het Wmo-", "loket", "het Wmo-loket"),  # after an abbreviation
    ("de GGD-", "regio", "de GGD-regio"),
    ("voor 18-", "plussers", "voor 18-plussers"),
    ("maar mede-", "eigenaar", "maar mede-eigenaar"),  # a vowel clash keeps its hyphen
    ("een auto-", "ongeluk", "een auto-ongeluk"),
    ("de politie-", "inzet", "de politie-inzet"),
    ("het privé-", "eigendom", "het privé-eigendom"),
    ("in de individu-", "ele levens", "in de individuele levens"),  # vowels that are no clash: a break
    ("een ide-", "aal", "een ideaal"),
    ("de financi-", "ële steun", "de financiële steun"),  # a diaeresis marks the break itself
    ("zeer ge-", "ïnteresseerd", "zeer geïnteresseerd"),
    ("Noord-", "Holland", "Noord-Holland"),  # a capital after the hyphen
    ("Daar-", "naast gaan we", "Daarnaast gaan we"),  # capitalised only because it opens the sentence
    ("de Almeer-", "ders", "de Almeerders"),  # a place name is no abbreviation
    ("Gezondheidsachter-", "standen", "Gezondheidsachterstanden"),
    ("het Wlz-", "loket", "het Wlz-loket"),
    ("periode 2025–", "2028", "periode 2025–2028"),
    ("een gewone", "regel", "een gewone regel"),  # no hyphen: a space
    ("een streepje -", "zo", "een streepje - zo"),  # a dash between words is not a break
    ("", "alleen", "alleen"),
])
def test_join_hyphenated(first, second, expected):
    assert join_hyphenated(first, second) == expected


def test_join_lines_joins_a_paragraph():
    assert join_lines(["De gemeente onder-", "steunt  bewoners-", "initiatieven."]) == \
        "De gemeente ondersteunt  bewonersinitiatieven."


@pytest.mark.parametrize("raw,expected", [
    ("e\ufb03ciënt en \ufb01nancieel", "efficiënt en financieel"),  # ligatures
    ("zero\u200bwidth", "zerowidth"),
    ("cafe\u0301", "café"),  # NFC
    ("gewone tekst", "gewone tekst"),  # unchanged
])
def test_normalise_unicode(raw, expected):
    assert normalise_unicode(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("be\u00adleids\u00adplan", "beleidsplan"),
    ("zonder", "zonder"),
])
def test_remove_soft_hyphens(raw, expected):
    assert remove_soft_hyphens(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("  twee   spaties\u00a0hier ", "twee spaties hier"),
    ("regel een \nregel twee", "regel een\nregel twee"),
])
def test_normalise_spaces(raw, expected):
    assert normalise_spaces(raw) == expected


def test_clean_text_chains_all_steps():
    assert clean_text(" \ufb01nan\u00adcieel  plan ") == "financieel plan"
