"""The saved, parameterised Cypher queries in ``cypher/``.

Each ``*.cypher`` file (but ``schema.cypher``) starts with a header of ``//`` lines::

    // Partner municipalities of a municipality, by number of shared projects.
    // @param code: string  SCB code of the municipality, e.g. "0780"
    MATCH ...

The first lines are the description; each ``@param name: type  help`` line names a
parameter. The query text below the header is constant; values are parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graphapp.errors import InvalidRequest, NotFound

__all__ = ["QueryParam", "SavedQuery", "list_queries", "saved_query"]

_PARAM = re.compile(r"^@param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*(?P<help>.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class QueryParam:
    name: str
    type: str
    help: str


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    description: str
    parameters: list[QueryParam]
    text: str


def parse_saved_query(name: str, source: str) -> SavedQuery:
    description: list[str] = []
    params: list[QueryParam] = []
    body: list[str] = []
    in_header = True
    for line in source.splitlines():
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            comment = stripped[2:].strip()
            match = _PARAM.match(comment)
            if match:
                params.append(QueryParam(match["name"], match["type"], match["help"].strip()))
            elif comment:
                description.append(comment)
            continue
        in_header = in_header and not stripped
        body.append(line)
    return SavedQuery(name, " ".join(description), params, "\n".join(body).strip())


def list_queries(cypher_dir: Path) -> list[SavedQuery]:
    return [
        parse_saved_query(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(cypher_dir.glob("*.cypher"))
        if path.stem != "schema"
    ]


def saved_query(cypher_dir: Path, name: str) -> SavedQuery:
    if not _NAME.match(name) or name == "schema":
        raise InvalidRequest(f"{name!r} is not a saved query name (letters, digits, - and _)")
    path = cypher_dir / f"{name}.cypher"
    if not path.is_file():
        known = ", ".join(q.name for q in list_queries(cypher_dir))
        raise NotFound(f"no saved query {name!r} in the Cypher library (GRAPHAPP_CYPHER_DIR); known: {known}")
    return parse_saved_query(name, path.read_text(encoding="utf-8"))
