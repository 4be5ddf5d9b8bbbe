"""What loading makes of record files: one home for a grant (FUNDS), the evidence of each
source, and the counties of actors and projects (graphapp.records.placement)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest

from graphapp.dates import iso_text
from graphapp.errors import InvalidRecords
from graphapp.model import GraphData, Label, RelType
from graphapp.records import load_dataset
from tests.conftest import DATA_DIR

DOC = "document:0123456789abcdef0123456789abcdef01234567"
OTHER = "document:89abcdef0123456789abcdef0123456789abcdef"
RECORD = f"""\
project:
  id: project:p
  name: P
  start: 2020-01-01
  grant_sek: 1000
documents:
  - {{id: &doc {DOC}, title: A note}}
  - {{id: &other {OTHER}, title: Another note}}
nodes:
  - {{label: Organization, id: org:o, name: O, kind: ngo, county_code: "20"}}
  - {{label: Organization, id: org:far, name: Far, kind: ngo, county_code: "01"}}
  - {{label: Organization, id: org:unused, name: Unused, kind: ngo, county_code: "07"}}
relationships:
  - {{type: OWNS, start: municipality:0780, end: project:p, sources: [*doc]}}
  - {{type: FUNDS, start: fund:amif, end: project:p, sources: [*doc]}}
  - {{type: PARTICIPATES_IN, start: org:o, end: project:p, role: partner, sources: [
       {{document: *doc, evidence: "O tar del; det står i texten."}}, *other]}}
  - {{type: CO_FUNDS, start: agency:arbetsformedlingen, end: project:p, sources: [*doc]}}
  - {{type: PARTICIPATES_IN, start: org:far, end: project:p, sources: [*other]}}
