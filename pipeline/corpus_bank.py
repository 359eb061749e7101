"""Sentences from which the corpus generator composes synthetic policy documents.

Written for this project in its own words, in the style of Dutch municipal
policy. Every sentence carries its codebook labels, so a generated corpus
comes with gold. Placeholders: {gemeente}, {jaar}, {eind}, {wijk}, {org},
{fonds}, {pct}, {n}.
"""
from __future__ import annotations

INTRO = [
    "Deze nota beschrijft hoe de gemeente {gemeente} de komende jaren werkt aan een sterke sociale basis.",
    "Het college legt met dit plan de koers vast voor de periode {jaar}–{eind}.",
    "De nota is tot stand gekomen in gesprekken met inwoners, vrijwilligers en maatschappelijke partners.",
    "In {gemeente} wonen ruim {n}.000 inwoners, verdeeld over wijken en kernen met een eigen karakter.",
    "Dit document vervangt de nota Welzijn en Meedoen uit {vorig}.",
    "De raad heeft gevraagd om een samenhangende aanpak voor welzijn, ontmoeting en vrijwillige inzet.",
    "Het plan sluit aan bij de regionale afspraken over het sociaal domein.",
]

DEFINITION_INTRO = [
    ("Onder de sociale basis verstaan wij:", {"labels": ["definition"], "sphere": []}),
    ("De sociale basis bestaat in {gemeente} uit:", {"labels": ["definition"], "sphere": []}),
    ("Tot de sociale basis rekenen we:", {"labels": ["definition"], "sphere": []}),
]
DEFINITION_ITEMS = [
    ("inwoners zelf en hun familie, buren en vrienden;", {"labels": ["definition"], "sphere": ["persoonlijk"]}),
    ("de verenigingen, kerken, buurtinitiatieven en vrijwilligersgroepen waarin mensen samen iets doen;",
     {"labels": ["definition"], "sphere": ["gemeenschappelijk"]}),
    ("de vrij toegankelijke voorzieningen zoals buurthuizen, de bibliotheek en het jongerenwerk;",
     {"labels": ["definition"], "sphere": ["institutioneel"]}),
    ("de sociaal werkers en opbouwwerkers die inwoners en initiatieven ondersteunen.",
     {"labels": ["definition"], "sphere": ["institutioneel"]}),
]
DEFINITIONS = [
    ("Met de sociale basis bedoelen we het netwerk van mensen, groepen en plekken waar inwoners elkaar "
     "ontmoeten en steunen.", {"labels": ["definition"], "sphere": ["persoonlijk", "gemeenschappelijk"],
                              "framing": "intrinsiek"}),
    ("De sociale basis is het geheel van informele netwerken, vrijwillige inzet en algemene voorzieningen in "
     "de wijk.", {"labels": ["definition"], "sphere": ["persoonlijk", "gemeenschappelijk", "institutioneel"]}),
    ("Wij zien de sociale basis als alles wat inwoners zonder indicatie voor en met elkaar doen, met steun "
     "van buurthuizen en welzijnswerk.", {"labels": ["definition"],
                                          "sphere": ["gemeenschappelijk", "institutioneel"]}),
]

GOALS = [
    ("Ons doel is dat inwoners van {gemeente} langer zelfstandig thuis kunnen wonen.",
     {"labels": ["goal"], "sphere": ["persoonlijk"]}),
    ("We willen dat iedereen in {gemeente} kan meedoen en ergens bij hoort.",
     {"labels": ["goal"], "sphere": ["gemeenschappelijk"], "framing": "intrinsiek"}),
    ("In {eind} voelt minder dan {pct}% van de ouderen zich ernstig eenzaam.",
     {"labels": ["goal"], "sphere": ["persoonlijk"]}),
    ("We streven naar een buurt waarin bewoners elkaar kennen en naar elkaar omkijken.",
     {"labels": ["goal"], "sphere": ["gemeenschappelijk"], "framing": "intrinsiek"}),
    ("Meer inwoners zetten zich als vrijwilliger in voor hun wijk of dorp.",
     {"labels": ["goal"], "sphere": ["gemeenschappelijk"]}),
    ("Mantelzorgers kunnen hun zorg voor een naaste volhouden zonder zelf overbelast te raken.",
     {"labels": ["goal"], "sphere": ["persoonlijk"]}),
    ("Jongeren hebben in elke wijk een plek waar zij terecht kunnen.",
     {"labels": ["goal"], "sphere": ["institutioneel"]}),
]

INTERVENTIONS = [
    ("We subsidiëren {n} buurthuizen die vijf dagen per week open zijn.",
     {"labels": ["intervention"], "sphere": ["institutioneel"]}),
    ("Via het {fonds} kunnen bewoners een bijdrage aanvragen voor activiteiten in hun straat.",
     {"labels": ["intervention"], "sphere": ["gemeenschappelijk"]}),
    ("{org} zet opbouwwerkers in die bewoners helpen hun ideeën uit te voeren.",
     {"labels": ["intervention"], "sphere": ["institutioneel", "gemeenschappelijk"]}),
    ("Het steunpunt mantelzorg biedt informatie, lotgenotencontact en respijtzorg.",
     {"labels": ["intervention"], "sphere": ["institutioneel", "persoonlijk"]}),
    ("We breiden het jongerenwerk uit naar alle wijken van {gemeente}.",
     {"labels": ["intervention"], "sphere": ["institutioneel"]}),
    ("De bibliotheek organiseert taalcafés en digitale spreekuren.",
     {"labels": ["intervention"], "sphere": ["institutioneel"]}),
]

