"""The analyst's workbench at ``/cypher``: the saved query library, a Cypher editor, results.

The page never runs Cypher itself. It reads what the URL asks (a saved query and its parameters as
text, or ad-hoc text and its parameters as JSON), types the parameters by the query's ``@param``
header, and hands the page script one request for the API: ``POST /api/queries/{name}`` or
``POST /api/cypher``, the same endpoints, guard, timeout, row cap and errors as any client. So a URL
reproduces a result, and the page works the same in a browser and through the API.

A saved query's result can be embedded (``/embed/cypher/{name}?…``); ad-hoc text never is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from graphapp.cypher_guard import ALLOWED_PROCEDURES, MAX_NESTING, MAX_QUERY_CHARS
from graphapp.cypher_library import SavedQuery, check_declared, coerce_parameter, parse_saved_query
from graphapp.errors import InvalidRequest
from graphapp.graph_schema import schema_dict
from graphapp.neo4j_functions import BUILTIN_FUNCTIONS
from graphapp.views.chrome import nav_items
from graphapp.views.escaping import script_json
from graphapp.views.html import iframe_snippet, template_environment
from graphapp.views.i18n import LANGS, cldr_locale, source_text, words
from graphapp.views.messages import explain
from graphapp.views.network import EDGE_STYLES, LINE_ORDER, STYLES, kind_legend, line_legend, network_options
from graphapp.views.payload import LARGE_NETWORK
from graphapp.views.result_rows import download_name
from graphapp.views.urls import Urls

__all__ = ["PageError", "ParamField", "WorkbenchPage", "example_of", "param_fields", "render_workbench"]

#: URL parameters that are not query parameters.
RESERVED = frozenset({"lang"})
_EXAMPLE = re.compile(r"""e\.g\.\s+(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s,;]+))""")
#: The input of each canonical parameter type.
_INPUTS = {
    "string": "text",
    "integer": "integer",
    "float": "float",
    "boolean": "boolean",
    "list": "json",
    "map": "json",
}


@dataclass(frozen=True, slots=True)
class ParamField:
    """One input of a saved query's form."""

    name: str
    type: str  #: as the header says
    kind: str  #: the canonical type (:data:`graphapp.cypher_library.PARAM_TYPES`)
    input: str  #: text | integer | float | boolean | json
    help: str  #: in the page's language
    example: str  #: from "e.g. …" in the help; the input's placeholder
    value: str  #: as given in the URL, or empty


@dataclass(frozen=True, slots=True)
class PageError:
    """What the URL asked that cannot run: explained in the page's language, and the original text."""

    message: str
    original: str


@dataclass(slots=True)
class WorkbenchPage:
    """What the URL asked of the workbench."""

    chrome: Literal["explorer", "embed"]
    lang: str
    queries: list[SavedQuery]
    selected: SavedQuery | None = None
    fields: list[ParamField] = field(default_factory=list)
    adhoc_text: str = ""
    adhoc_params: str = ""
    run: dict[str, Any] | None = None  #: the API request the page script makes, if any
    errors: list[PageError] = field(default_factory=list)


def example_of(help_text: str) -> str:
    """The example in a parameter's help, e.g. ``'SCB code, e.g. "0780" for Växjö'`` -> ``'0780'``.

    >>> example_of('SCB code of the municipality, e.g. "0780" for Växjö'), example_of("how many rows, e.g. 25")
    ('0780', '25')
    """
    match = _EXAMPLE.search(help_text)
    return (match["quoted"] if match["quoted"] is not None else match["bare"]) if match else ""


def param_fields(query: SavedQuery, given: dict[str, str], lang: str) -> list[ParamField]:
    return [
        ParamField(
            name=p.name,
            type=p.type,
            kind=p.kind,
            input=_INPUTS[p.kind],
            help=source_text(p.help, lang, "queries"),
            example=example_of(p.help),
            value=given.get(p.name, ""),
        )
        for p in query.parameters
    ]


def read_request(
    queries: list[SavedQuery],
    name: str | None,
    query: dict[str, list[str]],
    lang: str,
    chrome: Literal["explorer", "embed"] = "explorer",
) -> WorkbenchPage:
    """What a workbench URL asks: the library, a saved query (run when its parameters are all given), or
    ad-hoc text (run when given). Bad parameters become words on the page, not an error page."""
    page = WorkbenchPage(chrome=chrome, lang=lang, queries=queries)
    t = words(lang)
    given = {key: values[-1] for key, values in query.items() if values and key not in RESERVED}
    if name is not None:
        page.selected = next((q for q in queries if q.name == name), None)
        if page.selected is None:
            return page
        page.fields = param_fields(page.selected, given, lang)
        declared = {p.name for p in page.selected.parameters}
        unknown = sorted(set(given) - declared)
        if unknown:
            names = ", ".join(unknown)
            page.errors.append(PageError(t("params_unknown", names=names), f"unknown parameters {names}"))
        if all(f.value.strip() for f in page.fields) and not unknown:
            typed: dict[str, Any] = {}
            for param in page.selected.parameters:
                try:
                    typed[param.name] = coerce_parameter(param, given[param.name])
                except InvalidRequest as exc:
                    page.errors.append(_page_error(exc, lang))
            if not page.errors:
                page.run = {"kind": "saved", "name": name, "parameters": typed}
        return page
    page.adhoc_text = given.get("cypher", "")
    page.adhoc_params = given.get("params", "")
    if page.adhoc_text.strip():
        try:
            parameters = json.loads(page.adhoc_params) if page.adhoc_params.strip() else {}
            if not isinstance(parameters, dict):
                raise ValueError('expected a JSON object such as {"code": "0780"}')
        except ValueError as exc:
            page.errors.append(PageError(t("params_not_json"), str(exc)))
            return page
        try:  # the types the text's own header declares, as the API checks them
            check_declared(parse_saved_query("", page.adhoc_text).parameters, parameters, exact=False)
        except InvalidRequest as exc:
            page.errors.append(_page_error(exc, lang))
        else:
            page.run = {"kind": "adhoc", "query": page.adhoc_text, "parameters": parameters}
    return page


