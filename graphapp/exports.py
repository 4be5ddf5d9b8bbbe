"""Exports of a graph (layout of ``GraphStore.to_networkx()``) in analysts' formats.

- :func:`write_graphml` and :func:`write_gexf`: for yEd, Gephi, Cytoscape. Neither
  format holds lists, so list values (``sources``) are joined with ``";"``, except a
  relationship's ``evidence`` (sentences, which may hold ``";"``), written as a JSON
  array of texts aligned with ``sources``; ``None`` values are dropped; an attribute
  holding both ints and floats is written as float.
- :func:`node_link_json`: networkx's node-link JSON (``"links"``), lists kept.

Dates are ISO text of the precision known (``2014``, ``2016-06``, ``2016-06-01``;
:mod:`graphapp.dates`), except where the format has dates of its own: GEXF time spans
and neo4j-admin ``date`` columns hold the stored day, beside the precision.
- :func:`neo4j_admin_csv` and :func:`csv_zip`: CSV files in the header format of
  ``neo4j-admin database import full`` (one file per label and per relationship type),
  written by :func:`graphapp.table_files.machine_csv`: a program reads them, so cells are
  the data exactly, formula characters included (neo4j-admin would import a ``'`` put
  before them into the graph), lists as arrays split on :func:`array_delimiter`. People
  open the tables of ``format=xlsx`` instead.

Every export is deterministic: nodes and edges are written sorted by id, so the
same graph gives the same bytes whichever store it came from.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import networkx as nx

from graphapp.dates import plain_properties
from graphapp.table_files import machine_csv

__all__ = [
    "ARRAY_DELIMITER",
    "array_delimiter",
    "csv_zip",
    "edge_id",
    "neo4j_admin_csv",
    "node_link_json",
    "write_gexf",
    "write_graphml",
]

#: Joins list values in GraphML/GEXF and in neo4j-admin array cells (its default).
ARRAY_DELIMITER = ";"
#: neo4j-admin's delimiter when a list's text holds ``";"``: the first that none holds.
_OTHER_DELIMITERS = ("|", "¦", "§", "¤", "\u2016")
#: Lists of free text, written as JSON arrays where lists are joined (GraphML, GEXF).
_TEXT_LISTS = frozenset({"evidence"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def write_graphml(graph: nx.MultiDiGraph[str], out: BinaryIO) -> None:
    """Write ``graph`` as GraphML to a binary file.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph with the layout of ``GraphStore.to_networkx()``.
    out : binary file
        Where to write UTF-8 XML.

    Notes
    -----
    O(V + E). Attribute names are kept (``label``, ``name``, ``type`` …); list values
    are joined with ``";"``, ``None`` values dropped. Every edge has a unique id,
    ``start|TYPE|end`` (GraphML requires it; graphology, the parser behind Gephi Lite
    and sigma.js, refuses a file whose edge ids repeat); networkx reads it back as the
    multigraph key.

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("fund:amif", label="Fund", name="AMIF")
    >>> graph.add_node("project:p", label="Project", name="P", start="2016-06-01")
    >>> graph.add_edge("fund:amif", "project:p", key="FUNDS", type="FUNDS", sources=["document:a", "document:b"])
    'FUNDS'
    >>> out = io.BytesIO()
    >>> write_graphml(graph, out)
    >>> back = nx.read_graphml(io.BytesIO(out.getvalue()), force_multigraph=True)
    >>> back.edges["fund:amif", "project:p", "fund:amif|FUNDS|project:p"]
    {'sources': 'document:a;document:b', 'type': 'FUNDS'}
    """
    flat = _flattened(graph)
    identified: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    identified.add_nodes_from(flat.nodes(data=True))
    for u, v, key, attrs in flat.edges(keys=True, data=True):
        identified.add_edge(u, v, key=edge_id(u, key, v), **attrs)
    nx.write_graphml(identified, out, encoding="utf-8", infer_numeric_types=True)


def write_gexf(graph: nx.MultiDiGraph[str], out: BinaryIO) -> None:
    """Write ``graph`` as GEXF 1.2 to a binary file.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph with the layout of ``GraphStore.to_networkx()``.
    out : binary file
        Where to write UTF-8 XML.

    Notes
    -----
    O(V + E). GEXF reserves some attribute names, so: the GEXF label of a node is its
    ``name`` and its graph label (``"Municipality"``) goes into the attribute
    ``node_label``; the GEXF label of an edge is its relationship type (``type`` in
    GEXF means directed or not). Every edge has a unique id, ``start|TYPE|end``.

    The graph is *dynamic* on purpose (``mode="dynamic"``, ``timeformat="date"``):
    project ``start``/``end`` dates become the node's time span, which Gephi turns
    into a timeline of the network; a date known to the month or year spans all of it
    (:mod:`graphapp.dates`: a start's first day, an end's last). Readers that ignore
    time spans (graphology-gexf, behind Gephi Lite and sigma.js) would lose the period,
    so it is also written as the ordinary attributes ``period_start``/``period_end``,
    ISO text of the precision known (``2014``, ``2016-06``, ``2016-06-01``). A
    ``start``/``end`` that is not a date is kept as ``start_value``/``end_value``.
    Lists are joined with ``";"``.

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("municipality:1766", label="Municipality", name="Sunne", lat=59.84)
    >>> graph.add_node("project:p", label="Project", name="P", start=dt.date(2016, 6, 1),
    ...                end=dt.date(2018, 12, 31), end_precision="year")
    >>> graph.add_edge("municipality:1766", "project:p", key="OWNS", type="OWNS", sources=["document:a"])
    'OWNS'
    >>> out = io.BytesIO()
    >>> write_gexf(graph, out)
    >>> back = nx.read_gexf(io.BytesIO(out.getvalue()))
    >>> back.nodes["municipality:1766"]
    {'lat': 59.84, 'node_label': 'Municipality', 'label': 'Sunne'}
    >>> back.nodes["project:p"]["start"], back.nodes["project:p"]["period_start"]
    ('2016-06-01', '2016-06-01')
    >>> back.nodes["project:p"]["end"], back.nodes["project:p"]["period_end"]
    ('2018-12-31', '2018')
    >>> list(back.edges(data="label"))
    [('municipality:1766', 'project:p', 'OWNS')]
    """
    flat = _flattened(graph)
    for node, attrs in flat.nodes(data=True):
        attrs["node_label"] = attrs.pop("label", None)
        attrs["label"] = attrs.pop("name", "")
        for reserved in ("start", "end"):
            value, stored = attrs.get(reserved), graph.nodes[node].get(reserved)
            if isinstance(stored, dt.date):  # the span's day: a start's first, an end's last (graphapp.dates)
                attrs[f"period_{reserved}"] = value
                attrs[reserved] = stored.isoformat()
            elif value is not None and not (isinstance(value, str) and _ISO_DATE.match(value)):
                attrs[f"{reserved}_value"] = attrs.pop(reserved)
            elif value is not None:
                attrs[f"period_{reserved}"] = value
        for reserved in ("id", "pid", "viz", "parents", "slices", "spells"):
            if reserved in attrs:
                attrs[f"{reserved}_value"] = attrs.pop(reserved)
    for u, v, key, attrs in flat.edges(keys=True, data=True):
        attrs.pop("type", None)
        for reserved in ("label", "weight", "start", "end", "id"):
            if reserved in attrs:
                attrs[f"{reserved}_value"] = attrs.pop(reserved)
        attrs["label"] = key
        attrs["id"] = edge_id(u, key, v)
    nx.write_gexf(flat, out, encoding="utf-8")


def edge_id(start: str, rel_type: str, end: str) -> str:
    """The id an export gives a relationship: unique, as a relationship is one per (start, type, end).

    >>> edge_id("fund:amif", "FUNDS", "project:p")
    'fund:amif|FUNDS|project:p'
    """
    return f"{start}|{rel_type}|{end}"


def node_link_json(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """``graph`` as node-link data (``{"nodes": [...], "links": [...]}``), ready for JSON.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph with the layout of ``GraphStore.to_networkx()``.

    Returns
    -------
    dict
        ``directed``, ``multigraph``, ``graph``, ``nodes`` (each with ``id`` and the
        node's attributes) and ``links`` (``source``, ``target``, ``key`` and the
        edge's attributes). Lists stay lists. Same keys on networkx 3.2 to 3.6+.

    Notes
    -----
    O(V + E); nodes sorted by id, links by (source, key, target), attributes by name.

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("fund:amif", label="Fund", name="AMIF")
    >>> graph.add_node("project:p", label="Project", name="P")
    >>> graph.add_edge("fund:amif", "project:p", key="FUNDS", type="FUNDS", sources=["document:a"])
    'FUNDS'
    >>> node_link_json(graph)["links"]
    [{'sources': ['document:a'], 'type': 'FUNDS', 'source': 'fund:amif', 'target': 'project:p', 'key': 'FUNDS'}]
    """
    ordered = _sorted_copy(graph, lambda _, value: list(value) if isinstance(value, list) else value)
    try:
        return nx.node_link_data(ordered, edges="links")
    except TypeError:  # networkx < 3.4 names the argument ``link``
        return nx.node_link_data(ordered, link="links")  # type: ignore[call-arg]  # the stubs know only >= 3.4


def neo4j_admin_csv(graph: nx.MultiDiGraph[str]) -> dict[str, str]:
    """CSV files for ``neo4j-admin database import full``: file name -> CSV text.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph with the layout of ``GraphStore.to_networkx()``.

    Returns
    -------
    dict of str to str
        ``nodes_<Label>.csv`` per label, with the header
        ``id:ID,name,<property>:<type>…,:LABEL``, and ``relationships_<TYPE>.csv`` per
        relationship type, with ``:START_ID,:END_ID,:TYPE,<property>:<type>…``.
        Sorted by file name; rows sorted by id.

    Notes
    -----
    O(V + E). Types come from the values of each column: ``long`` (ints),
    ``double`` (floats, or ints mixed with floats; neo4j-admin's ``float`` is 32-bit),
    ``boolean``, ``date`` (a store's date, ISO; its ``_precision`` is a column of its own, as
    :mod:`graphapp.dates` stores it, so the import gives the graph ``graphapp load`` gives),
    ``string[]`` (lists, elements joined with :func:`array_delimiter`, ``";"``, the tool's
    default ``--array-delimiter``, unless an element holds one) and ``string`` otherwise.
    Empty cells mean "no property". Import with for example::

        neo4j-admin database import full --nodes=nodes_Project.csv … \\
            --relationships=relationships_OWNS.csv … --multiline-fields=true neo4j

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("municipality:1766", label="Municipality", name="Sunne", code="1766", lat=59.84)
    >>> graph.add_node("project:p", label="Project", name="P", grant_sek=150000,
    ...                start=dt.date(2014, 1, 1), start_precision="year")
    >>> graph.add_edge("municipality:1766", "project:p", key="OWNS", type="OWNS", sources=["document:a"])
    'OWNS'
    >>> files = neo4j_admin_csv(graph)
    >>> print(files["nodes_Project.csv"], end="")
    id:ID,name,grant_sek:long,start:date,start_precision,:LABEL
    project:p,P,150000,2014-01-01,year,Project
    >>> print(files["nodes_Municipality.csv"], end="")
    id:ID,name,code,lat:double,:LABEL
    municipality:1766,Sunne,1766,59.84,Municipality
    >>> print(files["relationships_OWNS.csv"], end="")
    :START_ID,:END_ID,:TYPE,sources:string[]
    municipality:1766,project:p,OWNS,document:a
    """
    files: dict[str, str] = {}
    delimiter = array_delimiter(graph)
    for label, nodes in _grouped((attrs.get("label", "Node"), node, attrs) for node, attrs in graph.nodes(data=True)):
        rows = [
            (node, {k: v for k, v in attrs.items() if k not in ("label", "name")}, attrs.get("name"))
            for node, attrs in nodes
        ]
        columns = _columns(props for _, props, _ in rows)
        header = ["id:ID", "name", *(_header(name, kind) for name, kind in columns), ":LABEL"]
        body = (
            [node, name, *(_cell(props.get(c), delimiter) for c, _ in columns), label] for node, props, name in rows
        )
        files[f"nodes_{label}.csv"] = machine_csv(header, body)
    for rel_type, edges in _grouped((key, (u, v), attrs) for u, v, key, attrs in graph.edges(keys=True, data=True)):
        rows2 = [(u, v, {k: val for k, val in attrs.items() if k != "type"}) for (u, v), attrs in edges]
        columns = _columns(props for _, _, props in rows2)
        header = [":START_ID", ":END_ID", ":TYPE", *(_header(name, kind) for name, kind in columns)]
        body = ([u, v, rel_type, *(_cell(props.get(c), delimiter) for c, _ in columns)] for u, v, props in rows2)
        files[f"relationships_{rel_type}.csv"] = machine_csv(header, body)
    return dict(sorted(files.items()))


def array_delimiter(graph: nx.MultiDiGraph[str]) -> str:
    """The character that joins the elements of lists in :func:`neo4j_admin_csv`: ``";"``,
    unless an element of a list in ``graph`` holds it (a sentence of ``evidence``), then the
    first of ``| ¦ § ¤ ‖`` that none holds. ``import.txt`` names it.

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_edge("a", "b", key="OWNS", sources=["document:a"], evidence=["Ägare: A; partner: B"])
    'OWNS'
    >>> array_delimiter(graph)
    '|'
    """
    texts = [
        str(item)
        for attrs in (*(a for _, a in graph.nodes(data=True)), *(a for _, _, a in graph.edges(data=True)))
        for value in attrs.values()
        if isinstance(value, list | tuple)
        for item in value
    ]
    for delimiter in (ARRAY_DELIMITER, *_OTHER_DELIMITERS):
        if not any(delimiter in text for text in texts):
            return delimiter
    raise ValueError("every delimiter neo4j-admin could split lists on occurs in the graph's lists")


def csv_zip(graph: nx.MultiDiGraph[str]) -> bytes:
    """The files of :func:`neo4j_admin_csv` and an ``import.txt`` command line, zipped.

    Notes
    -----
    O(V + E). Entries carry a fixed timestamp, so the same graph gives the same bytes.

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("fund:amif", label="Fund", name="AMIF")
    >>> zipfile.ZipFile(io.BytesIO(csv_zip(graph))).namelist()
    ['import.txt', 'nodes_Fund.csv']
    """
    files = neo4j_admin_csv(graph)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in {"import.txt": _import_command(files, array_delimiter(graph)), **files}.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


# -- helpers -------------------------------------------------------------------


def _flattened(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A sorted copy with lists joined (text lists as JSON), ``None`` dropped and int/float columns made float."""
    flat = _sorted_copy(graph, _joined)
    for items in (
        [attrs for _, attrs in flat.nodes(data=True)],
        [attrs for _, _, attrs in flat.edges(data=True)],
    ):
        for name, kind in _columns(items):
            if kind == "double":
                for attrs in items:
                    if isinstance(attrs.get(name), int):
                        attrs[name] = float(attrs[name])
    return flat


def _joined(key: str, value: Any) -> Any:
    if not isinstance(value, list):
        return value
    if key in _TEXT_LISTS:
        return json.dumps(value, ensure_ascii=False)
    return ARRAY_DELIMITER.join(map(str, value))


def _sorted_copy(graph: nx.MultiDiGraph[str], convert: Any) -> nx.MultiDiGraph[str]:
    """A copy sorted by id with ``convert`` applied to every value and dates as ISO text of their precision."""
    copy: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    copy.graph.update(graph.graph)
    for node in sorted(graph.nodes):
        copy.add_node(node, **_converted(plain_properties(graph.nodes[node]), convert))
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        copy.add_edge(u, v, key=key, **_converted(attrs, convert))
    return copy


def _converted(attrs: dict[str, Any], convert: Any) -> dict[str, Any]:
    return {key: convert(key, value) for key, value in sorted(attrs.items()) if value is not None}


_Group = list[tuple[Any, dict[str, Any]]]


def _grouped(items: Iterable[tuple[str, Any, dict[str, Any]]]) -> Iterator[tuple[str, _Group]]:
    groups: dict[str, _Group] = {}
    for group, item, attrs in items:
        groups.setdefault(str(group), []).append((item, attrs))
    for group in sorted(groups):
        yield group, sorted(groups[group], key=lambda pair: pair[0])


def _columns(rows: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """(name, neo4j-admin type) of every property in ``rows``, sorted by name."""
    kinds: dict[str, set[str]] = {}
    for props in rows:
        for name, value in props.items():
            if value is not None:
                kinds.setdefault(name, set()).add(_kind(value))
    return [(name, _merged(found)) for name, found in sorted(kinds.items())]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list | tuple):
        return "string[]"
    return "string"


def _merged(kinds: set[str]) -> str:
    if len(kinds) == 1:
        return next(iter(kinds))
    return "double" if kinds == {"long", "double"} else "string"


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return delimiter.join(str(item) for item in value)
    return str(value)


def _import_command(files: dict[str, str], delimiter: str) -> str:
    nodes = " ".join(f"--nodes={name}" for name in files if name.startswith("nodes_"))
    rels = " ".join(f"--relationships={name}" for name in files if name.startswith("relationships_"))
    return (
        "# These files are for neo4j-admin: their cells are the data exactly, formula characters included.\n"
        "# Do not open them in a spreadsheet program; download the tables as xlsx (/api/export?format=xlsx).\n"
        "# Import into an empty, stopped database (Neo4j 5), from the folder holding these files:\n"
        f"neo4j-admin database import full {nodes} {rels} --array-delimiter='{delimiter}' --multiline-fields=true "
        "neo4j\n"
    )
