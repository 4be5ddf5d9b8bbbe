"""The GraphStore contract: every test runs on the embedded store and on a real Neo4j."""

from __future__ import annotations

import pytest

from graphapp.errors import InvalidRequest, NotFound
from graphapp.model import GraphData, Label, RelType
from graphapp.store import GraphStore, SubgraphFilter

KRONOBERG = {"Alvesta", "Lessebo", "Ljungby", "Markaryd", "Tingsryd", "Uppvidinge", "Växjö", "Älmhult"}
DALARNA = {
    "Avesta",
    "Borlänge",
    "Falun",
    "Gagnef",
    "Hedemora",
    "Leksand",
    "Ludvika",
    "Malung-Sälen",
    "Mora",
    "Orsa",
    "Rättvik",
    "Smedjebacken",
    "Säter",
    "Vansbro",
    "Älvdalen",
}


def _incoming(store: GraphStore, project: str, rel_type: RelType) -> dict[str, dict]:
    """Nodes with a ``rel_type`` into ``project``: id -> relationship properties."""
    sub = store.neighbours(project, depth=1, rel_types=frozenset({rel_type}))
    return {r.start: r.properties for r in sub.relationships if r.end == project and r.type is rel_type}


def test_integration_pa_g_involves_the_eight_kronoberg_municipalities(store: GraphStore) -> None:
    sub = store.neighbours("project:integration-pa-g", kinds=frozenset({Label.MUNICIPALITY}))
    names = {n.name for n in sub.nodes if n.label is Label.MUNICIPALITY}
    assert names == KRONOBERG
    assert {n.properties["county_code"] for n in sub.nodes if n.label is Label.MUNICIPALITY} == {"07"}


def test_integration_pa_g_involves_two_employment_and_two_migration_units(store: GraphStore) -> None:
    participants = _incoming(store, "project:integration-pa-g", RelType.PARTICIPATES_IN)
    units = [i for i in participants if i.startswith("agency:") and "/" in i]
    parents = {}
    for unit in units:
        up = store.neighbours(unit, rel_types=frozenset({RelType.PART_OF}))
        parents[unit] = {r.end for r in up.relationships if r.start == unit}
    assert sorted(p.pop() for p in parents.values()) == [
        "agency:arbetsformedlingen",
        "agency:arbetsformedlingen",
        "agency:migrationsverket",
        "agency:migrationsverket",
    ]


def test_connecting_people_funding_and_co_funding(store: GraphStore) -> None:
    funds = _incoming(store, "project:connecting-people", RelType.FUNDS)
    assert set(funds) == {"fund:amif"}
    assert funds["fund:amif"]["amount_sek"] == 2_300_000
    co = _incoming(store, "project:connecting-people", RelType.CO_FUNDS)
    assert {i: p["amount_sek"] for i, p in co.items()} == {
        "org:fryksdalens-sparbank": 150_000,
        "municipality:1766": 630_000,
    }
    assert store.get_node("org:fryksdalens-sparbank").name == "Fryksdalens sparbank"


def test_connecting_people_is_one_project_with_two_sources(store: GraphStore) -> None:
    sub = store.neighbours("project:connecting-people", kinds=frozenset({Label.DOCUMENT}))
    assert len([n for n in sub.nodes if n.label is Label.DOCUMENT]) == 2
    owner = _incoming(store, "project:connecting-people", RelType.OWNS)
    assert len(owner["municipality:1766"]["sources"]) == 2


def test_dalarna_involves_fifteen_municipalities_and_builds_on_seven_projects(store: GraphStore) -> None:
    project = "project:dalarna-implementering-integration"
    participants = _incoming(store, project, RelType.PARTICIPATES_IN)
    names = {store.get_node(i).name for i in participants if i.startswith("municipality:")}
    assert names == DALARNA
    earlier = store.neighbours(project, rel_types=frozenset({RelType.BUILDS_ON}))
    assert len([r for r in earlier.relationships if r.start == project]) == 7


def test_trelleborg_model_involves_svedala(store: GraphStore) -> None:
    project = "project:trelleborg-samhallsorientering"
    assert "municipality:1263" in _incoming(store, project, RelType.PARTICIPATES_IN)
    assert "municipality:1287" in _incoming(store, project, RelType.OWNS)


def test_every_seed_relationship_names_its_documents(store: GraphStore) -> None:
    sub = store.subgraph(SubgraphFilter(kinds=frozenset(Label)))
    from_documents = [r for r in sub.relationships if r.type is not RelType.IN_COUNTY]
    assert from_documents
    for rel in from_documents:
        if rel.start.startswith(("project:", "municipality:", "agency:", "org:", "fund:")) and rel.sources:
            assert all(s.startswith("document:") for s in rel.sources)
    project_rels = [r for r in sub.relationships if r.end.startswith("project:")]
    assert all(r.sources for r in project_rels), [r.key for r in project_rels if not r.sources]