CLAIMS = [
    ("Door ontmoeting in de buurt te stimuleren, neemt de eenzaamheid onder ouderen af.",
     {"labels": ["causal_claim"], "sphere": ["gemeenschappelijk"], "evidence": "none",
      "cause": "ontmoeting in de buurt te stimuleren", "effect": "neemt de eenzaamheid onder ouderen af",
      "framing": "intrinsiek"}),
    ("Een sterke sociale basis leidt tot minder gebruik van maatwerkvoorzieningen in de Wmo.",
     {"labels": ["causal_claim"], "sphere": [], "evidence": "none", "cause": "Een sterke sociale basis",
      "effect": "minder gebruik van maatwerkvoorzieningen in de Wmo", "savings": True, "framing": "instrumenteel"}),
    ("Uit onderzoek blijkt dat vrijwilligerswerk de kans op eenzaamheid verkleint.",
     {"labels": ["causal_claim"], "sphere": ["gemeenschappelijk"], "evidence": "generic",
      "evidence_source": "Uit onderzoek blijkt", "cause": "vrijwilligerswerk",
      "effect": "de kans op eenzaamheid verkleint"}),
    ("Laagdrempelige steun in de wijk zorgt ervoor dat problemen eerder worden gesignaleerd.^1",
     {"labels": ["causal_claim"], "sphere": ["institutioneel"], "evidence": "specific",
      "evidence_source": "^1", "cause": "Laagdrempelige steun in de wijk",
      "effect": "problemen eerder worden gesignaleerd"}),
    ("Inzet van jongerenwerk voorkomt dat jongeren later zwaardere jeugdhulp nodig hebben (NJi, 2022).",
     {"labels": ["causal_claim"], "sphere": ["institutioneel"], "evidence": "specific",
      "evidence_source": "(NJi, 2022)", "cause": "Inzet van jongerenwerk",
      "effect": "jongeren later zwaardere jeugdhulp nodig hebben", "savings": True, "framing": "instrumenteel"}),
    ("Als mantelzorgers tijdig ondersteund worden, raken zij minder vaak overbelast.",
     {"labels": ["causal_claim"], "sphere": ["persoonlijk"], "evidence": "none",
      "cause": "mantelzorgers tijdig ondersteund worden", "effect": "raken zij minder vaak overbelast"}),
    ("Een buurthuis dat openstaat voor iedereen draagt bij aan meer onderling contact tussen bewoners.",
     {"labels": ["causal_claim"], "sphere": ["institutioneel"], "evidence": "none",
      "cause": "Een buurthuis dat openstaat voor iedereen", "effect": "meer onderling contact tussen bewoners",
      "framing": "intrinsiek"}),
]

COLLABORATION = [
    ("We werken samen met {org}, de GGD en de woningcorporaties.",
     {"labels": ["collaboration"], "actors": ["welzijnsorganisatie", "ggd", "woningcorporaties"]}),
    ("De gemeente is opdrachtgever en {org} is opdrachtnemer voor het welzijnswerk.",
     {"labels": ["collaboration"], "actors": ["gemeente", "welzijnsorganisatie"]}),
    ("Met de zorgverzekeraar maken we afspraken over preventie in de wijk.",
     {"labels": ["collaboration"], "actors": ["zorgverzekeraar"]}),
    ("In elke wijk vormen sociaal werkers, huisartsen en vrijwilligers samen een wijknetwerk.",
     {"labels": ["collaboration"], "actors": ["sociaal werkers", "huisartsen", "vrijwilligers"]}),
    ("De regierol ligt bij de gemeente; de uitvoering ligt bij de partners in de wijk.",
     {"labels": ["collaboration"], "actors": ["gemeente", "partners"]}),
]

MONITORING = [
    ("We monitoren het aantal bezoekers en activiteiten van de buurthuizen.",
     {"labels": ["monitoring"], "monitoring_kind": "output"}),
    ("Met de Gezondheidsmonitor van de GGD volgen we de ontwikkeling van eenzaamheid per wijk.",
     {"labels": ["monitoring"], "monitoring_kind": "outcome"}),
    ("Jaarlijks evalueren we met partners en bewoners wat goed ging en wat beter kan.",
     {"labels": ["monitoring"], "monitoring_kind": "learning"}),
    ("Partners rapporteren twee keer per jaar over het bereik van hun activiteiten.",
     {"labels": ["monitoring"], "monitoring_kind": "output"}),
    ("We werken met een lerende aanpak waarin verhalen van bewoners een vaste plek hebben.",
     {"labels": ["monitoring"], "monitoring_kind": "learning"}),
]

FINANCE = [
    ("Voor de uitvoering is jaarlijks € {n},{pct} miljoen beschikbaar.", {}),
    ("In de begroting is vanaf {eind} een besparing van € {pct}0.000 op de Wmo ingeboekt door de versterking "
     "van de sociale basis.", {"labels": ["causal_claim"], "evidence": "none", "savings": True,
                               "cause": "de versterking van de sociale basis",
                               "effect": "een besparing van € {pct}0.000 op de Wmo", "framing": "instrumenteel"}),
    ("De raad wordt jaarlijks via de jaarrekening geïnformeerd over de uitgaven.", {}),
]

FOOTNOTES = [
    "Movisie (2021). Wat werkt bij laagdrempelige ondersteuning in de wijk. Utrecht: Movisie.",
    "Verwey-Jonker Instituut (2022). Leren, sturen en verantwoorden in de sociale basis. Utrecht.",
]

ORGS = ["Welzijn Samen", "Stichting Buurtkracht", "WijZijn", "De Schakel Welzijn", "Samen Sterk Welzijn"]
FONDSEN = ["Buurtfonds", "Initiatievenfonds", "Wijkbudget", "Fonds Samen Doen"]
