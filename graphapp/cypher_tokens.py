"""Cypher as tokens, for the guard (:mod:`graphapp.cypher_guard`): string literals, comments and
back-quoted names are read as such, so ``WHERE n.name = 'LOAD CSV'`` holds no ``LOAD`` word and
``LOAD /* x */ CSV`` holds two.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphapp.errors import InvalidQuery

__all__ = [
    "Token",
    "closing",
    "dotted_name",
    "is_keyword",
    "is_symbol",
    "next_is_name",
    "starts_name",
    "tokenize",
    "word",
    "words_after",
]


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


def word(token: Token) -> str:
    """A bare word in capitals, or "" for any other token."""
    return token.text.upper() if token.kind == "word" else ""


def is_symbol(token: Token | None, symbols: str) -> bool:
    """``token`` is one of the one-character ``symbols``."""
    return token is not None and token.kind == "symbol" and token.text in symbols


def is_keyword(tokens: list[Token], index: int) -> bool:
    """A bare word that is not a property key, label, map key or part of a dotted name."""
    token = tokens[index]
    if token.kind != "word":
        return False
    before = tokens[index - 1] if index else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if is_symbol(before, ".:"):
        return False
    return not is_symbol(after, ":")


def starts_name(tokens: list[Token], index: int) -> bool:
    """The first part of a (dotted) name: not after a '.', a ':' (label) or a '$'."""
    return not (index and is_symbol(tokens[index - 1], ".:"))


def dotted_name(tokens: list[Token], start: int) -> tuple[str, int]:
    """The dotted name starting at ``start`` and the index of the token after it."""
    parts = [tokens[start].text]
    j = start + 1
    while j + 1 < len(tokens) and is_symbol(tokens[j], "."):
        if tokens[j + 1].kind not in ("word", "name"):
            break
        parts.append(tokens[j + 1].text)
        j += 2
    return ".".join(parts), j


def closing(tokens: list[Token], open_index: int) -> int:
    """The index of the bracket that closes the one at ``open_index`` (``len(tokens)`` if none does)."""
    depth = 0
    for index in range(open_index, len(tokens)):
        if is_symbol(tokens[index], "([{"):
            depth += 1
        elif is_symbol(tokens[index], ")]}"):
            depth -= 1
            if depth == 0:
                return index
    return len(tokens)


def words_after(tokens: list[Token], index: int, count: int = 4) -> list[str]:
    words = []
    for token in tokens[index + 1 : index + 1 + count]:
        if token.kind != "word":
            break
        words.append(token.text.upper())
    return words


def next_is_name(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].kind in ("word", "name", "param")


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
