"""What the catalogues must hold, for Babel's extraction (``pybabel extract -F graphapp/locale/<domain>.cfg``)
and the catalogue check (``tests/views/test_catalogues.py``).

Babel's own extractors find the keys that a call names (``t("key")`` in Python and scripts, ``_("key")`` in
templates). The extractors here find the rest, each a Babel extraction method:

* :func:`families` — keys made at run time from a vocabulary: ``kind.<kind>`` of every label, ``view_<view>``,
  ``rel.<TYPE>`` / ``rel_out.<TYPE>`` / ``rel_in.<TYPE>`` of every relationship type, ``role.<role>``,
  ``prop.<key>`` of every property of :mod:`graphapp.graph_schema` (and of the views' derived ones),
  ``value.<code>`` of every coded value, ``type.<type>`` of every parameter type, the schema page's
  ``schema.*`` meanings and ``error.status_<n>``;
* :func:`python` — Babel's Python extractor, and ``error.<code>`` for every ``code="…"`` a
  :class:`~graphapp.errors.GraphappError` is raised with (and each code of :data:`graphapp.errors.NEO4J_CODES`);
* :func:`notes` — the curator's notes and problems as their source writes them (domain ``notes``);
* :func:`saved_queries` — each ``cypher/*.cypher`` header's description and parameter help (domain ``queries``).
"""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

from graphapp.cypher_library import PARAM_TYPES, parse_saved_query
from graphapp.errors import NEO4J_CODES
from graphapp.graph_schema import LABELS, RELATIONSHIPS, LabelSpec, RelationshipSpec
from graphapp.model import DerivedType, Label, RelType
from graphapp.paths import default_data_dir
from graphapp.records import reference_graph
from graphapp.records.schema import OrganizationKind
from graphapp.roles import Role
from graphapp.views.i18n import catalogue
from graphapp.views.messages import EXPLAINED_STATUSES
from graphapp.views.params import VIEWS

__all__ = ["DERIVED_PROPERTIES", "STATUSES", "families", "family_keys", "notes", "python", "saved_queries"]

#: One extracted message: line, function name (None), id, comments.
_Found = tuple[int, str | None, str, list[str]]

#: Properties the views make that no label or type stores: a project's period, a county's counts in an
#: aggregated view, the weight of a projection's line.
DERIVED_PROPERTIES = ("period", "weight", "actors", "projects")
#: A project's status.
STATUSES = ("planned", "ongoing", "completed")


def family_keys() -> Iterator[tuple[str, str]]:
    """Every key a vocabulary makes, with a comment for the translator."""
    for label in Label:
        yield f"kind.{label.kind}", "a kind of node"
    for rel_type in (*RelType, *DerivedType):
        yield f"rel.{rel_type}", "a relationship type, as a verb"
        yield f"rel_out.{rel_type}", "the relationship read from its start, around the end's {name}"
        yield f"rel_in.{rel_type}", "the relationship read from its end, around the start's {name}"
    for role in Role:
        yield f"role.{role}", "a role in a project"
    for view in VIEWS:
        yield f"view_{view}", "a view's name, its heading"
    specs: list[LabelSpec | RelationshipSpec] = [*LABELS, *RELATIONSHIPS]
    keys = {p.key for spec in specs for p in spec.properties} | set(DERIVED_PROPERTIES)
    for key in sorted(keys - {"id", "name"}):
        yield f"prop.{key}", "a property's key, as a heading"
    for value in sorted({*OrganizationKind, *STATUSES, *_agency_kinds()}):
        yield f"value.{value}", "a coded value (a kind of organisation or agency, a status)"
    for kind in sorted(set(PARAM_TYPES.values())):
        yield f"type.{kind}", "a parameter's type"
    yield from _schema_meanings()
    for _, code in NEO4J_CODES:
        yield f"error.{code}", "what a Neo4j error of this kind means to the person, and what to do"
    for status in EXPLAINED_STATUSES:
        yield f"error.status_{status}", f"what an HTTP {status} means to the person, and what to do"


def _agency_kinds() -> set[str]:
    data = reference_graph(default_data_dir() / "reference")
    return {
        str(n.properties["kind"]) for n in data.nodes.values() if n.label is Label.AGENCY and "kind" in n.properties
    }


