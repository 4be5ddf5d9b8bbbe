"""What analysts' Cypher may do: an allow-list, checked before the query reaches Neo4j.

Analysts' Cypher (``POST /api/cypher``, ``graphapp query``) runs in a read-mode
transaction with a timeout and a row cap, so Neo4j itself refuses writes: that is
the first wall. :func:`check_cypher` is the second. It reads the query as tokens
(string literals, comments and back-quoted names are skipped as such, so
``WHERE n.name = 'LOAD CSV'`` passes and ``LOAD /* x */ CSV`` does not) and lets it
through only if

- it is one statement that starts with ``MATCH``, ``OPTIONAL MATCH``, ``WITH``,
  ``UNWIND``, ``RETURN``, ``CALL`` or ``SHOW INDEXES`` / ``SHOW CONSTRAINTS``
  (:data:`STATEMENT_STARTS`): administration commands (users, roles, databases,
  transactions, settings) start otherwise;
- every procedure it calls is in :data:`ALLOWED_PROCEDURES` and every function is one
  of Neo4j's built-in functions (:data:`graphapp.neo4j_functions.BUILTIN_FUNCTIONS`);
  anything else, ``dbms.*``, ``db.stats.*``, ``apoc.*`` or a name not known, is refused;
- it has no ``LOAD CSV``, no ``USE`` and no ``CALL { … } IN TRANSACTIONS``;
- Neo4j's parser can read it safely: at most :data:`MAX_QUERY_CHARS` characters and
  :data:`MAX_TOKENS` tokens, nested at most :data:`MAX_NESTING` deep (brackets,
  ``CASE``, runs of ``NOT``/``-``/``+``, chains of ``.key`` and ``[i]``, relationships
  in one path), at most :data:`MAX_CLAUSES` clauses. Neo4j 5.26 parses before its transaction timeout
  applies: 300 nested parentheses or 200 chained ``.key`` make it never answer;
- ``range()`` has integer literals or parameters as bounds and at most
  :data:`MAX_RANGE` values: Neo4j does not stop a loop inside one expression when the
  transaction times out, and a long range is the cheap way to make one.

Every refusal is an :class:`~graphapp.errors.InvalidQuery` (400) that names what was
refused and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphapp.errors import InvalidQuery
from graphapp.neo4j_functions import BUILTIN_FUNCTIONS

__all__ = [
    "ALLOWED_PROCEDURES",
    "MAX_CLAUSES",
    "MAX_NESTING",
    "MAX_PARAMETER_NESTING",
    "MAX_PARAMETER_VALUES",
    "MAX_QUERY_CHARS",
    "MAX_RANGE",
    "MAX_TOKENS",
    "RULES",
    "STATEMENT_STARTS",
    "check_cypher",
    "check_parameters",
    "tokenize",
]

MAX_QUERY_CHARS = 20_000
MAX_TOKENS = 2_000
MAX_NESTING = 32
MAX_CLAUSES = 64
MAX_RANGE = 10_000
MAX_PARAMETER_NESTING = 32
MAX_PARAMETER_VALUES = 100_000
_INT64 = (-(2**63), 2**63 - 1)

#: Procedures analysts may call: the read-only schema procedures (names are case-sensitive).
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.schema.visualization",
    }
)
_FUNCTIONS = frozenset(name.lower() for name in BUILTIN_FUNCTIONS)

#: The rules in a paragraph, for the API's documentation.
RULES = (
    "Allowed: one statement starting with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL, SHOW INDEXES or "
    f"SHOW CONSTRAINTS; Neo4j's built-in functions; the procedures {', '.join(sorted(ALLOWED_PROCEDURES))}. "
    "Refused with 400, naming what: anything else (writes, administration, other procedures and functions, "
    f"LOAD CSV, USE, CALL {{ … }} IN TRANSACTIONS); more than {MAX_QUERY_CHARS} characters, {MAX_TOKENS} tokens "
    f"or {MAX_CLAUSES} clauses; nesting deeper than {MAX_NESTING}; range() of more than {MAX_RANGE} values or "
    "with bounds that are not literals or parameters; a query that needs more memory than one transaction may use."
)

#: The words a statement may start with.
STATEMENT_STARTS = ("MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "SHOW")
_SHOWABLE = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"})
_SHOW_KINDS = frozenset(
    {"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "UNIQUE", "UNIQUENESS", "EXIST", "EXISTENCE"}
    | {"KEY", "NODE", "REL", "RELATIONSHIP", "PROPERTY", "TYPE"}
)
#: Words followed by "(" that are syntax, not function calls (writes among them: the
#: read-mode transaction refuses those, with its own message).
_SYNTAX_BEFORE_PAREN = frozenset(
    {"MATCH", "OPTIONAL", "WHERE", "AND", "OR", "XOR", "NOT", "RETURN", "WITH", "UNWIND", "IN", "IS"}
    | {"CASE", "WHEN", "THEN", "ELSE", "DISTINCT", "BY", "SKIP", "LIMIT", "OFFSET", "AS", "YIELD", "CALL"}
    | {"CONTAINS", "STARTS", "ENDS", "UNION", "ALL", "SHORTESTPATH", "ALLSHORTESTPATHS", "SHORTEST"}
    | {"PATH", "PATHS", "GROUP", "GROUPS", "ANY", "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE"}
    | {"FOREACH", "INSERT", "ON", "ORDER", "ASC", "DESC", "ASCENDING", "DESCENDING", "NODETACH", "FINISH"}
)
_CLAUSE_WORDS = frozenset({"MATCH", "WITH", "UNWIND", "RETURN", "CALL", "UNION", "WHERE", "ORDER", "FOREACH"})
_OPENERS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  #: word, name (back-quoted), string, number, param, symbol
    text: str
    position: int


def tokenize(query: str) -> list[Token]:
    """The tokens of ``query`` without whitespace and comments.

    >>> [t.text for t in tokenize("MATCH (n) // LOAD CSV\\nRETURN 'LOAD CSV'")]
    ['MATCH', '(', 'n', ')', 'RETURN', 'LOAD CSV']
    """
    tokens: list[Token] = []
    i, size = 0, len(query)
    while i < size:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif query.startswith("//", i):
            end = query.find("\n", i)
            i = size if end < 0 else end + 1
        elif query.startswith("/*", i):
            end = query.find("*/", i + 2)
            if end < 0:
                raise InvalidQuery(f"unterminated /* comment at character {i}")
            i = end + 2
        elif ch in "'\"":
            text, end = _quoted(query, i, ch, escapes=True)
            tokens.append(Token("string", text, i))
            i = end
        elif ch == "`":
            text, end = _quoted(query, i, "`", escapes=False)
            tokens.append(Token("name", text, i))
            i = end
        elif ch == "$":
            j = i + 1
            if j < size and query[j] == "`":
                text, j = _quoted(query, j, "`", escapes=False)
            else:
                while j < size and (query[j].isalnum() or query[j] == "_"):
                    j += 1
                text = query[i + 1 : j]
            tokens.append(Token("param", text, i))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i + 1
            while j < size and (query[j].isalnum() or query[j] == "_"):
                j += 1
            tokens.append(Token("word", query[i:j], i))
            i = j
        elif ch.isdigit():
            j = i + 1
            while j < size and (query[j].isalnum() or query[j] in "._"):
                j += 1
            tokens.append(Token("number", query[i:j], i))
            i = j
        else:
            tokens.append(Token("symbol", ch, i))
            i += 1
    return tokens


def check_cypher(query: str, parameters: dict[str, Any] | None = None) -> None:
    """Raise :class:`~graphapp.errors.InvalidQuery` saying why, if ``query`` may not run.

    ``parameters`` are the values the query will get; ``range()`` bounds given as
    parameters are checked against them.

    >>> check_cypher("MATCH (m:Municipality {code: $code}) RETURN m.name, toUpper(m.name)")
    >>> check_cypher("CALL db.stats.retrieve('QUERIES')")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphapp.errors.InvalidQuery: procedure db.stats.retrieve is not allowed: analysts may call only db.labels, ...
    """
    if not query.strip():
        raise InvalidQuery("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidQuery(f"the query is {len(query)} characters long; at most {MAX_QUERY_CHARS} are allowed")
    tokens = tokenize(query)
    if len(tokens) > MAX_TOKENS:
        raise InvalidQuery(f"the query has {len(tokens)} tokens; at most {MAX_TOKENS} are allowed")
    reason = _shape_refusal(tokens) or _start_refusal(tokens)
    for index in range(len(tokens)):
        reason = reason or _refusal(tokens, index, parameters or {})
    if reason:
        raise InvalidQuery(reason)


def check_parameters(parameters: dict[str, Any]) -> None:
    """Refuse parameters Neo4j cannot take or that are out of bounds: integers beyond 64
    bits, nesting deeper than :data:`MAX_PARAMETER_NESTING`, more than
    :data:`MAX_PARAMETER_VALUES` values in all (every list item and map entry counts).

    >>> check_parameters({"code": "0780", "ids": [1, 2], "m": {"a": None}})
    >>> check_parameters({"ids": list(range(200_000))})
    Traceback (most recent call last):
    ...
    graphapp.errors.InvalidQuery: parameters: more than 100000 values in all (list items and map entries count)
    """
    counted = 0

    def walk(value: Any, where: str, depth: int) -> None:
        nonlocal counted
        counted += 1
        if counted > MAX_PARAMETER_VALUES:
            raise InvalidQuery(
                f"parameters: more than {MAX_PARAMETER_VALUES} values in all (list items and map entries count)"
            )
        if isinstance(value, list | dict) and depth >= MAX_PARAMETER_NESTING:
            raise InvalidQuery(f"parameter {where}: lists and maps nested deeper than {MAX_PARAMETER_NESTING} levels")
        if isinstance(value, bool) or value is None or isinstance(value, str | float):
            return
        if isinstance(value, int):
            if not _INT64[0] <= value <= _INT64[1]:
                raise InvalidQuery(f"parameter {where}: {value} does not fit in a 64-bit integer")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]", depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}", depth + 1)
        else:
            raise InvalidQuery(f"parameter {where}: unsupported value of type {type(value).__name__}")

    for name, value in parameters.items():
        walk(value, name, 0)


# -- the shape Neo4j's parser can take -----------------------------------------


def _shape_refusal(tokens: list[Token]) -> str | None:
    """Too deep or too long for Neo4j's recursive parser and planner."""
    open_stack: list[str] = []
    prefix_run = chain = hops = clauses = 0
    deepest = 0
    for index, token in enumerate(tokens):
        text = token.text
        word = text.upper() if token.kind == "word" else ""
        if token.kind == "symbol" and text == "(":  # a node pattern after a relationship: one hop longer
            hops = hops + 1 if index and tokens[index - 1].text in "->" else 0
        if token.kind == "symbol" and text in _OPENERS:
            open_stack.append(_OPENERS[text])
        elif token.kind == "symbol" and text in ")]}" and open_stack and open_stack[-1] == text:
            open_stack.pop()
        elif word == "CASE" and _is_keyword(tokens, index):
            open_stack.append("END")
        elif word == "END" and open_stack and open_stack[-1] == "END":
            open_stack.pop()
        prefix_run = prefix_run + 1 if word == "NOT" or (text in ("-", "+") and token.kind == "symbol") else 0
        chain = _chain_length(tokens, index, chain)
        clauses += word in _CLAUSE_WORDS and _is_keyword(tokens, index)
        deepest = max(deepest, len(open_stack), prefix_run, chain, hops)
        if deepest > MAX_NESTING:
            return (
                f"the query nests more than {MAX_NESTING} levels deep at character {token.position} (brackets, "
                "CASE, NOT/-/+ in a row, chained .key or [i], relationships in one path); Neo4j's parser cannot "
                "safely read it"
            )
    if clauses > MAX_CLAUSES:
        return f"the query has {clauses} clauses; at most {MAX_CLAUSES} are allowed"
    return None


