"""Labelled fields of a project page or report, in every layout the ESF project bank has used.

* ``Programområde: 2`` / ``Projektägare\\nHöörs kommun`` (2014-2020 and ESF+ pages: the label on
  its own line, the value on the next);
* ``ProjektägareRegion Dalarna`` / ``Projektägaresaknas`` (the 2007-2013 pages: label glued to
  its value), with the ``Medfinansiärer`` and ``Kommun`` bullet lists after the text;
* ``Projektnamn: X Projektanordnare: Y Medfinansiärer: …`` (a report's header flattened into
  one line by a PDF transcript: each value runs to the next label).

Labels are matched at the start of a line (or, with a colon, anywhere in a flattened line),
so a word in running text is never a label. What the fields say is read by
:mod:`graphapp.extract.rules.fields`; the lines they take are not part of the body that the
running-text rules read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphapp.extract.amounts import Period, parse_amount, parse_period

__all__ = ["ProjectFields", "parse_fields"]

#: Label -> the field it fills. Longer labels first, so ``Projektägare org.nr.`` is not ``Projektägare``.
_LABELS: dict[str, str] = {
    "Namn på projektet": "name",
    "Projektets namn": "name",
    "Projektnamn": "name",
    "Namn": "name",
    "Projektägare org.nr.": "owner_org_nr",
    "Projektägare": "owner",
    "Projektanordnare": "owner",
    "Stödmottagare": "owner",
    "Huvudman": "owner",
    "Programområde": "programme_area",
    "Specifikt mål": "specific_objective",
    "Projektfas": "phase",
    "Region": "region",
    "Beviljat ESF-stöd": "grant",
    "Beviljat stöd": "grant",
    "Total projektbudget": "budget",
    "Total projektkostnad": "budget",
    "Projektbudget": "budget",
    "Budget": "budget",
    "Projektperiod": "period",
    "Projekttid": "period",
    "Tidsperiod": "period",
    "Startdatum": "start",
    "Slutdatum": "end",
    "Berörda fonder": "fund",
    "Berörd fond": "fund",
    "Fond": "fund",
    "Programperiod": "programme_period",
    "Medfinansiärer": "co_funders",
    "Medfinansiär": "co_funders",
    "Finansiering": "co_funders",
    "Projektpartners": "partners",
    "Samverkanspartners": "partners",
    "Samarbetspartners": "partners",
    "Samverkansparter": "partners",
    "Deltagande kommuner": "municipalities",
    "Berörda kommuner": "municipalities",
    "Kommuner": "municipalities",
    "Kommun": "municipalities",
    "Plats": "municipalities",
    # labels whose values are not read, but which end the value before them
    "Diarienummer": "",
    "Projektnummer": "",
    "Utlysning": "",
    "Utlyst belopp": "",
    "Planerat antal deltagare": "",
    "Stödmottagare postnr": "",
    "Stödmottagarens postnummer": "",
    "Stödmottagarens address": "",
    "Stödmottagarens adress": "",
    "Stödmottagarens land": "",
    "Stödmottagarens ort": "",
    "Unionens medfinansieringsgrad": "",
    "Interventionstyp": "",
    "Program CCI": "",
    "NUTS-2 kod": "",
    "Insats av strategisk betydelse": "",
    "Sekundärtema - Motverka barnfattigdom": "",
    "Kontaktperson": "",
    "Kontakt": "",
    "Projektledare": "",
    "E-post": "",
    "Telefonnummer": "",
    "Telefon": "",
    "Status": "",
    "År": "",
    "Typ": "",
}
_ORDERED = sorted(_LABELS, key=len, reverse=True)
_ALTERNATION = "|".join(re.escape(label) for label in _ORDERED)
#: A line that is a label (the value on the next line) or starts with one followed by a colon.
_LINE = re.compile(
    rf"^[ \t]*(?P<label>{_ALTERNATION})(?:[ \t]*(?::|\t)[ \t]*(?P<value>.*?)|(?P<glued>[^\s:].*?))?[ \t]*$"
)
#: Labels that are no ordinary words: in a header block they may be followed by a space only
#: (``Projektägare Höörs kommun``, a table row saved from a page).
_SPACED_LABELS = [label for label in _ORDERED if len(label) > 8 and label not in ("Finansiering", "Kontaktperson")]
_SPACED_ALTERNATION = "|".join(re.escape(label) for label in _SPACED_LABELS)
_SPACED = re.compile(rf"^[ \t]*(?P<label>{_SPACED_ALTERNATION}) +(?P<value>\S.*?)\s*$")
#: A label glued after the end of the value before it (``GenomfördÅr2019``, ``2022PlatsEskilstuna``).
_GLUED = re.compile(rf"(?<=[a-zåäö0-9)])(?P<label>{_ALTERNATION})(?=[A-ZÅÄÖ0-9])")
#: A label with a colon inside a flattened line.
_INLINE = re.compile(rf"(?<![\w-])(?P<label>{_ALTERNATION}):")
_LIST_FIELDS = frozenset({"co_funders", "partners", "municipalities"})
_BULLET = re.compile(r"^\s*[•*·\-\u2013]\s*(?P<item>\S.*)$")
_MISSING = {"", "saknas", "-", "\u2013", "uppgift saknas", "ej angivet", "kr", "nej"}
_DNR_PREFIX = re.compile(r"^\S*\d\S*\s+[-\u2013]\s+(?=\S)")
_HEADER_KEYS = frozenset({"owner", "grant", "budget", "period", "programme_area", "name", "fund"})


@dataclass
class ProjectFields:
    """What a page's labelled fields say (values as written; ``None`` where missing)."""

    title: str | None = None
    values: dict[str, list[str]] = field(default_factory=dict)
    grant_sek: int | None = None
    total_budget_sek: int | None = None
    period: Period | None = None
    body: str = ""
    warnings: list[str] = field(default_factory=list)

    def first(self, key: str) -> str | None:
        found = self.values.get(key)
        return found[0] if found else None

    def items(self, key: str) -> list[str]:
        return list(self.values.get(key, []))

    @property
    def labelled(self) -> bool:
        """Whether the page has a project header (owner, grant, period … fields), not a stray label."""
        return len(_HEADER_KEYS & set(self.values)) >= 2

    @property
    def name(self) -> str | None:
        return self.first("name")


