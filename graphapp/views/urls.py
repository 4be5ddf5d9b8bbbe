"""Every URL of the pages, embeds, JSON twins, oEmbed and the page script comes from :class:`Urls`.

Views live at ``/views/{view}?…`` (the explorer's home ``/`` is the overview),
their JSON twins at ``/views/{view}.json?…``, embeds at ``/embed/{view}?…`` and
oEmbed at ``/oembed?url=…``. ``lang`` is kept in the URL unless it is Swedish.
The page script gets URL templates (:meth:`Urls.script_links`, :meth:`Urls.script_api`)
whose ``{slots}`` it fills with URL-encoded values; it builds no URL itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, quote_plus, urlencode, urlsplit

from graphapp import __version__
from graphapp.views.i18n import DEFAULT_LANG
from graphapp.views.params import VIEWS, ViewParams

__all__ = ["Urls", "parse_view_url"]


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

    def oembed(self, url: str) -> str:
        return f"{self.origin}/oembed?{urlencode({'url': url, 'format': 'json'})}"

    def static(self, name: str) -> str:
        return f"{self.origin}/static/{name}?v={__version__}"

    def script_links(self, lang: str) -> dict[str, str]:
        """The pages the page script opens for a node, by view, with an ``{id}`` slot."""
        return {view: _slotted(self.page(view, ViewParams(id="{id}"), lang), "id") for view in ("actor", "project")}

    def script_api(self) -> dict[str, str]:
        """The API calls of the page script, with ``{slots}`` for its values."""
        return {
            "neighbours": f"{self.origin}/api/nodes/{{id}}/neighbours?depth=1&limit={{limit}}",
            "search": f"{self.origin}/api/search?q={{q}}&limit={{limit}}",
            "paths": f"{self.origin}/api/paths?start={{start}}&end={{end}}&max_length={{max_length}}",
        }

    def _url(self, path: str, params: ViewParams | None, lang: str) -> str:
        pairs = params.to_query() if params is not None else []
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