def _chain_length(tokens: list[Token], index: int, chain: int) -> int:
    """Postfix accessors in a row: ``a.b.c`` and ``x[0][1]`` (the count so far, or 0)."""
    token = tokens[index]
    previous = tokens[index - 1] if index else None
    if token.text == "." and token.kind == "symbol" and previous is not None and previous.kind != "symbol":
        return chain + 1
    if token.text == "." and previous is not None and previous.text in ")]}":
        return chain + 1
    if token.text == "[" and previous is not None and previous.text == "]":
        return chain + 1
    if token.kind == "symbol" and token.text not in ".[]":
        return 0
    if token.kind != "symbol" and (previous is None or previous.text not in ".["):
        return 0
    return chain


# -- statements, clauses and calls ---------------------------------------------


def _start_refusal(tokens: list[Token]) -> str | None:
    first = tokens[0]
    word = first.text.upper() if first.kind == "word" else first.text
    if first.kind != "word" or word not in STATEMENT_STARTS:
        specific = _refusal(tokens, 0, {})  # LOAD CSV, USE: say what they do
        return specific or (
            f"a query may not start with {word}: it must start with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, "
            "CALL, SHOW INDEXES or SHOW CONSTRAINTS (administration commands are not allowed here)"
        )
    if word == "SHOW":
        shown = next((w for w in _words_after(tokens, 0, 6) if w not in _SHOW_KINDS), "")
        if shown not in _SHOWABLE:
            return f"SHOW {shown} is not allowed: analysts may SHOW INDEXES and SHOW CONSTRAINTS only"
    return None


