"""Every URL of the pages, embeds, JSON twins, oEmbed and the page script comes from :class:`Urls`.

Views live at ``/views/{view}?…`` (the explorer's home ``/`` is the overview),
their JSON twins at ``/views/{view}.json?…`` and tables at ``/views/{view}.xlsx?…`` (and
``.nodes.csv``, ``.relationships.csv``), embeds at ``/embed/{view}?…`` and
oEmbed at ``/oembed?url=…``. The Cypher workbench is at ``/cypher`` (a saved query at
``/cypher/{name}?param=value…``, ad-hoc text at ``/cypher?cypher=…&params={json}``) and a saved
query's result embeds at ``/embed/cypher/{name}?…``. The schema page is ``/schema`` (JSON: ``/schema.json``).
``lang`` is kept in the URL unless it is Swedish.
The page scripts get URL templates (:meth:`Urls.script_links`, :meth:`Urls.script_api`,
:meth:`Urls.path_link`) whose ``{slots}`` they fill with URL-encoded values; they build no URL themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, quote_plus, unquote, urlencode, urlsplit

from graphapp import __version__
from graphapp.views.i18n import DEFAULT_LANG
from graphapp.views.params import VIEWS, ViewParams

__all__ = ["Urls", "parse_view_url", "parse_workbench_url"]


@dataclass(frozen=True, slots=True)
class Urls:
    """URLs relative to the site root, or absolute when ``origin`` is given."""

    origin: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "origin", self.origin.rstrip("/"))

    def page(self, view: str, params: ViewParams | None = None, lang: str = DEFAULT_LANG) -> str:
        path = "/" if view == "overview" else f"/views/{view}"
        return self._url(path, params, lang)

    def embed(self, view: str, params: ViewParams | None = None, lang: str = DEFAULT_LANG) -> str:
        return self._url(f"/embed/{view}", params, lang)

    def json(self, view: str, params: ViewParams | None = None) -> str:
        return self._url(f"/views/{view}.json", params, DEFAULT_LANG)

    def tables(self, view: str, params: ViewParams | None = None, lang: str = DEFAULT_LANG) -> dict[str, str]:
        """The view's tables, by download kind: both in one workbook, or each as CSV (in ``lang``)."""
        return {
            kind: self._url(f"/views/{view}.{suffix}", params, lang)
            for kind, suffix in (("xlsx", "xlsx"), ("nodes_csv", "nodes.csv"), ("rels_csv", "relationships.csv"))
        }

    def oembed(self, url: str) -> str:
        return f"{self.origin}/oembed?{urlencode({'url': url, 'format': 'json'})}"

    def workbench(
        self, name: str | None = None, params: Mapping[str, str] | None = None, lang: str = DEFAULT_LANG
    ) -> str:
        """The workbench, opened on saved query ``name`` with ``params`` (URL text, as typed), or on the library."""
        return self._pairs("/cypher" + (f"/{quote(name)}" if name else ""), list((params or {}).items()), lang)

    def workbench_adhoc(self, query: str, params_json: str | None, lang: str = DEFAULT_LANG) -> str:
        """The workbench running ad-hoc ``query`` with parameters given as JSON text."""
        pairs = [("cypher", query)] + ([("params", params_json)] if params_json else [])
        return self._pairs("/cypher", pairs, lang)

    def workbench_embed(self, name: str, params: Mapping[str, str] | None = None, lang: str = DEFAULT_LANG) -> str:
        """The result of saved query ``name`` alone, to be framed by another page."""
        return self._pairs(f"/embed/cypher/{quote(name)}", list((params or {}).items()), lang)

    def schema(self, lang: str = DEFAULT_LANG) -> str:
        """The schema page: labels, relationship types, properties and what they mean."""
        return self._url("/schema", None, lang)

    def schema_json(self) -> str:
        """The schema page's JSON twin."""
        return self._url("/schema.json", None, DEFAULT_LANG)

    def curate(self, lang: str = DEFAULT_LANG) -> str:
        """The curator's page."""
        return self._url("/curate", None, lang)

    def static(self, name: str) -> str:
        return f"{self.origin}/static/{name}?v={__version__}"

    def script_links(self, lang: str) -> dict[str, str]:
        """The pages the page script opens for a node, by view, with an ``{id}`` slot (timeline: an actor's)."""
        return {
            view: _slotted(self.page(view, ViewParams(id="{id}"), lang), "id")
            for view in ("actor", "project", "timeline")
        }

    def script_api(self, lang: str) -> dict[str, str]:
        """The API calls of the page scripts, with ``{slots}`` for their values; each asks its errors explained
        in ``lang`` (problem+json ``message``)."""
        return {
            "node": f"{self.origin}/api/nodes/{{id}}?lang={lang}",
            "neighbours": f"{self.origin}/api/nodes/{{id}}/neighbours?depth=1&limit={{limit}}&lang={lang}",
            "history": f"{self.origin}/api/nodes/{{id}}/history?lang={lang}",
            "search": f"{self.origin}/api/search?q={{q}}&limit={{limit}}&lang={lang}",
            "paths": f"{self.origin}/api/paths?start={{start}}&end={{end}}&max_length={{max_length}}&lang={lang}",
            "saved_query": f"{self.origin}/api/queries/{{name}}",
            "cypher": f"{self.origin}/api/cypher",
        }

    def path_link(self, view: str, params: ViewParams | None, lang: str) -> str:
        """The page of ``view`` with a found path in it, with ``{start}`` and ``{end}`` slots for its ends' ids."""
        pairs = [*(params.to_query() if params is not None else []), ("path_from", "{start}"), ("path_to", "{end}")]
        path = "/" if view == "overview" else f"/views/{view}"
        return _slotted(self._pairs(path, pairs, lang), "start", "end")

    def _url(self, path: str, params: ViewParams | None, lang: str) -> str:
        return self._pairs(path, params.to_query() if params is not None else [], lang)

    def _pairs(self, path: str, pairs: list[tuple[str, str]], lang: str) -> str:
        pairs = list(pairs)
        if lang != DEFAULT_LANG:
            pairs.append(("lang", lang))
        return f"{self.origin}{path}" + (f"?{urlencode(pairs)}" if pairs else "")


def _slotted(url: str, *names: str) -> str:
    """``url`` with each URL-encoded ``{name}`` turned back into a slot."""
    for name in names:
        url = url.replace(quote_plus("{" + name + "}"), "{" + name + "}")
    return url


def parse_view_url(url: str) -> tuple[str, dict[str, list[str]]] | None:
    """The view name and query of a page or embed URL, or None if it is not one."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    if path == "/":
        view = "overview"
    else:
        prefix, _, view = path.lstrip("/").partition("/")
        if prefix not in ("views", "embed") or "/" in view:
            return None
    if view not in VIEWS:
        return None
    return view, parse_qs(parts.query)


def parse_workbench_url(url: str) -> tuple[str, dict[str, list[str]]] | None:
    """The saved query name and query of a workbench or workbench-embed URL of a saved query, or None."""
    parts = urlsplit(url)
    segments = [unquote(part) for part in parts.path.strip("/").split("/")]
    if segments[:1] == ["embed"]:
        segments = segments[1:]
    if len(segments) != 2 or segments[0] != "cypher" or not segments[1]:
        return None
    return segments[1], parse_qs(parts.query)
