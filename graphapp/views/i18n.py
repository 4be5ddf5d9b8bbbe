"""The words of the pages, in Swedish (the default) and English.

The language is chosen by the ``lang`` URL parameter so that a link, an embed
and a rendered file keep it. :func:`strings` gives one flat dict that the
template and ``explorer.js`` share.
"""

from __future__ import annotations

from graphapp.roles import Role, lookup

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "kind_name",
    "pick_lang",
    "prop_name",
    "rel_name",
    "role_name",
    "strings",
    "value_name",
]

DEFAULT_LANG = "sv"
LANGS = ("sv", "en")

_STRINGS: dict[str, dict[str, str]] = {
    "sv": {
        "app_title": "graphapp – samverkan kring etablering",  # noqa: RUF001 - a real dash
        "skip_to_table": "Hoppa till tabellen",
        "search_label": "Sök aktör eller projekt",
        "search_placeholder": "t.ex. Växjö, Arbetsförmedlingen …",
        "search_none": "Inga träffar",
        "filters": "Filter",
        "county": "Län",
        "any_county": "Alla län",
        "fund": "Fond",
        "any_fund": "Alla fonder",
        "period": "Period (år)",
        "from_year": "Från år",
        "to_year": "Till år",
        "kinds": "Typer av aktörer",
        "layout": "Layout",
        "layout_force": "Nätverk",
        "layout_geo": "Geografisk",
        "apply": "Visa",
        "views": "Vyer",
        "view_overview": "Hela nätverket",
        "view_actor": "Aktörens nätverk",
        "view_project": "Projekt och dess koalition",
        "view_county": "Län",
        "view_projection": "Kommunernas samverkan",
        "view_timeline": "Tidslinje",
        "timeline": "Tidslinje",
        "timeline_group": "Rader efter",
        "group_owner": "projektägare",
        "group_county": "län",
        "group_fund": "fond",
        "no_owner": "Ingen ägare angiven",
        "no_fund": "Ingen fond angiven",
        "no_row_county": "Inget län",
        "undated": "Utan period",
        "undated_help": "Projekt vars källor inte anger någon period placeras inte på tidslinjen utan listas här.",
        "timeline_help": (
            "Staplarna visar projektens perioder, färgade efter fond; pilarna går från ett projekt till det som det "
            "bygger på eller samverkar med. Klicka på en stapel (eller Tab och Enter) för detaljer."
        ),
        "timeline_label": "Tidslinje över projekt",
        "timeline_summarised": (
            "{n} projekt med period: raderna visar hur många projekt som pågick varje år. Välj ett län, en fond "
            "eller en aktör för att se varje projekt."
        ),
        "timeline_others": "{n} andra",
        "timeline_empty": "Inga projekt matchar filtren.",
        "timeline_actor": "Aktör",
        "timeline_all_actors": "Visa alla aktörer",
        "year_group": "Nätverket år för år",
        "year_label": "År",
        "year_play": "Spela upp",
        "year_pause": "Pausa",
        "year_all": "Alla år",
        "year_new_legend": "ny det året",
        "year_new": "Ny {year}",
        "year_title": "{title}, {year}",
        "year_status": "År {year}. Projekt: {projects}, aktörer: {actors}, nya det året (med ring): {n}.",
        "year_status_all": "Alla år. Projekt: {projects}, aktörer: {actors}.",
        "year_help": (
            "Välj ett år för att se partnerskapet som det såg ut då: projekten som pågick det året och deras "
            "aktörer, där de står i hela nätverket. Det som var nytt det året har en ring."
        ),
        "year_undated": "Projekt utan känd period ({n} här) visas aldrig i ett enskilt år.",
        "year_county": "Länets kommuner visas alla år.",
        "year_summarised": (
            "Nätverket {year}. Ett nätverk som sammanfattas per län har inget årsreglage: välj ett län eller en "
            "fond för att se det år för år."
        ),
        "fund_legend": "Färg efter fond",
        "open_project_network": "Öppna projektets nätverk",
        "lineage_builds_on": "Bygger på",
        "lineage_built_on_by": "Byggs vidare av",
        "lineage_collaborates": "Samverkar med",
        "lineage_collaborated_by": "Samverkan från",
        "links_between": "Länkar mellan projekt",
        "dated_projects": "Projekt med period",
        "undated_projects": "Projekt utan period",
        "col_project": "Projekt",
        "col_period": "Period",
        "col_row": "Rad",
        "col_owner": "Ägare",
        "col_lineage": "Bygger på / samverkar med",
        "col_total": "Projekt totalt",
        "row_summary": "Projekt per år",
        "period_open": "pågår",
        "precision_note": "Datum som bara är kända till år eller månad visas så, utan påhittad dag.",
        "download_projects_csv": "Projekt (CSV)",
        "download_links_csv": "Länkar (CSV)",
        "history": "Historik",
        "history_chart": "Projekt och nya partner per år",
        "history_year": "År",
        "history_running": "Pågående projekt",
        "history_started": "Startade",
        "history_gained": "Nya partner",
        "history_none": "Aktören har inga projekt med period.",
        "history_undated": "{n} projekt utan period räknas inte in.",
        "history_partners": "{n} partner totalt.",
        "history_timeline": "Visa aktörens projekt på tidslinjen",
        "month.1": "januari",
        "month.2": "februari",
        "month.3": "mars",
        "month.4": "april",
        "month.5": "maj",
        "month.6": "juni",
        "month.7": "juli",
        "month.8": "augusti",
        "month.9": "september",
        "month.10": "oktober",
        "month.11": "november",
        "month.12": "december",
        "curate": "Granska och importera",
        "network": "Nätverk",
        "network_help": "Klicka på en nod för detaljer, dubbelklicka för att visa dess grannar.",
        "legend": "Teckenförklaring",
        "legend_lines": "Linjer",
        "relayout": "Ordna om",
        "details": "Detaljer",
        "details_empty": "Välj en nod i nätverket eller i tabellen.",
        "properties": "Egenskaper",
        "partners": "Partner och kopplingar",
        "funding": "Finansiering",
        "sources": "Källor",
        "no_sources": "Ingen källa angiven",
        "by_hand_source": "tillagt för hand av granskaren",
        "open_view": "Visa nätverket runt noden",
        "expand": "Visa grannar",
        "expanded": "Lade till {n} noder",
        "path_finder": "Hitta kopplingen mellan två aktörer",
        "path_from": "Från",
        "path_to": "Till",
        "path_find": "Hitta väg",
        "path_none": "Ingen koppling hittades",
        "path_found": "Kortaste väg: {n} steg",
        "table": "Tabell över noder och relationer",
        "nodes": "Noder",
        "relationships": "Relationer",
        "name": "Namn",
        "kind": "Typ",
        "id": "Id",
        "degree": "Kopplingar",
        "type": "Relation",
        "start": "Från",
        "end": "Till",
        "table_cut": "Tabellen visar de första {shown} av {total}; hela datat finns som JSON.",
        "large_server": "Nätverket har {n} noder: layouten är beräknad på servern och fysiksimuleringen är avstängd.",
        "merged_lines": (
            "Relationer mellan samma två noder ritas som en linje ({rels} relationer, {lines} linjer); "
            "detaljerna om en nod visar var och en av dess relationer."
        ),
        "large_aggregated": (
            "Nätverket var för stort och visas sammanfattat per län; dubbelklicka på ett län för att öppna det."
        ),
        "aggregate_counts": "{actors} aktörer · {projects} projekt",
        "no_county": "Utan län (nationella m.fl.)",
        "open_county": "Öppna länets nätverk",
        "truncated": "Resultatet är avkortat av en gräns.",
        "geo_note": (
            "Kommuner ligger inom sina gränser; övriga aktörer nära sina partner, på sitt eget läns mark; "
            "fonder och nationella aktörer vid sidan av kartan."
        ),
        "map_strip": "Utan plats på kartan",
        "embed": "Bädda in",
        "embed_help": "Kopiera koden och klistra in den på din webbsida.",
        "copy": "Kopiera",
        "copied": "Kopierat",
        "json": "Data som JSON",
        "open_full": "Öppna i graphapp",
        "language": "Language: English",
        "error": "Fel",
        "loading": "Laddar …",
        "weight": "Gemensamma projekt",
        "amount": "Belopp (kr)",
        "raw_values": "Råa värden (id och nycklar)",
        "yes": "ja",
        "no": "nej",
        "sek": "{amount}\u00a0kr",
        "download": "Ladda ner",
        "download_png": "Bild (PNG)",
        "download_svg": "Bild (SVG)",
        "download_nodes_csv": "Noder (CSV)",
        "download_rels_csv": "Relationer (CSV)",
        "download_xlsx": "Tabeller (Excel)",
        "download_csv": "Rader (CSV)",
        "download_rows_xlsx": "Rader (Excel)",
        "download_json": "Rader (JSON)",
        "map_credit_label": "Karta",
        "path_name_help": "Skriv ett namn och välj bland förslagen.",
        "path_unknown": "Hittar ingen aktör som heter {name}",
        "workbench": "Frågebänk",
        "schema": "Schema",
        "workbench_title": "Frågebänk för Cypher",
        "explorer": "Utforska nätverket",
        "library": "Sparade frågor",
        "library_help": "Välj en fråga, fyll i dess parametrar och kör.",
        "parameters": "Parametrar",
        "no_parameters": "Frågan har inga parametrar.",
        "run": "Kör",
        "editor": "Egen fråga (Cypher, bara läsning)",
        "editor_label": "Cypher",
        "editor_params": 'Parametrar som JSON, t.ex. {"code": "0780"}',
        "editor_help": "Ctrl+Enter kör frågan. Tab flyttar fokus vidare; Esc och sedan Tab om redigeraren fångat den.",
        "limits": "Gränser",
        "limit_read": "Frågor körs i läsläge: de kan inte ändra något.",
        "limit_timeout": "Längsta körtid: {seconds} s.",
        "limit_rows": "Högst {rows} rader.",
        "limit_refused": (
            "Tillåtet: en sats som börjar med MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL eller SHOW "
            "(index, villkor, funktioner, procedurer), gärna efter CYPHER-val och EXPLAIN eller PROFILE; Neo4js "
            "inbyggda funktioner; procedurerna {procedures}. Allt annat nekas med sitt namn, liksom nästling "
            "djupare än {nesting} nivåer och frågor över {chars} tecken."
        ),
        "limit_params": "Värden skickas som parametrar ($namn), inte inskrivna i texten.",
        "results": "Resultat",
        "results_none": "Ingen fråga har körts än.",
        "results_count": "{rows} rader",
        "results_truncated": "Resultatet kapades vid radgränsen.",
        "results_empty": "Frågan gav inga rader.",
        "result_network": "Nätverk av resultatets noder",
        "result_table": "Rader",
        "share": "Länk till resultatet",
        "share_help": "Länken kör samma fråga med samma parametrar.",
        "embed_saved_only": "Bara sparade frågor kan bäddas in.",
        "running": "Kör …",
        "query_error": "Frågan kunde inte köras",
        "neo4j_needed": "Cypher kräver Neo4j",
        "neo4j_needed_help": (
            "graphapp kör nu den inbyggda lagringen (networkx), som inte tolkar Cypher. "
            "Starta Neo4j och peka graphapp dit, läs in data och öppna sidan igen:"
        ),
        "neo4j_start_local": "Utan Docker (Java 17):",
        "neo4j_start_docker": "Med Docker:",
        "param_invalid": "Parametern {name} ska vara {type}: {value}",
        "open_in_workbench": "Öppna i frågebänken",
        "type.string": "text",
        "type.integer": "heltal",
        "type.float": "tal",
        "type.boolean": "sant/falskt",
        "type.list": "lista (JSON)",
        "type.map": "map (JSON)",
    },
    "en": {
        "app_title": "graphapp – partnerships for integration",  # noqa: RUF001 - a real dash
        "skip_to_table": "Skip to the table",
        "search_label": "Search an actor or project",
        "search_placeholder": "e.g. Växjö, Arbetsförmedlingen …",
        "search_none": "No matches",
        "filters": "Filters",
        "county": "County",
        "any_county": "All counties",
        "fund": "Fund",
        "any_fund": "All funds",
        "period": "Period (years)",
        "from_year": "From year",
        "to_year": "To year",
        "kinds": "Kinds of actors",
        "layout": "Layout",
        "layout_force": "Network",
        "layout_geo": "Geographic",
        "apply": "Show",
        "views": "Views",
        "view_overview": "Whole network",
        "view_actor": "Actor's network",
        "view_project": "Project and its coalition",
        "view_county": "County",
        "view_projection": "Municipal collaboration",
        "view_timeline": "Timeline",
        "timeline": "Timeline",
        "timeline_group": "Rows by",
        "group_owner": "project owner",
        "group_county": "county",
        "group_fund": "fund",
        "no_owner": "No owner given",
        "no_fund": "No fund given",
        "no_row_county": "No county",
        "undated": "Without a period",
        "undated_help": "Projects whose sources give no period are not placed on the timeline but listed here.",
        "timeline_help": (
            "Bars show the projects' periods, coloured by fund; arrows run from a project to the one it builds on "
            "or collaborates with. Click a bar (or Tab and Enter) for details."
        ),
        "timeline_label": "Timeline of projects",
        "timeline_summarised": (
            "{n} projects with a period: the rows show how many projects ran each year. Choose a county, a fund "
            "or an actor to see every project."
        ),
        "timeline_others": "{n} others",
        "timeline_empty": "No project matches the filters.",
        "timeline_actor": "Actor",
        "timeline_all_actors": "Show every actor",
        "year_group": "The network year by year",
        "year_label": "Year",
        "year_play": "Play",
        "year_pause": "Pause",
        "year_all": "All years",
        "year_new_legend": "new that year",
        "year_new": "New in {year}",
        "year_title": "{title}, {year}",
        "year_status": "Year {year}. Projects: {projects}, actors: {actors}, new that year (ringed): {n}.",
        "year_status_all": "All years. Projects: {projects}, actors: {actors}.",
        "year_help": (
            "Choose a year to see the partnership as it stood then: the projects running that year and their "
            "actors, where they stand in the whole network. What was new that year has a ring."
        ),
        "year_undated": "Projects without a known period ({n} here) are never shown in a single year.",
        "year_county": "The county's municipalities are shown in every year.",
        "year_summarised": (
            "The network in {year}. A network summarised by county has no year slider: choose a county or a fund "
            "to see it year by year."
        ),
        "fund_legend": "Colour by fund",
        "open_project_network": "Open the project's network",
        "lineage_builds_on": "Builds on",
        "lineage_built_on_by": "Built on by",
        "lineage_collaborates": "Collaborates with",
        "lineage_collaborated_by": "Collaboration from",
        "links_between": "Links between projects",
        "dated_projects": "Projects with a period",
        "undated_projects": "Projects without a period",
        "col_project": "Project",
        "col_period": "Period",
        "col_row": "Row",
        "col_owner": "Owner",
        "col_lineage": "Builds on / collaborates with",
        "col_total": "Projects in all",
        "row_summary": "Projects per year",
        "period_open": "ongoing",
        "precision_note": "Dates known only to the year or month are shown so, with no invented day.",
        "download_projects_csv": "Projects (CSV)",
        "download_links_csv": "Links (CSV)",
        "history": "History",
        "history_chart": "Projects and new partners per year",
        "history_year": "Year",
        "history_running": "Running projects",
        "history_started": "Started",
        "history_gained": "New partners",
        "history_none": "The actor has no project with a period.",
        "history_undated": "{n} projects without a period are not counted.",
        "history_partners": "{n} partners in all.",
        "history_timeline": "Show the actor's projects on the timeline",
        "month.1": "January",
        "month.2": "February",
        "month.3": "March",
        "month.4": "April",
        "month.5": "May",
        "month.6": "June",
        "month.7": "July",
        "month.8": "August",
        "month.9": "September",
        "month.10": "October",
        "month.11": "November",
        "month.12": "December",
        "curate": "Review and import",
        "network": "Network",
        "network_help": "Click a node for details, double-click to show its neighbours.",
        "legend": "Legend",
        "legend_lines": "Lines",
        "relayout": "Lay out again",
        "details": "Details",
        "details_empty": "Choose a node in the network or in the table.",
        "properties": "Properties",
        "partners": "Partners and links",
        "funding": "Funding",
        "sources": "Sources",
        "no_sources": "No source given",
        "by_hand_source": "added by hand by the curator",
        "open_view": "Show the network around this node",
        "expand": "Show neighbours",
        "expanded": "Added {n} nodes",
        "path_finder": "Find how two actors are connected",
        "path_from": "From",
        "path_to": "To",
        "path_find": "Find path",
        "path_none": "No connection found",
        "path_found": "Shortest path: {n} steps",
        "table": "Table of nodes and relationships",
        "nodes": "Nodes",
        "relationships": "Relationships",
        "name": "Name",
        "kind": "Kind",
        "id": "Id",
        "degree": "Links",
        "type": "Relationship",
        "start": "From",
        "end": "To",
        "table_cut": "The table shows the first {shown} of {total}; all data is in the JSON.",
        "large_server": "The network has {n} nodes: its layout was computed on the server and physics is off.",
        "merged_lines": (
            "Relationships between the same two nodes are drawn as one line ({rels} relationships, {lines} lines); "
            "a node's details list each of its relationships."
        ),
        "large_aggregated": "The network was too large and is summarised by county; double-click a county to open it.",
        "aggregate_counts": "{actors} actors · {projects} projects",
        "no_county": "No county (national bodies etc.)",
        "open_county": "Open the county's network",
        "truncated": "A limit cut this result.",
        "geo_note": (
            "Municipalities sit within their borders; other actors near their partners, on their own county's "
            "land; funds and national bodies beside the map."
        ),
        "map_strip": "Not on the map",
        "embed": "Embed",
        "embed_help": "Copy the code and paste it into your web page.",
        "copy": "Copy",
        "copied": "Copied",
        "json": "Data as JSON",
        "open_full": "Open in graphapp",
        "language": "Språk: svenska",
        "error": "Error",
        "loading": "Loading …",
        "weight": "Shared projects",
        "amount": "Amount (SEK)",
        "raw_values": "Raw values (ids and keys)",
        "yes": "yes",
        "no": "no",
        "sek": "SEK\u00a0{amount}",
        "download": "Download",
        "download_png": "Picture (PNG)",
        "download_svg": "Picture (SVG)",
        "download_nodes_csv": "Nodes (CSV)",
        "download_rels_csv": "Relationships (CSV)",
        "download_xlsx": "Tables (Excel)",
        "download_csv": "Rows (CSV)",
        "download_rows_xlsx": "Rows (Excel)",
        "download_json": "Rows (JSON)",
        "map_credit_label": "Map",
        "path_name_help": "Type a name and pick one of the suggestions.",
        "path_unknown": "No actor named {name}",
        "workbench": "Query workbench",
        "schema": "Schema",
        "workbench_title": "Cypher workbench",
        "explorer": "Explore the network",
        "library": "Saved queries",
        "library_help": "Choose a query, fill in its parameters and run it.",
        "parameters": "Parameters",
        "no_parameters": "This query takes no parameters.",
        "run": "Run",
        "editor": "Your own query (Cypher, read only)",
        "editor_label": "Cypher",
        "editor_params": 'Parameters as JSON, e.g. {"code": "0780"}',
        "editor_help": "Ctrl+Enter runs the query. Tab moves focus on; Esc then Tab if the editor kept it.",
        "limits": "Limits",
        "limit_read": "Queries run in read mode: they cannot change anything.",
        "limit_timeout": "Longest run time: {seconds} s.",
        "limit_rows": "At most {rows} rows.",
        "limit_refused": (
            "Allowed: one statement starting with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL or SHOW "
            "(indexes, constraints, functions, procedures), after CYPHER options and EXPLAIN or PROFILE if you "
            "like; Neo4j's built-in functions; the procedures {procedures}. Anything else is refused with its "
            "name, as is nesting deeper than {nesting} levels and queries over {chars} characters."
        ),
        "limit_params": "Values go in as parameters ($name), not written into the text.",
        "results": "Results",
        "results_none": "No query has run yet.",
        "results_count": "{rows} rows",
        "results_truncated": "The result was cut at the row limit.",
        "results_empty": "The query returned no rows.",
        "result_network": "Network of the result's nodes",
        "result_table": "Rows",
        "share": "Link to this result",
        "share_help": "The link runs the same query with the same parameters.",
        "embed_saved_only": "Only saved queries can be embedded.",
        "running": "Running …",
        "query_error": "The query could not run",
        "neo4j_needed": "Cypher needs Neo4j",
        "neo4j_needed_help": (
            "graphapp now runs on the embedded store (networkx), which does not read Cypher. "
            "Start Neo4j, point graphapp at it, load the data and open this page again:"
        ),
        "neo4j_start_local": "Without Docker (Java 17):",
        "neo4j_start_docker": "With Docker:",
        "param_invalid": "Parameter {name} must be {type}: {value}",
        "open_in_workbench": "Open in the workbench",
        "type.string": "text",
        "type.integer": "whole number",
        "type.float": "number",
        "type.boolean": "true/false",
        "type.list": "list (JSON)",
        "type.map": "map (JSON)",
    },
}