def _refusal(tokens: list[Token], index: int, parameters: dict[str, Any]) -> str | None:
    token = tokens[index]
    if token.kind == "symbol" and token.text == ";":
        if index + 1 < len(tokens):
            return "only one statement may run at a time (remove the ';' and what follows)"
        return None
    if token.kind in ("word", "name") and _starts_name(tokens, index):
        reason = _call_refusal(tokens, index, parameters)
        if reason:
            return reason
    if not _is_keyword(tokens, index):
        return None
    word = token.text.upper()
    if word == "LOAD" and _words_after(tokens, index, 1) == ["CSV"]:
        return "LOAD CSV is not allowed: it reads files of the database server and URLs it can reach"
    if word == "USE" and _next_is_name(tokens, index):
        return "USE is not allowed: queries run on the configured database only (never on system)"
    if word == "TRANSACTIONS" and _in_transactions(tokens, index):
        return "CALL { … } IN TRANSACTIONS is not allowed: it commits batches outside the read-only transaction"
    if word in ("SHOW", "TERMINATE") and index > 0:
        return f"{word} may only start a query, and only as SHOW INDEXES or SHOW CONSTRAINTS"
    return None


def _call_refusal(tokens: list[Token], index: int, parameters: dict[str, Any]) -> str | None:
    """A procedure after CALL, or a function: ``name(`` or ``name.space.name(``."""
    name, after = _dotted_name(tokens, index)
    if index and tokens[index - 1].text.upper() == "CALL" and _is_keyword(tokens, index - 1):
        if name not in ALLOWED_PROCEDURES:
            allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
            return f"procedure {name} is not allowed: analysts may call only {allowed}"
        return None
    if after >= len(tokens) or tokens[after].text != "(" or tokens[after].kind != "symbol":
        return None
    if "." not in name and tokens[index].kind == "word" and name.upper() in _SYNTAX_BEFORE_PAREN:
        return None
    if name.lower() not in _FUNCTIONS:
        return f"function {name}() is not allowed: analysts may call Neo4j's built-in functions only"
    if name.lower() == "range":
        return _range_refusal(tokens, after, parameters)
    return None


