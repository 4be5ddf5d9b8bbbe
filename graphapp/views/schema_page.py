"""The schema page at ``/schema`` and its JSON twin ``/schema.json``: the labels, relationship types and
properties of :mod:`graphapp.graph_schema`, what each means (the catalogue's ``schema.*``) and a
glossary of the domain's Swedish terms, drawn as a small network (``schema.js``) and listed as text.

The glossary is content in two stated languages, the same on every page: a Swedish term of the data and the
English of the schema's names (its cells carry ``lang``).
"""

from __future__ import annotations

from typing import Any

from graphapp.graph_schema import schema_dict
from graphapp.views.chrome import nav_items
from graphapp.views.escaping import script_json
from graphapp.views.html import template_environment
from graphapp.views.i18n import LANGS, Words, cldr_locale, kind_name, words
from graphapp.views.network import EDGE_STYLES, STYLES
from graphapp.views.urls import Urls

__all__ = ["GLOSSARY", "render_schema", "schema_payload", "term"]

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


def schema_payload(lang: str) -> dict[str, Any]:
    """The schema with what each part means in ``lang``: the page's data and its JSON twin.

    >>> payload = schema_payload("en")
    >>> payload["labels"][1]["label"], payload["labels"][1]["properties"][2]["meaning"][:24]
    ('Municipality', 'The four-digit SCB munic')
    """
    t = words(lang)
    schema = schema_dict()
    labels = [
        {
            **spec,
            "name": kind_name(spec["kind"], lang),
            "meaning": t.get(f"schema.label.{spec['label']}", ""),
            "properties": [{**p, "meaning": term(t, spec["label"], p["key"])} for p in spec["properties"]],
        }
        for spec in schema["labels"]
    ]
    relationships = [
        {
            **spec,
            "meaning": t.get(f"schema.rel.{spec['type']}", ""),
            "properties": [{**p, "meaning": term(t, spec["type"], p["key"])} for p in spec["properties"]],
        }
        for spec in schema["relationships"]
    ]
    glossary = [{"sv": sv, "en": en, "graph": graph} for sv, en, graph in GLOSSARY]
    return {"labels": labels, "relationships": relationships, "glossary": glossary}


def render_schema(lang: str, urls: Urls) -> str:
    """The HTML of the schema page."""
    t = words(lang)
    payload = schema_payload(lang)
    other = next(code for code in LANGS if code != lang)
    tries = {
        **{
            spec["label"]: urls.workbench_adhoc(f"MATCH (n:{spec['label']}) RETURN n LIMIT 25", None, lang)
            for spec in payload["labels"]
        },
        **{
            spec["type"]: urls.workbench_adhoc(f"MATCH (a)-[r:{spec['type']}]->(b) RETURN a, r, b LIMIT 25", None, lang)
            for spec in payload["relationships"]
        },
    }
    config = {
        "lang": lang,
        "locale": cldr_locale(lang),
        "strings": dict(t),
        "schema": payload,
        "styles": STYLES,
        "edgeStyles": EDGE_STYLES,
    }
    return (
        template_environment()
        .get_template("schema.html")
        .render(
            lang=lang,
            other_lang=other,
            schema=payload,
            tries=tries,
            page_title=f"{t('schema_title')} – graphapp",  # noqa: RUF001 - a real dash
            nav=nav_items("schema", urls, lang),
            links={
                "home": urls.page("overview", None, lang),
                "other_lang": urls.schema(other),
                "json": urls.schema_json(),
                "search_action": None,
            },
            config_json=script_json(config),
            urls=urls,
        )
    )


def term(t: Words, owner: str, key: str) -> str:
    """What property ``key`` of label or relationship type ``owner`` means: its own meaning
    (``schema.<owner>.<key>``), else the meaning the property has wherever it is (``schema.prop.<key>``).

    >>> term(words("en"), "Municipality", "code")[:24], term(words("en"), "County", "lat")
    ('The four-digit SCB munic', 'Latitude (WGS 84).')
    """
    return t.get(f"schema.{owner}.{key}") or t.get(f"schema.prop.{key}", "")
