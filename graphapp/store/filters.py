"""Which projects a filter selects: one rule for both stores and the views.

A project matches a :class:`SubgraphFilter` when

- ``years``: its period overlaps them. It has a ``start``; its start year is at most
  the last year, and its ``end`` year, if it has an end, at least the first year
  (:func:`in_years`; a request names years between :data:`YEAR_MIN` and
  :data:`YEAR_MAX`, and an open side of a range is that bound, :func:`year_range`);
- ``fund``: that fund ``FUNDS`` it;
- ``county``: it is ``IN_COUNTY`` that county (an actor that ``OWNS``,
  ``PARTICIPATES_IN`` or ``CO_FUNDS`` it is placed there: :mod:`graphapp.records.placement`).

The embedded store and the views check the rule in Python
(:meth:`SubgraphFilter.matches`, :func:`in_years`); the Neo4j store in Cypher,
:data:`PROJECTS_MATCHING`, written here beside it so that the two stay one rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from graphapp.errors import InvalidRequest
from graphapp.model import Label

__all__ = [
    "DEFAULT_KINDS",
    "PROJECTS_MATCHING",
    "YEAR_MAX",
    "YEAR_MIN",
    "SubgraphFilter",
    "check_county_code",
    "in_years",
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


def in_years(project: Mapping[str, Any], years: tuple[int, int]) -> bool:
    """Whether the period of a project (its properties) overlaps ``years``."""
    start, end = project.get("start"), project.get("end")
    return start is not None and int(str(start)[:4]) <= years[1] and (end is None or int(str(end)[:4]) >= years[0])


@dataclass(frozen=True, slots=True)
class SubgraphFilter:
    """Which projects a subgraph is about. Empty filters select every project."""

    county: str | None = None  #: two-digit county code: a project IN_COUNTY it
    fund: str | None = None  #: fund id: a project that fund FUNDS
    years: tuple[int, int] | None = None  #: projects whose period overlaps these years
    kinds: frozenset[Label] = DEFAULT_KINDS

    def __post_init__(self) -> None:
        if self.county is not None:
            check_county_code(self.county)
        if self.years is not None and self.years[0] > self.years[1]:
            raise InvalidRequest(f"years: the first year {self.years[0]} is after the last {self.years[1]}")
        if not self.kinds:
            raise InvalidRequest("kinds: give at least one kind")

    def matches(
        self,
        project: Mapping[str, Any],
        funded_by: Callable[[str], bool],
        in_county: Callable[[str], bool],
    ) -> bool:
        """Whether a project (its properties) matches: ``funded_by(fund)`` and ``in_county(county)`` answer
        for the project's relationships. Each is asked only when the filter names a fund or a county."""
        if self.years is not None and not in_years(project, self.years):
            return False
        if self.fund is not None and not funded_by(self.fund):
            return False
        return self.county is None or in_county(self.county)


#: The projects ``p`` a SubgraphFilter selects, in Cypher. Parameters: ``$fund``, ``$county``, and ``$first`` and
#: ``$last``, the years (all null when the filter has none).
PROJECTS_MATCHING: LiteralString = """
MATCH (p:Project)
WHERE ($fund IS NULL OR EXISTS { MATCH (:Fund {id: $fund})-[:FUNDS]->(p) })
  AND ($county IS NULL OR EXISTS { MATCH (p)-[:IN_COUNTY]->(:County {id: 'county:' + $county}) })
  AND ($first IS NULL OR (p.start IS NOT NULL AND toInteger(left(p.start, 4)) <= $last
        AND (p.end IS NULL OR toInteger(left(p.end, 4)) >= $first)))
"""