def parse_fields(text: str) -> ProjectFields:
    """The labelled fields of ``text``, the page title above them and the body without them.

    >>> page = parse_fields("Testprojekt\\nProjektägare: saknas\\nBeviljat ESF-stöd\\n1 000\\n\\nKommun\\n • Lund\\n")
    >>> page.title, page.first("owner"), page.grant_sek, page.items("municipalities")
    ('Testprojekt', None, 1000, ['Lund'])
    """
    lines = text.split("\n")
    spaced = _spaced_block(lines)
    out = ProjectFields()
    used: set[int] = set()
    first_field: int | None = None
    current_list: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        bullet = _BULLET.match(line)
        if current_list and bullet:
            out.values.setdefault(current_list, []).append(bullet.group("item").strip())
            used.add(index)
            index += 1
            continue
        if current_list and line.strip():
            current_list = None
        found = _line_fields(line, index in spaced)
        if found is None:
            index += 1
            continue
        used.add(index)
        first_field = index if first_field is None else first_field
        for key, value in found:
            if value is None:  # a label alone: the value is on the next non-empty line, or a bullet list follows
                following = _next_line(lines, index + 1)
                if (
                    following is not None
                    and _line_fields(lines[following]) is None
                    and not _BULLET.match(lines[following])
                ):
                    used.add(following)
                    _store(out, key, lines[following].strip())
                    index = following
                elif key in _LIST_FIELDS:
                    current_list = key
            else:
                _store(out, key, value)
        index += 1
    if not out.values:
        _inline_fields(text, out)
        return out
    out.title = _title(lines[: first_field or 0])
    out.body = "\n".join(line for i, line in enumerate(lines) if i not in used)
    _read_numbers(out)
    return out


