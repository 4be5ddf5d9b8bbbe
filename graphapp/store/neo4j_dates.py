"""Dates in Neo4j: a graph loaded by an earlier version, whose dates are text, is migrated by the next load.

graphapp before dates were dates (:mod:`graphapp.dates`) stored a project's ``start`` and
``end`` and a document's ``published`` as ISO text (``"2016-06-01"``), on which
``p.start.year`` fails and every year needs ``date(p.start)``. Every load
(:meth:`~graphapp.store.neo4j.Neo4jStore.load`) runs :data:`MIGRATE_DATES` first, in the same
transaction (all or nothing, and the graph's revision changes with it), over every project and
document, so that nodes the load does not name (a generated network, an import from another
data folder) are migrated too: ISO text of a day, month or year becomes a ``DATE`` with its
``_precision`` (the first day of a month or year for a start or a publication, the last for
an end), as a load of this version writes it. Other text is left as it is. On a migrated
graph the statements change nothing: a scan of 10 000 projects, a few milliseconds.
"""

from __future__ import annotations

from typing import LiteralString

__all__ = ["MIGRATE_DATES"]

_ISO: LiteralString = "'[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?'"
_PRECISION: LiteralString = "CASE size(text) WHEN 4 THEN 'year' WHEN 7 THEN 'month' END"


def _first_day(label: LiteralString, key: LiteralString) -> LiteralString:
    return (
        "MATCH (n:" + label + ") WHERE n." + key + " IS :: STRING AND n." + key + " =~ " + _ISO + "\n"
        "WITH n, n." + key + " AS text\n"
        "SET n." + key + " = date(text), n." + key + "_precision = " + _PRECISION + "\n"
        "RETURN count(n) AS changed"
    )


#: Text dates to DATE values with their precision; each returns ``changed``, how many nodes it changed.
MIGRATE_DATES: tuple[LiteralString, ...] = (
    _first_day("Project", "start"),
    _first_day("Document", "published"),
    "MATCH (n:Project) WHERE n.end IS :: STRING AND n.end =~ " + _ISO + "\n"
    "WITH n, n.end AS text\n"
    "SET n.end = CASE size(text) WHEN 4 THEN date(text + '-12-31')\n"
    "  WHEN 7 THEN date(text + '-01') + duration('P1M') - duration('P1D') ELSE date(text) END,\n"
    "  n.end_precision = " + _PRECISION + "\n"
    "RETURN count(n) AS changed",
)
