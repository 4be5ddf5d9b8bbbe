"""Where the graph's nodes are: ``IN_COUNTY`` for every placed actor and for every project.

The rules, one owner for each (docs/analysts.md, the data model, says them to analysts):

- an actor (a municipality, an agency or an organisation) with a ``county_code`` is
  ``IN_COUNTY`` that county: the reference tables place municipalities and county boards,
  :func:`actor_placements` the actors record files declare;
- a project is ``IN_COUNTY`` every county in which an actor that ``OWNS``,
  ``PARTICIPATES_IN`` or ``CO_FUNDS`` it is placed (:func:`project_placements`). An actor
  without a county (a national agency) places nothing, so a project may be in no county.
  A project whose actors are in three counties is ``IN_COUNTY`` three times: a sum per
  county counts it in each of them, and the counties' sums add up to more than the whole.

A derived ``IN_COUNTY`` carries the sources of the relationships it comes from (so taking
those back takes it back too) and no evidence; one from no document carries no sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graphapp.model import ACTOR_LABELS, ACTOR_PROJECT_TYPES, Node, Relationship, RelType, united_provenance

__all__ = ["actor_placements", "county_of", "project_placements"]


def county_of(node: Node) -> str | None:
    """The id of the county an actor is placed in (``county:07``), or None."""
    code = node.properties.get("county_code")
    return f"county:{code}" if code and node.label in ACTOR_LABELS else None


def actor_placements(
    actors: Iterable[Node], relationships: Iterable[Relationship], unnamed: Iterable[str] = ()
) -> list[Relationship]:
    """``IN_COUNTY`` for each placed actor of ``actors``, sourced to the documents of the
    ``relationships`` that name it, or to the documents ``unnamed`` when they name it nowhere."""
    named: dict[str, list[Mapping[str, list[str]]]] = {}
    for rel in relationships:
        for end in (rel.start, rel.end):
            named.setdefault(end, []).append({"sources": rel.sources})
    placed = []
    for actor in actors:
        county = county_of(actor)
        if county is not None:
            placed.append(_sourced(actor.id, county, named.get(actor.id) or [{"sources": list(unnamed)}]))
    return placed


def project_placements(nodes: Mapping[str, Node], relationships: Iterable[Relationship]) -> list[Relationship]:
    """``IN_COUNTY`` (project to county) for each of ``relationships`` by which a placed actor of
    ``nodes`` owns, takes part in or co-funds a project, with the sources of all that place it there."""
    found: dict[tuple[str, str], list[Mapping[str, list[str]]]] = {}
    for rel in relationships:
        actor = nodes.get(rel.start)
        county = county_of(actor) if rel.type in ACTOR_PROJECT_TYPES and actor is not None else None
        if county is not None and county in nodes:
            found.setdefault((rel.end, county), []).append({"sources": rel.sources})
    return [_sourced(project, county, declarations) for (project, county), declarations in sorted(found.items())]


def _sourced(start: str, county: str, declarations: list[Mapping[str, list[str]]]) -> Relationship:
    provenance = united_provenance(*declarations)
    return Relationship(RelType.IN_COUNTY, start, county, provenance if provenance["sources"] else {})
