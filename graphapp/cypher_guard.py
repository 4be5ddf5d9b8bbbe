"""What analysts' Cypher may do: an allow-list, checked before the query reaches Neo4j.

Analysts' Cypher (``POST /api/cypher``, ``graphapp query``) runs in a read-mode
transaction with a timeout, a memory limit and a row cap, so Neo4j itself refuses
writes: that is the first wall. :func:`check_cypher` is the second. It reads the query
as tokens (:mod:`graphapp.cypher_tokens`: ``WHERE n.name = 'LOAD CSV'`` passes and
``LOAD /* x */ CSV`` does not) and lets it through only if

- it is one statement, after an optional prefix of ``CYPHER`` options
  (:data:`CYPHER_VERSIONS`, :data:`CYPHER_OPTIONS`) and ``EXPLAIN`` (the plan only:
  nothing runs) or ``PROFILE`` (runs under the same transaction, timeout, memory limit
  and row cap), that starts with ``MATCH``, ``OPTIONAL MATCH``, ``WITH``, ``UNWIND``,
  ``RETURN``, ``CALL`` or ``SHOW`` of indexes, constraints, functions or procedures
  (:data:`STATEMENT_STARTS`, :data:`SHOWABLE`): administration commands (users,
  roles, databases, transactions, settings) start otherwise;
- every procedure it calls is in :data:`ALLOWED_PROCEDURES` (the database's read-only
  schema and information procedures and its full-text and vector index searches) and
  every function is one of Neo4j's built-in functions
  (:data:`graphapp.neo4j_functions.BUILTIN_FUNCTIONS`); anything else, ``dbms.*``,
  ``db.stats.*``, ``apoc.*`` or a name not known, is refused;
- it has no ``LOAD CSV``, no ``USE`` and no ``CALL { … } IN TRANSACTIONS``;
- Neo4j's parser can read it safely: at most :data:`MAX_QUERY_CHARS` characters and
  :data:`MAX_TOKENS` tokens, nested at most :data:`MAX_NESTING` deep (brackets,
  ``CASE``, runs of ``NOT``/``-``/``+``, chains of ``.key`` and ``[i]``, relationships
  in one path), at most :data:`MAX_CLAUSES` clauses. Neo4j 5.26 parses before its transaction timeout
  applies: 300 nested parentheses or 200 chained ``.key`` make it never answer;
- ``range()`` inside an expression stays short. Neo4j neither stops a loop inside one
  expression (``reduce``, a list comprehension, ``any()``) at the timeout nor counts the
  lazy list ``range()`` makes against the memory limit, so there its bounds must be
  integer literals or parameters making at most :data:`MAX_RANGE` values, or lengths of
  what the query holds (``size(xs) - 1``, ``length(p)``) plus or minus such numbers.
  ``UNWIND range(…) AS x`` takes any bounds (``range(date(p.start).year, 2024)``): it
  makes rows one at a time, and the timeout stops it between two.

Every refusal is an :class:`~graphapp.errors.InvalidQuery` (400) that names what was
refused and why.
"""

from __future__ import annotations

from typing import Any

from graphapp.cypher_tokens import (
    Token,
    closing,
    dotted_name,
    is_keyword,
    is_symbol,
    next_is_name,
    starts_name,
    tokenize,
    word,
    words_after,
)
from graphapp.errors import InvalidQuery
from graphapp.neo4j_functions import BUILTIN_FUNCTIONS

__all__ = [
    "ALLOWED_PROCEDURES",
    "CYPHER_OPTIONS",
    "CYPHER_VERSIONS",
    "MAX_CLAUSES",
    "MAX_NESTING",
    "MAX_PARAMETER_NESTING",
    "MAX_PARAMETER_VALUES",
    "MAX_QUERY_CHARS",
    "MAX_RANGE",
    "MAX_TOKENS",
    "RULES",
    "SHOWABLE",
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

#: Procedures analysts may call (names are case-sensitive): the database's read-only schema and
#: information procedures, and searches of its full-text and vector indexes. Never ``dbms.*``.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.info",
        "db.ping",
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.schema.visualization",
        "db.index.fulltext.listAvailableAnalyzers",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
    }
)
_FUNCTIONS = frozenset(name.lower() for name in BUILTIN_FUNCTIONS)

