"""Values as words for the server's tables and pages: numbers, kronor and dates by CLDR (Babel), coded values
and property keys by the catalogues.

``graphapp/static/kit.js`` formats the same way in the browser with ``Intl`` (CLDR too) for the details panel
and the workbench; ``tests/views/test_takeaway.py`` and ``tests/views/test_timeline.py`` hold the two to the
same output.
"""

from __future__ import annotations

import datetime
from typing import Any

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, get_minus_sign_symbol

from graphapp.views.i18n import cldr_locale, prop_name, value_name, words

__all__ = [
    "date_text",
    "format_value",
    "number",
    "period_text",
    "properties_text",
    "sek",
    "sources_text",
]


def number(value: float, lang: str) -> str:
    """A number as the language writes it (CLDR): up to three decimals, grouped thousands.

    >>> number(1234567, "sv") == "1\\u00a0234\\u00a0567", number(1234567, "en")
    (True, '1,234,567')
    >>> number(2.5, "sv"), number(-2.5, "en")
    ('2,5', '-2.5')
    """
    locale = cldr_locale(lang)
    text = format_decimal(abs(value), locale=locale)
    return get_minus_sign_symbol(locale) + text if value < 0 else text  # Babel keeps the pattern's "-"


def sek(amount: float, lang: str) -> str:
    """An amount of kronor, whole: ``"1 000 000 kr"`` in Swedish, ``"SEK 1,000,000"`` in English."""
    return words(lang)("sek", amount=number(round(amount), lang))


def date_text(iso: str | None, lang: str) -> str:
    """An ISO date of any precision (:mod:`graphapp.dates`) in words (CLDR): only what is known.

    >>> date_text("2016-06-01", "sv"), date_text("2016-06", "en"), date_text("2014", "sv")
    ('1 juni 2016', 'June 2016', '2014')
    """
    if not iso:
        return ""
    parts = iso.split("-")
    if not all(part.isdigit() for part in parts) or len(parts) > 3:
        return iso
    try:
        day = datetime.date(
            int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
        )
    except ValueError:
        return iso
    locale = cldr_locale(lang)
    if len(parts) == 3:
        return format_date(day, "long", locale=locale)
    return format_skeleton("yMMMM", day, locale=locale) if len(parts) == 2 else parts[0]


def period_text(start: str | None, end: str | None, lang: str) -> str:
    """A period in words, e.g. ``"juni 2016 \u2013 december 2018"``; an open end is left open."""
    if not start and not end:
        return ""
    return f"{date_text(start, lang)} \u2013 {date_text(end, lang)}"


def format_value(key: str, value: Any, lang: str) -> str:
    """A property value as a reader sees it: kronor for ``*_sek``, words for coded values, lists joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(format_value(key, item, lang) for item in value)
    if isinstance(value, bool):
        return words(lang)("yes" if value else "no")
    if isinstance(value, int | float):
        if key.endswith("_sek"):
            return sek(value, lang)
        return str(value) if key.endswith(("year", "code")) else number(value, lang)
    return value_name(str(value), lang)


def properties_text(properties: dict[str, Any], lang: str) -> str:
    """A relationship's properties in one line, e.g. ``"Belopp: 1 000 000 kr"``; ``projects`` lists are left out."""
    shown = [(key, value) for key, value in properties.items() if key != "projects"]
    return "; ".join(f"{prop_name(key, lang)}: {format_value(key, value, lang)}" for key, value in shown)


def sources_text(docs: dict[str, dict[str, Any]], sources: list[str], lang: str) -> str:
    """The documents a relationship comes from, by title; the curator's own reading of one says so
    (``explorer.js``'s ``docTitle`` words it the same way)."""
    titles = []
    for doc_id in sources:
        doc = docs.get(doc_id, {})
        title = doc.get("title") or doc_id
        titles.append(f"{title} ({words(lang)('by_hand_source')})" if doc.get("by_hand") else title)
    return "; ".join(titles)
