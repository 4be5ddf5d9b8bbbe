"""Render a view payload as HTML: the explorer, an embed or a standalone file.

One Jinja2 template (``graphapp/templates/page.html``, autoescape on) serves the
three ``chrome`` kinds. Data reaches the page script only through
:func:`~graphapp.views.escaping.script_json`. A standalone file inlines
vis-network, the script and the style, and allows exactly those by hash in its
Content-Security-Policy meta tag, so it works from ``file://`` with no network.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from graphapp.errors import GraphappError
from graphapp.model import FUNDING_TYPES, Label
from graphapp.store import GraphStore
from graphapp.views.aggregate import NO_COUNTY
from graphapp.views.basemap import MAP_STATIC_NAME, map_geojson
from graphapp.views.chrome import nav_items
from graphapp.views.escaping import script_json
from graphapp.views.formatting import properties_text, sources_text
from graphapp.views.html import (
    STATIC_DIR,
    TEMPLATES_DIR,
    Chrome,
    PageContext,
    filter_choices,
    iframe_snippet,
    inline_static,
    standalone_csp,
    table_downloads,
    template_environment,
)
from graphapp.views.i18n import LANGS, Words, cldr_locale, kind_name, rel_name, words
from graphapp.views.layout import hub_ids, projection_constants
from graphapp.views.messages import explain
from graphapp.views.network import EDGE_STYLES, STYLES, WEIGHT_WIDTH, drawn_by_page, kind_legend, line_legend, vis_data
from graphapp.views.params import VIEWS, ViewParams, parse_params
from graphapp.views.payload import page_payload
from graphapp.views.timeline_page import render_timeline
from graphapp.views.urls import Urls
from graphapp.views.years import at_year

__all__ = [
    "STATIC_DIR",
    "TEMPLATES_DIR",
    "Chrome",
    "PageContext",
    "iframe_snippet",
    "line_count",
    "render_error",
    "render_file",
    "render_page",
    "standalone_page",
]

#: Rows shown in each table of a page; the JSON twin has them all.
TABLE_ROWS = 1000


def render_page(payload: dict[str, Any], params: ViewParams, ctx: PageContext) -> str:
    """The HTML of ``payload`` (from :func:`~graphapp.views.payload.page_payload` with the same ``urls``
    and ``lang`` as ``ctx``)."""
    if payload["view"] == "timeline":
        return render_timeline(payload, params, ctx)
    t = words(ctx.lang)
    standalone = ctx.chrome == "standalone"
    if payload["aggregated"]:
        payload = _localized(payload, ctx.lang, standalone)
    view = payload["view"]
    heading = _heading(view, payload, t)
    legend = kind_legend({n["kind"] for n in payload["nodes"]}, ctx.lang)
    lines = line_legend({r["type"] for r in payload["relationships"]}, ctx.lang)
    counties, funds = filter_choices(ctx.reference_dir)
    geo = payload["layout"] == "geo"
    path_link = ctx.urls.path_link(view, params, ctx.lang)  # the page again, with a found path's ends
    config = {
        "lang": ctx.lang,
        "locale": cldr_locale(ctx.lang),
        "strings": dict(t),
        "api": None if standalone else ctx.urls.script_api(ctx.lang),  # a file has no server to ask
        "styles": STYLES,
        "edgeStyles": EDGE_STYLES,
        "fundingTypes": sorted(t.value for t in FUNDING_TYPES),
        "view": view,
        "links": None if standalone else ctx.urls.script_links(ctx.lang) | {"path": path_link},
        "title": heading,
        "legend": legend,
        "lines": lines,
        "hubs": sorted(hub_ids(payload["nodes"], payload["focus"])),
        "counties": {c["code"]: c["name"] for c in counties},
        "map": _map_config(payload, ctx, t) if geo else None,
        "tables": table_downloads(_at_its_year(payload), view, params, ctx),
        "weightWidth": WEIGHT_WIDTH,
    }
    graph = {
        "payload": _slim(payload) if drawn_by_page(payload) and not standalone else payload,
        "vis": vis_data(payload, ctx.lang),
    }
    inline = _inline_assets() if standalone else None
    other = next(lang for lang in LANGS if lang != ctx.lang)
    embed_url = Urls(ctx.public_origin).embed(view, params, ctx.lang)
    page_url = ctx.urls.page(view, params, ctx.lang)
    html = (
        template_environment()
        .get_template("page.html")
        .render(
            lang=ctx.lang,
            other_lang=other,
            chrome=ctx.chrome,
            view=view,
            params=params,
            page_title=f"{heading} – graphapp",  # noqa: RUF001 - a real dash
            heading=heading,
            notices=_notices(payload, t),
            legend=legend,
            lines=lines,
            nav=nav_items(_current(view, params), ctx.urls, ctx.lang) if view in VIEWS else [],
            links={
                "home": ctx.urls.page("overview", None, ctx.lang),
                "json": ctx.urls.json(view, params),
                "oembed": ctx.urls.oembed(page_url),
                "other_lang": ctx.urls.page(view, params, other),
                "filter_action": page_url.split("?")[0],
                "search_action": page_url.split("?")[0],
                "full": page_url,
            },
            counties=counties,
            funds=funds,
            kind_choices=[
                {"kind": label.kind, "label": kind_name(label.kind, ctx.lang), "checked": label in params.labels()}
                for label in Label
                if label is not Label.DOCUMENT
            ],
            table=_table(payload, ctx.lang, t),
            counts=_at_its_year(payload)["counts"],
            year_control=_year_control(payload, view, t),
            embed_snippet=iframe_snippet(embed_url, heading),
            graph_json=script_json(graph),
            config_json=script_json(config),
            urls=ctx.urls,
            inline=inline,
            csp_meta=_standalone_csp(inline) if inline else None,
            map_credit=config["map"]["credit"] if geo else None,
            map_json=_inline_map() if geo and standalone else None,
            path_from={"id": payload["focus"] or "", "name": payload["title"] or ""},
        )
    )
    return html


def render_file(
    store: GraphStore, view: str, query: dict[str, list[str]], lang: str, reference_dir: Path | None
) -> str:
    """The standalone HTML of a view (what ``graphapp render`` writes): no server to ask, no drill-down."""
    return standalone_page(store, view, query, lang, reference_dir)[0]


def standalone_page(
    store: GraphStore, view: str, query: dict[str, list[str]], lang: str, reference_dir: Path | None
) -> tuple[str, dict[str, Any]]:
    """:func:`render_file`'s HTML and the payload it draws (``graphapp render --tables`` writes its tables)."""
    params = parse_params(view, query)
    ctx = PageContext(urls=Urls(), chrome="standalone", lang=lang, reference_dir=reference_dir)
    payload = page_payload(store, view, params, ctx.urls, lang)
    return render_page(payload, params, ctx), _at_its_year(payload)


