"""The timeline view as HTML: the explorer's page, an embed or a standalone file.

The template (``timeline.html``) carries the filters, the download menu and the accessible
tables; ``static/timeline.js`` draws the timeline from the payload as SVG built node by node
with text nodes (no ``innerHTML``), so every name stays text. A standalone file inlines
the style, ``kit.js`` and ``timeline.js`` and allows exactly those by hash.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from markupsafe import Markup

from graphapp.views.chrome import nav_items
from graphapp.views.escaping import script_json
from graphapp.views.formatting import period_text
from graphapp.views.html import (
    PageContext,
    filter_choices,
    iframe_snippet,
    inline_static,
    standalone_csp,
    table_downloads,
)
from graphapp.views.html import template_environment as environment
from graphapp.views.i18n import LANGS, Words, cldr_locale, rel_name, words
from graphapp.views.params import TIMELINE_GROUPS, ViewParams
from graphapp.views.urls import Urls

__all__ = ["LINEAGE_STYLES", "TABLE_ROWS", "render_timeline", "timeline_tables"]

#: Rows shown in each table of the page; the JSON twin has them all.
TABLE_ROWS = 1000
_STYLES = ("explorer.css", "timeline.css")
#: The arrows of lineage: builds on solid, collaborates with dashed; both 3:1 or more against white.
LINEAGE_STYLES = {
    "BUILDS_ON": {"color": "#4B2C7F", "dashes": False},
    "COLLABORATES_WITH": {"color": "#1D5F86", "dashes": True},
}
_SCRIPTS = ("kit.js", "timeline.js")


def render_timeline(payload: dict[str, Any], params: ViewParams, ctx: PageContext) -> str:
    """The HTML of a timeline ``payload`` (from :func:`graphapp.views.timeline.timeline_payload`)."""
    t = words(ctx.lang)
    standalone = ctx.chrome == "standalone"
    heading = t("view_timeline") + (f": {payload['title']}" if payload["title"] else "")
    other = next(lang for lang in LANGS if lang != ctx.lang)
    page_url = ctx.urls.page("timeline", params, ctx.lang)
    counties, funds = filter_choices(ctx.reference_dir)
    inline = _inline() if standalone else None
    config = {
        "lang": ctx.lang,
        "locale": cldr_locale(ctx.lang),
        "strings": dict(t),
        "title": heading,
        "edgeStyles": LINEAGE_STYLES,
        "links": None if standalone else ctx.urls.script_links(ctx.lang),
        "api": None if standalone else ctx.urls.script_api(ctx.lang),
        "tables": table_downloads(payload, "timeline", params, ctx),
    }
    return (
        environment()
        .get_template("timeline.html")
        .render(
            lang=ctx.lang,
            other_lang=other,
            chrome=ctx.chrome,
            params=params,
            page_title=f"{heading} – graphapp",  # noqa: RUF001 - a real dash
            heading=heading,
            notices=_notices(payload, t),
            nav=nav_items("timeline", ctx.urls, ctx.lang),
            links={
                "home": ctx.urls.page("overview", None, ctx.lang),
                "json": ctx.urls.json("timeline", params),
                "oembed": ctx.urls.oembed(page_url),
                "other_lang": ctx.urls.page("timeline", params, other),
                "filter_action": page_url.split("?")[0],
                "search_action": None,
                "full": page_url,
                "all_actors": ctx.urls.page("timeline", _without_actor(params), ctx.lang) if params.id else None,
            },
            counties=counties,
            funds=funds,
            groups=[{"value": g, "label": _group_words(t)[g], "checked": g == params.group} for g in TIMELINE_GROUPS],
            legend=[{"colour": f["colour"], "label": f["name"] or t("no_fund")} for f in payload["funds"]],
            tables=timeline_tables(payload, ctx.lang),
            counts=payload["counts"],
            focus_name=payload["title"] if payload["focus"] else None,
            embed_snippet=iframe_snippet(Urls(ctx.public_origin).embed("timeline", params, ctx.lang), heading),
            data_json=script_json(payload),
            config_json=script_json(config),
            urls=ctx.urls,
            inline=inline,
            csp_meta=standalone_csp(inline["scripts"], [inline["css"]]) if inline else None,
            view="timeline",
        )
    )


def timeline_tables(payload: dict[str, Any], lang: str) -> dict[str, Any]:
    """The accessible tables of a timeline: projects with a period, those without, the links (or, summarised,
    each row's projects per year), in words, at most :data:`TABLE_ROWS` rows each."""
    t = words(lang)
    names = payload["names"]
    by_id = {p["id"]: p for p in payload["projects"] + payload["undated"]}

    def project_row(project: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": project["id"],
            "name": project["name"],
            "period": period_text(project["start"], project["end"], lang),
            "row": _row_label(payload["group"], project["row"], names, t),
            "fund": names.get(project["fund"], "") if project["fund"] else t("no_fund"),
            "owners": ", ".join(names.get(o, o) for o in project["owners"]),
            "lineage": "; ".join(f"{rel_name(link['type'], lang)} {link['name']}" for link in project["links"]),
        }

    links = [
        {
            "start": by_id[link["start"]]["name"],
            "type": rel_name(link["type"], lang),
            "end": by_id[link["end"]]["name"] if link["end"] in by_id else names.get(link["end"], link["end"]),
        }
        for link in payload["links"][:TABLE_ROWS]
    ]
    summary = [
        {
            "label": _row_label(payload["group"], row["key"], names, t, others=row.get("rows")),
            "total": row["total"],
            "counts": row["counts"],
        }
        for row in payload["rows"]
        if payload["summarised"]
    ]
    total = max(len(payload["projects"]), len(payload["undated"]), len(payload["links"]))
    return {
        "dated": [project_row(p) for p in payload["projects"][:TABLE_ROWS]],
        "undated": [project_row(p) for p in payload["undated"][:TABLE_ROWS]],
        "links": links,
        "summary": summary,
        "years": list(range(payload["years"][0], payload["years"][1] + 1)) if payload["years"] else [],
        "cut": t("table_cut", shown=TABLE_ROWS, total=total) if total > TABLE_ROWS else None,
    }


def _group_words(t: Words) -> dict[str, str]:
    return {"owner": t("group_owner"), "county": t("group_county"), "fund": t("group_fund")}


def _row_label(group: str, key: str | None, names: dict[str, str], t: Words, others: int | None = None) -> str:
    if others is not None:
        return t("timeline_others", n=others)
    if key is None:
        return {"owner": t("no_owner"), "fund": t("no_fund"), "county": t("no_row_county")}[group]
    return names.get(f"county:{key}" if group == "county" else key, key)


def _notices(payload: dict[str, Any], t: Words) -> list[str]:
    notes = []
    if payload["summarised"]:
        notes.append(t("timeline_summarised", n=payload["counts"]["dated"]))
    if not payload["counts"]["projects"]:
        notes.append(t("timeline_empty"))
    return notes


def _without_actor(params: ViewParams) -> ViewParams:
    return replace(params, id=None)


def _inline() -> dict[str, Any]:
    css = Markup("\n").join(inline_static(name) for name in _STYLES)
    return {"css": css, "scripts": [inline_static(name) for name in _SCRIPTS]}