_KINDS = {
    "sv": {
        "project": "Projekt",
        "municipality": "Kommun",
        "county": "Län",
        "agency": "Myndighet",
        "organization": "Organisation",
        "fund": "Fond",
        "document": "Dokument",
    },
    "en": {
        "project": "Project",
        "municipality": "Municipality",
        "county": "County",
        "agency": "Agency",
        "organization": "Organisation",
        "fund": "Fund",
        "document": "Document",
    },
}

_RELS = {
    "sv": {
        "OWNS": "äger",
        "PARTICIPATES_IN": "deltar i",
        "FUNDS": "finansierar",
        "CO_FUNDS": "medfinansierar",
        "COLLABORATES_WITH": "samverkar med",
        "BUILDS_ON": "bygger på",
        "IN_COUNTY": "ligger i",
        "PART_OF": "del av",
        "DESCRIBED_IN": "beskrivs i",
        "SHARES_PROJECTS": "delar projekt med",
    },
    "en": {
        "OWNS": "owns",
        "PARTICIPATES_IN": "takes part in",
        "FUNDS": "funds",
        "CO_FUNDS": "co-funds",
        "COLLABORATES_WITH": "collaborates with",
        "BUILDS_ON": "builds on",
        "IN_COUNTY": "is in",
        "PART_OF": "part of",
        "DESCRIBED_IN": "described in",
        "SHARES_PROJECTS": "shares projects with",
    },
}

