"""Dates as the sources give them: to the day, the month or the year, never more precise.

A project's period and a document's date are often known only to the month ("juni 2016")
or the year ("Försöket pågår under 2015"). graphapp keeps that precision everywhere and
never invents a 1 January:

- **records, JSON and exports** write ISO 8601 text of the precision known: ``2016-06-01``
  (a day), ``2016-06`` (a month), ``2016`` (a year). A record file may also give a year as
  a bare number (``start: 2015``).
- **the stores** hold a date value, so that ``p.start.year``, ``duration.between(p.start,
  p.end)`` and ranges (``p.start >= date('2015-01-01')``) work in Cypher and compare in
  Python: a Neo4j ``DATE`` and a Python :class:`datetime.date` in the embedded store. A
  date known to the month or year is stored as the widest reading of it: its **first** day
  for a start or a document's date, its **last** day for an end (a project of 2014 runs
  from 2014-01-01 to 2014-12-31, so ranges and durations stay true), with the property
  ``<name>_precision`` set to ``"month"`` or ``"year"`` beside it. A date known to the day
  has no ``_precision`` property.

:class:`PartialDate` is one such date; :func:`stored` and :func:`read_stored` turn it into
store properties and back; :func:`plain_properties` gives the ISO text of every date of a
node's properties (what :meth:`graphapp.model.Node.as_dict` returns).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "DATE_PROPERTIES",
    "END_PROPERTIES",
    "PRECISION_SUFFIX",
    "PartialDate",
    "Precision",
    "iso_text",
    "plain_properties",
    "read_stored",
    "stored",
    "year_of",
]

#: The properties that hold dates, by label: a project's period and a document's date.
DATE_PROPERTIES: frozenset[str] = frozenset({"start", "end", "published"})
#: Of those, the ones that close a period: stored as the last day of a month or year.
END_PROPERTIES: frozenset[str] = frozenset({"end"})
PRECISION_SUFFIX = "_precision"

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_EXPECTED = "give YYYY-MM-DD, YYYY-MM (a month) or YYYY (a year)"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month or the year.

    >>> PartialDate.parse("2016-06"), PartialDate.parse(2015).iso()
    (PartialDate(year=2016, month=6, day=None), '2015')
    >>> PartialDate.parse("2014").first_day(), PartialDate.parse("2014").last_day()
    (datetime.date(2014, 1, 1), datetime.date(2014, 12, 31))
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs its month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            try:
                dt.date(self.year, self.month or 1, self.day)
            except ValueError:
                raise ValueError(f"{self.year:04d}-{self.month:02d} has no day {self.day}") from None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """``"2016-06-01"``, ``"2016-06"``, ``"2016"``, ``2016`` or a :class:`datetime.date`.

        Raises :class:`ValueError` saying what is expected.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("give a date (YYYY-MM-DD, YYYY-MM or YYYY), not a time")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        found = _ISO.match(value.strip()) if isinstance(value, str) else None
        if found:
            year, month, day = (int(part) if part else None for part in found.groups())
            try:
                return cls(year or 0, month, day)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a date ({exc}): {_EXPECTED}") from None
        raise ValueError(f"{value!r} is not a date: {_EXPECTED}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """ISO 8601 text of the precision known: ``2016-06-01``, ``2016-06`` or ``2016``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.iso()


def stored(name: str, value: PartialDate) -> dict[str, Any]:
    """The store properties of date property ``name``: the date and, unless known to the day, its precision.

    >>> stored("end", PartialDate(2014))
    {'end': datetime.date(2014, 12, 31), 'end_precision': 'year'}
    >>> stored("start", PartialDate(2016, 6, 1))
    {'start': datetime.date(2016, 6, 1)}
    """
    day = value.last_day() if name in END_PROPERTIES else value.first_day()
    if value.precision is Precision.DAY:
        return {name: day}
    return {name: day, name + PRECISION_SUFFIX: value.precision.value}


def read_stored(properties: Mapping[str, Any], name: str) -> PartialDate | None:
    """The date property ``name`` of stored ``properties`` at its precision, or None.

    ISO text (a graph loaded by an earlier version, an export read back) is read too.

    >>> read_stored({"end": dt.date(2014, 12, 31), "end_precision": "year"}, "end")
    PartialDate(year=2014, month=None, day=None)
    """
    value = properties.get(name)
    if value is None:
        return None
    if not isinstance(value, dt.date):
        return PartialDate.parse(value)
    precision = properties.get(name + PRECISION_SUFFIX)
    if precision == Precision.YEAR.value:
        return PartialDate(value.year)
    if precision == Precision.MONTH.value:
        return PartialDate(value.year, value.month)
    return PartialDate(value.year, value.month, value.day)


def iso_text(properties: Mapping[str, Any], name: str) -> str | None:
    """The ISO text of date property ``name`` at its precision (``"2016-06"``), or None.

    >>> iso_text({"start": dt.date(2016, 6, 1), "start_precision": "month"}, "start")
    '2016-06'
    """
    value = properties.get(name)
    if type(value) is dt.date:  # the common case, without a PartialDate: every node of every answer comes here
        precision = properties.get(name + PRECISION_SUFFIX)
        if precision is None:
            return value.isoformat()
        return f"{value.year:04d}" if precision == Precision.YEAR.value else f"{value.year:04d}-{value.month:02d}"
    found = read_stored(properties, name)
    return found.iso() if found is not None else None


def year_of(properties: Mapping[str, Any], name: str) -> int | None:
    """The year of date property ``name`` (a date, or ISO text), or None."""
    value = properties.get(name)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.year
    return int(str(value)[:4])


def plain_properties(properties: dict[str, Any]) -> dict[str, Any]:
    """``properties`` with every date as ISO text of its precision, and no ``_precision`` keys:
    the properties as JSON, records and exports show them. The same dict when it holds no date.

    >>> plain_properties({"start": dt.date(2014, 1, 1), "start_precision": "year", "name": "x"})
    {'start': '2014', 'name': 'x'}
    """
    if not any(type(value) is dt.date for value in properties.values()):
        return properties
    out: dict[str, Any] = {}
    for key, value in properties.items():
        if type(value) is dt.date:
            out[key] = iso_text(properties, key)
        elif not (key.endswith(PRECISION_SUFFIX) and type(properties.get(key[: -len(PRECISION_SUFFIX)])) is dt.date):
            out[key] = value
    return out
