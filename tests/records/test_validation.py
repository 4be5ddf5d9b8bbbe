"""Bad record files are refused with the file, line and field named; nothing is loaded."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from graphapp.errors import InvalidRecords
from graphapp.records import load_dataset
from graphapp.store import GraphStore
from tests.conftest import DATA_DIR

GOOD = """\
project:
  id: project:new-good-project
  name: A new good project
  start: 2020-01-01
  end: 2021-06-30
documents:
  - id: &doc document:0123456789abcdef0123456789abcdef01234567
    title: A note
relationships:
  - {type: OWNS, start: municipality:0780, end: project:new-good-project, sources: [*doc]}
  - {type: FUNDS, start: fund:amif, end: project:new-good-project, amount_sek: 1000, sources: [*doc]}
"""


def _data_dir(tmp_path: Path, bad: str | None, name: str = "bad.yaml") -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR / "reference", root / "reference")
    (root / "projects").mkdir()
    (root / "projects" / "good.yaml").write_text(GOOD, encoding="utf-8")
    if bad is not None:
        (root / "projects" / name).write_text(bad, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("municipality:0780", "municipality:9999"),
            "bad.yaml: OWNS municipality:9999 -> project:new-good-project: unknown node 'municipality:9999'",
        ),
        (
            ("amount_sek: 1000", "amount_sek: -5"),
            "bad.yaml:11: relationships[1].amount_sek: Input should be greater than or equal to 0",
        ),
        (
            ("end: 2021-06-30", "end: 2019-06-30"),
            "bad.yaml:2: project: Value error, end 2019-06-30 is before start 2020-01-01",
        ),
        (("  id: project:new-good-project\n", ""), "bad.yaml:2: project.id: Field required"),
        (
            ("start: 2020-01-01", "start: 2020-13-01"),
            "bad.yaml:4: project.start: Value error, '2020-13-01' is not a date (month 13 is not between 1 and 12)",
        ),
        (
            ("start: 2020-01-01", "start: 2020-02-30"),
            "bad.yaml:4: project.start: Value error, '2020-02-30' is not a date (2020-02 has no day 30)",
        ),
        (
            ("start: 2020-01-01", "start: 1 juni 2020"),
            "project.start: Value error, '1 juni 2020' is not a date: give YYYY-MM-DD, YYYY-MM (a month) or YYYY",
        ),
        (("end: 2021-06-30", "end: 2019"), "bad.yaml:2: project: Value error, end 2019 is before start 2020-01-01"),
        (("type: OWNS", "type: OWNZ"), "bad.yaml:10: relationships[0].type: Input should be"),
        (("type: FUNDS, start: fund:amif", "type: FUNDS, start: org:x"), "FUNDS cannot start at 'org:x'"),
        (
            ("title: A note", "title: A note\n    colour: red"),
            "bad.yaml:9: documents[0].colour: Extra inputs are not permitted",
        ),
        (
            ("sources: [*doc]}\n  - {type: FUNDS", "sources: []}\n  - {type: FUNDS"),
            "relationships[0].sources: List should have at least 1 item",
        ),
        (
            ("name: A new good project", "name: A new good project\n  summary: call 010-4860016"),
            "project.summary: looks like a phone number",
        ),
        (("title: A note", "title: A note\n    publisher: anna.person@example.se"), "looks like an e-mail address"),
        (("project:\n", "project: [\n"), "bad.yaml:"),
    ],
)
def test_bad_record_is_refused_with_file_and_field(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    assert change[0] in GOOD, "the change must apply"
    bad = GOOD.replace(*change).replace("new-good-project", "bad-project")
    with pytest.raises(InvalidRecords) as caught:
        load_dataset(_data_dir(tmp_path, bad))
    message = "\n".join(caught.value.problems)
    assert expected.replace("new-good-project", "bad-project") in message
    assert "bad.yaml" in message and "good.yaml" not in message


def test_all_problems_of_all_files_are_reported_together(tmp_path: Path) -> None:
    root = _data_dir(tmp_path, GOOD.replace("new-good-project", "b1").replace("amount_sek: 1000", "amount_sek: -1"))
    (root / "projects" / "other.yaml").write_text(
        GOOD.replace("new-good-project", "b2").replace("end: 2021", "end: 2001")
    )
    with pytest.raises(InvalidRecords) as caught:
        load_dataset(root)
    assert len(caught.value.problems) == 2
    assert "nothing was loaded" in str(caught.value)


def test_same_id_declared_differently_in_two_files_is_refused(tmp_path: Path) -> None:
    twin = GOOD.replace("name: A new good project", "name: Another name")
    with pytest.raises(InvalidRecords, match="declared differently"):
        load_dataset(_data_dir(tmp_path, twin))


def test_refused_load_leaves_the_store_unchanged(store: GraphStore, tmp_path: Path) -> None:
    before = store.counts()
    with pytest.raises(InvalidRecords):
        store.load(load_dataset(_data_dir(tmp_path, GOOD.replace("new-good-project", "x").replace("0780", "0000"))))
    assert store.counts() == before
    with pytest.raises(Exception, match="project:new-good-project"):
        store.get_node("project:new-good-project")


def test_valid_extra_file_loads(tmp_path: Path) -> None:
    data = load_dataset(_data_dir(tmp_path, None))
    assert "project:new-good-project" in data.nodes
    assert data.nodes["project:new-good-project"].properties == {
        "start": dt.date(2020, 1, 1),
        "end": dt.date(2021, 6, 30),
    }


def test_missing_data_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidRecords, match="no such data folder"):
        load_dataset(tmp_path / "nowhere")


def test_curated_documents_are_the_seeds_by_sha1(dataset) -> None:
    documents = [n for n in dataset.nodes.values() if n.id.startswith("document:")]
    assert len(documents) == 5
    for doc in documents:
        text = (DATA_DIR / doc.properties["file"]).read_bytes()
        assert doc.id == "document:" + hashlib.sha1(text).hexdigest()


def test_a_document_file_that_is_missing_or_another_text_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    record = data / "projects" / "connecting-people.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("documents/001_", "documents/missing_"), "utf-8")
    (data / "documents" / "000_31f3f629f554fd2f.txt").write_text("another text", encoding="utf-8")
    with pytest.raises(InvalidRecords) as caught:
        load_dataset(data)
    origin = f"{record}: documents"
    assert caught.value.problems == [
        f"{origin}[0].file: documents/000_31f3f629f554fd2f.txt is not the text of "
        "document:1341166b5c71a7dcc0bebcc1df495f36465a2473 (its sha1 differs)",
        f"{origin}[1].file: no such file under the data folder: documents/missing_250c904b4f89acbe.txt",
    ]


def test_no_contact_person_is_in_the_data() -> None:
    """Records and reference tables become the graph; ``documents/`` keeps the public sources unchanged."""
    files = [*(DATA_DIR / "projects").rglob("*"), *(DATA_DIR / "reference").rglob("*")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in files if p.is_file())
    for person in ["Anette Sahlander", "Annika Nyström", "Kristina Lundberg", "Thaer Hassan", "Elisabeth Lundgren"]:
        assert person not in text
    assert "@" not in text