#: Cypher versions a ``CYPHER`` prefix may name (the server says which it has).
CYPHER_VERSIONS = frozenset({"5", "25"})
#: Options a ``CYPHER`` prefix may set and their values: Neo4j 5's query options, read in any case.
#: ``debug`` and any other option are refused.
CYPHER_OPTIONS: dict[str, frozenset[str]] = {
    "runtime": frozenset({"slotted", "pipelined", "interpreted", "parallel", "legacy"}),
    "planner": frozenset({"cost", "idp", "dp"}),
    "expressionEngine": frozenset({"default", "interpreted", "compiled"}),
    "operatorEngine": frozenset({"default", "interpreted", "compiled"}),
    "interpretedPipesFallback": frozenset({"default", "disabled", "whitelisted_plans_only", "all"}),
    "replan": frozenset({"default", "force", "skip"}),
    "connectComponentsPlanner": frozenset({"greedy", "idp"}),
    "updateStrategy": frozenset({"default", "eager"}),
    "eagerAnalyzer": frozenset({"ir", "lp"}),
    "inferSchemaParts": frozenset({"off", "most_selective_label"}),
    "statefulShortestPlanningMode": frozenset({"into_only", "all_if_possible", "cardinality_heuristic"}),
    "planVarExpandInto": frozenset({"single_row", "minimum_cost"}),
}
_OPTION_NAMES = {name.lower(): name for name in CYPHER_OPTIONS}

#: The words a statement may start with (after its prefix).
STATEMENT_STARTS = ("MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "SHOW")
#: What ``SHOW`` may list.
SHOWABLE = frozenset(
    {"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION", "FUNCTIONS"} | {"PROCEDURE", "PROCEDURES"}
)
_SHOW_KINDS = frozenset(
    {"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "UNIQUE", "UNIQUENESS", "EXIST", "EXISTENCE"}
    | {"KEY", "NODE", "REL", "RELATIONSHIP", "PROPERTY", "TYPE", "BUILT", "IN", "USER", "DEFINED"}
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
#: Functions whose value is the length of what the query already holds: bounds of a short range().
_LENGTHS = frozenset({"size", "length"})

#: The rules in a paragraph, for the API's documentation.
RULES = (
    "Allowed: one statement starting with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL or SHOW INDEXES, "
    "CONSTRAINTS, FUNCTIONS or PROCEDURES, after an optional prefix of CYPHER options (version, runtime, planner, "
    "…) and EXPLAIN (the plan only) or PROFILE (the plan with rows and db hits, run under the same limits); "
    f"Neo4j's built-in functions; the procedures {', '.join(sorted(ALLOWED_PROCEDURES))}. "
    "Refused with 400, naming what: anything else (writes, administration, other procedures and functions, "
    f"LOAD CSV, USE, CALL {{ … }} IN TRANSACTIONS, CYPHER debug options); more than {MAX_QUERY_CHARS} characters, "
    f"{MAX_TOKENS} tokens or {MAX_CLAUSES} clauses; nesting deeper than {MAX_NESTING}; range() inside an "
    f"expression with more than {MAX_RANGE} values or with bounds other than integers and lengths (UNWIND range(…) "
    "takes any bounds); a query that needs more memory than one transaction may use."
)


def check_cypher(query: str, parameters: dict[str, Any] | None = None) -> None:
    """Raise :class:`~graphapp.errors.InvalidQuery` saying why, if ``query`` may not run.

    ``parameters`` are the values the query will get; ``range()`` bounds given as
    parameters are checked against them.

    >>> check_cypher("MATCH (m:Municipality {code: $code}) RETURN m.name, toUpper(m.name)")
    >>> check_cypher("PROFILE CYPHER runtime=slotted UNWIND range(2007, toInteger($last)) AS year RETURN year")
    >>> check_cypher("CALL db.stats.retrieve('QUERIES')")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphapp.errors.InvalidQuery: procedure db.stats.retrieve is not allowed: analysts may call only db.index...
    """
    if not query.strip():
        raise InvalidQuery("the query is empty", code="refused")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidQuery(
            f"the query is {len(query)} characters long; at most {MAX_QUERY_CHARS} are allowed", code="refused"
        )
    tokens = tokenize(query)
    if len(tokens) > MAX_TOKENS:
        raise InvalidQuery(f"the query has {len(tokens)} tokens; at most {MAX_TOKENS} are allowed", code="refused")
    start, reason = _prefix(tokens)
    reason = reason or _shape_refusal(tokens) or _start_refusal(tokens, start)
    for index in range(start, len(tokens)):
        reason = reason or _refusal(tokens, index, start, parameters or {})
    if reason:
        raise InvalidQuery(reason, code="refused")


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
                f"parameters: more than {MAX_PARAMETER_VALUES} values in all (list items and map entries count)",
                code="parameters",
            )
        if isinstance(value, list | dict) and depth >= MAX_PARAMETER_NESTING:
            raise InvalidQuery(
                f"parameter {where}: lists and maps nested deeper than {MAX_PARAMETER_NESTING} levels",
                code="parameters",
            )
        if isinstance(value, bool) or value is None or isinstance(value, str | float):
            return
        if isinstance(value, int):
            if not _INT64[0] <= value <= _INT64[1]:
                raise InvalidQuery(f"parameter {where}: {value} does not fit in a 64-bit integer", code="parameters")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]", depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}", depth + 1)
        else:
            raise InvalidQuery(
                f"parameter {where}: unsupported value of type {type(value).__name__}", code="parameters"
            )

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
        elif word == "CASE" and is_keyword(tokens, index):
            open_stack.append("END")
        elif word == "END" and open_stack and open_stack[-1] == "END":
            open_stack.pop()
        prefix_run = prefix_run + 1 if word == "NOT" or (text in ("-", "+") and token.kind == "symbol") else 0
        chain = _chain_length(tokens, index, chain)
        clauses += word in _CLAUSE_WORDS and is_keyword(tokens, index)
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


