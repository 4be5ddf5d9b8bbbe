"""The words of the schema page and the workbench's sidebar, in Swedish and English: what each label,
relationship type and property of :mod:`graphapp.graph_schema` means, and a glossary of the domain's
Swedish terms. Part of the language layer with :mod:`graphapp.views.i18n` (and moves with it).

A property's meaning is looked up as ``Label.key`` (or ``TYPE.key``), then as ``key``.
"""

from __future__ import annotations

from graphapp.views.i18n import pick_lang

__all__ = ["GLOSSARY", "schema_words", "term"]

#: Swedish terms of the domain, their English, and the part of the schema that holds them.
GLOSSARY: tuple[tuple[str, str, str], ...] = (
    ("projekt", "project", ":Project"),
    ("projektägare", "project owner", "-[:OWNS]->"),
    ("deltagare, partner", "participant, partner", "-[:PARTICIPATES_IN {role}]->"),
    ("medfinansiär", "co-funder", "-[:CO_FUNDS {amount_sek}]->"),
    ("Beviljat ESF-stöd", "ESF grant", "(:Fund)-[:FUNDS {amount_sek}]->"),
    ("Total projektbudget", "total project budget", "Project.total_budget_sek"),
    ("Projektperiod", "project period", "Project.start, Project.end"),
    ("Programområde", "programme area", "Project.programme_area"),
    ("kommun", "municipality", ":Municipality"),
    ("län", "county", ":County"),
    ("Länsstyrelsen i X län", "county administrative board of X", ":Agency {kind: 'county_board'}"),
    ("myndighet, lokalkontor", "agency, local office", ":Agency, -[:PART_OF]->"),
    ("förvaltning, nämnd, enhet", "municipal department, committee, unit", ":Organization {kind: 'municipal_unit'}"),
    ("fond (ESF, ESF+, AMIF)", "fund", ":Fund"),
    ("källa", "source document", ":Document, r.sources"),
    ("nyanlända", "newly arrived", ""),
    ("etablering", "labour-market establishment", ""),
    ("samverkan", "collaboration", "-[:COLLABORATES_WITH]-"),
)

_WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "schema": "Schema",
        "schema_title": "Grafens schema",
        "schema_intro": (
            "Etiketterna, relationstyperna och egenskaperna i grafen som den ser ut i Neo4j, med vad de betyder. "
            "Varje nod har också etiketten {common} och ett unikt id som börjar med sitt prefix. Klicka på en "
            "etikett eller relation i bilden för att läsa om den."
        ),
        "schema_drawing": "Etiketter och relationstyper",
        "schema_labels": "Etiketter",
        "schema_relationships": "Relationstyper",
        "schema_glossary": "Ordlista",
        "schema_term_sv": "Svenska",
        "schema_term_en": "Engelska",
        "schema_in_graph": "I grafen",
        "schema_property": "Egenskap",
        "schema_type": "Typ",
        "schema_required": "Alltid satt",
        "schema_meaning": "Betydelse",
        "schema_id_prefix": "Id börjar med {prefix}, t.ex. {example}",
        "schema_from_to": "Från {starts} till {ends}",
        "schema_no_properties": "Inga egenskaper.",
        "schema_try": "Prova i frågebänken",
        "schema_sidebar": "Schema",
        "schema_sidebar_help": "Klicka för att infoga i frågan.",
        "label.Project": "Ett projekt med sin ägare, sina deltagare och finansiärer.",
        "label.Municipality": "En av Sveriges 290 kommuner, med SCB:s kod och koordinater.",
        "label.County": "Ett av de 21 länen.",
        "label.Agency": "En statlig myndighet, eller en lokal enhet av den (PART_OF myndigheten).",
        "label.Organization": (
            "Varje annan aktör: regionala organ, företag, föreningar, utbildning, kommunala enheter. "
            "resolved = false när källan inte säger vilken aktör det är."
        ),
        "label.Fund": "En EU-fond eller ett program (ESF, ESF+, AMIF) som beviljar stöd.",
        "label.Document": "En källa: ett dokument, en webbsida eller en rad i ett kalkylark.",
        "rel.OWNS": "Aktören äger projektet (projektägare).",
        "rel.PARTICIPATES_IN": "Aktören deltar i projektet, i en roll.",
        "rel.FUNDS": "Fonden beviljar projektet stöd; beloppet står på relationen.",
        "rel.CO_FUNDS": "Aktören medfinansierar projektet; beloppet när källan anger det.",
        "rel.COLLABORATES_WITH": "Två projekt samverkar.",
        "rel.BUILDS_ON": "Projektet bygger på ett tidigare projekt (pilen pekar bakåt i tiden).",
        "rel.IN_COUNTY": "Aktören ligger i länet.",
        "rel.PART_OF": "En enhet är del av en myndighet, eller en förvaltning del av sin kommun.",
        "rel.DESCRIBED_IN": "Projektet beskrivs i dokumentet.",
        "prop.id": "Unikt id med prefix för sin sort.",
        "prop.name": "Namnet som visas.",
        "prop.note": "Anteckning från den som registrerade uppgiften.",
        "prop.synthetic": "Sant i genererade testnätverk.",
        "prop.county_code": 'Länets kod med två siffror, t.ex. "20" för Dalarna.',
        "prop.kind": "Sorts aktör, ur en fast lista.",
        "prop.lat": "Latitud (WGS 84).",
        "prop.lon": "Longitud (WGS 84).",
        "prop.sources": "Id för dokumenten som relationen kommer från.",
        "prop.amount_sek": "Belopp i kronor, när källan anger det.",
        "prop.role": "Rollen i projektet, t.ex. partner eller kommun.",
        "Project.summary": "Kort beskrivning.",
        "Project.start": "Startdatum (ÅÅÅÅ-MM-DD, eller bara år eller månad när källan inte säger mer).",
        "Project.end": "Slutdatum, som start.",
        "Project.status": "planned, ongoing eller completed.",
        "Project.phase": "Fas enligt källan (förstudie, genomförande …).",
        "Project.programme_area": "Programområde i ESF.",
        "Project.esf_region": "ESF-region (programregion).",
        "Project.grant_sek": "Beviljat stöd enligt projektets sida (samma belopp som FUNDS.amount_sek).",
        "Project.total_budget_sek": "Total projektbudget i kronor.",
        "Municipality.code": 'Kommunkod från SCB med fyra siffror, som text: "0780".',
        "Municipality.official_name": "Officiellt namn, t.ex. Växjö kommun.",
        "County.code": 'Länskod med två siffror, som text: "07".',
        "County.short_name": "Kort namn, t.ex. Kronoberg.",
        "County.letter": "Länsbokstav, t.ex. G.",
        "Agency.county_code": "Länet för en regional enhet (t.ex. en länsstyrelse).",
        "Organization.resolved": "Falskt när källan inte säger vilken aktör det är.",
        "Fund.programme": "Programmet, t.ex. ESF 2014–2020; skiljer fonder med samma namn åt.",  # noqa: RUF001
        "Fund.first_year": "Programmets första år.",
        "Fund.last_year": "Programmets sista år.",
        "Document.title": "Dokumentets titel.",
        "Document.publisher": "Utgivaren.",
        "Document.published": "Publiceringsdatum.",
        "Document.url": "Webbadress.",
        "Document.format": "Filformat (text/plain, text/html, application/pdf …).",
        "Document.file": "Filen under data/documents/.",
        "Document.sheet": "Bladet i arbetsboken för en rad ur ett kalkylark.",
        "Document.row": "Raden i bladet eller CSV-filen.",
    },
    "en": {
        "schema": "Schema",
        "schema_title": "The graph's schema",
        "schema_intro": (
            "The labels, relationship types and properties of the graph as it is in Neo4j, with what they mean. "
            "Every node also carries the label {common} and a unique id that starts with its prefix. Click a label "
            "or relationship in the picture to read about it."
        ),
        "schema_drawing": "Labels and relationship types",
        "schema_labels": "Labels",
        "schema_relationships": "Relationship types",
        "schema_glossary": "Glossary",
        "schema_term_sv": "Swedish",
        "schema_term_en": "English",
        "schema_in_graph": "In the graph",
        "schema_property": "Property",
        "schema_type": "Type",
        "schema_required": "Always set",
        "schema_meaning": "Meaning",
        "schema_id_prefix": "Ids start with {prefix}, e.g. {example}",
        "schema_from_to": "From {starts} to {ends}",
        "schema_no_properties": "No properties.",
        "schema_try": "Try it in the workbench",
        "schema_sidebar": "Schema",
        "schema_sidebar_help": "Click to insert into the query.",
        "label.Project": "A project with its owner, participants and funders.",
        "label.Municipality": "One of Sweden's 290 municipalities, with its SCB code and coordinates.",
        "label.County": "One of the 21 counties.",
        "label.Agency": "A national agency, or a local unit of one (PART_OF the agency).",
        "label.Organization": (
            "Any other actor: regional bodies, companies, associations, education, municipal units. "
            "resolved = false when the source does not say which actor it is."
        ),
        "label.Fund": "An EU fund or programme (ESF, ESF+, AMIF) that grants money.",
        "label.Document": "A source: a document, a web page or a row of a spreadsheet.",
        "rel.OWNS": "The actor owns the project (project owner).",
        "rel.PARTICIPATES_IN": "The actor takes part in the project, in a role.",
        "rel.FUNDS": "The fund grants the project money; the amount is on the relationship.",
        "rel.CO_FUNDS": "The actor co-funds the project; the amount when the source states it.",
        "rel.COLLABORATES_WITH": "Two projects collaborate.",
        "rel.BUILDS_ON": "The project builds on an earlier one (the arrow points back in time).",
        "rel.IN_COUNTY": "The actor is located in the county.",
        "rel.PART_OF": "A unit is part of an agency, or a department part of its municipality.",
        "rel.DESCRIBED_IN": "The project is described in the document.",
        "prop.id": "Unique id with the prefix of its kind.",
        "prop.name": "The name shown.",
        "prop.note": "A note by whoever recorded the fact.",
        "prop.synthetic": "True in generated test networks.",
        "prop.county_code": 'The two-digit county code, e.g. "20" for Dalarna.',
        "prop.kind": "The kind of actor, from a fixed list.",
        "prop.lat": "Latitude (WGS 84).",
        "prop.lon": "Longitude (WGS 84).",
        "prop.sources": "Ids of the documents the relationship comes from.",
        "prop.amount_sek": "Amount in kronor, when the source states it.",
        "prop.role": "The role in the project, e.g. partner or municipality.",
        "Project.summary": "A short description.",
        "Project.start": "Start date (YYYY-MM-DD, or just a year or month when the source says no more).",
        "Project.end": "End date, as start.",
        "Project.status": "planned, ongoing or completed.",
        "Project.phase": "Phase as the source gives it (pre-study, implementation …).",
        "Project.programme_area": "ESF programme area.",
        "Project.esf_region": "ESF region (programme region).",
        "Project.grant_sek": "Grant awarded as the project's page states it (the same amount as FUNDS.amount_sek).",
        "Project.total_budget_sek": "Total project budget in kronor.",
        "Municipality.code": 'The four-digit SCB municipality code, as text: "0780".',
        "Municipality.official_name": "Official name, e.g. Växjö kommun.",
        "County.code": 'The two-digit county code, as text: "07".',
        "County.short_name": "Short name, e.g. Kronoberg.",
        "County.letter": "County letter, e.g. G.",
        "Agency.county_code": "The county of a regional unit (such as a county administrative board).",
        "Organization.resolved": "False when the source does not say which actor it is.",
        "Fund.programme": "The programme, e.g. ESF 2014–2020; tells funds of the same name apart.",  # noqa: RUF001
        "Fund.first_year": "The programme's first year.",
        "Fund.last_year": "The programme's last year.",
        "Document.title": "The document's title.",
        "Document.publisher": "The publisher.",
        "Document.published": "Date of publication.",
        "Document.url": "Web address.",
        "Document.format": "File format (text/plain, text/html, application/pdf …).",
        "Document.file": "The file under data/documents/.",
        "Document.sheet": "The sheet of the workbook, for a row of a spreadsheet.",
        "Document.row": "The row of the sheet or CSV file.",
    },
}


def schema_words(lang: str) -> dict[str, str]:
    """The words of the schema page in ``lang`` (Swedish unless English is asked for)."""
    return dict(_WORDS[pick_lang(lang)])


def term(words: dict[str, str], owner: str, key: str) -> str:
    """What property ``key`` of label or relationship type ``owner`` means.

    >>> term(schema_words("en"), "Municipality", "code")[:24], term(schema_words("en"), "County", "lat")
    ('The four-digit SCB munic', 'Latitude (WGS 84).')
    """
    return words.get(f"{owner}.{key}") or words.get(f"prop.{key}", "")