#: A relationship as read from each of its ends, around the other end's name: (from the start, from the
#: end). "Connecting people: Ägs av Sunne"; "Sunne: Äger Connecting people".
_REL_PHRASES = {
    "sv": {
        "OWNS": ("Äger {name}", "Ägs av {name}"),
        "PARTICIPATES_IN": ("Deltar i {name}", "{name} deltar"),
        "FUNDS": ("Finansierar {name}", "Finansieras av {name}"),
        "CO_FUNDS": ("Medfinansierar {name}", "Medfinansieras av {name}"),
        "COLLABORATES_WITH": ("Samverkar med {name}", "Samverkar med {name}"),
        "BUILDS_ON": ("Bygger på {name}", "{name} bygger vidare på detta"),
        "IN_COUNTY": ("Ligger i {name}", "Omfattar {name}"),
        "PART_OF": ("Del av {name}", "Har enheten {name}"),
        "DESCRIBED_IN": ("Beskrivs i {name}", "Beskriver {name}"),
        "SHARES_PROJECTS": ("Delar projekt med {name}", "Delar projekt med {name}"),
    },
    "en": {
        "OWNS": ("Owns {name}", "Owned by {name}"),
        "PARTICIPATES_IN": ("Takes part in {name}", "{name} takes part"),
        "FUNDS": ("Funds {name}", "Funded by {name}"),
        "CO_FUNDS": ("Co-funds {name}", "Co-funded by {name}"),
        "COLLABORATES_WITH": ("Collaborates with {name}", "Collaborates with {name}"),
        "BUILDS_ON": ("Builds on {name}", "{name} builds on it"),
        "IN_COUNTY": ("Lies in {name}", "Includes {name}"),
        "PART_OF": ("Part of {name}", "Has the unit {name}"),
        "DESCRIBED_IN": ("Described in {name}", "Describes {name}"),
        "SHARES_PROJECTS": ("Shares projects with {name}", "Shares projects with {name}"),
    },
}