# -- the prefix: CYPHER options, EXPLAIN, PROFILE ---------------------------------


def _prefix(tokens: list[Token]) -> tuple[int, str | None]:
    """Where the statement starts after ``CYPHER 5 runtime=slotted EXPLAIN`` and the like, and
    why the prefix is refused, if it is."""
    index = 0
    while index < len(tokens) and word(tokens[index]) in ("CYPHER", "EXPLAIN", "PROFILE"):
        index += 1
        if word(tokens[index - 1]) != "CYPHER":
            continue
        if index < len(tokens) and tokens[index].kind == "number":
            if tokens[index].text not in CYPHER_VERSIONS:
                return index, f"CYPHER {tokens[index].text} is not a Cypher version this workbench knows (5 or 25)"
            index += 1
        while index + 2 < len(tokens) and tokens[index].kind == "word" and is_symbol(tokens[index + 1], "="):
            reason = _option_refusal(tokens[index].text, tokens[index + 2].text)
            if reason:
                return index, reason
            index += 3
    if index >= len(tokens):
        return index, "the query has no statement after its CYPHER, EXPLAIN or PROFILE prefix"
    return index, None


def _option_refusal(name: str, value: str) -> str | None:
    known = _OPTION_NAMES.get(name.lower())
    if known is None:
        names = ", ".join(CYPHER_OPTIONS)
        return f"CYPHER option {name} is not allowed: analysts may set {names}"
    allowed = CYPHER_OPTIONS[known]
    if value.lower() not in allowed:
        return f"CYPHER {name}={value} is not allowed: {known} may be {', '.join(sorted(allowed))}"
    return None


# -- statements, clauses and calls ---------------------------------------------


def _start_refusal(tokens: list[Token], start: int) -> str | None:
    first = tokens[start]
    name = word(first) or first.text
    if first.kind != "word" or name not in STATEMENT_STARTS:
        specific = _refusal(tokens, start, start, {})  # LOAD CSV, USE: say what they do
        return specific or (
            f"a query may not start with {name}: it must start with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, "
            "CALL or SHOW INDEXES, CONSTRAINTS, FUNCTIONS or PROCEDURES, after an optional CYPHER, EXPLAIN or "
            "PROFILE (administration commands are not allowed here)"
        )
    if name == "SHOW":
        shown = next((w for w in words_after(tokens, start, 6) if w not in _SHOW_KINDS), "")
        if shown not in SHOWABLE:
            return f"SHOW {shown} is not allowed: analysts may SHOW INDEXES, CONSTRAINTS, FUNCTIONS and PROCEDURES only"
        return _executable_by_refusal(tokens[start : start + 10], shown)
    return None


def _executable_by_refusal(tokens: list[Token], shown: str) -> str | None:
    """``SHOW FUNCTIONS EXECUTABLE BY alice`` shows another user's privileges: administration."""
    words = [word(token) for token in tokens]
    if "EXECUTABLE" not in words:
        return None
    after = words[words.index("EXECUTABLE") + 1 :]
    if after[:1] == ["BY"] and after[1:3] != ["CURRENT", "USER"]:
        return f"SHOW {shown} EXECUTABLE BY another user is not allowed (administration); EXECUTABLE BY CURRENT USER is"
    return None


def _refusal(tokens: list[Token], index: int, start: int, parameters: dict[str, Any]) -> str | None:
    token = tokens[index]
    if is_symbol(token, ";"):
        if index + 1 < len(tokens):
            return "only one statement may run at a time (remove the ';' and what follows)"
        return None
    if token.kind in ("word", "name") and starts_name(tokens, index):
        reason = _call_refusal(tokens, index, parameters)
        if reason:
            return reason
    if not is_keyword(tokens, index):
        return None
    name = token.text.upper()
    if name == "LOAD" and words_after(tokens, index, 1) == ["CSV"]:
        return "LOAD CSV is not allowed: it reads files of the database server and URLs it can reach"
    if name == "USE" and next_is_name(tokens, index):
        return "USE is not allowed: queries run on the configured database only (never on system)"
    if name == "TRANSACTIONS" and _in_transactions(tokens, index):
        return "CALL { … } IN TRANSACTIONS is not allowed: it commits batches outside the read-only transaction"
    if name in ("SHOW", "TERMINATE") and index > start:
        return f"{name} may only start a query, and only as SHOW INDEXES, CONSTRAINTS, FUNCTIONS or PROCEDURES"
    if name in ("CYPHER", "EXPLAIN", "PROFILE") and index > start and _starts_statement(tokens, index):
        return f"{name} may only come before the query (CYPHER options, then EXPLAIN or PROFILE)"
    return None