def test_ambiguous_co_funders_stay_unresolved(store: GraphStore) -> None:
    co = _incoming(store, "project:integration-pa-g", RelType.CO_FUNDS)
    social = [store.get_node(i) for i in co if store.get_node(i).name == "Socialförvaltningen"]
    assert len(social) == 2
    assert all(n.properties["resolved"] is False for n in social)


def test_loading_twice_gives_the_same_counts(store: GraphStore, dataset: GraphData) -> None:
    first = store.counts()
    second = store.load(dataset)
    assert first == second
    assert first.nodes == dataset.node_count()
    assert first.relationships == dataset.relationship_count()


def test_version_changes_with_every_change_and_only_then(empty_store: GraphStore) -> None:
    from graphapp.model import Node

    one = GraphData({"org:o": Node("org:o", Label.ORGANIZATION, "O", {"kind": "ngo"})}, {})
    empty = empty_store.version()
    assert empty_store.version() == empty  # reading changes nothing
    empty_store.load(one)
    loaded = empty_store.version()
    assert loaded != empty
    empty_store.get_node("org:o")
    assert empty_store.version() == loaded
    empty_store.clear()
    assert empty_store.version() not in (empty, loaded)


def test_load_unites_sources_of_a_repeated_relationship(empty_store: GraphStore) -> None:
    from graphapp.model import Node, Relationship

    def data(source: str) -> GraphData:
        nodes = {
            "project:p": Node("project:p", Label.PROJECT, "P"),
            "org:o": Node("org:o", Label.ORGANIZATION, "O", {"kind": "ngo"}),
        }
        rel = Relationship(RelType.PARTICIPATES_IN, "org:o", "project:p", {"role": "partner", "sources": [source]})
        return GraphData(nodes, {rel.key: rel})

    empty_store.load(data("document:b"))
    empty_store.load(data("document:a"))
    empty_store.load(data("document:b"))
    (rel,) = empty_store.neighbours("project:p").relationships
    assert rel.sources == ["document:a", "document:b"]
    assert rel.properties["role"] == "partner"


def test_retract_takes_back_only_what_it_names(store: GraphStore) -> None:
    from graphapp.model import Node, Relationship

    before = store.counts()
    known = "document:" + "a" * 40
    new = "document:" + "b" * 40
    nodes = {
        "project:p": Node("project:p", Label.PROJECT, "P"),
        known: Node(known, Label.DOCUMENT, "Known", {"title": "Known"}),
        new: Node(new, Label.DOCUMENT, "New", {"title": "New"}),
    }
    first = Relationship(RelType.OWNS, "municipality:0780", "project:p", {"sources": [known]})
    store.load(GraphData(nodes, {first.key: first}))
    # the "import" being undone: a second source on the known relationship, and one new relationship
    again = Relationship(RelType.OWNS, "municipality:0780", "project:p", {"sources": [new]})
    added = Relationship(RelType.PARTICIPATES_IN, "municipality:0781", "project:p", {"sources": [new]})
    store.load(GraphData({new: nodes[new]}, {again.key: again, added.key: added}))

    loaded = store.version()
    counts = store.retract([new, "org:not-there"], {again.key: [new], added.key: [new], ("a:x", "OWNS", "b:y"): [new]})
    assert store.version() != loaded, "a retraction is a change: kept results and caches must notice it"

    rels = store.neighbours("project:p", kinds=frozenset({Label.MUNICIPALITY})).relationships
    assert [(r.start, r.type, r.sources) for r in rels] == [("municipality:0780", RelType.OWNS, [known])]
    with pytest.raises(NotFound):
        store.get_node(new)
    assert store.get_node("municipality:0781").name == "Ljungby"  # a node not named stays, related or not
    store.retract(["project:p", known], {first.key: [known]})
    assert store.counts() == before
    assert counts.nodes == before.nodes + 2


def test_find_nodes_and_relationships_by_id_and_key(store: GraphStore) -> None:
    found = store.find_nodes(["org:not-there", "municipality:0781", "municipality:0780", "municipality:0780"])
    assert [(n.id, n.name) for n in found] == [("municipality:0780", "Växjö"), ("municipality:0781", "Ljungby")]
    owns = ("municipality:1766", "OWNS", "project:connecting-people")
    rels = store.find_relationships([owns, ("municipality:1766", "FUNDS", "project:connecting-people")])
    assert [r.key for r in rels] == [owns]
    assert len(rels[0].sources) == 2


def test_get_node_of_unknown_id_is_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFound, match="municipality:9999"):
        store.get_node("municipality:9999")