#: Property keys as words; a key missing here is shown as it is.
_PROPS = {
    "sv": {
        "summary": "Sammanfattning",
        "start": "Start",
        "end": "Slut",
        "period": "Projektperiod",
        "status": "Status",
        "phase": "Fas",
        "programme_area": "Programområde",
        "esf_region": "ESF-region",
        "grant_sek": "Beviljat stöd",
        "unattributed_grant_sek": "Beviljat stöd, fond ej angiven",
        "total_budget_sek": "Total projektbudget",
        "code": "Kod",
        "official_name": "Officiellt namn",
        "county_code": "Län",
        "short_name": "Kortnamn",
        "letter": "Länsbokstav",
        "lat": "Latitud",
        "lon": "Longitud",
        "kind": "Slag",
        "resolved": "Identifierad",
        "note": "Anmärkning",
        "programme": "Program",
        "first_year": "Första år",
        "last_year": "Sista år",
        "title": "Titel",
        "publisher": "Utgivare",
        "published": "Publicerad",
        "url": "Webbadress",
        "format": "Format",
        "file": "Fil",
        "role": "Roll",
        "amount_sek": "Belopp",
        "weight": "Gemensamma projekt",
        "actors": "Aktörer",
        "projects": "Projekt",
    },
    "en": {
        "summary": "Summary",
        "start": "Start",
        "end": "End",
        "period": "Project period",
        "status": "Status",
        "phase": "Phase",
        "programme_area": "Programme area",
        "esf_region": "ESF region",
        "grant_sek": "Grant awarded",
        "unattributed_grant_sek": "Grant awarded, fund not stated",
        "total_budget_sek": "Total project budget",
        "code": "Code",
        "official_name": "Official name",
        "county_code": "County",
        "short_name": "Short name",
        "letter": "County letter",
        "lat": "Latitude",
        "lon": "Longitude",
        "kind": "Kind",
        "resolved": "Identified",
        "note": "Note",
        "programme": "Programme",
        "first_year": "First year",
        "last_year": "Last year",
        "title": "Title",
        "publisher": "Publisher",
        "published": "Published",
        "url": "Web address",
        "format": "Format",
        "file": "File",
        "role": "Role",
        "amount_sek": "Amount",
        "weight": "Shared projects",
        "actors": "Actors",
        "projects": "Projects",
    },
}