def _starts_statement(tokens: list[Token], index: int) -> bool:
    """A prefix word where a new part of the query could begin (after UNION or '{')."""
    before = tokens[index - 1]
    return word(before) in ("UNION", "ALL") or is_symbol(before, "{")


def _call_refusal(tokens: list[Token], index: int, parameters: dict[str, Any]) -> str | None:
    """A procedure after CALL, or a function: ``name(`` or ``name.space.name(``."""
    name, after = dotted_name(tokens, index)
    if index and word(tokens[index - 1]) == "CALL" and is_keyword(tokens, index - 1):
        if name not in ALLOWED_PROCEDURES:
            allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
            return f"procedure {name} is not allowed: analysts may call only {allowed}"
        return None
    if after >= len(tokens) or not is_symbol(tokens[after], "("):
        return None
    if "." not in name and tokens[index].kind == "word" and name.upper() in _SYNTAX_BEFORE_PAREN:
        return None
    if name.lower() not in _FUNCTIONS:
        return f"function {name}() is not allowed: analysts may call Neo4j's built-in functions only"
    if name.lower() == "range":
        return _range_refusal(tokens, index, after, parameters)
    return None


# -- range(): rows, or a short list --------------------------------------------


def _range_refusal(tokens: list[Token], name_index: int, open_index: int, parameters: dict[str, Any]) -> str | None:
    close = closing(tokens, open_index)
    unwound = word(tokens[name_index - 1]) == "UNWIND" and close + 1 < len(tokens) and word(tokens[close + 1]) == "AS"
    if unwound:  # rows one at a time: the timeout stops it between two
        return None
    arguments = _arguments(tokens[open_index + 1 : close])
    how = (
        "range() inside an expression needs integer literals or parameters as bounds making at most "
        f"{MAX_RANGE} values, or size()/length() of what the query holds plus or minus such numbers: Neo4j "
        "cannot stop a loop inside one expression when the query times out"
    )
    values = [_integer(argument, parameters) for argument in arguments]
    if len(values) in (2, 3) and all(value is not None for value in values):
        start, end, step = values[0], values[1], values[2] if len(values) == 3 else 1
        assert start is not None and end is not None and step is not None  # for the type checker; checked above
        count = 0 if step == 0 else max(0, (end - start) // step + 1)
        return f"{how}; this one makes {count} (or UNWIND it, row by row)" if count > MAX_RANGE else None
    if all(_short(argument, parameters) for argument in arguments):
        return None
    return f"{how}; for other bounds, UNWIND range(…) AS x makes rows, which the timeout stops"


def _arguments(tokens: list[Token]) -> list[list[Token]]:
    """The comma-separated arguments of a call, as token lists."""
    arguments: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if is_symbol(token, "([{"):
            depth += 1
        elif is_symbol(token, ")]}"):
            depth -= 1
        if depth == 0 and is_symbol(token, ","):
            arguments.append([])
        else:
            arguments[-1].append(token)
    return arguments


def _integer(argument: list[Token], parameters: dict[str, Any]) -> int | None:
    sign = 1
    if len(argument) == 2 and is_symbol(argument[0], "-+"):
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


def _short(argument: list[Token], parameters: dict[str, Any]) -> bool:
    """A bound made of lengths (``size(…)``, ``length(…)``), small integers and ``+ - / %``: as long as
    what the query holds (a range inside ``size(…)`` is checked on its own)."""
    index = 0
    while index < len(argument):
        token = argument[index]
        follows = argument[index + 1] if index + 1 < len(argument) else None
        if token.kind == "word" and token.text.lower() in _LENGTHS and is_symbol(follows, "("):
            index = closing(argument, index + 1) + 1
            continue
        small = _integer([token], parameters)
        if not (is_symbol(token, "+-/%()") or (small is not None and abs(small) <= MAX_RANGE)):
            return False
        index += 1
    return bool(argument)


def _in_transactions(tokens: list[Token], index: int) -> bool:
    previous = [t.text.upper() for t in tokens[max(0, index - 3) : index]]
    return "IN" in previous