def _line_fields(line: str, spaced: bool = False) -> list[tuple[str, str | None]] | None:
    """The fields one line gives: ``[(key, value or None when the value is on the next line)]``;
    ``spaced``: the line is in a header block, where a label may end at a space."""
    match = _LINE.match(line)
    if match is None:
        spaced_match = _SPACED.match(line) if spaced else None
        if spaced_match is None:
            return None
        return [(_LABELS[spaced_match.group("label")], spaced_match.group("value"))]
    label = match.group("label")
    value = match.group("value")
    glued = match.group("glued")
    if glued is not None:
        if not (glued[:1].isupper() or glued[:1].isdigit() or glued.lower() in _MISSING):
            return None  # "Kommunen har …": a word, not a label
        return _split_glued(label, glued)
    return [(_LABELS[label], value.strip() if value and value.strip() else None)]


def _spaced_block(lines: list[str]) -> set[int]:
    """Lines of a header block written ``Label value`` (two or more such lines close together)."""
    candidates = [i for i, line in enumerate(lines) if _SPACED.match(line) and len(line.split()) <= 12]
    return {i for i in candidates if any(0 < abs(i - j) <= 2 for j in candidates)}


def _split_glued(label: str, rest: str) -> list[tuple[str, str | None]]:
    """``StatusGenomfördÅr2019 - 2022PlatsEskilstuna``: each label with the value up to the next."""
    out: list[tuple[str, str | None]] = []
    for match in _GLUED.finditer(rest):
        out.append((_LABELS[label], rest[: match.start()].strip()))
        label, rest = match.group("label"), rest[match.end() :]
    out.append((_LABELS[label], rest.strip()))
    return out


def _inline_fields(text: str, out: ProjectFields) -> None:
    """Fields of a header flattened into running text: two or more ``Label:`` in one line."""
    kept: list[str] = []
    for line in text.split("\n"):
        matches = list(_INLINE.finditer(line))
        if len(matches) < 2:
            kept.append(line)
            continue
        for match, following in zip(matches, [*matches[1:], None], strict=True):
            value = line[match.end() : following.start() if following else len(line)]
            if following is None:
                value = re.split(r"(?<=[a-zåäö])\.\s|\s{2,}", value, maxsplit=1)[0]
            _store(out, _LABELS[match.group("label")], value.strip())
        kept.append(line[: matches[0].start()] + " " + line[matches[-1].end() :])
    if out.values:
        out.body = "\n".join(kept)
        _read_numbers(out)
    else:
        out.body = text


def _store(out: ProjectFields, key: str, value: str) -> None:
    if not key:
        return
    if value.strip().lower() in _MISSING or value.startswith("["):
        out.values.setdefault(key, [])
        return
    out.values.setdefault(key, []).append(value.strip())


def _next_line(lines: list[str], start: int) -> int | None:
    for index in range(start, min(len(lines), start + 3)):
        if lines[index].strip():
            return index
    return None


def _title(lines: list[str]) -> str | None:
    for line in reversed(lines):
        line = line.strip()
        if line and not line.startswith(("[", "SOURCE:")):
            return _DNR_PREFIX.sub("", line)
    return None


def _read_numbers(out: ProjectFields) -> None:
    for key, target in (("grant", "grant_sek"), ("budget", "total_budget_sek")):
        value = out.first(key)
        if not value:
            continue
        amount = parse_amount(value if re.search(r"kr|sek|miljon", value, re.IGNORECASE) else f"{value} kr")
        if amount is None:
            out.warnings.append(f"{key}: cannot read the amount {value!r}")
        setattr(out, target, amount)
    period = out.first("period")
    if period:
        out.period = parse_period(period)
        if out.period is None:
            out.warnings.append(f"Projektperiod: cannot read the period {period!r}")
    elif out.first("start") and out.first("end"):
        out.period = parse_period(f"{out.first('start')} till {out.first('end')}")
