"""The HTML face: the explorer at ``/``, views, embeds, oEmbed and the static files.

Every page comes from :func:`graphapp.views.payload.page_payload`, its JSON twin and tables from
:func:`~graphapp.views.payload.build_payload`.
Pages send a Content-Security-Policy without any other origin; only ``/embed/``
pages may be framed, and only by ``settings.embed_origins`` (and the app itself).
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from collections.abc import Hashable
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from graphapp import __version__
from graphapp.api.cache import Body, StoreCache
from graphapp.api.deps import CacheDep, SettingsDep, StoreDep, allowed_lang, page_lang
from graphapp.api.downloads import table_response
from graphapp.api.schemas import ShownIn
from graphapp.config import Settings
from graphapp.cypher_library import saved_query
from graphapp.errors import GraphappError, NotFound
from graphapp.store import GraphStore
from graphapp.views.i18n import words
from graphapp.views.page import STATIC_DIR, Chrome, PageContext, iframe_snippet, render_error, render_page, view_heading
from graphapp.views.params import parse_params
from graphapp.views.payload import build_payload, page_payload, with_added
from graphapp.views.tables import table_stems, view_tables
from graphapp.views.urls import Urls, parse_view_url, parse_workbench_url

__all__ = ["compressed", "page_headers", "query_of", "router", "site_origin"]

router = APIRouter(include_in_schema=False)

_BASE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)


def page_headers(settings: Settings, embed: bool) -> dict[str, str]:
    """Security headers of a page: nothing from other origins; framing only for embeds."""
    ancestors = " ".join(["'self'", *settings.embed_origins]) if embed else "'none'"
    headers = {
        "Content-Security-Policy": f"{_BASE_CSP}; frame-ancestors {ancestors}",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if not embed:
        headers["X-Frame-Options"] = "DENY"
    return headers


@router.get("/", response_class=HTMLResponse)
def explorer(request: Request, store: StoreDep, settings: SettingsDep, cache: CacheDep) -> Response:
    """The explorer, opened on the whole-network overview."""
    return _page(request, store, settings, cache, "overview", "explorer")


@router.get("/views/{view}", response_class=HTMLResponse)
def view_page(view: str, request: Request, store: StoreDep, settings: SettingsDep, cache: CacheDep) -> Response:
    """A view as a page, or its JSON twin (``/views/{view}.json`` or ``?format=json``), or its tables
    (``/views/{view}.xlsx``, ``.nodes.csv``, ``.relationships.csv``)."""
    if view.endswith(".json") or request.query_params.get("format") == "json":
        return _view_json(request, store, cache, view.removesuffix(".json"))
    if view.endswith(_TABLE_SUFFIXES):
        return _view_tables(request, store, view, ShownIn())
    return _page(request, store, settings, cache, view, "explorer")


@router.post("/views/{view}")
def view_tables_shown(view: str, request: Request, store: StoreDep, shown: ShownIn) -> Response:
    """The tables of a view as its page shows them: the view, and what the page added to it since
    (the nodes and relationships in the body). ``view`` ends in one of the table suffixes."""
    if not view.endswith(_TABLE_SUFFIXES):
        raise NotFound(f"no tables at /views/{view}: the suffixes are {', '.join(_TABLE_SUFFIXES)}")
    return _view_tables(request, store, view, shown)


@router.get("/embed/{view}", response_class=HTMLResponse)
def embed_page(view: str, request: Request, store: StoreDep, settings: SettingsDep, cache: CacheDep) -> Response:
    """A view as a self-contained page that fills its iframe."""
    return _page(request, store, settings, cache, view, "embed")


@router.get("/oembed")
def oembed(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    url: Annotated[str, Query(description="A page or embed URL of this site")],
    format: Annotated[str, Query()] = "json",
    maxwidth: Annotated[int | None, Query(ge=50)] = None,
    maxheight: Annotated[int | None, Query(ge=50)] = None,
) -> JSONResponse:
    """oEmbed 1.0 (https://oembed.com): the iframe of a view URL, or of a saved query's workbench URL, as a
    "rich" response."""
    if format != "json":
        return JSONResponse({"detail": "only format=json is supported"}, status_code=501)
    web = urlsplit(url).scheme in ("http", "https")
    parsed = parse_view_url(url) if web else None
    saved = parse_workbench_url(url) if web and parsed is None else None
    width, height = min(maxwidth or 800, 800), min(maxheight or 600, 600)
    urls = Urls(site_origin(request))
    if parsed is not None:
        view, query = parsed
        params = parse_params(view, query)
        lang = _lang_of(query, settings)
        title = store.get_node(params.id).name if params.id else None
        heading = view_heading(view, title, lang)
        embed_url = urls.embed(view, params, lang)
    elif saved is not None:
        name, query = saved
        lang = _lang_of(query, settings)
        heading = words(lang)("workbench") + ": " + saved_query(settings.cypher_dir, name).name
        given = {key: values[-1] for key, values in query.items() if key != "lang" and values}
        embed_url = urls.workbench_embed(name, given, lang)
    else:
        raise NotFound(
            f"{url!r} is not a graphapp view URL such as {urls.page('actor')}?id=… "
            f"nor a saved query's such as {urls.workbench('funding-by-fund')}"
        )
    return JSONResponse(
        {
            "version": "1.0",
            "type": "rich",
            "provider_name": "graphapp",
            "provider_url": site_origin(request) + "/",
            "title": heading,
            "width": width,
            "height": height,
            "html": iframe_snippet(embed_url, heading, str(width), height),
        }
    )


@router.get("/static/{path:path}")
def static_file(path: str, request: Request) -> Response:
    """Our JS/CSS and vendored vis-network, cached for a year when the URL names the version."""
    body, gzipped, media_type, etag = _static(path)
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    long_lived = request.query_params.get("v") == __version__
    headers = {
        "ETag": etag,
        "Cache-Control": "public, max-age=31536000, immutable" if long_lived else "no-cache",
        "X-Content-Type-Options": "nosniff",
    }
    return compressed(request, Response(body, media_type=media_type, headers=headers), gzipped)


def _page(
    request: Request, store: GraphStore, settings: Settings, cache: StoreCache, view: str, chrome: Chrome
) -> Response:
    lang = page_lang(request)
    urls = Urls()
    try:
        params = parse_params(view, query_of(request))
        generation = cache.generation  # read before the store: a page built from older data is not kept
        key = (view, tuple(params.to_query()), lang, chrome, site_origin(request))
        body = cache.page(key)
        if body is None:
            payload = page_payload(store, view, params, urls, lang, cache.layout)
            ctx = PageContext(
                urls=urls,
                chrome=chrome,
                lang=lang,
                reference_dir=settings.reference_dir,
                public_origin=site_origin(request),
            )
            body = _kept_if_large(cache, key, render_page(payload, params, ctx).encode(), payload, generation)
        response: Response = HTMLResponse(body.raw)
    except GraphappError as exc:
        response, body = HTMLResponse(render_error(exc, lang, urls), status_code=exc.status), None
    response.headers.update(page_headers(settings, embed=chrome == "embed"))
    return compressed(request, response, body.gzipped if body is not None else None)


def _view_json(request: Request, store: GraphStore, cache: StoreCache, view: str) -> Response:
    """A view's JSON twin, kept like its page when the view is large."""
    params = parse_params(view, query_of(request))
    generation = cache.generation
    key = (view, tuple(params.to_query()), "json")
    body = cache.page(key)
    if body is None:
        payload = build_payload(store, view, params, layouts=cache.layout)
        body = _kept_if_large(cache, key, bytes(JSONResponse(payload).body), payload, generation)
    return compressed(request, Response(body.raw, media_type="application/json"), body.gzipped)


def _kept_if_large(cache: StoreCache, key: Hashable, raw: bytes, payload: dict[str, Any], generation: int) -> Body:
    """``raw`` as a body, compressed and kept when the view is large (it cost seconds to build)."""
    if not payload.get("large"):
        return Body(raw, None)
    body = Body.of(raw)
    cache.keep_page(key, body, generation)
    return body


#: What a view's tables URL ends in: both tables in one workbook, or one table as CSV.
_TABLE_SUFFIXES = (".xlsx", ".nodes.csv", ".relationships.csv")


def _view_tables(request: Request, store: GraphStore, view: str, shown: ShownIn) -> Response:
    name, _, suffix = view.partition(".")
    params = parse_params(name, query_of(request))
    lang = page_lang(request)
    payload = build_payload(store, name, params, Urls(), lang, laid_out=False)  # tables have no positions
    if name != "timeline":  # a timeline's page adds nothing to what it was served
        payload = with_added(store, payload, shown.nodes, shown.relationships)
    first, second = view_tables(payload, lang)
    if suffix == "xlsx":
        return table_response([first, second], "xlsx", lang, f"{name}-tables")
    stems = table_stems(name)
    table, stem = (first, stems[0]) if suffix == "nodes.csv" else (second, stems[1])
    return table_response([table], "csv", lang, f"{name}-{stem}")


def _lang_of(query: dict[str, list[str]], settings: Settings) -> str:
    langs = query.get("lang")
    return allowed_lang(langs[-1] if langs else None, settings)


def query_of(request: Request) -> dict[str, list[str]]:
    query: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        query.setdefault(key, []).append(value)
    return query


def site_origin(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def compressed(request: Request, response: Response, gzipped: bytes | None = None) -> Response:
    """gzip a response of some size when the client accepts it (vis-network: 470 kB -> 130 kB)."""
    body = bytes(response.body)
    if len(body) < 1400 or "gzip" not in request.headers.get("accept-encoding", ""):
        return response
    headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-encoding")}
    headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    packed = gzipped if gzipped is not None else gzip.compress(body, compresslevel=5)
    return Response(packed, status_code=response.status_code, headers=headers, media_type=response.media_type)


#: What /static/ serves, by suffix (None: as the platform's mimetypes says).
_STATIC_TYPES = {".js": None, ".css": None, ".txt": None, ".geojson": "application/geo+json"}


@lru_cache(maxsize=32)
def _static(path: str) -> tuple[bytes, bytes, str, str]:
    root = STATIC_DIR.resolve()
    file = (root / path).resolve()
    if not file.is_relative_to(root) or not file.is_file() or file.suffix not in _STATIC_TYPES:
        raise NotFound(f"no static file {path!r}")
    body = file.read_bytes()
    media_type = _STATIC_TYPES[file.suffix] or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type.endswith(("javascript", "json")):
        media_type += "; charset=utf-8"
    return body, gzip.compress(body, compresslevel=9), media_type, '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