#: Coded property values as words (``kind``, ``status``, ``role``); other values are shown as they are.
_VALUES = {
    "sv": {
        "employment": "arbetsförmedling",
        "migration": "migration",
        "county_board": "länsstyrelse",
        "social_insurance": "socialförsäkring",
        "fund_authority": "fondmyndighet",
        "regional_body": "regional aktör",
        "regional_growth": "regional tillväxt",
        "municipal_association": "kommunalförbund",
        "municipal_unit": "kommunal enhet",
        "social_services": "socialtjänst",
        "company": "företag",
        "bank": "bank",
        "ngo": "ideell organisation",
        "education": "utbildning",
        "foreign": "utländsk",
        "unknown": "okänd",
        "completed": "avslutat",
        "ongoing": "pågående",
    },
    "en": {
        "employment": "employment service",
        "migration": "migration",
        "county_board": "county administrative board",
        "social_insurance": "social insurance",
        "fund_authority": "fund authority",
        "regional_body": "regional body",
        "regional_growth": "regional growth",
        "municipal_association": "association of municipalities",
        "municipal_unit": "municipal unit",
        "social_services": "social services",
        "company": "company",
        "bank": "bank",
        "ngo": "non-profit organisation",
        "education": "education",
        "foreign": "foreign",
        "unknown": "unknown",
        "completed": "completed",
        "ongoing": "ongoing",
    },
}

