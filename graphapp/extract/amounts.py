"""Amounts of money and project periods as Swedish texts write them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Amount", "Period", "find_amounts", "find_period", "parse_amount", "parse_period"]

_NUMBER = r"\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_AMOUNT = re.compile(
    rf"(?<![\w,.])(?P<number>{_NUMBER})\s*(?P<unit>miljarder|miljard|miljoner|miljon|mnkr|mkr|msek|mdkr|tkr|"
    r"tusen|kronor|kr\b|sek\b|:-)(?:\s*(?:kronor|kr\b|sek\b))?",
    re.IGNORECASE,
)
_MULTIPLIERS = {
    "miljarder": 10**9,
    "miljard": 10**9,
    "mdkr": 10**9,
    "miljoner": 10**6,
    "miljon": 10**6,
    "mnkr": 10**6,
    "mkr": 10**6,
    "msek": 10**6,
    "tkr": 1000,
    "tusen": 1000,
}
_MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\s+\d{4})"
_PERIOD = re.compile(rf"(?P<start>{_DATE})\s*(?:till|\u2013|-|\u2014|och|t\.o\.m\.?)\s*(?P<end>{_DATE})", re.IGNORECASE)
_YEARS = re.compile(r"\b(?P<start>(?:19|20)\d{2})\s*[-\u2013]\s*(?P<end>(?:19|20)\d{2})\b")


@dataclass(slots=True)
class Amount:
    sek: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    years: tuple[int, int] | None = None  # only years were given


def parse_amount(text: str) -> int | None:
    """Whole kronor in ``text``, or None: ``"5 172 130 kr"`` -> 5172130, ``"2,3 miljoner kronor"`` -> 2300000.

    >>> parse_amount("5 172 130 kr"), parse_amount("2,3 miljoner kronor"), parse_amount("saknas")
    (5172130, 2300000, None)
    """
    match = _AMOUNT.search(text)
    return _value(match) if match else None


def find_amounts(text: str) -> Iterator[Amount]:
    """Every amount of money in ``text`` with its position."""
    for match in _AMOUNT.finditer(text):
        value = _value(match)
        if value is not None:
            yield Amount(value, match.start(), match.end())


def _value(match: re.Match[str]) -> int | None:
    number = match.group("number").replace("\u00a0", " ")
    multiplier = _MULTIPLIERS.get(match.group("unit").lower(), 1)
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", number):
        number = number.replace(" ", "").replace(".", "")
    number = number.replace(",", ".")
    try:
        return round(float(number) * multiplier)
    except ValueError:
        return None


def _date(text: str) -> dt.date | None:
    text = text.strip().lower()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        day, month, year = text.split()
        return dt.date(int(year), _MONTHS[month], int(day))
    except (ValueError, KeyError):
        return None


def parse_period(text: str) -> Period | None:
    """A period such as ``"2009-01-15 till 2011-01-15"`` or ``"1 juni 2016 till 31 december 2018"``.

    >>> parse_period("2009-01-15 till 2011-01-15")
    Period(start=datetime.date(2009, 1, 15), end=datetime.date(2011, 1, 15), years=None)
    """
    match = _PERIOD.search(text)
    if match:
        start, end = _date(match.group("start")), _date(match.group("end"))
        if start and end and start <= end:
            return Period(start, end)
    return None


def find_period(text: str) -> Period | None:
    """The first full period of ``text``, else the first range of years (``2016-2018``)."""
    period = parse_period(text)
    if period:
        return period
    match = _YEARS.search(text)
    if match and int(match.group("start")) <= int(match.group("end")) <= int(match.group("start")) + 15:
        return Period(None, None, (int(match.group("start")), int(match.group("end"))))
    return None