def render_workbench(
    page: WorkbenchPage,
    urls: Urls,
    public_origin: str,
    runs_cypher: bool,
    timeout: float,
    row_limit: int,
) -> str:
    """The HTML of the workbench (or of a saved query's embed)."""
    t = words(page.lang)
    other = next(lang for lang in LANGS if lang != page.lang)
    name = page.selected.name if page.selected else None
    given = {f.name: f.value for f in page.fields if f.value}
    public = Urls(public_origin)
    embed_url = public.workbench_embed(name, given, page.lang) if name and page.run else None
    title = f"{t('workbench')}: {name}" if name else t("workbench_title")
    legend, lines = kind_legend(STYLES, page.lang), line_legend(LINE_ORDER, page.lang)  # the page shows those drawn
    config = {
        "lang": page.lang,
        "locale": cldr_locale(page.lang),
        "strings": dict(t),
        "api": urls.script_api(page.lang),
        "styles": STYLES,
        "edgeStyles": EDGE_STYLES,
        # vis-network's options for a result of up to LARGE_NETWORK nodes and for a larger one, as for a view
        "network": {
            "small": network_options(0),
            "large": network_options(LARGE_NETWORK + 1),
            "largeAbove": LARGE_NETWORK,
        },
        "legend": legend,
        "lines": lines,
        "run": page.run if runs_cypher else None,
        "runsCypher": runs_cypher,
        "links": urls.script_links(page.lang),
        "title": title,
        "download": download_name(name, page.adhoc_text),
        "embed": page.chrome == "embed",
        "schema": schema_dict(),
        "queries": [
            {
                "name": q.name,
                "description": source_text(q.description, page.lang, "queries"),
                "source": q.source,
                "parameters": [{"name": p.name, "type": p.kind} for p in q.parameters],
            }
            for q in page.queries
        ],
        "functions": sorted(BUILTIN_FUNCTIONS),
        "paramHelp": {p.help: source_text(p.help, page.lang, "queries") for q in page.queries for p in q.parameters},
    }
    return (
        template_environment()
        .get_template("workbench.html")
        .render(
            lang=page.lang,
            other_lang=other,
            chrome=page.chrome,
            describe=lambda text: source_text(text, page.lang, "queries"),
            schema=schema_dict(),
            legend=legend,
            lines=lines,
            page=page,
            page_title=f"{title} – graphapp",  # noqa: RUF001 - a real dash
            heading=title,
            nav=nav_items("workbench", urls, page.lang),
            links={
                "home": urls.page("overview", None, page.lang),
                "other_lang": _here(page, urls, other),
                "library": urls.workbench(None, None, page.lang),
                "share": _here(page, public, page.lang),
                "full": public.workbench(name, given, page.lang) if name else None,
                "oembed": urls.oembed(public.workbench(name, given, page.lang)) if name else None,
                "search_action": None,
            },
            query_links={q.name: urls.workbench(q.name, None, page.lang) for q in page.queries},
            runs_cypher=runs_cypher,
            will_run=bool(page.run) and runs_cypher,
            saved_params_json=json.dumps(page.run["parameters"], ensure_ascii=False)
            if page.run and page.run["kind"] == "saved"
            else "",
            limits={
                "seconds": f"{timeout:g}",
                "rows": row_limit,
                "procedures": ", ".join(sorted(ALLOWED_PROCEDURES)),
                "nesting": MAX_NESTING,
                "chars": f"{MAX_QUERY_CHARS:,}".replace(",", "\u2009"),
            },
            embed_snippet=iframe_snippet(embed_url, title) if embed_url else None,
            config_json=script_json(config),
            urls=urls,
        )
    )


def _here(page: WorkbenchPage, urls: Urls, lang: str) -> str:
    """The URL that asks for what ``page`` shows, in ``lang``."""
    if page.selected is not None:
        return urls.workbench(page.selected.name, {f.name: f.value for f in page.fields if f.value}, lang)
    if page.adhoc_text:
        return urls.workbench_adhoc(page.adhoc_text, page.adhoc_params or None, lang)
    return urls.workbench(None, None, lang)


def _page_error(error: InvalidRequest, lang: str) -> PageError:
    return PageError(explain(error.detail, error.code, error.params, error.status, lang), error.detail)