def _schema_meanings() -> Iterator[tuple[str, str]]:
    """``schema.label.<Label>``, ``schema.rel.<TYPE>``, and each property's meaning: ``schema.<Owner>.<key>``
    where the English catalogue has one of its own, else the shared ``schema.prop.<key>``."""
    english = catalogue("en")
    for spec in LABELS:
        yield f"schema.label.{spec.label}", "what the label means"
    for rel in RELATIONSHIPS:
        yield f"schema.rel.{rel.type}", "what the relationship type means"
    for owner, properties in [
        *((s.label.value, s.properties) for s in LABELS),
        *((r.type.value, r.properties) for r in RELATIONSHIPS),
    ]:
        for prop in properties:
            own = f"schema.{owner}.{prop.key}"
            yield (
                (own, f"what {owner}.{prop.key} means")
                if own in english
                else (f"schema.prop.{prop.key}", "what the property means")
            )


def families(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[_Found]:
    """Babel extraction method: the vocabularies' keys (whatever file it is mapped to)."""
    for key, comment in family_keys():
        yield 1, None, key, [comment]


def python(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Any]:
    """Babel extraction method for Python: Babel's own (``t("key")``), and ``error.<code>`` for each call
    with a literal ``code="…"`` (a :class:`~graphapp.errors.GraphappError` and its explanation)."""
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)  # type: ignore[arg-type]  # Babel passes what it takes
    for call in ast.walk(ast.parse(source)):
        if isinstance(call, ast.Call):
            for keyword in call.keywords:
                if (
                    keyword.arg == "code"
                    and isinstance(keyword.value, ast.Constant)
                    and isinstance(keyword.value.value, str)
                ):
                    yield (
                        call.lineno,
                        None,
                        f"error.{keyword.value.value}",
                        ["an error's explanation: what happened, what to do"],
                    )


#: Calls whose text argument (at this position) is a note or a problem a person reads.
_SAYING = {
    "note": 0,
    "warn": 0,
    "problem": 1,
    "CellError": 0,
    "_sheet_problem": 2,
    "_header_problem": 3,
    "UnreadableDocument": 0,
    "UnreadableSpreadsheet": 0,
}


def notes(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[_Found]:
    """Babel extraction method: the notes and problems the extractor and the spreadsheet reader write, as
    templates (``{}`` for each value), from their calls (:data:`_SAYING`, ``warnings.append``)."""
    for call in ast.walk(ast.parse(fileobj.read())):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        is_note = name == "append" and isinstance(func, ast.Attribute) and getattr(func.value, "attr", "") == "warnings"
        position = 0 if is_note else _SAYING.get(name or "")
        if position is None or len(call.args) <= position:
            continue
        for template in _templates(call.args[position]):
            if len(re.sub(r"[^a-zA-Z]", "", template.replace("{}", ""))) >= 3:  # words, not just "{}: {}"
                comment = (
                    ["{} is a value; the translation numbers them {0}, {1} … in this order"] if "{}" in template else []
                )
                yield call.lineno, None, template, comment


def _templates(node: ast.expr) -> Iterator[str]:
    """The template of a message as its source writes it: literal text, ``{}`` for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = list(_templates(node.left)), list(_templates(node.right))
        yield (left[0] if len(left) == 1 else "{}") + (right[0] if len(right) == 1 else "{}")
        for side in (node.left, node.right):
            if isinstance(side, ast.IfExp):  # "…; " + ("this" if … else "that"): each branch is worded too
                yield from _templates(side.body)
                yield from _templates(side.orelse)


def saved_queries(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[_Found]:
    """Babel extraction method: a saved query's description and its parameters' help."""
    name = getattr(fileobj, "name", "query")
    if str(name).endswith("schema.cypher"):
        return
    query = parse_saved_query(str(name), fileobj.read().decode("utf-8"))
    if query.description:
        yield 1, None, query.description, ["a saved query's description, shown in the workbench"]
    for param in query.parameters:
        if param.help:
            yield 1, None, param.help, [f"the help of the parameter ${param.name}; keep the example as it is"]
