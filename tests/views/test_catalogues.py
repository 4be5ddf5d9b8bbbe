"""The message catalogues hold every word the code uses, in every language, and nothing else.

What the code uses is what Babel extracts with the project's maps (``graphapp/locale/<domain>.cfg``, the same
``pybabel extract`` a translator runs): ``t("key")`` in Python and scripts, ``_("key")`` in templates, the
keys the vocabularies make, errors' codes, the curator's notes and the saved queries' help.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from graphapp.views.i18n import LANGS, LOCALE_DIR, catalogue, pseudo, words
from tests.conftest import ROOT

#: Each domain and the languages with a catalogue of it (the others' ids are English as their source writes).
DOMAINS = {"messages": LANGS, "notes": ("sv",), "queries": ("sv",)}
_PLACE = re.compile(r"\{(\w*)\}")


def extracted(domain: str) -> dict[str, list[str]]:
    """Every id Babel extracts for ``domain``, with where (file:line)."""
    with (LOCALE_DIR / f"{domain}.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found: dict[str, list[str]] = defaultdict(list)
    for filename, lineno, message, _, _ in extract_from_dir(
        ROOT, method_map, options_map, keywords={"_": None, "t": None}
    ):
        if isinstance(message, str) and message:
            found[message].append(f"{filename}:{lineno}")
    return found


def entries(lang: str, domain: str) -> dict[str, str]:
    """The catalogue's entries as the file has them, the empty and fuzzy ones too (fuzzy as "")."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as file:
        return {m.id: ("" if m.fuzzy else m.string) for m in read_po(file) if isinstance(m.id, str) and m.id}


@pytest.fixture(scope="module")
def used() -> dict[str, dict[str, list[str]]]:
    return {domain: extracted(domain) for domain in DOMAINS}


@pytest.mark.parametrize(("domain", "lang"), [(d, lang) for d, langs in DOMAINS.items() for lang in langs])
def test_every_message_used_is_in_the_catalogue_and_translated(
    used: dict[str, dict[str, list[str]]], domain: str, lang: str
) -> None:
    have = entries(lang, domain)
    missing = {key: where[:2] for key, where in used[domain].items() if key not in have}
    assert not missing, f"{lang}/{domain}.po lacks (key: used at): {missing}"
    untranslated = sorted(key for key in used[domain] if not have[key])
    assert not untranslated, f"{lang}/{domain}.po has no words (or only fuzzy ones) for: {untranslated}"


@pytest.mark.parametrize(("domain", "lang"), [(d, lang) for d, langs in DOMAINS.items() for lang in langs])
def test_no_catalogue_holds_a_message_used_nowhere(
    used: dict[str, dict[str, list[str]]], domain: str, lang: str
) -> None:
    stale = sorted(set(entries(lang, domain)) - set(used[domain]))
    assert not stale, f"{lang}/{domain}.po holds messages no code uses (remove them): {stale}"


def test_a_message_has_the_same_places_in_every_language() -> None:
    sv, en = entries("sv", "messages"), entries("en", "messages")
    differ = {
        key: (sv[key], en[key])
        for key in sv.keys() & en.keys()
        if set(_PLACE.findall(sv[key])) != set(_PLACE.findall(en[key]))
    }
    assert not differ, f"the {{places}} of these messages differ between sv and en: {differ}"
    for english, worded in entries("sv", "notes").items():
        places = english.count("{}")
        assert sorted(set(re.findall(r"\{(\d)\}", worded))) == [str(i) for i in range(places)], english


def test_the_extraction_finds_what_each_kind_of_source_uses(used: dict[str, dict[str, list[str]]]) -> None:
    """The finders find: a template's, a script's, a Python module's key, a vocabulary's, an error's code,
    a note and a saved query's help (so an empty extraction cannot pass the checks above)."""
    where = used["messages"]
    assert any(w.startswith("graphapp/templates/page.html") for w in where["filters"])
    assert any(w.startswith("graphapp/static/explorer.js") for w in where["expanded"])
    assert any(w.startswith("graphapp/views/tables.py") for w in where["col_lineage"])
    assert {"kind.municipality", "rel_in.OWNS", "role.co_funder", "prop.total_budget_sek", "value.county_board"} <= set(
        where
    )
    assert {"error.not_a_date", "error.syntax", "error.status_404"} <= set(where)
    assert "{} is not an amount of kronor" in used["notes"]
    assert 'SCB code of the municipality, e.g. "0780" for Växjö' in used["queries"]


def test_the_pseudo_locale_marks_every_message_of_every_domain() -> None:
    for domain in DOMAINS:
        english = catalogue("en", domain) or {key: key for key in catalogue("sv", domain)}
        marked = catalogue("qps", domain)
        assert set(marked) == set(english), domain
        assert all(text == pseudo(english[key]) for key, text in marked.items()), domain
    assert words("qps")("rel_in.OWNS", name="Sunne") == "⟦Ówñéd bý Sunne⟧"


def test_the_catalogues_ship_as_po_files_in_the_package() -> None:
    """Read at start from ``graphapp/locale`` (no compiled .mo): the wheel carries the package's files."""
    assert LOCALE_DIR == ROOT / "graphapp" / "locale"
    for domain, langs in DOMAINS.items():
        for lang in langs:
            assert (LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po").is_file()
    assert not list(Path(LOCALE_DIR).rglob("*.mo"))
