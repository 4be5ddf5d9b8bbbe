"""The words of the pages, in Swedish (the default) and English.

The language is chosen by the ``lang`` URL parameter so that a link, an embed
and a rendered file keep it. :func:`strings` gives one flat dict that the
template and ``explorer.js`` share.
"""

from __future__ import annotations

__all__ = ["DEFAULT_LANG", "LANGS", "kind_name", "pick_lang", "rel_name", "strings"]

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
        "network": "Nätverk",
        "network_help": "Klicka på en nod för detaljer, dubbelklicka för att visa dess grannar.",
        "legend": "Teckenförklaring",
        "details": "Detaljer",
        "details_empty": "Välj en nod i nätverket eller i tabellen.",
        "properties": "Egenskaper",
        "partners": "Partner och kopplingar",
        "funding": "Finansiering",
        "sources": "Källor",
        "no_sources": "Ingen källa angiven",
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
        "geo_note": "Kommuner ligger på sina koordinater; övriga aktörer nära sina partner.",
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
        "network": "Network",
        "network_help": "Click a node for details, double-click to show its neighbours.",
        "legend": "Legend",
        "details": "Details",
        "details_empty": "Choose a node in the network or in the table.",
        "properties": "Properties",
        "partners": "Partners and links",
        "funding": "Funding",
        "sources": "Sources",
        "no_sources": "No source given",
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
        "geo_note": "Municipalities sit at their coordinates; other actors near their partners.",
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


def pick_lang(value: str | None) -> str:
    """``value`` if it is a language we speak, else Swedish."""
    return value if value in LANGS else DEFAULT_LANG


def strings(lang: str) -> dict[str, str]:
    """Every page string plus ``kind.*`` and ``rel.*`` names, for the template and the script."""
    lang = pick_lang(lang)
    out = dict(_STRINGS[lang])
    out.update({f"kind.{k}": v for k, v in _KINDS[lang].items()})
    out.update({f"rel.{k}": v for k, v in _RELS[lang].items()})
    return out


def kind_name(kind: str, lang: str) -> str:
    return _KINDS[pick_lang(lang)].get(kind, kind)


def rel_name(rel_type: str, lang: str) -> str:
    return _RELS[pick_lang(lang)].get(rel_type, rel_type)
