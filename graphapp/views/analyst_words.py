"""The words of the analyst's pages, in Swedish and English: the schema page (what each label,
relationship type and property of :mod:`graphapp.graph_schema` means, and a glossary of the domain's
Swedish terms) and the workbench's sidebar, completion, history, plan, legend and explained errors.
Part of the language layer with :mod:`graphapp.views.i18n` (and moves with it).

A label's meaning is ``schema.label.<Label>``, a type's ``schema.rel.<TYPE>``; a property's is looked up as
``schema.<Label>.<key>`` (or ``schema.<TYPE>.<key>``), then as ``schema.prop.<key>``.
"""

from __future__ import annotations

from graphapp.views.i18n import pick_lang

__all__ = ["GLOSSARY", "analyst_words", "term"]

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
            "Varje nod har en etikett, sin typ, och ett unikt id som börjar med typens prefix. Klicka på en "
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
        "history": "Historik",
        "history_help": "Dina senaste frågor, sparade i den här webbläsaren. Klicka för att lägga tillbaka en.",
        "history_empty": "Inga frågor än.",
        "history_clear": "Töm historiken",
        "sidebar_labels": "Etiketter",
        "sidebar_types": "Relationstyper",
        "sidebar_properties": "Egenskaper",
        "sidebar_properties_count": "{n} egenskaper",
        "insert": "Infoga {text} i frågan",
        "explain": "Plan (EXPLAIN)",
        "profile": "Profil (PROFILE)",
        "explain_help": (
            "EXPLAIN visar planen utan att köra frågan; PROFILE kör den under samma gränser och räknar rader "
            "och databasträffar i varje steg."
        ),
        "plan": "Frågeplan",
        "plan_explained": "Planen för frågan; den kördes inte. Uppskattade rader per steg.",
        "plan_profiled": "Profil: {hits} databasträffar i alla steg.",
        "plan_rows": "{n} rader",
        "plan_hits": "{n} databasträffar",
        "plan_estimated": "uppsk. {n} rader",
        "plan_memory": "{n} byte minne",
        "plan_settings": "Runtime {runtime}, planerare {planner}, Cypher {version}",
        "params_form": "Parametrar",
        "params_none": "Frågan har inga parametrar ($namn).",
        "params_declared": "typen från frågans rubrik (// @param)",
        "param_type": "Typ för {name}",
        "params_from_schema": "typen från schemat ({property})",
        "params_mismatch": ("Parametern {name} är {given} men jämförs med {property}, som är {expected} i schemat."),
        "download_xlsx": "Rader (Excel, XLSX)",
        "download_csv_flat": "Rader (CSV, en kolumn per egenskap)",
        "run_disabled": "Att köra är avstängt tills graphapp använder Neo4j (se ovan).",
        "node_details_help": "Klicka på en nod för att se dess uppgifter här.",
        "error.refused": "Frågebänken tillåter bara frågor som läser, och den här nekades.",
        "error.syntax": "Neo4j kunde inte tolka frågan. Var felet sitter står i Neo4js text nedan.",
        "error.read_only": "Frågan försöker ändra i grafen, men frågebänken kör bara frågor som läser.",
        "error.parameter_missing": "Frågan använder en parameter som inte fått något värde.",
        "error.parameters": "En parameter har fel typ eller saknas: fyll i den som frågan anger.",
        "error.type": "Ett värde har en typ som funktionen eller operatorn inte tar emot.",
        "error.unknown": "Frågan nämner en funktion, procedur, variabel eller etikett som inte finns.",
        "error.timeout": "Frågan tog längre tid än gränsen och stoppades. Avgränsa den, t.ex. med LIMIT eller WHERE.",
        "error.memory": "Frågan behövde mer minne än en fråga får använda. Avgränsa den.",
        "error.neo4j_needed": "Cypher kräver Neo4j; graphapp kör nu den inbyggda lagringen.",
        "error.unavailable": "Neo4j svarar inte just nu. Försök igen om en stund.",
        "error.other": "Frågan kunde inte köras.",
        "error.server_text": "Serverns svar (Neo4js text)",
        "error.line": "Rad {line} i frågan",
        "completion.label": "etikett",
        "completion.type": "relationstyp",
        "completion.property": "egenskap",
        "completion.parameter": "parameter",
        "completion.function": "funktion",
        "completion.keyword": "nyckelord",
        "completion.saved": "sparad fråga",
        "schema.label.Project": "Ett projekt med sin ägare, sina deltagare och finansiärer.",
        "schema.label.Municipality": "En av Sveriges 290 kommuner, med SCB:s kod och koordinater.",
        "schema.label.County": "Ett av de 21 länen.",
        "schema.label.Agency": "En statlig myndighet, eller en lokal enhet av den (PART_OF myndigheten).",
        "schema.label.Organization": (
            "Varje annan aktör: regionala organ, företag, föreningar, utbildning, kommunala enheter. "
            "resolved = false när källan inte säger vilken aktör det är."
        ),
        "schema.label.Fund": "En EU-fond eller ett program (ESF, ESF+, AMIF) som beviljar stöd.",
        "schema.label.Document": "En källa: ett dokument, en webbsida eller en rad i ett kalkylark.",
        "schema.rel.OWNS": "Aktören äger projektet (projektägare).",
        "schema.rel.PARTICIPATES_IN": "Aktören deltar i projektet, i en roll.",
        "schema.rel.FUNDS": "Fonden beviljar projektet stöd; beloppet står på relationen.",
        "schema.rel.CO_FUNDS": "Aktören medfinansierar projektet; beloppet när källan anger det.",
        "schema.rel.COLLABORATES_WITH": "Två projekt samverkar.",
        "schema.rel.BUILDS_ON": "Projektet bygger på ett tidigare projekt (pilen pekar bakåt i tiden).",
        "schema.rel.IN_COUNTY": (
            "Aktören ligger i länet; ett projekt ligger i varje län där en aktör som äger, deltar i eller "
            "medfinansierar det ligger (summor per län räknar då ett projekt i flera län i vart och ett)."
        ),
        "schema.rel.PART_OF": "En enhet är del av en myndighet, eller en förvaltning del av sin kommun.",
        "schema.rel.DESCRIBED_IN": "Projektet beskrivs i dokumentet.",
        "schema.prop.id": "Unikt id med prefix för sin sort.",
        "schema.prop.name": "Namnet som visas.",
        "schema.prop.note": "Anteckning från den som registrerade uppgiften.",
        "schema.prop.synthetic": "Sant i genererade testnätverk.",
        "schema.prop.county_code": 'Länets kod med två siffror, t.ex. "20" för Dalarna.',
        "schema.prop.kind": "Sorts aktör, ur en fast lista.",
        "schema.prop.lat": "Latitud (WGS 84).",
        "schema.prop.lon": "Longitud (WGS 84).",
        "schema.prop.sources": "Id för dokumenten som relationen kommer från.",
        "schema.prop.evidence": "Meningen (eller fil, blad och rad) som varje källa säger det i, i samma ordning.",
        "schema.prop.amount_sek": "Belopp i kronor, när källan anger det.",
        "schema.prop.role": "Rollen i projektet, t.ex. partner eller kommun.",
        "schema.Project.summary": "Kort beskrivning.",
        "schema.Project.start": "Startdatum (ett DATE); känt bara till månad eller år är det periodens första dag.",
        "schema.Project.start_precision": "month eller year när start bara är känt till månad eller år; saknas annars.",
        "schema.Project.end": "Slutdatum (ett DATE); känt bara till månad eller år är det periodens sista dag.",
        "schema.Project.end_precision": "month eller year när end bara är känt till månad eller år; saknas annars.",
        "schema.Project.status": "planned, ongoing eller completed.",
        "schema.Project.phase": "Fas enligt källan (förstudie, genomförande …).",
        "schema.Project.programme_area": "Programområde i ESF.",
        "schema.Project.esf_region": "ESF-region (programregion).",
        "schema.Project.unattributed_grant_sek": (
            "Beviljat stöd vars fond källan inte anger; ett fondstöd står på FUNDS.amount_sek, aldrig här."
        ),
        "schema.Project.total_budget_sek": "Total projektbudget i kronor.",
        "schema.Municipality.code": 'Kommunkod från SCB med fyra siffror, som text: "0780".',
        "schema.Municipality.official_name": "Officiellt namn, t.ex. Växjö kommun.",
        "schema.County.code": 'Länskod med två siffror, som text: "07".',
        "schema.County.short_name": "Kort namn, t.ex. Kronoberg.",
        "schema.County.letter": "Länsbokstav, t.ex. G.",
        "schema.Agency.county_code": "Länet för en regional enhet (t.ex. en länsstyrelse).",
        "schema.Organization.resolved": "Falskt när källan inte säger vilken aktör det är.",
        "schema.Fund.programme": "Programmet, t.ex. ESF 2014–2020; skiljer fonder med samma namn åt.",  # noqa: RUF001
        "schema.Fund.first_year": "Programmets första år.",
        "schema.Fund.last_year": "Programmets sista år.",
        "schema.Document.title": "Dokumentets titel.",
        "schema.Document.publisher": "Utgivaren.",
        "schema.Document.published": "Publiceringsdatum (ett DATE).",
        "schema.Document.published_precision": "month eller year när datumet bara är känt till månad eller år.",
        "schema.Document.url": "Webbadress.",
        "schema.Document.format": "Filformat (text/plain, text/html, application/pdf …).",
        "schema.Document.file": "Filen under data/documents/.",
        "schema.Document.sheet": "Bladet i arbetsboken för en rad ur ett kalkylark.",
        "schema.Document.row": "Raden i bladet eller CSV-filen.",
    },
    "en": {
        "schema": "Schema",
        "schema_title": "The graph's schema",
        "schema_intro": (
            "The labels, relationship types and properties of the graph as it is in Neo4j, with what they mean. "
            "Every node has one label, its kind, and a unique id that starts with the kind's prefix. Click a label "
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
        "history": "History",
        "history_help": "Your latest queries, kept in this browser. Click one to put it back.",
        "history_empty": "No queries yet.",
        "history_clear": "Clear the history",
        "sidebar_labels": "Labels",
        "sidebar_types": "Relationship types",
        "sidebar_properties": "Properties",
        "sidebar_properties_count": "{n} properties",
        "insert": "Insert {text} into the query",
        "explain": "Plan (EXPLAIN)",
        "profile": "Profile (PROFILE)",
        "explain_help": (
            "EXPLAIN shows the plan without running the query; PROFILE runs it under the same limits and counts "
            "rows and database hits in every step."
        ),
        "plan": "Query plan",
        "plan_explained": "The plan of the query; it did not run. Estimated rows per step.",
        "plan_profiled": "Profile: {hits} database hits in all steps.",
        "plan_rows": "{n} rows",
        "plan_hits": "{n} db hits",
        "plan_estimated": "est. {n} rows",
        "plan_memory": "{n} bytes of memory",
        "plan_settings": "Runtime {runtime}, planner {planner}, Cypher {version}",
        "params_form": "Parameters",
        "params_none": "The query has no parameters ($name).",
        "params_declared": "the type from the query's header (// @param)",
        "param_type": "Type of {name}",
        "params_from_schema": "the type from the schema ({property})",
        "params_mismatch": (
            "Parameter {name} is {given} but is compared with {property}, which is {expected} in the schema."
        ),
        "download_xlsx": "Rows (Excel, XLSX)",
        "download_csv_flat": "Rows (CSV, one column per property)",
        "run_disabled": "Running is off until graphapp uses Neo4j (see above).",
        "node_details_help": "Click a node to see its details here.",
        "error.refused": "The workbench runs only queries that read, and this one was refused.",
        "error.syntax": "Neo4j could not read the query. Where the mistake is, Neo4j's text below says.",
        "error.read_only": "The query tries to change the graph, but the workbench runs only queries that read.",
        "error.parameter_missing": "The query uses a parameter that was given no value.",
        "error.parameters": "A parameter has the wrong type or is missing: give it as the query says.",
        "error.type": "A value has a type the function or operator does not take.",
        "error.unknown": "The query names a function, procedure, variable or label that does not exist.",
        "error.timeout": "The query ran longer than the limit and was stopped. Narrow it, e.g. with LIMIT or WHERE.",
        "error.memory": "The query needed more memory than one query may use. Narrow it.",
        "error.neo4j_needed": "Cypher needs Neo4j; graphapp now runs the embedded store.",
        "error.unavailable": "Neo4j does not answer right now. Try again in a while.",
        "error.other": "The query could not run.",
        "error.server_text": "The server's answer (Neo4j's text)",
        "error.line": "Line {line} of the query",
        "completion.label": "label",
        "completion.type": "relationship type",
        "completion.property": "property",
        "completion.parameter": "parameter",
        "completion.function": "function",
        "completion.keyword": "keyword",
        "completion.saved": "saved query",
        "schema.label.Project": "A project with its owner, participants and funders.",
        "schema.label.Municipality": "One of Sweden's 290 municipalities, with its SCB code and coordinates.",
        "schema.label.County": "One of the 21 counties.",
        "schema.label.Agency": "A national agency, or a local unit of one (PART_OF the agency).",
        "schema.label.Organization": (
            "Any other actor: regional bodies, companies, associations, education, municipal units. "
            "resolved = false when the source does not say which actor it is."
        ),
        "schema.label.Fund": "An EU fund or programme (ESF, ESF+, AMIF) that grants money.",
        "schema.label.Document": "A source: a document, a web page or a row of a spreadsheet.",
        "schema.rel.OWNS": "The actor owns the project (project owner).",
        "schema.rel.PARTICIPATES_IN": "The actor takes part in the project, in a role.",
        "schema.rel.FUNDS": "The fund grants the project money; the amount is on the relationship.",
        "schema.rel.CO_FUNDS": "The actor co-funds the project; the amount when the source states it.",
        "schema.rel.COLLABORATES_WITH": "Two projects collaborate.",
        "schema.rel.BUILDS_ON": "The project builds on an earlier one (the arrow points back in time).",
        "schema.rel.IN_COUNTY": (
            "The actor lies in the county; a project lies in each county where an actor that owns, takes part in "
            "or co-funds it lies (per-county sums then count a project of several counties in each)."
        ),
        "schema.rel.PART_OF": "A unit is part of an agency, or a department part of its municipality.",
        "schema.rel.DESCRIBED_IN": "The project is described in the document.",
        "schema.prop.id": "Unique id with the prefix of its kind.",
        "schema.prop.name": "The name shown.",
        "schema.prop.note": "A note by whoever recorded the fact.",
        "schema.prop.synthetic": "True in generated test networks.",
        "schema.prop.county_code": 'The two-digit county code, e.g. "20" for Dalarna.',
        "schema.prop.kind": "The kind of actor, from a fixed list.",
        "schema.prop.lat": "Latitude (WGS 84).",
        "schema.prop.lon": "Longitude (WGS 84).",
        "schema.prop.sources": "Ids of the documents the relationship comes from.",
        "schema.prop.evidence": "The sentence (or file, sheet and row) each source says it in, in the same order.",
        "schema.prop.amount_sek": "Amount in kronor, when the source states it.",
        "schema.prop.role": "The role in the project, e.g. partner or municipality.",
        "schema.Project.summary": "A short description.",
        "schema.Project.start": "Start date (a DATE); known only to the month or year, it is the period's first day.",
        "schema.Project.start_precision": "month or year when start is known only to the month or year; else absent.",
        "schema.Project.end": "End date (a DATE); known only to the month or year, it is the period's last day.",
        "schema.Project.end_precision": "month or year when end is known only to the month or year; absent otherwise.",
        "schema.Project.status": "planned, ongoing or completed.",
        "schema.Project.phase": "Phase as the source gives it (pre-study, implementation …).",
        "schema.Project.programme_area": "ESF programme area.",
        "schema.Project.esf_region": "ESF region (programme region).",
        "schema.Project.unattributed_grant_sek": (
            "A grant whose fund the source does not name; a fund's grant is on FUNDS.amount_sek, never here."
        ),
        "schema.Project.total_budget_sek": "Total project budget in kronor.",
        "schema.Municipality.code": 'The four-digit SCB municipality code, as text: "0780".',
        "schema.Municipality.official_name": "Official name, e.g. Växjö kommun.",
        "schema.County.code": 'The two-digit county code, as text: "07".',
        "schema.County.short_name": "Short name, e.g. Kronoberg.",
        "schema.County.letter": "County letter, e.g. G.",
        "schema.Agency.county_code": "The county of a regional unit (such as a county administrative board).",
        "schema.Organization.resolved": "False when the source does not say which actor it is.",
        "schema.Fund.programme": "The programme, e.g. ESF 2014–2020; tells funds of the same name apart.",  # noqa: RUF001
        "schema.Fund.first_year": "The programme's first year.",
        "schema.Fund.last_year": "The programme's last year.",
        "schema.Document.title": "The document's title.",
        "schema.Document.publisher": "The publisher.",
        "schema.Document.published": "Date of publication (a DATE).",
        "schema.Document.published_precision": "month or year when the date is known only to the month or year.",
        "schema.Document.url": "Web address.",
        "schema.Document.format": "File format (text/plain, text/html, application/pdf …).",
        "schema.Document.file": "The file under data/documents/.",
        "schema.Document.sheet": "The sheet of the workbook, for a row of a spreadsheet.",
        "schema.Document.row": "The row of the sheet or CSV file.",
    },
}


def analyst_words(lang: str) -> dict[str, str]:
    """The words of the analyst's pages in ``lang`` (Swedish unless English is asked for)."""
    return dict(_WORDS[pick_lang(lang)])


def term(words: dict[str, str], owner: str, key: str) -> str:
    """What property ``key`` of label or relationship type ``owner`` means.

    >>> term(analyst_words("en"), "Municipality", "code")[:24], term(analyst_words("en"), "County", "lat")
    ('The four-digit SCB munic', 'Latitude (WGS 84).')
    """
    return words.get(f"schema.{owner}.{key}") or words.get(f"schema.prop.{key}", "")
