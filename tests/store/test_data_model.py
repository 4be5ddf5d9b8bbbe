"""The data model as both stores hold it: the evidence of each source, one home for a grant,
counties as relationships. Every test runs on the embedded store and on a real Neo4j."""

from __future__ import annotations

from graphapp.model import ENDPOINTS, GraphData, Label, Node, Relationship, RelType
from graphapp.store import GraphStore, SubgraphFilter
from graphapp.store.neo4j_labels import ENDS

A, B, C = ("document:" + letter * 40 for letter in "abc")


def _said(*sources: tuple[str, str]) -> GraphData:
    nodes = {
        "project:p": Node("project:p", Label.PROJECT, "P"),
        "org:o": Node("org:o", Label.ORGANIZATION, "O", {"kind": "ngo"}),
    }
    rel = Relationship(
        RelType.PARTICIPATES_IN,
        "org:o",
        "project:p",
        {"role": "partner", "sources": [s for s, _ in sources], "evidence": [e for _, e in sources]},
    )
    return GraphData(nodes, {rel.key: rel})


def _held(store: GraphStore) -> Relationship:
    (rel,) = store.find_relationships([("org:o", "PARTICIPATES_IN", "project:p")])
    return rel


def test_loads_unite_the_evidence_of_each_source(empty_store: GraphStore) -> None:
    empty_store.load(_said((B, "B says O takes part; in its words.")))
    empty_store.load(_said((A, "")))
    empty_store.load(_said((C, "C says so"), (B, "")))
    rel = _held(empty_store)
    assert rel.sources == [A, B, C]
    assert rel.evidence == ["", "B says O takes part; in its words.", "C says so"]
    assert rel.properties["role"] == "partner"
    before = empty_store.version()
    empty_store.load(_said((C, "C says so")))
    assert empty_store.version() == before  # the same evidence again changes nothing


def test_a_source_given_two_sentences_keeps_the_greatest_whatever_the_order(empty_store: GraphStore) -> None:
    empty_store.load(_said((A, "Beta")))
    empty_store.load(_said((A, "Alpha")))
    assert _held(empty_store).evidence == ["Beta"]


def test_retract_takes_a_sources_evidence_with_it(empty_store: GraphStore) -> None:
    empty_store.load(_said((A, ""), (B, "B's sentence"), (C, "C's sentence")))
    empty_store.retract([], {("org:o", "PARTICIPATES_IN", "project:p"): [B]})
    rel = _held(empty_store)
    assert (rel.sources, rel.evidence) == ([A, C], ["", "C's sentence"])
    empty_store.retract([], {("org:o", "PARTICIPATES_IN", "project:p"): [C]})
    rel = _held(empty_store)
    assert rel.sources == [A] and "evidence" not in rel.properties  # no sentence left: no property


def test_the_seed_relationships_carry_their_sentences(store: GraphStore) -> None:
    (funds,) = store.find_relationships([("fund:amif", "FUNDS", "project:connecting-people")])
    assert funds.properties["amount_sek"] == 2_300_000
    assert funds.evidence == [
        "2,3 miljoner kronor kommer från AMIF (Asyl-, migrations och integrationsfonden), 150 000 kronor från "
        "Fryksdalens sparbank."
    ]
    (owns,) = store.find_relationships([("municipality:1766", "OWNS", "project:connecting-people")])
    assert len(owns.sources) == len(owns.evidence) == 2 and all(owns.evidence)


def test_a_grant_has_one_home_and_projects_sum_it(store: GraphStore) -> None:
    assert all("grant_sek" not in node.properties for node in store.all_nodes())
    grants = {summary.node.id: summary.grant_sek for summary in store.projects(SubgraphFilter())}
    assert grants["project:connecting-people"] == 2_300_000  # from its FUNDS; it never had a project grant
    assert grants["project:integration-pa-g"] == 5_172_130
    assert grants["project:lansstyrelsens-samhallsinformation-pa-hemsprak"] is None  # FUNDS without an amount
    assert grants["project:insteget"] is None  # no FUNDS at all


def test_projects_are_in_the_counties_of_their_actors(store: GraphStore) -> None:
    sub = store.neighbours("project:integration-pa-g", kinds=frozenset({Label.COUNTY}))
    assert [(r.start, r.type, r.end) for r in sub.relationships] == [
        ("project:integration-pa-g", RelType.IN_COUNTY, "county:07")
    ]
    dalarna = {p.node.id for p in store.projects(SubgraphFilter(county="20"))}
    assert "project:dalarna-implementering-integration" in dalarna and "project:integration-pa-g" not in dalarna


def test_organisations_are_in_their_county_as_municipalities_are(store: GraphStore) -> None:
    sub = store.neighbours("org:fryksdalens-sparbank", kinds=frozenset({Label.COUNTY}))
    assert [(r.type, r.end) for r in sub.relationships] == [(RelType.IN_COUNTY, "county:17")]


def test_the_neo4j_stores_ends_of_each_type_are_the_models() -> None:
    assert set(ENDS) == {t.value for t in RelType}
    for rel_type, (starts, ends) in ENDPOINTS.items():
        start, end = ENDS[rel_type.value]
        assert set(start.split("|")) == {label.value for label in starts}
        assert set(end.split("|")) == {label.value for label in ends}
