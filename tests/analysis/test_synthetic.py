from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphapp.analysis import brokers, centralities, communities, graph_from_data
from graphapp.cli.generate import generate as generate_command
from graphapp.model import GraphData, Label, RelType
from graphapp.store import MemoryStore
from graphapp.synthetic import generate
from tests.conftest import DATA_DIR

REFERENCE = DATA_DIR / "reference"


@pytest.fixture(scope="module")
def synthetic() -> GraphData:
    return generate(400, seed=11, reference_dir=REFERENCE)


def _ids(data: GraphData, label: Label) -> list[str]:
    return [node.id for node in data.nodes.values() if node.label is label]


def _by_project(data: GraphData, rel_type: RelType) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for rel in data.relationships.values():
        if rel.type is rel_type:
            found[rel.end if rel.end.startswith("project:") else rel.start].append(
                rel.start if rel.end.startswith("project:") else rel.end
            )
    return found


def test_same_seed_same_data(synthetic: GraphData) -> None:
    again = generate(400, seed=11, reference_dir=REFERENCE)
    assert again == synthetic
    assert list(again.nodes) == list(synthetic.nodes)
    assert list(again.relationships) == list(synthetic.relationships)


def test_other_seed_other_data(synthetic: GraphData) -> None:
    assert generate(400, seed=12, reference_dir=REFERENCE) != synthetic


def test_real_geography(synthetic: GraphData) -> None:
    assert len(_ids(synthetic, Label.MUNICIPALITY)) == 290
    assert len(_ids(synthetic, Label.COUNTY)) == 21
    assert len(_ids(synthetic, Label.PROJECT)) == 400
    assert len(_ids(synthetic, Label.DOCUMENT)) == 400


def test_local_units_are_part_of_their_agency(synthetic: GraphData) -> None:
    units = [node for node in synthetic.nodes.values() if node.id.startswith("agency:arbetsformedlingen/")]
    assert 150 < len(units) < 260  # about 70 % of 290 municipalities
    for unit in units:
        assert (unit.id, "PART_OF", "agency:arbetsformedlingen") in synthetic.relationships
        assert unit.properties["county_code"]


def test_every_project_has_owner_fund_partners_document(synthetic: GraphData) -> None:
    owners, funds = _by_project(synthetic, RelType.OWNS), _by_project(synthetic, RelType.FUNDS)
    partners, documents = _by_project(synthetic, RelType.PARTICIPATES_IN), _by_project(synthetic, RelType.DESCRIBED_IN)
    for project in _ids(synthetic, Label.PROJECT):
        assert len(owners[project]) == 1
        assert len(funds[project]) == 1
        assert 2 <= len(partners[project]) <= 16  # 2-15, and now and then one national agency
        assert owners[project][0] not in partners[project]
        assert len(documents[project]) == 1


def test_every_project_relationship_cites_the_project_document(synthetic: GraphData) -> None:
    documents = {rel.start: rel.end for rel in synthetic.relationships.values() if rel.type is RelType.DESCRIBED_IN}
    for rel in synthetic.relationships.values():
        # BUILDS_ON/COLLABORATES_WITH cite the document of the later project, their start
        project = rel.start if rel.start.startswith("project:") else rel.end
        if project.startswith("project:"):
            assert rel.sources == [documents[project]]
    assert all(len(document) == len("document:") + 40 for document in documents.values())


def test_most_partners_are_in_the_owners_county(synthetic: GraphData) -> None:
    owners = {rel.end: rel.start for rel in synthetic.relationships.values() if rel.type is RelType.OWNS}
    county = {node.id: node.properties.get("county_code") for node in synthetic.nodes.values()}
    same = Counter(
        county[rel.start] == county[owners[rel.end]]
        for rel in synthetic.relationships.values()
        if rel.type is RelType.PARTICIPATES_IN and county[rel.start]
    )
    assert 0.75 < same[True] / (same[True] + same[False]) < 0.95
    assert same[False] > 0  # some partners come from other counties