def _range_refusal(tokens: list[Token], open_index: int, parameters: dict[str, Any]) -> str | None:
    arguments: list[list[Token]] = [[]]
    depth = 0
    for token in tokens[open_index + 1 :]:
        if token.kind == "symbol" and token.text in "([{":
            depth += 1
        elif token.kind == "symbol" and token.text in ")]}":
            if depth == 0:
                break
            depth -= 1
        if depth == 0 and token.kind == "symbol" and token.text == ",":
            arguments.append([])
        else:
            arguments[-1].append(token)
    values = [_integer(argument, parameters) for argument in arguments]
    how = (
        f"range() needs integer literals or parameters as bounds and may make at most {MAX_RANGE} values "
        "(Neo4j cannot stop a loop inside one expression when the query times out)"
    )
    if len(values) not in (2, 3) or any(v is None for v in values):
        return f"{how}; use UNWIND over data or a shorter range"
    start, end, step = values[0], values[1], values[2] if len(values) == 3 else 1
    assert start is not None and end is not None and step is not None  # for the type checker; checked above
    count = 0 if step == 0 else max(0, (end - start) // step + 1)
    if count > MAX_RANGE:
        return f"{how}; this one makes {count}"
    return None


def _integer(argument: list[Token], parameters: dict[str, Any]) -> int | None:
    sign = 1
    if len(argument) == 2 and argument[0].kind == "symbol" and argument[0].text in "-+":
        sign = -1 if argument[0].text == "-" else 1
        argument = argument[1:]
    if len(argument) != 1:
        return None
    token = argument[0]
    if token.kind == "number" and token.text.isdigit():
        return sign * int(token.text)
    if token.kind == "param":
        value = parameters.get(token.text)
        if isinstance(value, int) and not isinstance(value, bool):
            return sign * value
    return None


# -- token helpers -------------------------------------------------------------


def _is_keyword(tokens: list[Token], index: int) -> bool:
    """A bare word that is not a property key, label, map key or part of a dotted name."""
    token = tokens[index]
    if token.kind != "word":
        return False
    before = tokens[index - 1] if index else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if before is not None and before.kind == "symbol" and before.text in ".:":
        return False
    return not (after is not None and after.kind == "symbol" and after.text == ":")


def _starts_name(tokens: list[Token], index: int) -> bool:
    """The first part of a (dotted) name: not after a '.', a ':' (label) or a '$'."""
    before = tokens[index - 1] if index else None
    return not (before is not None and before.kind == "symbol" and before.text in ".:")


def _dotted_name(tokens: list[Token], start: int) -> tuple[str, int]:
    """The dotted name starting at ``start`` and the index of the token after it."""
    parts = [tokens[start].text]
    j = start + 1
    while j + 1 < len(tokens) and tokens[j].text == "." and tokens[j].kind == "symbol":
        if tokens[j + 1].kind not in ("word", "name"):
            break
        parts.append(tokens[j + 1].text)
        j += 2
    return ".".join(parts), j


def _words_after(tokens: list[Token], index: int, count: int = 4) -> list[str]:
    words = []
    for token in tokens[index + 1 : index + 1 + count]:
        if token.kind != "word":
            break
        words.append(token.text.upper())
    return words


def _next_is_name(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].kind in ("word", "name", "param")


def _in_transactions(tokens: list[Token], index: int) -> bool:
    previous = [t.text.upper() for t in tokens[max(0, index - 3) : index]]
    return "IN" in previous


def _quoted(query: str, start: int, quote: str, *, escapes: bool) -> tuple[str, int]:
    """The text of a quoted literal starting at ``start`` and the index after it."""
    out: list[str] = []
    i = start + 1
    while i < len(query):
        ch = query[i]
        if escapes and ch == "\\" and i + 1 < len(query):
            out.append(query[i + 1])
            i += 2
        elif ch == quote:
            if not escapes and query.startswith(quote * 2, i):
                out.append(quote)
                i += 2
                continue
            return "".join(out), i + 1
        else:
            out.append(ch)
            i += 1
    what = "back-quoted name" if quote == "`" else "string"
    raise InvalidQuery(f"unterminated {what} starting at character {start}")
