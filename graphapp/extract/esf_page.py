"""The ESF project-bank page: header fields, body sections and the two lists.

A page starts with the project's name, then a block of ``Key Value`` lines (the
key often glued to its value: ``Projektägaresaknas``), then sections
(Sammanfattning, Bakgrund, Syfte, Målsättning …) and two bullet lists,
``Medfinansiärer`` (co-funders) and ``Kommun`` (participating municipalities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphapp.extract.amounts import Period, parse_amount, parse_period

__all__ = ["EsfPage", "parse_esf_page"]

_KEYS = (
    "Programområde",
    "Projektfas",
    "Projektägare",
    "Kontaktperson",
    "E-post",
    "Telefonnummer",
    "Beviljat ESF-stöd",
    "Total projektbudget",
    "Projektperiod",
    "Region",
)
_KEY_LINE = re.compile(r"^\s*(?P<key>" + "|".join(re.escape(k) for k in _KEYS) + r")\s*[:\t]?\s*(?P<value>.*)$")
_MISSING = {"", "saknas", "-", "\u2013", "uppgift saknas", "ej angivet"}
_LISTS = {
    "medfinansiärer": "co_funders",
    "medfinansiär": "co_funders",
    "kommun": "municipalities",
    "kommuner": "municipalities",
}
_BULLET = re.compile(r"^\s*[•*·\-\u2013]\s*(?P<item>\S.*)$")


@dataclass
class EsfPage:
    title: str
    programme_area: str | None = None
    phase: str | None = None
    owner: str | None = None
    grant_sek: int | None = None
    total_budget_sek: int | None = None
    period: Period | None = None
    esf_region: str | None = None
    body: str = ""
    co_funders: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_esf_page(text: str) -> EsfPage | None:
    """The page's fields, or None when ``text`` has no project-bank header."""
    lines = text.splitlines()
    header = [(i, m) for i, line in enumerate(lines) if (m := _KEY_LINE.match(line))]
    keys = {m.group("key") for _, m in header}
    if len(keys & {"Programområde", "Projektägare", "Beviljat ESF-stöd", "Projektperiod", "Total projektbudget"}) < 3:
        return None
    first = header[0][0]
    block = _header_block(lines, first)
    page = EsfPage(title=_title(lines, first))
    for key, value in block.items():
        _set_field(page, key, value)
    body_lines, lists = _split_lists(lines[first + len(block) :])
    page.body = "\n".join(body_lines)
    page.co_funders = lists.get("co_funders", [])
    page.municipalities = lists.get("municipalities", [])
    return page


def _header_block(lines: list[str], first: int) -> dict[str, str]:
    block: dict[str, str] = {}
    for line in lines[first:]:
        if line.strip().startswith("["):
            continue  # a contact detail already removed
        match = _KEY_LINE.match(line)
        if not match or match.group("key") in block:
            break
        block[match.group("key")] = match.group("value").strip()
    return block


def _title(lines: list[str], first: int) -> str:
    for line in reversed(lines[:first]):
        if line.strip():
            return line.strip()
    return "Untitled project"


def _value(value: str) -> str | None:
    return None if value.strip().lower() in _MISSING else value.strip()


def _set_field(page: EsfPage, key: str, raw: str) -> None:
    value = _value(raw)
    if key == "Programområde":
        page.programme_area = value
    elif key == "Projektfas":
        page.phase = value
    elif key == "Projektägare":
        page.owner = value
    elif key == "Region":
        page.esf_region = value
    elif key in ("Beviljat ESF-stöd", "Total projektbudget") and value:
        amount = parse_amount(value if re.search(r"kr|sek", value, re.I) else f"{value} kr")
        if amount is None:
            page.warnings.append(f"{key}: cannot read the amount {value!r}")
        elif key == "Beviljat ESF-stöd":
            page.grant_sek = amount
        else:
            page.total_budget_sek = amount
    elif key == "Projektperiod" and value:
        page.period = parse_period(value)
        if page.period is None:
            page.warnings.append(f"Projektperiod: cannot read the period {value!r}")


def _split_lists(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Body lines, and the bullet items under the Medfinansiärer and Kommun headings."""
    body: list[str] = []
    lists: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        heading = _LISTS.get(line.strip().rstrip(":").lower())
        if heading:
            current = heading
            lists.setdefault(current, [])
            continue
        bullet = _BULLET.match(line)
        if current and bullet:
            lists[current].append(bullet.group("item").strip())
        elif current and line.strip():
            current = None
            body.append(line)
        elif not current:
            body.append(line)
    return body, lists
