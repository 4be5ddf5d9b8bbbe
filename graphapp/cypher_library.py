"""The saved, parameterised Cypher queries in ``cypher/``, and the types their parameters declare.

Each ``*.cypher`` file (but ``schema.cypher``) starts with a header of ``//`` lines::

    // Partner municipalities of a municipality, by number of shared projects.
    // @param code: string  SCB code of the municipality, e.g. "0780"
    MATCH ...

The first lines are the description; each ``@param name: type  help`` line names a
parameter and its type, one of :data:`PARAM_TYPES`. The query text below the header is
constant; values are parameters. Ad-hoc text may carry the same header.

A parameter's value is typed by its declaration, wherever it comes from: text from the
command line, a URL or a form (:func:`coerce_parameter`: ``2062`` for a string parameter
is the string "2062"), or JSON from the API (:func:`check_declared`: a number where a
string is declared is refused, naming the parameter, never run to a silent empty result).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphapp.errors import InvalidRequest, NotFound

__all__ = [
    "PARAM_TYPES",
    "QueryParam",
    "SavedQuery",
    "check_declared",
    "coerce_parameter",
    "list_queries",
    "parse_saved_query",
    "saved_query",
]

_PARAM = re.compile(r"^@param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*(?P<help>.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

#: The types a parameter may declare (with their aliases) and the canonical name of each.
PARAM_TYPES: dict[str, str] = {
    "string": "string",
    "str": "string",
    "integer": "integer",
    "int": "integer",
    "float": "float",
    "number": "float",
    "boolean": "boolean",
    "bool": "boolean",
    "list": "list",
    "map": "map",
}
#: What a JSON value of each canonical type may be.
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "float": (int, float),
    "boolean": (bool,),
    "list": (list,),
    "map": (dict,),
}


@dataclass(frozen=True, slots=True)
class QueryParam:
    name: str
    type: str  #: as the header says
    help: str

    @property
    def kind(self) -> str:
        """The canonical type: string, integer, float, boolean, list or map."""
        return PARAM_TYPES.get(self.type.lower(), "string")


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    description: str
    parameters: list[QueryParam]
    text: str
    source: str = ""  #: the whole file, header included


def parse_saved_query(name: str, source: str, where: str = "the query") -> SavedQuery:
    """The header and text of a saved query (or of ad-hoc text with a header).

    An unknown parameter type is refused, naming ``where`` and the line.

    >>> q = parse_saved_query("x", "// Rows.\\n// @param code: string  SCB code\\nMATCH (m {code: $code}) RETURN m")
    >>> q.description, q.parameters, q.text
    ('Rows.', [QueryParam(name='code', type='string', help='SCB code')], 'MATCH (m {code: $code}) RETURN m')
    """
    description: list[str] = []
    params: list[QueryParam] = []
    body: list[str] = []
    in_header = True
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            comment = stripped[2:].strip()
            match = _PARAM.match(comment)
            if match and match["type"].lower() not in PARAM_TYPES:
                known = ", ".join(sorted(set(PARAM_TYPES.values())))
                raise InvalidRequest(f"{where}, line {number}: unknown parameter type {match['type']!r}; use {known}")
            if match:
                params.append(QueryParam(match["name"], match["type"], match["help"].strip()))
            elif comment:
                description.append(comment)
            continue
        in_header = in_header and not stripped
        body.append(line)
    return SavedQuery(name, " ".join(description), params, "\n".join(body).strip(), source.strip())


def list_queries(cypher_dir: Path) -> list[SavedQuery]:
    return [
        parse_saved_query(path.stem, path.read_text(encoding="utf-8"), str(path))
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
    return parse_saved_query(name, path.read_text(encoding="utf-8"), path.name)  # no server folder in answers


def coerce_parameter(param: QueryParam, text: str) -> Any:
    """The value of ``text`` (from the command line, a URL or a form) as ``param``'s declared type.

    Text for a string parameter is the text as it is, or the string a JSON string literal holds
    (``"0780"`` with its quotes, as a shell passes it, is 0780). Raises
    :class:`~graphapp.errors.InvalidRequest` naming the parameter when it does not fit.

    >>> coerce_parameter(QueryParam("code", "string", ""), "2062"), coerce_parameter(QueryParam("n", "int", ""), " 25 ")
    ('2062', 25)
    """
    kind = param.kind
    value = text.strip()
    try:
        if kind == "integer":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "boolean":
            if value.lower() not in ("true", "false"):
                raise ValueError("expected true or false")
            return value.lower() == "true"
        if kind in ("list", "map"):
            parsed = json.loads(value)
            if not isinstance(parsed, _JSON_TYPES[kind]):
                raise ValueError(f"expected a JSON {kind}")
            return parsed
    except ValueError as exc:
        raise InvalidRequest(f"parameter {param.name} must be {_a(param.type)}, not {text!r} ({exc})") from None
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            quoted = json.loads(value)
        except ValueError:
            return text
        return quoted if isinstance(quoted, str) else text
    return text


def check_declared(declared: list[QueryParam], given: dict[str, Any], *, exact: bool = True) -> None:
    """Refuse JSON ``given`` values that do not fit their declared types, naming the parameter.

    With ``exact`` (a saved query), every declared parameter must be given and nothing else.

    >>> check_declared([QueryParam("code", "string", "")], {"code": 2062})
    Traceback (most recent call last):
    ...
    graphapp.errors.InvalidRequest: parameter code must be a string, not int (2062); write it as "2062"
    """
    names = {p.name for p in declared}
    missing = sorted(names - given.keys())
    unknown = sorted(given.keys() - names)
    if exact and (missing or unknown):
        parts = [f"missing: {', '.join(missing)}"] if missing else []
        parts += [f"unknown: {', '.join(unknown)}"] if unknown else []
        expected = ", ".join(f"{p.name} ({p.type})" for p in declared) or "none"
        raise InvalidRequest(f"parameters do not match the query's ({'; '.join(parts)}); it takes {expected}")
    for param in declared:
        if param.name not in given:
            continue
        value = given[param.name]
        types = _JSON_TYPES[param.kind]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            hint = f'; write it as "{value}"' if param.kind == "string" and isinstance(value, int | float) else ""
            raise InvalidRequest(
                f"parameter {param.name} must be {_a(param.type)}, not {type(value).__name__} ({value!r}){hint}"
            )


def _a(type_name: str) -> str:
    return ("an " if type_name[:1].lower() in "aeiou" else "a ") + type_name
