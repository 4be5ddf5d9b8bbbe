"""What a view URL may say: the view names, :class:`ViewParams` and :func:`parse_params`.

A leaf of :mod:`graphapp.views`: URLs (:mod:`graphapp.views.urls`), payloads and
pages all read their parameters from here, and nothing here imports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphapp.errors import InvalidRequest, NotFound
from graphapp.model import Label
from graphapp.store.filters import DEFAULT_KINDS, YEAR_MAX, YEAR_MIN, check_county_code, year_range
from graphapp.store.protocol import MAX_DEPTH

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "TIMELINE_GROUPS", "VIEWS", "Query", "ViewParams", "parse_params"]

VIEWS = ("overview", "actor", "project", "county", "projection", "timeline")
#: How a timeline's rows are grouped (graphapp.analysis.timeline.GROUPS).
TIMELINE_GROUPS = ("owner", "county", "fund")
MAX_LIMIT = 20_000
DEFAULT_LIMIT = 10_000
_KIND_ORDER = [label.kind for label in Label]

Query = Mapping[str, str | list[str]]


@dataclass(frozen=True, slots=True)
class ViewParams:
    """What a view URL may say. ``to_query()`` gives the URL parameters back."""

    id: str | None = None  #: the focus node of ``actor`` and ``project``; the actor whose projects a timeline shows
    depth: int = 1
    county: str | None = None  #: two-digit code; required by the ``county`` view
    fund: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    kinds: tuple[str, ...] = ()  #: empty: the default kinds
    layout: str = "force"  #: ``force`` or ``geo``
    size: str = "degree"  #: ``degree`` or ``funding``
    limit: int = DEFAULT_LIMIT
    year: int | None = None  #: the network as it stood in this year (graphapp.store.filters)
    group: str = "owner"  #: a timeline's rows: ``owner``, ``county`` or ``fund``

    def labels(self) -> frozenset[Label]:
        return frozenset(Label.from_kind(k) for k in self.kinds) if self.kinds else DEFAULT_KINDS

    def years(self) -> tuple[int, int] | None:
        return year_range(self.from_year, self.to_year)

    def to_query(self) -> list[tuple[str, str]]:
        """The non-default parameters as URL pairs, in a stable order."""
        pairs: list[tuple[str, str]] = []
        for name, default in (
            ("id", None),
            ("depth", 1),
            ("county", None),
            ("fund", None),
            ("from_year", None),
            ("to_year", None),
            ("layout", "force"),
            ("size", "degree"),
            ("limit", DEFAULT_LIMIT),
            ("year", None),
            ("group", "owner"),
        ):
            value = getattr(self, name)
            if value is not None and value != default:
                pairs.append((name, str(value)))
        pairs.extend(("kind", k) for k in self.kinds)
        return pairs

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "depth": self.depth,
            "county": self.county,
            "fund": self.fund,
            "from_year": self.from_year,
            "to_year": self.to_year,
            "kind": list(self.kinds),
            "layout": self.layout,
            "size": self.size,
            "limit": self.limit,
            "year": self.year,
            "group": self.group,
        }


def parse_params(view: str, query: Query) -> ViewParams:
    """Read and check the parameters of ``view`` from a URL query (one or many values per key).

    Raises :class:`~graphapp.errors.NotFound` for an unknown view and
    :class:`~graphapp.errors.InvalidRequest` for a bad value.
    """
    if view not in VIEWS:
        raise NotFound(f"no view named {view!r}; the views are {', '.join(VIEWS)}")

    def one(name: str) -> str | None:
        value = query.get(name)
        if isinstance(value, list):
            value = value[-1] if value else None
        return value.strip() or None if isinstance(value, str) else None

    raw_kinds = query.get("kind") or []
    kinds_in = [raw_kinds] if isinstance(raw_kinds, str) else list(raw_kinds)
    kinds = {k.strip().lower() for part in kinds_in for k in part.split(",") if k.strip()}
    for kind in sorted(kinds):
        if kind not in _KIND_ORDER:
            raise InvalidRequest(f"kind: unknown kind {kind!r}; expected one of {', '.join(_KIND_ORDER)}")
    params = ViewParams(
        id=one("id"),
        depth=_int(one("depth"), "depth", 1, 1, MAX_DEPTH),
        county=one("county"),
        fund=one("fund"),
        from_year=_int(one("from_year"), "from_year", None, YEAR_MIN, YEAR_MAX),
        to_year=_int(one("to_year"), "to_year", None, YEAR_MIN, YEAR_MAX),
        kinds=tuple(k for k in _KIND_ORDER if k in kinds),
        layout=_choice(one("layout"), "layout", ("force", "geo")),
        size=_choice(one("size"), "size", ("degree", "funding")),
        limit=_int(one("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        year=_int(one("year"), "year", None, YEAR_MIN, YEAR_MAX),
        group=_choice(one("group"), "group", TIMELINE_GROUPS),
    )
    if view in ("actor", "project") and not params.id:
        raise InvalidRequest(f"the {view} view needs id=, e.g. id=municipality:0780")
    if view == "county" and not params.county:
        raise InvalidRequest("the county view needs county=, a two-digit code such as 07")
    if params.county is not None:
        check_county_code(params.county)
    if params.from_year and params.to_year and params.from_year > params.to_year:
        raise InvalidRequest(f"from_year {params.from_year} is after to_year {params.to_year}")
    years = params.years()
    if params.year is not None and years is not None and not years[0] <= params.year <= years[1]:
        raise InvalidRequest(f"year {params.year} lies outside from_year to to_year ({years[0]} to {years[1]})")
    return params


def _int(raw: str | None, name: str, default: int | None, low: int, high: int) -> Any:
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidRequest(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise InvalidRequest(f"{name} must be between {low} and {high}, not {value}")
    return value


def _choice(raw: str | None, name: str, allowed: tuple[str, ...]) -> str:
    if raw is None:
        return allowed[0]
    if raw not in allowed:
        raise InvalidRequest(f"{name} must be one of {', '.join(allowed)}, not {raw!r}")
    return raw
