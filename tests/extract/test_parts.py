"""Amounts, periods, the gazetteer's forms and the privacy filter, one table each."""

from __future__ import annotations

import datetime as dt

import pytest

from graphapp.extract import Gazetteer
from graphapp.extract.amounts import find_period, parse_amount
from graphapp.extract.fields import parse_fields
from graphapp.extract.privacy import scrub


@pytest.mark.parametrize(
    ("text", "sek"),
    [
        ("5 172 130 kr", 5_172_130),
        ("12 929 174 kr", 12_929_174),
        ("2,3 miljoner kronor", 2_300_000),
        ("150 000 kronor", 150_000),
        ("1,5 mkr", 1_500_000),
        ("450 tkr", 450_000),
        ("2 miljarder kronor", 2 * 10**9),
        ("630000 SEK", 630_000),
        ("saknas", None),
        ("90 dagar", None),
    ],
)
def test_amounts(text: str, sek: int | None) -> None:
    assert parse_amount(text) == sek


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2009-01-15 till 2011-01-15", dt.date(2009, 1, 15), dt.date(2011, 1, 15)),
        ("pågått från 1 juni 2016 till 31 december 2018", dt.date(2016, 6, 1), dt.date(2018, 12, 31)),
        ("2014-01-01 \u2013 2014-12-31", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
    ],
)
def test_periods(text: str, start: dt.date, end: dt.date) -> None:
    period = find_period(text)
    assert period is not None and (period.start, period.end) == (start, end)


def test_years_only_is_not_a_date() -> None:
    period = find_period("under 2 år (2016- 2018)")
    assert period is not None and period.start is None and period.years == (2016, 2018)


@pytest.mark.parametrize(
    ("text", "entity_id", "form"),
    [
        ("Falu kommun", "municipality:2080", "official"),
        ("Trelleborgs kommun", "municipality:1287", "official"),
        ("Sunnes", "municipality:1766", "genitive"),
        ("Växjö kommun", "municipality:0780", "official"),
        ("Göteborgs stad", "municipality:1480", "official"),
        ("Malung", "municipality:2023", "bare"),
        ("Region Gotland", "municipality:0980", "official"),
        ("Kronobergs län", "county:07", "official"),
        ("Länsstyrelsen i Kronobergs län", "agency:lansstyrelsen-kronoberg", "official"),
        ("Länsstyrelsen Skåne", "agency:lansstyrelsen-skane", "official"),
        ("Region Dalarna", "org:region-dalarna", "official"),
        ("Asyl-, migrations- och integrationsfonden", "fund:amif", "alias"),
        ("Integrationsfonden", "fund:eif", "alias"),
        ("Socialfonden", "fund:esf", "alias"),
    ],
)
def test_gazetteer_forms(gazetteer: Gazetteer, text: str, entity_id: str, form: str) -> None:
    mentions = gazetteer.find(text)
    assert [(m.entity.id, m.form) for m in mentions] == [(entity_id, form)]


def test_all_municipalities_are_known(gazetteer: Gazetteer) -> None:
    assert len(gazetteer.municipality_by_name) == 290


@pytest.mark.parametrize("word", ["vara", "mark", "berg", "boden"])
def test_lower_case_words_are_not_places(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.find(f"Vi ska {word} med") == []


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Kontakta anna.svensson@example.se", "anna.svensson"),
        ("Ring 070-123 45 67", "070"),
        ("säger Kristina Exempelsson, projektledare", "Exempelsson"),
        ("Anna-Karin Testsson, projektledare Värmlandsmodellen", "Testsson"),
        ("KontaktpersonOlle Ovanlig", "Ovanlig"),
    ],
)
def test_privacy(text: str, gone: str) -> None:
    out = scrub(text)
    assert gone not in out.text and out.warning()


def test_esf_header_with_colons() -> None:
    page = parse_fields(
        "Testprojekt\nProgramområde: 1\nProjektägare: saknas\nBeviljat ESF-stöd: 1 000 kr\n"
        "Projektperiod: 2015-01-01 till 2015-12-31\n\nKommun\n • Lund\n"
    )
    assert page.first("owner") is None and page.grant_sek == 1000 and page.items("municipalities") == ["Lund"]
