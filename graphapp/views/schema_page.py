"""The schema page at ``/schema`` and its JSON twin ``/schema.json``: the labels, relationship types and
properties of :mod:`graphapp.graph_schema`, what each means (:mod:`graphapp.views.analyst_words`) and a
glossary of the domain's Swedish terms, drawn as a small network (``schema.js``) and listed as text.
"""

from __future__ import annotations

from typing import Any

from graphapp.graph_schema import schema_dict
from graphapp.views.analyst_words import GLOSSARY, analyst_words, term
from graphapp.views.chrome import nav_items
from graphapp.views.escaping import script_json
from graphapp.views.html import template_environment
from graphapp.views.i18n import LANGS, kind_name, strings
from graphapp.views.network import EDGE_STYLES, STYLES
from graphapp.views.urls import Urls

__all__ = ["render_schema", "schema_payload"]


def schema_payload(lang: str) -> dict[str, Any]:
    """The schema with what each part means in ``lang``: the page's data and its JSON twin.

    >>> payload = schema_payload("en")
    >>> payload["labels"][1]["label"], payload["labels"][1]["properties"][2]["meaning"][:24]
    ('Municipality', 'The four-digit SCB munic')
    """
    words = analyst_words(lang)
    schema = schema_dict()
    labels = [
        {
            **spec,
            "name": kind_name(spec["kind"], lang),
            "meaning": words.get(f"schema.label.{spec['label']}", ""),
            "properties": [{**p, "meaning": term(words, spec["label"], p["key"])} for p in spec["properties"]],
        }
        for spec in schema["labels"]
    ]
    relationships = [
        {
            **spec,
            "meaning": words.get(f"schema.rel.{spec['type']}", ""),
            "properties": [{**p, "meaning": term(words, spec["type"], p["key"])} for p in spec["properties"]],
        }
        for spec in schema["relationships"]
    ]
    glossary = [{"sv": sv, "en": en, "graph": graph} for sv, en, graph in GLOSSARY]
    return {"labels": labels, "relationships": relationships, "glossary": glossary}


def render_schema(lang: str, urls: Urls) -> str:
    """The HTML of the schema page."""
    t = strings(lang)
    words = analyst_words(lang)
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
    config = {"lang": lang, "strings": t, "schema": payload, "styles": STYLES, "edgeStyles": EDGE_STYLES}
    return (
        template_environment()
        .get_template("schema.html")
        .render(
            lang=lang,
            other_lang=other,
            t=t,
            w=words,
            schema=payload,
            tries=tries,
            page_title=f"{words['schema_title']} – graphapp",  # noqa: RUF001 - a real dash
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