#: The roles of :mod:`graphapp.roles`, as words.
_ROLES: dict[str, dict[Role, str]] = {
    "sv": {
        Role.OWNER: "projektägare",
        Role.FUNDER: "fond (beviljat stöd)",
        Role.CO_FUNDER: "medfinansiär",
        Role.MUNICIPALITY: "deltagande kommun",
        Role.PARTNER: "partner",
        Role.HOST: "värd",
        Role.SUB_PROJECT: "driver ett delprojekt",
        Role.STAKEHOLDER: "intressent",
        Role.DIALOGUE_PARTNER: "dialogpartner",
        Role.PARTICIPANT: "deltagare",
    },
    "en": {
        Role.OWNER: "project owner",
        Role.FUNDER: "fund (grant)",
        Role.CO_FUNDER: "co-funder",
        Role.MUNICIPALITY: "participating municipality",
        Role.PARTNER: "partner",
        Role.HOST: "host",
        Role.SUB_PROJECT: "runs a sub-project",
        Role.STAKEHOLDER: "stakeholder",
        Role.DIALOGUE_PARTNER: "dialogue partner",
        Role.PARTICIPANT: "participant",
    },
}


def pick_lang(value: str | None) -> str:
    """``value`` if it is a language we speak, else Swedish."""
    return value if value in LANGS else DEFAULT_LANG


