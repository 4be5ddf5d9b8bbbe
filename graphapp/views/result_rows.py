"""A Cypher result as a flat table for a spreadsheet: one column per property.

The API answers a query with rows whose cells may be nodes, relationships, paths, lists and
maps (:func:`graphapp.api.routes.queries.cypher_out`). A spreadsheet wants one value per cell,
so :func:`flat_table` spreads each column that holds nodes or relationships over one column per
field and property (``m.id``, ``m.kind``, ``m.name``, ``m.code`` …; ``r.type``, ``r.start``,
``r.end``, ``r.role``, ``r.amount_sek``, ``r.sources``; properties in the order of
:mod:`graphapp.graph_schema`), each map over one column per key, and
writes lists as their items joined by ``"; "`` and paths as the names along them. Numbers stay
numbers. :func:`download_name` names the file after the query.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from graphapp.graph_schema import LABELS, RELATIONSHIPS

__all__ = ["Cell", "download_name", "flat_table"]

Cell = str | int | float | bool | None
#: Property keys in the schema's order, by node kind and relationship type.
_SCHEMA_KEYS: dict[str, list[str]] = {
    **{spec.label.kind: [p.key for p in spec.properties] for spec in LABELS},
    **{spec.type.value: [p.key for p in spec.properties] for spec in RELATIONSHIPS},
}
_NODE_FIELDS = ("id", "kind", "name")
_REL_FIELDS = ("type", "start", "end")


def flat_table(columns: list[str], rows: list[list[Any]]) -> tuple[list[str], list[list[Cell]]]:
    """The header and rows of ``rows`` with nodes, relationships and maps spread over columns.

    >>> node = {"id": "municipality:1766", "kind": "municipality", "name": "Sunne", "properties": {"code": "1766"}}
    >>> rel = {"type": "OWNS", "start": "municipality:1766", "end": "project:x",
    ...        "properties": {"sources": ["d1", "d2"]}}
    >>> flat_table(["m", "r", "n"], [[node, rel, 3]])
    (['m.id', 'm.kind', 'm.name', 'm.code', 'r.type', 'r.start', 'r.end', 'r.sources', 'n'], \
[['municipality:1766', 'municipality', 'Sunne', '1766', 'OWNS', 'municipality:1766', 'project:x', 'd1; d2', 3]])
    """
    spreads = [_spread(column, [row[index] for row in rows]) for index, column in enumerate(columns)]
    header = [name for spread in spreads for name, _ in spread]
    table = [[getter(row[index]) for index, spread in enumerate(spreads) for _, getter in spread] for row in rows]
    return header, table


def download_name(name: str | None, text: str) -> str:
    """A file name (without extension) for a result: the saved query's name, else the description in
    the text's header, else its first words.

    >>> download_name(None, "// Grants per fund.\\nMATCH (f:Fund) RETURN f"), download_name("co-funders", "")
    ('grants-per-fund', 'co-funders')
    """
    header = [line.strip()[2:].strip() for line in text.splitlines() if line.strip().startswith("//")]
    described = next((line for line in header if line and not line.startswith("@")), "")
    base = name or described or text
    plain = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].rstrip("-")
    return slug or "cypher-result"


def _spread(column: str, values: list[Any]) -> list[tuple[str, Any]]:
    """The (name, getter) of each flat column one result column becomes."""
    present = [value for value in values if value is not None]
    if present and all(_is_node(value) for value in present):
        keys = _in_schema_order(_keys(value["properties"] for value in present), [v.get("kind") for v in present])
        return [(f"{column}.{f}", _field(f)) for f in _NODE_FIELDS] + [
            (f"{column}.{key}", _property(key)) for key in keys
        ]
    if present and all(_is_relationship(value) for value in present):
        keys = _in_schema_order(_keys(value["properties"] for value in present), [v["type"] for v in present])
        return [(f"{column}.{f}", _field(f)) for f in _REL_FIELDS] + [
            (f"{column}.{key}", _property(key)) for key in keys
        ]
    if present and all(isinstance(value, dict) and not _is_path(value) for value in present):
        return [(f"{column}.{key}", _field(key)) for key in _keys(present)]
    return [(column, _cell)]


def _in_schema_order(keys: list[str], owners: list[Any]) -> list[str]:
    """``keys`` in the order :mod:`graphapp.graph_schema` lists the properties of the kinds or types present
    (those it does not list last, as they came)."""
    order: list[str] = []
    for owner in dict.fromkeys(owners):
        for key in _SCHEMA_KEYS.get(str(owner), ()):
            if key not in order:
                order.append(key)
    rank = {key: index for index, key in enumerate(order)}
    return sorted(keys, key=lambda key: rank.get(key, len(rank)))


def _keys(maps: Any) -> list[str]:
    """Keys in the order they first appear."""
    seen: dict[str, None] = {}
    for mapping in maps:
        seen.update(dict.fromkeys(mapping))
    return list(seen)


def _field(key: str) -> Any:
    return lambda value: _cell(value.get(key)) if isinstance(value, dict) else None


def _property(key: str) -> Any:
    return lambda value: _cell(value["properties"].get(key)) if isinstance(value, dict) else None


def _cell(value: Any) -> Cell:
    """One value as a spreadsheet cell."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    return _text(value)


def _text(value: Any) -> str:
    if _is_node(value):
        return str(value["name"])
    if _is_relationship(value):
        return str(value["type"])
    if _is_path(value):
        names = [str(node.get("name", "")) for node in value["nodes"]]
        types = [str(rel.get("type", "")) for rel in value["relationships"]]
        steps = [names[0]] if names else []
        for rel_type, name in zip(types, names[1:], strict=False):
            steps += [f"-[{rel_type}]-", name]
        return " ".join(steps)
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _is_node(value: Any) -> bool:
    return isinstance(value, dict) and "properties" in value and ("kind" in value or "labels" in value)


def _is_relationship(value: Any) -> bool:
    return isinstance(value, dict) and "properties" in value and "type" in value and "start" in value


def _is_path(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"nodes", "relationships"}
