"""Values as words for the server's tables: kronor with thin-space thousands, coded values, property keys.

``graphapp/static/kit.js`` formats the same way for the details panel and the workbench (the browser
formats what it fetches); :func:`number` and ``kit.js``'s ``number`` must agree, and a test checks both.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from graphapp.views.i18n import prop_name, strings, value_name

__all__ = [
    "THIN_SPACE",
    "date_text",
    "format_value",
    "number",
    "period_text",
    "properties_text",
    "sek",
    "sources_text",
]

#: Between groups of thousands: U+202F NARROW NO-BREAK SPACE, the thin space that does not break a number.
THIN_SPACE = "\u202f"


def number(value: float, lang: str) -> str:
    """``1234567`` -> ``"1 234 567"`` (thin spaces); decimals after a comma in Swedish.

    >>> number(1234567, "sv") == "1\\u202f234\\u202f567"
    True
    >>> number(2.5, "sv"), number(2.5, "en")
    ('2,5', '2.5')
    """
    whole, _, decimals = repr(abs(value)).partition(".") if isinstance(value, float) else (str(abs(value)), "", "")
    if decimals == "0":
        decimals = ""
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = THIN_SPACE.join([whole, *groups])
    if decimals:
        text += ("," if lang == "sv" else ".") + decimals
    return ("\u2212" if value < 0 else "") + text


def sek(amount: float, lang: str) -> str:
    """An amount of kronor: ``"1 000 000 kr"`` in Swedish, ``"SEK 1 000 000"`` in English."""
    return strings(lang)["sek"].format(amount=number(round(amount), lang))


def date_text(iso: str | None, lang: str) -> str:
    """An ISO date of any precision (:mod:`graphapp.dates`) in words: only what is known.

    >>> date_text("2016-06-01", "sv"), date_text("2016-06", "en"), date_text("2014", "sv")
    ('1 juni 2016', 'June 2016', '2014')
    """
    if not iso:
        return ""
    parts = iso.split("-")
    if not all(part.isdigit() for part in parts) or len(parts) > 3:
        return iso
    words = [_months(lang)[int(parts[1]) - 1]] if len(parts) > 1 else []
    return " ".join([*([str(int(parts[2]))] if len(parts) > 2 else []), *words, parts[0]])


@lru_cache(maxsize=4)
def _months(lang: str) -> tuple[str, ...]:
    words = strings(lang)
    return tuple(words[f"month.{month}"] for month in range(1, 13))


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
        return strings(lang)["yes" if value else "no"]
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
        titles.append(f"{title} ({strings(lang)['by_hand_source']})" if doc.get("by_hand") else title)
    return "; ".join(titles)