def strings(lang: str) -> dict[str, str]:
    """Every page string plus ``kind.*``, ``rel.*``, ``rel_out.*`` / ``rel_in.*`` (a relationship read from its
    start / its end, around ``{name}``), ``prop.*`` (property keys) and ``value.*`` (coded values) names, for
    the template and the script."""
    lang = pick_lang(lang)
    out = dict(_STRINGS[lang])
    out.update({f"kind.{k}": v for k, v in _KINDS[lang].items()})
    out.update({f"rel.{k}": v for k, v in _RELS[lang].items()})
    out.update({f"rel_out.{k}": start for k, (start, _) in _REL_PHRASES[lang].items()})
    out.update({f"rel_in.{k}": end for k, (_, end) in _REL_PHRASES[lang].items()})
    out.update({f"prop.{k}": v for k, v in _PROPS[lang].items()})
    out.update({f"value.{k}": v for k, v in _VALUES[lang].items()})
    out.update({f"value.{k.value}": v for k, v in _ROLES[lang].items() if k.stored})
    out.update({f"role.{k.value}": v for k, v in _ROLES[lang].items()})
    return out


def kind_name(kind: str, lang: str) -> str:
    return _KINDS[pick_lang(lang)].get(kind, kind)


def rel_name(rel_type: str, lang: str) -> str:
    return _RELS[pick_lang(lang)].get(rel_type, rel_type)


def prop_name(key: str, lang: str) -> str:
    """A property key as a word, e.g. ``grant_sek`` -> "Beviljat stöd"; unknown keys as they are."""
    return _PROPS[pick_lang(lang)].get(key, key)


def value_name(value: str, lang: str) -> str:
    """A coded value as a word, e.g. ``county_board`` -> "länsstyrelse"; other values as they are."""
    lang = pick_lang(lang)
    if value in _VALUES[lang]:
        return _VALUES[lang][value]
    role = lookup(value)
    return _ROLES[lang][role] if role is not None and role.value == value else value


def role_name(role: Role | str, lang: str) -> str:
    """A role of the vocabulary as a word, e.g. ``co_funder`` -> "medfinansiär"; other text as it is."""
    found = lookup(role)
    return _ROLES[pick_lang(lang)][found] if found is not None else role
