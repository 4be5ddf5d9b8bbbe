"""What ad-hoc Cypher may not do, even in a READ transaction.

Analysts' Cypher (``POST /api/cypher``, ``graphapp query``) always runs in a
read-mode transaction with a timeout and a row cap, so Neo4j itself refuses
writes. A read transaction still allows things an open endpoint must not, and
:func:`check_cypher` refuses them before the query reaches the server:

- ``LOAD CSV`` (reads files of the server and any URL it can reach);
- ``CALL dbms.*`` and other server-administration or side-effect procedures
  (``apoc.load.*``, ``apoc.cypher.*``, ``apoc.periodic.*`` …), called or used as functions;
- ``SHOW`` / ``CREATE`` / ``ALTER`` / ``DROP`` / ``RENAME`` / ``START`` / ``STOP`` of
  users, roles, privileges, databases, aliases, servers; ``GRANT`` / ``DENY`` /
  ``REVOKE``; ``SHOW`` / ``TERMINATE TRANSACTIONS`` (other sessions' queries);
- ``USE`` (another database, such as ``system``);
- ``CALL { … } IN TRANSACTIONS`` (commits in batches outside our transaction);
- more than one statement.

The query is tokenised just enough to skip string literals, comments and
back-quoted names, so ``WHERE n.name = 'LOAD CSV'`` passes and ``LOAD /* x */ CSV``
does not. This is a deny list on top of the read-mode transaction, not a
replacement for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphapp.errors import InvalidQuery

__all__ = ["MAX_QUERY_CHARS", "check_cypher", "check_parameters", "tokenize"]

MAX_QUERY_CHARS = 20_000
_INT64 = (-(2**63), 2**63 - 1)
_MAX_NESTING = 32

#: Procedure or function namespaces refused (lower case, dotted prefix).
DENIED_PROCEDURES = (
    "dbms.",
    "apoc.load.",
    "apoc.import.",
    "apoc.export.",
    "apoc.cypher.",
    "apoc.periodic.",
    "apoc.systemdb.",
    "apoc.trigger.",
    "apoc.custom.",
    "apoc.do.",
    "apoc.log.",
    "apoc.util.sleep",
    "db.clearquerycaches",
)
_ADMIN_VERBS = frozenset(
    {"SHOW", "CREATE", "ALTER", "DROP", "RENAME", "START", "STOP", "ENABLE", "DEALLOCATE", "REALLOCATE", "TERMINATE"}
)
_ADMIN_NOUNS = frozenset(
    {
        "USER",
        "USERS",
        "ROLE",
        "ROLES",
        "PRIVILEGE",
        "PRIVILEGES",
        "DATABASE",
        "DATABASES",
        "ALIAS",
        "ALIASES",
        "SERVER",
        "SERVERS",
        "TRANSACTION",
        "TRANSACTIONS",
        "SETTING",
        "SETTINGS",
        "SUPPORTED",
    }
)
_ADMIN_MODIFIERS = frozenset(
    {
        "OR",
        "REPLACE",
        "COMPOSITE",
        "ALL",
        "CURRENT",
        "HOME",
        "DEFAULT",
        "POPULATED",
        "STANDARD",
        "SYSTEM",
        "LOCAL",
        "REMOTE",
        "IMMUTABLE",
    }
)
_PRIVILEGE_VERBS = frozenset({"GRANT", "DENY", "REVOKE"})


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
            text, i = _quoted(query, i, ch, escapes=True)
            tokens.append(Token("string", text, i))
        elif ch == "`":
            text, i = _quoted(query, i, "`", escapes=False)
            tokens.append(Token("name", text, i))
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


def check_cypher(query: str) -> None:
    """Raise :class:`~graphapp.errors.InvalidQuery` saying why, if ``query`` may not run.

    >>> check_cypher("MATCH (m:Municipality {code: $code}) RETURN m.name")
    >>> check_cypher("LOAD CSV FROM 'https://example.org/x.csv' AS row RETURN row")
    Traceback (most recent call last):
    ...
    graphapp.errors.InvalidQuery: LOAD CSV is not allowed: it reads files of the database server and URLs it can reach
    """
    if not query.strip():
        raise InvalidQuery("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidQuery(f"the query is {len(query)} characters long; at most {MAX_QUERY_CHARS} are allowed")
    tokens = tokenize(query)
    for index, token in enumerate(tokens):
        reason = _refusal(tokens, index, token)
        if reason:
            raise InvalidQuery(reason)


def check_parameters(parameters: dict[str, Any]) -> None:
    """Refuse parameter values Neo4j cannot take: integers beyond 64 bits, deep nesting.

    >>> check_parameters({"code": "0780", "ids": [1, 2], "m": {"a": None}})
    """

    def walk(value: Any, where: str, depth: int) -> None:
        if depth > _MAX_NESTING:
            raise InvalidQuery(f"parameter {where}: nested deeper than {_MAX_NESTING} levels")
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


# -- rules ---------------------------------------------------------------------


def _refusal(tokens: list[Token], index: int, token: Token) -> str | None:
    if token.kind == "symbol" and token.text == ";":
        if index + 1 < len(tokens):
            return "only one statement may run at a time (remove the ';' and what follows)"
        return None
    if token.kind in ("word", "name") and _is_call_target(tokens, index):
        reason = _denied_procedure(_dotted_name(tokens, index))
        if reason:
            return reason
    if not _is_keyword(tokens, index):
        return None
    word = token.text.upper()
    following = _words_after(tokens, index)
    if word == "LOAD" and following[:1] == ["CSV"]:
        return "LOAD CSV is not allowed: it reads files of the database server and URLs it can reach"
    if word == "USE" and _next_is_name(tokens, index):
        return "USE is not allowed: queries run on the configured database only (never on system)"
    if word == "TRANSACTIONS" and _in_transactions(tokens, index):
        return "CALL { … } IN TRANSACTIONS is not allowed: it commits batches outside the read-only transaction"
    if word in _PRIVILEGE_VERBS and index == 0:
        return f"{word} is an administration command (privileges); it is not allowed here"
    if word in _ADMIN_VERBS:
        noun = next((w for w in following if w not in _ADMIN_MODIFIERS), None)
        if noun in _ADMIN_NOUNS:
            return (
                f"{word} {noun} is an administration command (users, roles, databases, servers, "
                "transactions); it is not allowed here"
            )
    if word == "CALL":
        return _denied_procedure(_dotted_name(tokens, index + 1))
    return None


def _denied_procedure(name: str) -> str | None:
    lowered = name.lower()
    denied = next((p for p in DENIED_PROCEDURES if lowered.startswith(p) or lowered == p.rstrip(".")), None)
    if not name or denied is None:
        return None
    return f"{name} is not allowed: procedures under {denied.rstrip('.')} administer the server or reach outside it"


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


def _is_call_target(tokens: list[Token], index: int) -> bool:
    """The first part of a dotted name called as a function: ``apoc.load.json(``."""
    if index + 1 >= len(tokens) or tokens[index + 1].text != ".":
        return False
    if index and tokens[index - 1].text == ".":
        return False
    j = index
    while j + 2 < len(tokens) and tokens[j + 1].text == "." and tokens[j + 2].kind in ("word", "name"):
        j += 2
    return j + 1 < len(tokens) and tokens[j + 1].text == "("


def _dotted_name(tokens: list[Token], start: int) -> str:
    parts: list[str] = []
    j = start
    while j < len(tokens) and tokens[j].kind in ("word", "name"):
        parts.append(tokens[j].text)
        if j + 1 < len(tokens) and tokens[j + 1].text == ".":
            j += 2
        else:
            break
    return ".".join(parts)


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
