"""Dependencies a handler names in its signature: ``store: StoreDep``.

``FiltersDep`` parses the filters shared by subgraph, projects, timeline, metrics and exports
(county, fund, year range, actor, year, kinds) into a :class:`~graphapp.store.SubgraphFilter`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, ParamSpec, TypeVar

from fastapi import Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from graphapp.api.cache import StoreCache
from graphapp.api.schemas import Kind, Lang
from graphapp.config import Settings
from graphapp.errors import InvalidRequest
from graphapp.model import ACTOR_LABELS, Label
from graphapp.store import GraphStore, SubgraphFilter
from graphapp.store.filters import YEAR_MAX, YEAR_MIN, year_range
from graphapp.views.i18n import pick_lang

__all__ = [
    "CacheDep",
    "FiltersDep",
    "LangDep",
    "ProjectFiltersDep",
    "Selection",
    "SettingsDep",
    "StoreDep",
    "TableLangDep",
    "WordsLangDep",
    "allowed_lang",
    "call_store",
    "kinds_of",
    "page_lang",
]

# The three getters below only read app.state: `async def` keeps FastAPI from sending
# each through the thread pool on every request.


async def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_cache(request: Request) -> StoreCache:
    cache: StoreCache = request.app.state.cache
    return cache


def allowed_lang(lang: str | None, settings: Settings) -> str:
    """The language to answer in: ``lang`` if the pages speak it, the pseudo-locale only where the settings
    allow it (``GRAPHAPP_PSEUDO_LOCALE``), else Swedish."""
    return pick_lang(lang, pseudo=settings.pseudo_locale)


def page_lang(request: Request) -> str:
    """The language a request asks for with ``?lang=`` (see :func:`allowed_lang`)."""
    return allowed_lang(request.query_params.get("lang"), request.app.state.settings)


def _table_lang(
    request: Request,
    lang: Annotated[
        Lang,
        Query(description="Language of a table's headers and words, and its dialect (sv: ';' and a decimal comma)."),
    ] = "sv",
) -> str:
    return allowed_lang(lang, request.app.state.settings)


def _words_lang(
    request: Request,
    lang: Annotated[Lang | None, Query(description="Word notes, problems and errors in this language.")] = None,
) -> str | None:
    return allowed_lang(lang, request.app.state.settings) if lang else None


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
CacheDep = Annotated[StoreCache, Depends(get_cache)]
LangDep = Annotated[str, Depends(page_lang)]
#: A table download's language (default Swedish).
TableLangDep = Annotated[str, Depends(_table_lang)]
#: The language to word notes and errors in, if the caller asks for one.
WordsLangDep = Annotated[str | None, Depends(_words_lang)]


_P = ParamSpec("_P")
_T = TypeVar("_T")


async def call_store(store: GraphStore, method: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
    """Run a short store call from an ``async`` route: in the thread pool when the store
    waits on a network (the event loop keeps serving), inline when it is in-process
    (CPU work gains nothing from a thread hop). Long analyses stay in sync routes."""
    if store.waits_on_network:
        return await run_in_threadpool(method, *args, **kwargs)
    return method(*args, **kwargs)


def kinds_of(kind: list[Kind] | None) -> frozenset[Label] | None:
    return frozenset(k.label for k in kind) if kind else None


def project_filters(
    store: StoreDep,
    county: Annotated[
        str | None,
        Query(pattern=r"^(county:)?\d{2}$", description="County: two-digit code ('07') or id ('county:07')."),
    ] = None,
    fund: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="Fund id ('fund:amif') or its short form ('amif')."),
    ] = None,
    from_year: Annotated[
        int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="Projects whose period overlaps from this year…")
    ] = None,
    to_year: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="…to this year.")] = None,
    actor: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=300,
            description="Actor id ('municipality:1766'): the projects it owns, takes part in or co-funds.",
        ),
    ] = None,
    year: Annotated[
        int | None,
        Query(
            ge=YEAR_MIN,
            le=YEAR_MAX,
            description="The network as it stood in this year: projects whose period includes it (within "
            "from_year/to_year, if given). A subgraph then lists in `new` the ids of its nodes new that year: the "
            "projects that started then, and the nodes none of whose projects matching the other filters started "
            "earlier.",
        ),
    ] = None,
) -> SubgraphFilter:
    code = county.removeprefix("county:") if county else None
    if code is not None:
        store.get_node(f"county:{code}")  # 404 for a county that does not exist
    fund_id = None
    if fund is not None:
        fund_id = fund if ":" in fund else f"fund:{fund}"
        if store.get_node(fund_id).label is not Label.FUND:
            raise InvalidRequest(f"{fund_id!r} is not a fund")
    if actor is not None and store.get_node(actor).label not in ACTOR_LABELS:
        raise InvalidRequest(f"{actor!r} is not an actor (a municipality, agency or organisation)")
    return SubgraphFilter(county=code, fund=fund_id, years=year_range(from_year, to_year), actor=actor, year=year)


ProjectFiltersDep = Annotated[SubgraphFilter, Depends(project_filters)]


@dataclass(frozen=True, slots=True)
class Selection:
    """Filters as given; ``whole`` when none was, which means the whole network
    (documents and counties included) for metrics and exports."""

    filters: SubgraphFilter
    whole: bool


def subgraph_filters(
    filters: ProjectFiltersDep,
    kind: Annotated[
        list[Kind] | None,
        Query(description="Kinds of nodes to keep (repeatable); default all but county and document."),
    ] = None,
) -> Selection:
    kinds = kinds_of(kind)
    whole = kinds is None and filters == SubgraphFilter()
    return Selection(dataclasses.replace(filters, kinds=kinds) if kinds else filters, whole)


FiltersDep = Annotated[Selection, Depends(subgraph_filters)]