def test_get_node_returns_properties(store: GraphStore) -> None:
    node = store.get_node("municipality:0780")
    assert (node.label, node.name) == (Label.MUNICIPALITY, "Växjö")
    assert node.properties["official_name"] == "Växjö kommun"
    assert node.properties["lat"] == pytest.approx(56.9586)


@pytest.mark.parametrize("depth", [0, 4])
def test_neighbours_refuses_a_depth_outside_one_to_three(store: GraphStore, depth: int) -> None:
    with pytest.raises(InvalidRequest, match="depth"):
        store.neighbours("municipality:0780", depth=depth)


def test_neighbours_passes_only_through_requested_kinds(store: GraphStore) -> None:
    sub = store.neighbours("municipality:1263", depth=3, kinds=frozenset({Label.PROJECT, Label.MUNICIPALITY}))
    assert {n.id for n in sub.nodes} == {
        "municipality:1263",
        "project:trelleborg-samhallsorientering",
        "municipality:1287",
    }


def test_neighbours_stop_at_a_county_unless_asked_through_it(store: GraphStore) -> None:
    """A node's county is among its neighbours, the county's other members only when asked for."""
    members = {n.id for n in store.neighbours("county:12", limit=5000).nodes}  # from the county itself: all
    near = {n.id for n in store.neighbours("agency:lansstyrelsen-skane", depth=2, limit=5000).nodes}
    assert "county:12" in near and not members <= near
    for kinds, types in [(frozenset(Label), None), (None, frozenset({RelType.IN_COUNTY}))]:
        asked = store.neighbours("agency:lansstyrelsen-skane", 2, kinds, types, limit=5000)
        assert members <= {n.id for n in asked.nodes}


def test_neighbours_limit_truncates_in_distance_then_id_order(store: GraphStore) -> None:
    sub = store.neighbours("project:integration-pa-g", depth=2, limit=5)
    assert sub.truncated
    assert sub.nodes[0].id == "project:integration-pa-g"
    assert len(sub.nodes) == 5
    ids = [n.id for n in sub.nodes][1:]
    assert ids == sorted(ids)


def test_shortest_path_from_svedala_to_sunne_does_not_exist_without_funds(store: GraphStore) -> None:
    assert store.shortest_paths("municipality:1263", "municipality:1766", max_length=10) == []


def test_shortest_paths_between_two_kronoberg_municipalities(store: GraphStore) -> None:
    paths = store.shortest_paths(
        "municipality:0764", "municipality:0760", rel_types=frozenset({RelType.PARTICIPATES_IN})
    )
    assert [[n.id for n in p.nodes] for p in paths] == [
        ["municipality:0764", "project:integration-pa-g", "municipality:0760"]
    ]
    assert [r.type for r in paths[0].relationships] == [RelType.PARTICIPATES_IN] * 2


def test_shortest_paths_beyond_max_length_are_empty(store: GraphStore) -> None:
    assert store.shortest_paths("municipality:0764", "municipality:2080", max_length=2) == []
    assert store.shortest_paths("municipality:0764", "municipality:2080", max_length=4)


def test_subgraph_by_county_keeps_projects_with_an_actor_there(store: GraphStore) -> None:
    sub = store.subgraph(SubgraphFilter(county="07"))
    projects = {n.id for n in sub.nodes if n.label is Label.PROJECT}
    assert projects == {"project:integration-pa-g"}  # not FNI, which it builds on but has no Kronoberg actor
    assert {n.name for n in sub.nodes} >= KRONOBERG


def test_subgraph_by_fund_and_years(store: GraphStore) -> None:
    esf = store.subgraph(SubgraphFilter(fund="fund:esf-2007-2013", kinds=frozenset({Label.PROJECT})))
    assert {n.id for n in esf.nodes} == {"project:integration-pa-g", "project:dalarna-implementering-integration"}
    years = store.subgraph(SubgraphFilter(years=(2015, 2017), kinds=frozenset({Label.PROJECT})))
    assert {n.id for n in years.nodes} == {"project:connecting-people"}


def test_subgraph_refuses_a_bad_county_code() -> None:
    with pytest.raises(InvalidRequest, match="county"):
        SubgraphFilter(county="Kronoberg")


def test_best_connected_actor_is_falun(store: GraphStore) -> None:
    top = store.best_connected(3)
    assert (top[0].node.name, top[0].projects) == ("Falun", 5)


def test_export_to_networkx_has_every_node_and_relationship(store: GraphStore, dataset: GraphData) -> None:
    graph = store.to_networkx()
    assert graph.number_of_nodes() == dataset.node_count()
    assert graph.number_of_edges() == dataset.relationship_count()
    assert graph.nodes["municipality:1766"]["name"] == "Sunne"
    assert graph.edges["fund:amif", "project:connecting-people", "FUNDS"]["amount_sek"] == 2_300_000