def test_funds_and_periods_are_consistent(synthetic: GraphData) -> None:
    projects = {node.id: node for node in synthetic.nodes.values() if node.label is Label.PROJECT}
    for rel in synthetic.relationships.values():
        if rel.type is not RelType.FUNDS:
            continue
        fund, project = synthetic.nodes[rel.start], projects[rel.end]
        if "start" not in project.properties:  # one in UNDATED_EVERY has no period
            continue
        start, end = project.properties["start"].year, project.properties["end"].year
        assert 2007 <= start <= end <= 2027 and end - start <= 4
        assert fund.properties["first_year"] <= start <= fund.properties["last_year"]
        low, high = (300_000, 5_000_000) if fund.id == "fund:amif" else (0, 15_000_000)
        if fund.id.startswith("fund:esf"):
            low = 500_000
        assert low <= rel.properties["amount_sek"] <= high
        assert "grant_sek" not in project.properties  # one home for the grant: FUNDS


def test_every_actor_and_project_is_placed_by_the_placement_rules(synthetic: GraphData) -> None:
    placed = {(rel.start, rel.end) for rel in synthetic.relationships.values() if rel.type is RelType.IN_COUNTY}
    for node in synthetic.nodes.values():
        if node.properties.get("county_code") and node.label is not Label.COUNTY:
            assert (node.id, f"county:{node.properties['county_code']}") in placed
    county = {node.id: node.properties.get("county_code") for node in synthetic.nodes.values()}
    expected = {
        (rel.end, f"county:{county[rel.start]}")
        for rel in synthetic.relationships.values()
        if rel.type in (RelType.OWNS, RelType.PARTICIPATES_IN, RelType.CO_FUNDS) and county[rel.start]
    }
    assert expected and {pair for pair in placed if pair[0].startswith("project:")} == expected


def test_links_point_to_earlier_projects(synthetic: GraphData) -> None:
    starts = {node.id: node.properties.get("start") for node in synthetic.nodes.values()}
    builds_on = [
        rel
        for rel in synthetic.relationships.values()
        if rel.type is RelType.BUILDS_ON and starts[rel.start] and starts[rel.end]
    ]
    assert builds_on
    assert all(starts[rel.end] < starts[rel.start] for rel in builds_on)


def test_co_funders_have_amounts(synthetic: GraphData) -> None:
    co_funds = [rel for rel in synthetic.relationships.values() if rel.type is RelType.CO_FUNDS]
    assert co_funds
    assert all(50_000 <= rel.properties["amount_sek"] <= 2_000_000 for rel in co_funds)


def test_loads_into_the_memory_store_and_analyses_run(synthetic: GraphData) -> None:
    store = MemoryStore()
    counts = store.load(synthetic)
    assert counts.nodes == synthetic.node_count()
    graph = graph_from_data(synthetic)
    assert centralities(graph, top=3)["degree"][0]["kind"] in {
        "fund",
        "project",
        "municipality",
        "agency",
        "organization",
    }
    assert communities(graph)
    assert brokers(graph, top=5)


def test_zero_projects_gives_geography_only() -> None:
    data = generate(0, seed=1, reference_dir=REFERENCE)
    assert not _ids(data, Label.PROJECT)
    with pytest.raises(ValueError, match="0 or more"):
        generate(-1, seed=1, reference_dir=REFERENCE)


def test_command_prints_counts_and_writes_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("GRAPHAPP_NEO4J_URI", raising=False)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "synthetic.json"
    result = CliRunner().invoke(generate_command, ["--projects", "20", "--seed", "5", "--out", str(out), "--load"])
    assert result.exit_code == 0, result.output
    assert "Project" in result.output and "20" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    expected = generate(20, seed=5, reference_dir=REFERENCE)
    assert len(data["nodes"]) == expected.node_count()
    assert len(data["links"]) == expected.relationship_count()
    assert "nothing to load" in result.output
