"""Which projects a filter selects: one rule for both stores and the views.

A project matches a :class:`SubgraphFilter` when

- ``years``: its period overlaps them. It has a ``start``; its start year is at most
  the last year, and its ``end`` year, if it has an end, at least the first year
  (:func:`in_years`; a request names years between :data:`YEAR_MIN` and
  :data:`YEAR_MAX`, and an open side of a range is that bound, :func:`year_range`).
  A project without a start matches no years: it is never placed at a guessed year;
- ``year``: the same for that one year (the network as it stood in the year; with
  ``years`` too, the year must lie within them);
- ``fund``: that fund ``FUNDS`` it;
- ``county``: it is ``IN_COUNTY`` that county (an actor that ``OWNS``,
  ``PARTICIPATES_IN`` or ``CO_FUNDS`` it is placed there: :mod:`graphapp.records.placement`);
- ``actor``: that actor ``OWNS``, ``PARTICIPATES_IN`` or ``CO_FUNDS`` it.

With ``year``, what is **new** that year (``Subgraph.new``) is each project of the
picture that started in the year, and each other node of it that took part in no
earlier project: none of its projects that match the filter but the year started
before it (an undated project never started).

The embedded store and the views check the rule in Python
(:meth:`SubgraphFilter.matches`, :func:`in_years`); the Neo4j store in Cypher,
:data:`PROJECT_FILTER` and the heads of :func:`projects_matching`, written here beside it
so that the two stay one rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from graphapp.dates import year_of
from graphapp.errors import InvalidRequest
from graphapp.model import Label

__all__ = [
    "DEFAULT_KINDS",
    "PROJECTS_MATCHING",
    "PROJECT_FILTER",
    "YEAR_MAX",
    "YEAR_MIN",
    "SubgraphFilter",
    "check_county_code",
    "in_years",
    "period_years",
    "projects_matching",
    "started_before",
    "year_range",
]

#: The years a filter may name.
YEAR_MIN, YEAR_MAX = 1900, 2100
#: Kinds a subgraph shows unless asked otherwise: documents and counties are context.
DEFAULT_KINDS: frozenset[Label] = frozenset(
    {Label.PROJECT, Label.MUNICIPALITY, Label.AGENCY, Label.ORGANIZATION, Label.FUND}
)


def check_county_code(code: str) -> None:
    """:class:`~graphapp.errors.InvalidRequest` unless ``code`` is a two-digit county code."""
    if not (len(code) == 2 and code.isdigit()):
        raise InvalidRequest(f"county must be a two-digit county code such as '07', not {code!r}")


def year_range(first: int | None, last: int | None) -> tuple[int, int] | None:
    """The years from ``first`` to ``last`` (an open side reaches the bound), or None when both are open."""
    if first is None and last is None:
        return None
    return (first if first is not None else YEAR_MIN, last if last is not None else YEAR_MAX)


def period_years(project: Mapping[str, Any]) -> tuple[int, int | None] | None:
    """The first and last year of a project's period (its properties; the last None when it has no end), or
    None when it has no start."""
    start = year_of(project, "start")
    return None if start is None else (start, year_of(project, "end"))


def in_years(project: Mapping[str, Any], years: tuple[int, int]) -> bool:
    """Whether the period of a project (its properties) overlaps ``years``."""
    period = period_years(project)
    return period is not None and period[0] <= years[1] and (period[1] is None or period[1] >= years[0])


def started_before(project: Mapping[str, Any], year: int) -> bool:
    """Whether a project (its properties) started before ``year`` (one without a start never did)."""
    start = year_of(project, "start")
    return start is not None and start < year


@dataclass(frozen=True, slots=True)
class SubgraphFilter:
    """Which projects a subgraph is about. Empty filters select every project."""

    county: str | None = None  #: two-digit county code: a project IN_COUNTY it
    fund: str | None = None  #: fund id: a project that fund FUNDS
    years: tuple[int, int] | None = None  #: projects whose period overlaps these years
    kinds: frozenset[Label] = DEFAULT_KINDS
    actor: str | None = None  #: actor id: a project it owns, takes part in or co-funds
    year: int | None = None  #: the network as it stood in this year: projects whose period includes it

    def __post_init__(self) -> None:
        if self.county is not None:
            check_county_code(self.county)
        if self.years is not None and self.years[0] > self.years[1]:
            raise InvalidRequest(f"years: the first year {self.years[0]} is after the last {self.years[1]}")
        if self.year is not None:
            if not YEAR_MIN <= self.year <= YEAR_MAX:
                raise InvalidRequest(f"year must be between {YEAR_MIN} and {YEAR_MAX}, not {self.year}")
            if self.years is not None and not self.years[0] <= self.year <= self.years[1]:
                raise InvalidRequest(f"year {self.year} lies outside the years {self.years[0]} to {self.years[1]}")
        if not self.kinds:
            raise InvalidRequest("kinds: give at least one kind")

    def span(self) -> tuple[int, int] | None:
        """The years a project's period must overlap: ``year`` alone, else ``years``, else None."""
        return (self.year, self.year) if self.year is not None else self.years

    def matches(
        self,
        project: Mapping[str, Any],
        funded_by: Callable[[str], bool],
        in_county: Callable[[str], bool],
        involves: Callable[[str], bool] = lambda _actor: False,
    ) -> bool:
        """Whether a project (its properties) matches: ``funded_by(fund)``, ``in_county(county)`` and
        ``involves(actor)`` answer for the project's relationships. Each is asked only when the filter names
        a fund, a county or an actor."""
        span = self.span()
        if span is not None and not in_years(project, span):
            return False
        if self.fund is not None and not funded_by(self.fund):
            return False
        if self.actor is not None and not involves(self.actor):
            return False
        return self.county is None or in_county(self.county)

    def parameters(self) -> dict[str, Any]:
        """The parameters of :data:`PROJECT_FILTER` and :func:`projects_matching`."""
        first, last = self.span() or (None, None)
        return {"fund": self.fund, "county": self.county, "actor": self.actor, "first": first, "last": last}