def _map_config(payload: dict[str, Any], ctx: PageContext, t: Words) -> dict[str, Any]:
    """What the page script needs to draw the map of a geographic view: where to fetch it (None: inlined in
    a file), its credit, its projection at the view's scale, and the strip beside it with its caption."""
    geo = payload.get("geo") or {}
    return {
        "url": None if ctx.chrome == "standalone" else ctx.urls.static(MAP_STATIC_NAME),
        "credit": t("map_credit"),
        "projection": projection_constants(float(geo.get("scale", 1.0))),
        "strip": geo.get("strip"),
        "bounds": geo.get("bounds"),
        "stripTitle": t("map_strip"),
    }


def _slim(payload: dict[str, Any]) -> dict[str, Any]:
    """The page data of a view the page draws itself (server or geographic layout, large): what the
    drawing needs, once.

    Nodes keep ``id, kind, name, degree, size, x, y`` but no properties, and the
    relationships become ``links``, ``[start node index, end node index, type]``
    (a third of the bytes). The page asks the API for a node's properties and
    relationships when it is opened; the JSON twin has everything.
    """
    index = {n["id"]: i for i, n in enumerate(payload["nodes"])}
    keys = ("id", "kind", "name", "degree", "size", "x", "y", "years", "since")
    nodes = [{k: n[k] for k in keys if k in n} for n in payload["nodes"]]
    links = [
        [index[r["start"]], index[r["end"]], r["type"]]
        for r in payload["relationships"]
        if r["start"] in index and r["end"] in index
    ]
    return {**payload, "nodes": nodes, "relationships": [], "links": links, "documents": {}, "slim": True}


def _localized(payload: dict[str, Any], lang: str, standalone: bool) -> dict[str, Any]:
    """An aggregated payload with the "no county" node named in the page's language, and no drill-down
    links in a standalone file (it has no server to drill down on)."""
    t = words(lang)

    def local(node: dict[str, Any]) -> dict[str, Any]:
        if node["id"] == NO_COUNTY:
            node = {**node, "name": t("no_county")}
        if standalone:
            node = {**node, "url": None}
        return node

    return {**payload, "nodes": [local(n) for n in payload["nodes"]]}


def render_error(error: GraphappError, lang: str, urls: Urls) -> str:
    """A small error page: the error explained in ``lang`` (:func:`~graphapp.views.messages.explain`), and the
    same title and detail as the problem+json body, in English as they are."""
    return (
        template_environment()
        .get_template("error.html")
        .render(
            lang=lang,
            status=error.status,
            message=explain(error.detail, error.code, error.params, error.status, lang),
            title=error.title,
            detail=error.detail,
            urls=urls,
            home=urls.page("overview", None, lang),
        )
    )


def view_heading(view: str, title: str | None, lang: str) -> str:
    t = words(lang)
    return _heading(view, {"title": title}, t)


