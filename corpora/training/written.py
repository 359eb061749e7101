"""Labelled training sentences written for this project, in its own words.

Run ``python corpora/training/written.py`` to regenerate ``written.jsonl``.
Provenance: composed by the project's developers following the codebook
(../../shared/codebook.md), to add phrasings the development gold has few of
(interventions, goals stated as states, collaboration roles, monitoring,
causal claims without textbook markers, and hard negatives: administrative
sentences that use the same words). The sentences describe no real
municipality's policy. These files are training material only: never score the
detectors on them.
"""
from __future__ import annotations

import json
from pathlib import Path

I, G, C, K, D, M = "intervention", "goal", "causal_claim", "collaboration", "definition", "monitoring"
P, GM, IN = "persoonlijk", "gemeenschappelijk", "institutioneel"

# (section, text, labels, sphere, extra)
DOCS = {
    "written-1": ("Beleidsplan Samen leven 2025–2028", [
        ("1. Inleiding", "Dit plan beschrijft onze koers voor welzijn en ontmoeting tot 2028.", [], [], {}),
        ("1. Inleiding", "Het plan is besproken in de commissie Samenleving van 12 maart.", [], [], {}),
        ("1. Inleiding", "Steeds meer ouderen wonen langer thuis, vaak met een klein netwerk.", [], [], {}),
        ("2. Onze ambitie", "Iedere inwoner heeft iemand om op terug te vallen.", [G], [P], {}),
        ("2. Onze ambitie", "Bewoners van alle wijken ontmoeten elkaar op plekken dichtbij huis.", [G], [GM], {}),
        ("2. Onze ambitie", "Het aantal jongeren dat zich eenzaam voelt, is in 2028 met een derde gedaald.", [G], [P], {}),
        ("2. Onze ambitie", "Verenigingen en initiatieven vinden genoeg vrijwilligers om hun werk te blijven doen.", [G], [GM], {}),
        ("2. Onze ambitie", "Wij streven naar een gemeente waarin niemand tussen wal en schip valt.", [G], [], {}),
        ("3. Wat we doen", "We verlengen de subsidie voor de drie wijkcentra met vier jaar.", [I], [IN], {}),
        ("3. Wat we doen", "In het voorjaar opent een tweede huiskamer voor ouderen in de Stationsbuurt.", [I], [IN], {}),
        ("3. Wat we doen", "Buurtsportcoaches organiseren wekelijks beweegactiviteiten op pleinen en in parken.", [I], [IN], {}),
        ("3. Wat we doen", "Bewoners die een activiteit willen starten, kunnen tot € 2.500 aanvragen uit het buurtbudget.", [I], [GM], {}),
        ("3. Wat we doen", "Het vrijwilligerspunt helpt organisaties met werving, scholing en een vrijwilligersverzekering.", [I], [IN, GM], {}),
        ("3. Wat we doen", "Voor mantelzorgers van mensen met dementie komt er een vaste ontmoetingsgroep.", [I], [P, IN], {}),
        ("3. Wat we doen", "De subsidieaanvraag moet uiterlijk 1 oktober binnen zijn.", [], [], {}),
        ("3. Wat we doen", "Het formulier staat op de website van de gemeente.", [], [], {}),
        ("4. Waarom dit werkt", "Wie regelmatig onder de mensen komt, houdt langer de regie over het eigen leven.", [C], [P],
         {"cause": "regelmatig onder de mensen komt", "effect": "houdt langer de regie over het eigen leven", "evidence": "none"}),
        ("4. Waarom dit werkt", "Een huiskamer in de buurt verlaagt de drempel om hulp te vragen.", [C], [IN],
         {"cause": "Een huiskamer in de buurt", "effect": "de drempel om hulp te vragen", "evidence": "none"}),
        ("4. Waarom dit werkt", "Volgens het Sociaal en Cultureel Planbureau hebben vrijwilligers minder vaak last van eenzaamheid.", [C], [GM],
         {"cause": "vrijwilligers", "effect": "minder vaak last van eenzaamheid", "evidence": "specific",
          "evidence_source": "Sociaal en Cultureel Planbureau"}),
        ("4. Waarom dit werkt", "Met meer ontmoeting in de wijk verwachten we dat minder ouderen een beroep doen op de Wmo.", [C], [GM],
         {"cause": "meer ontmoeting in de wijk", "effect": "minder ouderen een beroep doen op de Wmo", "evidence": "none",
          "savings": True, "framing": "instrumenteel"}),
        ("4. Waarom dit werkt", "Samen eten, zingen of sporten maakt het leven rijker, ook als het geen zorg bespaart.", [C], [GM],
         {"cause": "Samen eten, zingen of sporten", "effect": "het leven rijker", "evidence": "none", "framing": "intrinsiek"}),
        ("5. Samenwerking", "De gemeente en de welzijnsorganisatie maken jaarlijks prestatieafspraken.", [K], [],
         {"actors": ["gemeente", "welzijnsorganisatie"]}),
        ("5. Samenwerking", "Huisartsen verwijzen inwoners met eenzaamheidsklachten door naar de welzijnscoach.", [K, I], [IN],
         {"actors": ["huisartsen", "inwoners"]}),
        ("5. Samenwerking", "Woningcorporaties stellen ruimtes beschikbaar voor buurtactiviteiten.", [K, I], [IN],
         {"actors": ["woningcorporaties"]}),
        ("5. Samenwerking", "De regie op de uitvoering ligt bij het sociaal team van de gemeente.", [K], [IN],
         {"actors": ["wijkteams", "gemeente"]}),
        ("5. Samenwerking", "Twee keer per jaar overleggen wethouder, partners en de adviesraad over de voortgang.", [K, M], [],
         {"actors": ["gemeente", "partners", "adviesraad"], "monitoring_kind": "learning"}),
        ("6. Meten en leren", "Partners registreren per activiteit het aantal deelnemers.", [M], [], {"monitoring_kind": "output"}),
        ("6. Meten en leren", "In de inwonerspeiling vragen we of mensen zich minder eenzaam voelen.", [M], [], {"monitoring_kind": "outcome"}),
        ("6. Meten en leren", "Elk najaar bespreken we met bewoners en partners wat we anders gaan doen.", [M, K], [],
         {"monitoring_kind": "learning", "actors": ["bewoners", "partners", "gemeente"]}),
        ("6. Meten en leren", "De indicatoren staan in bijlage 2.", [M], [], {"monitoring_kind": "output"}),
        ("7. Financiën", "Het totale budget bedraagt € 3,2 miljoen per jaar.", [], [], {}),
        ("7. Financiën", "De dekking komt uit de algemene reserve sociaal domein.", [], [], {}),
    ]),
    "written-2": ("Uitvoeringsprogramma Wijken aan zet 2026", [
        ("Inleiding", "Dit programma werkt de visie Wijken aan zet uit in concrete acties.", [], [], {}),
        ("Inleiding", "De acties zijn per wijk uitgewerkt in een wijkplan.", [], [], {}),
        ("Wat verstaan we onder de sociale basis?", "De sociale basis is alles wat mensen voor elkaar doen, zonder dat er een indicatie nodig is.", [D], [P, GM], {}),
        ("Wat verstaan we onder de sociale basis?", "Daartoe horen ook de buurthuizen, de bibliotheek en het welzijnswerk die dit mogelijk maken.", [D], [IN], {}),
        ("Wat verstaan we onder de sociale basis?", "Een sterke sociale basis vraagt om investeringen op lange termijn.", [], [], {}),
        ("Wat willen we bereiken?", "Kwetsbare inwoners weten waar zij in hun eigen buurt terechtkunnen.", [G], [P, IN], {}),
        ("Wat willen we bereiken?", "In 2027 doet minstens een kwart van de inwoners vrijwilligerswerk.", [G], [GM], {}),
        ("Wat willen we bereiken?", "Ouders voelen zich gesteund bij het opvoeden.", [G], [P], {}),
        ("Acties", "We starten in drie wijken met een community builder die bewoners met elkaar verbindt.", [I], [IN, GM], {}),
        ("Acties", "Het jongerenwerk krijgt een vaste plek in het nieuwe sportcomplex.", [I], [IN], {}),
        ("Acties", "Samen met de bibliotheek zetten we digitale hulppunten op.", [I, K], [IN], {"actors": ["bibliotheek", "gemeente"]}),
        ("Acties", "We ondersteunen bewonersinitiatieven met advies, een klein budget en een netwerk.", [I], [GM], {}),
        ("Acties", "De maatjesprojecten voor statushouders worden voortgezet.", [I], [GM], {}),
        ("Acties", "Vanaf juli gelden nieuwe openingstijden voor het stadskantoor.", [], [], {}),
        ("Acties", "De wethouder heeft de raad hierover per brief geïnformeerd.", [], [], {}),
        ("Onderbouwing", "De ervaring leert dat bewoners sneller in actie komen als er iemand is die hen opzoekt.", [C], [GM],
         {"cause": "er iemand is die hen opzoekt", "effect": "bewoners sneller in actie komen", "evidence": "generic",
          "evidence_source": "De ervaring leert"}),
        ("Onderbouwing", "Het maatjesproject staat als erkende interventie in de databank van Movisie.", [], [], {}),
        ("Onderbouwing", "Daardoor weten we dat een maatje het sociale netwerk van deelnemers vergroot.", [C], [GM],
         {"cause": "een maatje", "effect": "het sociale netwerk van deelnemers", "evidence": "specific",
          "evidence_source": "erkende interventie in de databank van Movisie"}),
        ("Onderbouwing", "Wanneer jongeren een plek voor zichzelf hebben, neemt de overlast op straat af.", [C], [IN],
         {"cause": "jongeren een plek voor zichzelf hebben", "effect": "neemt de overlast op straat af", "evidence": "none"}),
        ("Onderbouwing", "Investeren in het voorveld verlaagt op termijn de kosten van maatwerkvoorzieningen.", [C], [IN],
         {"cause": "Investeren in het voorveld", "effect": "de kosten van maatwerkvoorzieningen", "evidence": "none",
          "savings": True, "framing": "instrumenteel"}),
        ("Rollen", "Wij zijn opdrachtgever; de welzijnsorganisatie voert uit en rapporteert aan ons.", [K, M], [],
         {"actors": ["gemeente", "welzijnsorganisatie"], "monitoring_kind": "output"}),
        ("Rollen", "Bewoners beslissen in het wijkpanel mee over de besteding van het wijkbudget.", [K], [GM],
         {"actors": ["bewoners", "bewonersorganisaties"]}),
        ("Rollen", "Met de zorgverzekeraar onderzoeken we een gezamenlijke financiering van preventie.", [K], [],
         {"actors": ["zorgverzekeraar", "gemeente"]}),
        ("Rollen", "Scholen, jongerenwerk en politie stemmen hun inzet af in een wekelijks overleg.", [K], [],
         {"actors": ["scholen", "jongerenwerk", "politie"]}),
        ("Volgen en bijsturen", "Via een dashboard volgen we per wijk bereik, deelnemers en activiteiten.", [M], [], {"monitoring_kind": "output"}),
        ("Volgen en bijsturen", "De GGD-monitor laat elke vier jaar zien hoe het met de eenzaamheid staat.", [M], [], {"monitoring_kind": "outcome"}),
        ("Volgen en bijsturen", "Met verhalen van deelnemers maken we zichtbaar wat cijfers missen.", [M], [], {"monitoring_kind": "learning"}),
        ("Volgen en bijsturen", "Na een jaar stellen we de aanpak bij op basis van wat we hebben geleerd.", [M], [], {"monitoring_kind": "learning"}),
    ]),
    "written-3": ("Raadsvoorstel Subsidiekader welzijn", [
        ("Voorstel", "Het college stelt de raad voor het Subsidiekader welzijn 2026–2029 vast te stellen.", [], [], {}),
        ("Voorstel", "Het kader vervangt de regeling uit 2019.", [], [], {}),
        ("Aanleiding", "Organisaties gaven aan dat de huidige regeling te veel administratie vraagt.", [], [], {}),
        ("Aanleiding", "Daarnaast loopt het contract met de huidige welzijnsaanbieder eind 2025 af.", [], [], {}),
        ("Beoogd effect", "Inwoners kunnen rekenen op een samenhangend aanbod van welzijn in hun eigen kern.", [G], [IN], {}),
        ("Beoogd effect", "Minder inwoners raken geïsoleerd.", [G], [P], {}),
        ("Argumenten", "Meerjarige subsidies geven organisaties de rust om te investeren in hun vrijwilligers.", [C], [GM],
         {"cause": "Meerjarige subsidies", "effect": "organisaties de rust om te investeren in hun vrijwilligers", "evidence": "none"}),
        ("Argumenten", "Door minder verantwoordingseisen te stellen, houden professionals meer tijd over voor inwoners.", [C], [IN],
         {"cause": "minder verantwoordingseisen te stellen", "effect": "houden professionals meer tijd over voor inwoners", "evidence": "none"}),
        ("Argumenten", "Uit de evaluatie van de vorige regeling (Rekenkamer, 2024) bleek dat kleine organisaties afhaakten door de regeldruk.", [C], [GM],
         {"cause": "de regeldruk", "effect": "kleine organisaties afhaakten", "evidence": "specific",
          "evidence_source": "(Rekenkamer, 2024)"}),
        ("Uitvoering", "We subsidiëren voortaan op basis van een meerjarig activiteitenplan.", [I], [IN], {}),
        ("Uitvoering", "Kleine vrijwilligersorganisaties kunnen een eenvoudige waarderingssubsidie aanvragen.", [I], [GM], {}),
        ("Uitvoering", "Een onafhankelijke commissie beoordeelt de aanvragen.", [K], [], {"actors": ["commissie"]}),
        ("Uitvoering", "De gemeente blijft verantwoordelijk voor de toegang tot maatwerkvoorzieningen.", [K], [],
         {"actors": ["gemeente"]}),
        ("Financiën", "Het subsidieplafond is € 1,8 miljoen per jaar.", [], [], {}),
        ("Financiën", "In 2027 wordt € 200.000 minder uitgegeven aan individuele begeleiding, omdat meer inwoners in groepen worden geholpen.", [C], [IN],
         {"cause": "meer inwoners in groepen worden geholpen", "effect": "€ 200.000 minder uitgegeven aan individuele begeleiding",
          "evidence": "none", "savings": True, "framing": "instrumenteel"}),
        ("Evaluatie", "De subsidieontvangers leveren jaarlijks een inhoudelijk verslag aan.", [M], [], {"monitoring_kind": "output"}),
        ("Evaluatie", "In 2028 evalueren we of het kader de gewenste effecten heeft voor inwoners.", [M], [], {"monitoring_kind": "outcome"}),
        ("Communicatie", "Na vaststelling informeren we alle aanvragers per e-mail.", [], [], {}),
        ("Communicatie", "De regeling wordt gepubliceerd in het Gemeenteblad.", [], [], {}),
    ]),
    "written-4": ("Visie Omzien naar elkaar", [
        ("Waarom deze visie", "Deze visie is opgesteld na gesprekken met ruim tweehonderd inwoners.", [], [], {}),
        ("Waarom deze visie", "Wij geloven dat meedoen en ergens bij horen waardevol zijn, los van wat het oplevert.", [], [GM],
         {"framing": "intrinsiek"}),
        ("Waarom deze visie", "Tegelijk is de sociale basis nodig om de zorg betaalbaar te houden.", [C], [],
         {"cause": "de sociale basis", "effect": "de zorg betaalbaar te houden", "evidence": "none", "savings": True,
          "framing": "instrumenteel"}),
        ("Wat is de sociale basis?", "Wat is de sociale basis?", [D], [], {}),
        ("Wat is de sociale basis?", "Het zijn de mensen om je heen, de clubs en groepen waar je bij hoort, en de plekken en professionals die je verder helpen.", [D], [P, GM, IN], {}),
        ("Ambities", "Niemand in onze stad hoeft er alleen voor te staan.", [G], [P], {"framing": "intrinsiek"}),
        ("Ambities", "Inwoners zetten zich in voor hun straat, hun club of hun buren.", [G], [GM], {}),
        ("Ambities", "We willen dat ondersteuning vaker in de buurt en minder vaak via een indicatie wordt geregeld.", [G], [IN],
         {"framing": "instrumenteel"}),
        ("Aanpak", "We zetten in op vroegsignalering door sociaal werkers die zichtbaar zijn in de wijk.", [I], [IN], {}),
        ("Aanpak", "De subsidie voor kerkelijke en culturele organisaties die ontmoeting organiseren, blijft bestaan.", [I], [GM], {}),
        ("Aanpak", "Zichtbare sociaal werkers vangen signalen eerder op, waardoor problemen minder vaak escaleren.", [C], [IN],
         {"cause": "Zichtbare sociaal werkers vangen signalen eerder op", "effect": "problemen minder vaak escaleren", "evidence": "none"}),
        ("Aanpak", "Het is bekend dat mensen die zich gesteund voelen, sneller herstellen na tegenslag.", [C], [P],
         {"cause": "zich gesteund voelen", "effect": "sneller herstellen na tegenslag", "evidence": "generic",
          "evidence_source": "Het is bekend"}),
        ("Samen", "We kiezen voor een partnerschap met de welzijnsorganisatie waarin we samen leren en bijsturen.", [K, M], [],
         {"actors": ["welzijnsorganisatie", "gemeente"], "monitoring_kind": "learning"}),
        ("Samen", "Inwoners, ondernemers en organisaties worden uitgenodigd mee te denken over de invulling per wijk.", [K], [],
         {"actors": ["inwoners", "ondernemers", "partners"]}),
        ("Samen", "De raad wordt via de jaarlijkse voortgangsrapportage geïnformeerd.", [M], [], {"monitoring_kind": "output"}),
    ]),
}


def build() -> list[dict]:
    docs = []
    for doc_id, (title, rows) in DOCS.items():
        sentences = []
        for k, (section, text, labels, sphere, extra) in enumerate(rows):
            sentences.append({
                "i": k, "text": text, "section": section, "labels": labels, "sphere": sphere,
                "framing": extra.get("framing", ""), "evidence": extra.get("evidence"),
                "evidence_source": extra.get("evidence_source"), "cause": extra.get("cause"),
                "effect": extra.get("effect"), "savings": extra.get("savings", False),
                "actors": extra.get("actors", []), "monitoring_kind": extra.get("monitoring_kind"),
            })
        docs.append({"doc_id": doc_id, "municipality": "", "year": None, "doc_type": "overig", "title": title,
                     "provenance": "written for sociale-basis by its developers, see written.py",
                     "sentences": sentences})
    return docs


if __name__ == "__main__":
    target = Path(__file__).with_name("written.jsonl")
    with open(target, "w", encoding="utf-8") as fh:
        for doc in build():
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{target}: {len(DOCS)} documents, {sum(len(r) for _, r in DOCS.values())} sentences")