#: Whether project ``p`` matches a SubgraphFilter, in Cypher. Parameters (:meth:`SubgraphFilter.parameters`):
#: ``$fund``, ``$county``, ``$actor``, and ``$first`` and ``$last``, the years (each null when the filter has none).
#: Dates are ``DATE`` values (:mod:`graphapp.dates`): the year is read off the value, not parsed from text.
PROJECT_FILTER: LiteralString = """($fund IS NULL OR EXISTS { MATCH (:Fund {id: $fund})-[:FUNDS]->(p) })
  AND ($county IS NULL OR EXISTS { MATCH (p)-[:IN_COUNTY]->(:County {id: 'county:' + $county}) })
  AND ($actor IS NULL OR EXISTS { MATCH (a)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p) WHERE a.id = $actor })
  AND ($first IS NULL OR (p.start IS NOT NULL AND p.start.year <= $last
        AND (p.end IS NULL OR p.end.year >= $first)))
"""

#: The projects ``p`` a SubgraphFilter selects, in Cypher, one row each: every project, filtered.
PROJECTS_MATCHING: LiteralString = "MATCH (p:Project)\nWHERE " + PROJECT_FILTER
#: The same for a filter that names an actor: from the actor's own relationships, not every project.
_PROJECTS_OF_ACTOR: LiteralString = (
    "MATCH (:Municipality|Agency|Organization {id: $actor})-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)\n"
    "WITH DISTINCT p\nWHERE " + PROJECT_FILTER
)
#: ... that names a county: from the county's index entry and its IN_COUNTY relationships.
_PROJECTS_IN_COUNTY: LiteralString = (
    "MATCH (:County {id: 'county:' + $county})<-[:IN_COUNTY]-(p:Project)\nWHERE " + PROJECT_FILTER
)
#: ... that names a fund: from the fund's FUNDS relationships.
_PROJECTS_OF_FUND: LiteralString = "MATCH (:Fund {id: $fund})-[:FUNDS]->(p:Project)\nWHERE " + PROJECT_FILTER


def projects_matching(filters: SubgraphFilter, rest: LiteralString) -> LiteralString:
    """The query of ``rest`` after the projects ``filters`` selects (bound as ``p``, one row each), found from
    the node the filter names (an actor, a county, a fund: an index seek and its relationships), not by
    scanning every project."""
    if filters.actor is not None:
        return _PROJECTS_OF_ACTOR + rest
    if filters.county is not None:
        return _PROJECTS_IN_COUNTY + rest
    if filters.fund is not None:
        return _PROJECTS_OF_FUND + rest
    return PROJECTS_MATCHING + rest