def _heading(view: str, payload: dict[str, Any], t: Words) -> str:
    base = t.get(f"view_{view}", view)
    return f"{base}: {payload['title']}" if payload.get("title") and view != "overview" else base


def _notices(payload: dict[str, Any], t: Words) -> list[str]:
    notes = []
    if drawn_by_page(payload):
        note = t("large_server", n=payload["counts"]["nodes"])
        rels, lines = line_count(payload)
        if lines < rels:
            note += " " + t("merged_lines", rels=rels, lines=lines)
        notes.append(note)
    if payload["layout"] == "geo":
        notes.append(t("geo_note"))
    if payload["aggregated"]:
        notes.append(t("large_aggregated"))
        if payload["year"] is not None:
            notes.append(t("year_summarised", year=payload["year"]))
    if payload["truncated"]:
        notes.append(t("truncated"))
    return notes


def line_count(payload: dict[str, Any]) -> tuple[int, int]:
    """The relationships among the nodes of a view the page draws itself (:func:`drawn_by_page`), and the
    lines its page draws for them: ``explorer.js`` draws one line per pair of nodes (see ``lineLayer``)."""
    ids = {n["id"] for n in payload["nodes"]}
    shown = [r for r in payload["relationships"] if r["start"] in ids and r["end"] in ids]
    return len(shown), len({frozenset((r["start"], r["end"])) for r in shown})


def _current(view: str, params: ViewParams) -> str:
    return "geo" if view == "overview" and params.layout == "geo" else view


def _at_its_year(payload: dict[str, Any]) -> dict[str, Any]:
    """A page's payload as it stands in the year it shows first (the whole view without one)."""
    return at_year(payload, payload["year"]) if payload.get("time") and payload["year"] is not None else payload


def _year_control(payload: dict[str, Any], view: str, t: Words) -> dict[str, Any] | None:
    """The year control of a view that has years: the years from the first to the last, the year shown first,
    and what the control says of undated projects (and of a county's municipalities, shown in every year)."""
    time, year = payload.get("time"), payload["year"]
    if not time or (time["first"] is None and year is None):
        return None
    first, last = time["first"] or year, time["last"] or year
    if year is not None:
        first, last = min(first, year), max(last, year)
    note = t("year_undated", n=time["undated"]) + (" " + t("year_county") if view == "county" else "")
    value = last if year is None else year
    return {"first": first, "last": last, "value": value, "about": t("year_help"), "note": note}


def _table(payload: dict[str, Any], lang: str, t: Words) -> dict[str, Any]:
    names = {n["id"]: n["name"] for n in payload["nodes"]}
    docs = payload["documents"]
    shown = _at_its_year(payload)
    seen, held = {n["id"] for n in shown["nodes"]}, {_rel_key(r) for r in shown["relationships"]}
    nodes = [
        {
            "id": n["id"],
            "hidden": n["id"] not in seen,
            "name": n["name"],
            "kind_label": kind_name(n["kind"], lang),
            "degree": n["degree"],
            "url": n.get("url"),
            "summary": _summary(n, t) if payload["aggregated"] else "",
        }
        for n in payload["nodes"][:TABLE_ROWS]
    ]
    rels = [
        {
            "start": names.get(r["start"], r["start"]),
            "end": names.get(r["end"], r["end"]),
            "type": rel_name(r["type"], lang),
            "properties": properties_text(r["properties"], lang),
            "sources": sources_text(docs, r["sources"], lang),
            "key": _rel_key(r),
            "hidden": _rel_key(r) not in held,
        }
        for r in payload["relationships"][:TABLE_ROWS]
    ]
    total = max(len(payload["nodes"]), len(payload["relationships"]))
    cut = t("table_cut", shown=TABLE_ROWS, total=total) if total > TABLE_ROWS else None
    return {"nodes": nodes, "rels": rels, "cut": cut}


def _rel_key(rel: dict[str, Any]) -> str:
    """A relationship's key as the page script writes it (``relKey``): start, type and end."""
    return f"{rel['start']}|{rel['type']}|{rel['end']}"


def _summary(node: dict[str, Any], t: Words) -> str:
    props = node["properties"]
    return t("aggregate_counts", actors=props.get("actors", 0), projects=props.get("projects", 0))


def _inline_assets() -> dict[str, Markup]:
    return {
        "css": inline_static("explorer.css"),
        "vis": inline_static("vendor/vis-network/vis-network.min.js"),
        "kit": inline_static("kit.js"),
        "labels": inline_static("labels.js"),
        "years": inline_static("years.js"),
        "js": inline_static("explorer.js"),
    }


@lru_cache(maxsize=1)
def _inline_map() -> Markup:
    return script_json(json.loads(map_geojson()))


def _standalone_csp(inline: dict[str, Markup]) -> str:
    return standalone_csp(
        [inline["vis"], inline["kit"], inline["labels"], inline["years"], inline["js"]], [inline["css"]]
    )
