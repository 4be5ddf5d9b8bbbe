"""Cell values: dates, amounts of kronor, lists of names, co-funders with their amounts.

Each parser returns the value or raises :class:`CellError` with a message that says
what was expected; the caller adds the sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from graphapp.dates import PartialDate
from graphapp.extract.amounts import parse_amount

__all__ = ["CellError", "parse_date", "parse_kronor", "parse_period", "split_funders", "split_names", "text_of"]


class CellError(ValueError):
    """A cell whose value is not what its column holds."""


_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_YEAR = re.compile(r"^((?:19|20)\d{2})$")
_PERIOD = re.compile(r"^(?P<start>\S+)\s*(?:[-\u2013\u2014]|till|to|t\.o\.m\.?)\s*(?P<end>\S+)$", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_GROUPED_NUMBER = re.compile(r"^-?\d{1,3}(?:[ .\u00a0\u202f\u2009]\d{3})+(?:,\d+)?$")
_WORDED_AMOUNT = re.compile(
    r"^\d[\d \u00a0.,]*\s*(?:miljarder|miljard|miljoner|miljon|mnkr|mkr|msek|mdkr|tkr|tusen)(?:\s*(?:kronor|kr|sek))?$",
    re.IGNORECASE,
)
_CURRENCY = re.compile(r"\s*(?:kr\.?|kronor|sek|:-)\s*$", re.IGNORECASE)
#: Between the names of one cell: new lines, semicolons, commas, bullets, " och ", " and ", " & ", " / ".
_NAME_BREAK = re.compile(r"\s*(?:[\n;,•|]|\s+och\s+|\s+and\s+|\s+&\s+|\s+/\s+)\s*")
_AMOUNT_START = re.compile(r"(?<=[\s:(])\d")


def text_of(value: Any) -> str:
    """A cell as text: numbers without a trailing ``.0``, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any) -> PartialDate:
    """A date cell, or text as ``2020-01-31`` (also ``2020/01/31``, ``20200131``), a month as ``2020-01``, or a
    year as ``2020`` (text or a number): only what the cell says (:mod:`graphapp.dates`)."""
    if isinstance(value, dt.datetime):
        return PartialDate.parse(value.date())
    if isinstance(value, dt.date):
        return PartialDate.parse(value)
    text = text_of(value)
    match = _ISO_DATE.match(text) or _COMPACT_DATE.match(text) or _MONTH.match(text) or _YEAR.match(text)
    if match:
        try:
            return PartialDate(*(int(part) for part in match.groups() if part is not None))
        except ValueError:
            pass
    raise CellError(f"{text!r} is not a date (expected YYYY-MM-DD, YYYY-MM for a month or YYYY for a year)")


def parse_period(value: Any) -> tuple[PartialDate, PartialDate]:
    """``2016-06-01 - 2018-12-31`` (or an en dash, or ``till``; or months, or years: ``2016 - 2018``) as its start and
    end."""
    match = _PERIOD.match(text_of(value))
    if not match:
        raise CellError(f"{text_of(value)!r} is not a period (expected YYYY-MM-DD - YYYY-MM-DD, or YYYY - YYYY)")
    return parse_date(match.group("start")), parse_date(match.group("end"))


def parse_kronor(value: Any) -> int:
    """Whole kronor: a number cell, or text as ``1 234 567``, ``1234567,50 kr``, ``2,3 miljoner``."""
    if isinstance(value, bool):
        raise CellError(f"{value!r} is not an amount of kronor")
    if isinstance(value, int | float):
        amount = round(value)
    else:
        text = _CURRENCY.sub("", text_of(value))
        if _PLAIN_NUMBER.match(text):
            amount = round(float(text.replace(",", ".")))
        elif _GROUPED_NUMBER.match(text):
            whole = text.split(",")[0]
            amount = int(re.sub(r"[ .\u00a0\u202f\u2009]", "", whole))
        else:
            parsed = parse_amount(text_of(value)) if _WORDED_AMOUNT.match(text_of(value)) else None
            if parsed is None:
                raise CellError(f"{text_of(value)!r} is not an amount of kronor (expected a number such as 1 250 000)")
            amount = parsed
    if amount < 0:
        raise CellError(f"{text_of(value)!r} is negative; expected an amount of kronor")
    return amount


def split_names(value: Any) -> list[str]:
    """The names in one cell: ``"Alvesta, Ljungby och Växjö"`` -> three names."""
    return [part.strip(" .") for part in _NAME_BREAK.split(text_of(value)) if part.strip(" .")]


def split_funders(value: Any) -> list[tuple[str, int | None]]:
    """Co-funders with their amounts: ``"Region Kronoberg 500 000 kr; Växjö kommun (200 000)"``."""
    out = []
    for part in re.split(r"\s*[\n;•|]\s*", text_of(value)):
        part = part.strip(" .,")
        if not part:
            continue
        out.append(_funder(part))
    return out


def _funder(part: str) -> tuple[str, int | None]:
    """A name, then perhaps its amount: the amount starts at the first number after the name that reads
    as kronor to the end (``Grupp 3 AB 50 000 kr``: the name keeps its 3)."""
    for match in _AMOUNT_START.finditer(part):
        name, rest = part[: match.start()].strip(" :(-\u2013"), part[match.start() :].strip(" )")
        if not name:
            break
        try:
            return name, parse_kronor(rest)
        except CellError:
            continue
    if re.search(r"\d", part) and not re.search(r"[A-Za-zÅÄÖåäö]", part.split()[-1]):
        raise CellError(f"{part!r}: the amount is not a number of kronor (expected a name, then e.g. 500 000 kr)")
    return part, None