"""


def load(tmp_path: Path, *records: str) -> GraphData:
    root = Path(tempfile.mkdtemp(dir=tmp_path)) / "data"
    shutil.copytree(DATA_DIR / "reference", root / "reference")
    (root / "projects").mkdir()
    for number, text in enumerate(records):
        (root / "projects" / f"r{number}.yaml").write_text(text, encoding="utf-8")
    return load_dataset(root)


def refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(InvalidRecords) as caught:
        load(tmp_path, text)
    return "\n".join(caught.value.problems)


def test_a_grant_on_the_project_goes_onto_its_one_funds(tmp_path: Path) -> None:
    data = load(tmp_path, RECORD)
    assert data.relationships[("fund:amif", "FUNDS", "project:p")].properties["amount_sek"] == 1000
    assert "grant_sek" not in data.nodes["project:p"].properties


def test_a_grant_that_agrees_with_its_funds_loads(tmp_path: Path) -> None:
    agreeing = RECORD.replace(
        "start: fund:amif, end: project:p,", "start: fund:amif, end: project:p, amount_sek: 1000,"
    )
    assert load(tmp_path, agreeing).relationships[("fund:amif", "FUNDS", "project:p")].properties["amount_sek"] == 1000


def test_a_grant_that_disagrees_with_its_funds_is_refused_where_it_is(tmp_path: Path) -> None:
    text = RECORD.replace("start: fund:amif, end: project:p,", "start: fund:amif, end: project:p, amount_sek: 999,")
    assert re.search(
        r"r0\.yaml:\d+: \(file\): Value error, project\.grant_sek 1000 disagrees with amount_sek 999",
        refused(tmp_path, text),
    )


def test_a_grant_with_two_funds_must_be_their_sum(tmp_path: Path) -> None:
    two = RECORD.replace(
        "  - {type: FUNDS, start: fund:amif, end: project:p, sources: [*doc]}",
        "  - {type: FUNDS, start: fund:amif, end: project:p, amount_sek: 600, sources: [*doc]}\n"
        "  - {type: FUNDS, start: fund:eruf, end: project:p, amount_sek: 400, sources: [*doc]}",
    )
    assert load(tmp_path, two).relationships[("fund:eruf", "FUNDS", "project:p")].properties["amount_sek"] == 400
    assert "is not the sum of their amount_sek" in refused(tmp_path, two.replace("amount_sek: 400", "amount_sek: 1"))


def test_a_grant_whose_fund_no_source_names_is_kept_as_unattributed(tmp_path: Path) -> None:
    data = load(tmp_path, RECORD.replace("  - {type: FUNDS, start: fund:amif, end: project:p, sources: [*doc]}\n", ""))
    assert data.nodes["project:p"].properties["unattributed_grant_sek"] == 1000
    assert not [r for r in data.relationships.values() if r.type is RelType.FUNDS and r.end == "project:p"]


def test_each_source_keeps_its_evidence_aligned(tmp_path: Path) -> None:
    rel = load(tmp_path, RECORD).relationships[("org:o", "PARTICIPATES_IN", "project:p")]
    assert rel.sources == [DOC, OTHER]
    assert rel.evidence == ["O tar del; det står i texten.", ""]
    assert rel.as_dict()["evidence"] == rel.evidence and "evidence" not in rel.as_dict()["properties"]
    plain = load(tmp_path, RECORD).relationships[("municipality:0780", "OWNS", "project:p")]
    assert "evidence" not in plain.properties and plain.evidence == [""]  # none recorded: no property


def test_two_files_unite_sources_and_evidence(tmp_path: Path) -> None:
    second = (
        RECORD.replace("project:p", "project:q")
        .replace("  grant_sek: 1000\n", "")
        .replace("- {label: Organization, id: org:o,", "- {label: Organization, id: org:o2,")
        .replace("id: org:far", "id: org:far2")
        .replace("id: org:unused", "id: org:unused2")
        .replace("start: org:far,", "start: org:far2,")
        .replace("start: org:o,", "start: org:o2,")
    )
    second += "  - {type: PARTICIPATES_IN, start: org:o, end: project:p, role: partner, sources: [\n"
    second += '       {document: *other, evidence: "Q says O takes part in P."}]}\n'
    rel = load(tmp_path, RECORD, second).relationships[("org:o", "PARTICIPATES_IN", "project:p")]
    assert rel.sources == [DOC, OTHER] and rel.evidence == [
        "O tar del; det står i texten.",
        "Q says O takes part in P.",
    ]


def test_a_source_in_a_form_not_known_is_refused_with_its_line(tmp_path: Path) -> None:
    text = RECORD.replace("{document: *doc, evidence:", "{doc: *doc, evidence:")
    problems = refused(tmp_path, text)
    assert re.search(r"r0\.yaml:17: relationships\[2\]\.sources\[0\]\.document: Field required", problems)
    assert re.search(r"r0\.yaml:17: relationships\[2\]\.sources\[0\]\.doc: Extra inputs are not permitted", problems)


def test_every_placed_actor_is_in_its_county_with_the_sources_that_name_it(tmp_path: Path) -> None:
    data = load(tmp_path, RECORD)
    assert data.relationships[("org:o", "IN_COUNTY", "county:20")].sources == [DOC, OTHER]
    assert data.relationships[("org:unused", "IN_COUNTY", "county:07")].sources == [DOC, OTHER]  # named nowhere
    assert "evidence" not in data.relationships[("org:o", "IN_COUNTY", "county:20")].properties


def test_a_project_is_in_every_county_of_its_placed_actors(tmp_path: Path) -> None:
    data = load(tmp_path, RECORD)
    counties = {
        r.end: r.sources for r in data.relationships.values() if r.type is RelType.IN_COUNTY and r.start == "project:p"
    }
    # Växjö owns it (07), O takes part (20), Far takes part (01); the national agency places nothing;
    # the unused organisation is in 07 but has nothing to do with the project
    assert counties == {"county:07": [DOC], "county:20": [DOC, OTHER], "county:01": [OTHER]}


def test_the_seeds_place_every_project_with_a_placed_actor(dataset: GraphData) -> None:
    projects = [n.id for n in dataset.nodes.values() if n.label is Label.PROJECT]
    placed = {r.start for r in dataset.relationships.values() if r.type is RelType.IN_COUNTY}
    # Integration på G! has no owner but eight municipalities; FNI and SPICA name no placed actor
    assert sorted(set(projects) - placed) == ["project:fni-kronoberg", "project:spica"]
    actors = [n for n in dataset.nodes.values() if n.properties.get("county_code") and n.label is not Label.COUNTY]
    assert all(
        f"county:{n.properties['county_code']}"
        in {r.end for r in dataset.relationships.values() if r.start == n.id and r.type is RelType.IN_COUNTY}
        for n in actors
    )


def test_fund_names_tell_the_programmes_apart(dataset: GraphData, tmp_path: Path) -> None:
    names = [n.name for n in dataset.nodes.values() if n.label is Label.FUND]
    assert len(names) == len(set(names)) == 7
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR / "reference", root / "reference")
    funds = root / "reference" / "funds.csv"
    same = funds.read_text(encoding="utf-8").replace("(ESF) 2014–2020", "(ESF) 2007–2013")  # noqa: RUF001 - real dashes
    funds.write_text(same, encoding="utf-8")
    with pytest.raises(InvalidRecords, match="two funds are named 'Europeiska socialfonden \\(ESF\\) 2007"):
        load_dataset(root)


def test_every_seed_document_carries_what_its_readme_row_says(dataset: GraphData) -> None:
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in (DATA_DIR / "documents" / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `0")
    ]
    documents = {n.properties.get("file"): n for n in dataset.nodes.values() if n.label is Label.DOCUMENT}
    assert len(rows) == 5
    for file, title, publisher, published, url in rows:
        document = documents[f"documents/{file.strip('`')}"]
        assert (document.name, document.properties.get("publisher")) == (title, publisher)
        if url.startswith("https://"):
            assert document.properties.get("url") == url
        if published != "—" and len(published) == 10:
            assert iso_text(document.properties, "published") == published
