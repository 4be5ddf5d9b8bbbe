"""Decisions that need the whole document, taken after the other rules:

* the described project's owner does not also take part (owning is taking part);
* which ESF programme a grant belongs to (the fund's field, the programme area's form or
  wording, the years named, the project period);
* which county a plain ``Länsstyrelsen`` is (the county the document is about, when its places
  and county names agree; otherwise it stays unresolved).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from graphapp.extract.context import DocumentContext
from graphapp.extract.findings import CONFIDENCE, Reading
from graphapp.extract.gazetteer import PLAIN_BOARD
from graphapp.extract.resolver import entity_actor
from graphapp.model import RelType

__all__ = ["choose_esf_fund", "county_board", "document_county", "esf_programme", "owners_do_not_participate"]

_ESF_PLUS = "fund:esf-plus-2021-2027"
_PROGRAMME_AREAS = {  # wording used by one programme period only
    "esf-2007-2013": re.compile(r"ökat arbetskraftsutbud|kompetensutveckling för sysselsatta", re.I),
    "esf-2014-2020": re.compile(r"kompetensförsörjning|öka övergångar|sysselsättningsinitiativet", re.I),
}
_COUNTY_ADJECTIVES = {
    "skånsk": "12",
    "värmländsk": "17",
    "dalsk": "20",
    "hallänsk": "13",
    "gotländsk": "09",
    "blekingsk": "10",
    "jämtländsk": "23",
    "norrbottnisk": "25",
    "västerbottnisk": "24",
    "kronobergsk": "07",
    "örebroisk": "18",
}
#: Run on the lower-cased text, with the word start checked by hand: much faster than ``\b`` + IGNORECASE.
_ADJECTIVE = re.compile(r"(" + "|".join(_COUNTY_ADJECTIVES) + r")(?:a|t|e)?\b")


def owners_do_not_participate(ctx: DocumentContext) -> None:
    """The owner takes part by owning: a second, participant edge to the same project says nothing more."""
    owners = {(rel.start, rel.end) for rel in ctx.draft.relationships.values() if rel.type is RelType.OWNS}
    for rel in list(ctx.draft.relationships.values()):
        if rel.type is RelType.PARTICIPATES_IN and (rel.start, rel.end) in owners:
            ctx.draft.remove(rel)


def choose_esf_fund(ctx: DocumentContext, start_year: int | None) -> tuple[str, Reading]:
    """The ESF fund id for the described project, and the reading it rests on."""
    fields = ctx.fields
    marks = " ".join([*fields.items("fund"), *fields.items("programme_period")])
    if "+" in marks or "2021" in marks:
        return _ESF_PLUS, Reading.FIELD
    area = (fields.first("programme_area") or "") + " " + (fields.first("specific_objective") or "")
    if re.fullmatch(r"\s*[A-F](?:\d\w*)?\s*(?:[A-F]\d\w*)?\s*", area):
        return _ESF_PLUS, Reading.PROGRAMME_AREA  # ESF+ names its programme areas A-F
    if start_year is None:
        start_year = _latest_year(ctx)
    candidates = [
        fid
        for fid, (first, last, _) in ctx.gaz.funds.items()
        if fid.startswith("fund:esf") and (start_year is None or first <= start_year <= last)
    ]
    if len(candidates) > 1:  # the text names no "+": Europeiska socialfonden of the earlier programmes
        candidates = [fid for fid in candidates if fid != _ESF_PLUS] or candidates
    if re.search(r"\b\d(?:\.\d)?\b", area):  # 1, 2, 2.3: a programme of 2007-2013 or 2014-2020
        candidates = [fid for fid in candidates if fid != _ESF_PLUS] or candidates
    if len(candidates) == 1:
        return candidates[0], Reading.PROGRAMME_ONLY
    programme_area = ctx.draft.project.properties.get("programme_area")
    for fid in candidates:
        pattern = _PROGRAMME_AREAS.get(fid.removeprefix("fund:"))
        if programme_area and pattern and pattern.search(programme_area):
            return fid, Reading.PROGRAMME_AREA
    for fid in candidates:
        years = re.findall(r"\d{4}", ctx.gaz.funds[fid][2])
        if len(years) == 2 and re.search(rf"{years[0]}\s*[-\u2013]\s*{years[1]}", ctx.text):
            return fid, Reading.PROGRAMME_NAMED
    nominal = [
        fid
        for fid in candidates
        if start_year and _nominal_years(ctx, fid)[0] <= start_year <= _nominal_years(ctx, fid)[1]
    ]
    fallback = (nominal or candidates or ["fund:esf-2014-2020"])[-1]
    ctx.draft.warn(f"ESF programme period uncertain; chose {fallback} from the project period")
    return fallback, Reading.PROGRAMME_GUESSED


def _latest_year(ctx: DocumentContext) -> int | None:
    """The latest year the document names (its own time), when it gives no project period."""
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19[89]\d|20[0-3]\d)(?!\d)", ctx.text)]
    return max(years) if years else None


def _nominal_years(ctx: DocumentContext, fund_id: str) -> tuple[int, int]:
    years = [int(y) for y in re.findall(r"\d{4}", ctx.gaz.funds[fund_id][2])]
    first, last, _ = ctx.gaz.funds[fund_id]
    return (years[0], years[1]) if len(years) >= 2 else (first, last)


def esf_programme(ctx: DocumentContext) -> None:
    """Replace the generic ``fund:esf`` of fields and running text by the programme's fund."""
    generic = [rel for rel in ctx.draft.relationships.values() if rel.start == "fund:esf"]
    if not generic:
        return
    start = ctx.draft.project.properties.get("start")
    fund_id, reading = choose_esf_fund(ctx, int(start[:4]) if start else None)
    for rel in generic:
        ctx.draft.remove(rel)
        ctx.draft.relate(replace(rel, start=fund_id, confidence=min(rel.confidence, CONFIDENCE[reading])))


def document_county(ctx: DocumentContext) -> str | None:
    """The county the document is about, when its signals clearly agree."""
    votes: Counter[str] = Counter()
    for mention in ctx.mentions:
        if mention.entity.county_code and mention.entity.id != PLAIN_BOARD and ctx.is_place(mention):
            board = mention.entity.agency_kind == "county_board"
            votes[mention.entity.county_code] += 2 if mention.entity.kind == "county" or board else 1
    for match in _ADJECTIVE.finditer(ctx.lower):
        if not ctx.lower[match.start() - 1 : match.start()].isalnum():
            votes[_COUNTY_ADJECTIVES[match.group(1)]] += 2
    if not votes:
        return None
    (best, count), *rest = votes.most_common(2)
    runner_up = rest[0][1] if rest else 0
    return best if count >= 2 and count >= 3 * runner_up else None


def county_board(ctx: DocumentContext) -> None:
    """Give a plain ``Länsstyrelsen`` its county, or keep it unresolved with a warning.

    The plural ``länsstyrelserna`` (all the boards) never takes one county."""
    rels = [rel for rel in ctx.draft.relationships.values() if PLAIN_BOARD in (rel.start, rel.end)]
    if not rels:
        return
    singular = any(
        m.entity.id == PLAIN_BOARD and not ctx.text[m.start : m.end].lower().endswith("rna") for m in ctx.mentions
    )
    county = document_county(ctx) if singular else None
    board = ctx.gaz.board_by_county.get(county or "")
    if board is None:
        node = ctx.draft.nodes.get(PLAIN_BOARD)
        if node:
            node.properties["resolved"] = False
        ctx.draft.warn("unresolved: 'Länsstyrelsen' without its county, and the text does not make the county clear")
        return
    ctx.add(entity_actor(board).node)
    for rel in rels:
        ctx.draft.remove(rel)
        start = board.id if rel.start == PLAIN_BOARD else rel.start
        end = board.id if rel.end == PLAIN_BOARD else rel.end
        confidence = rel.confidence * CONFIDENCE[Reading.COUNTY_INFERRED]
        ctx.draft.relate(replace(rel, start=start, end=end, confidence=confidence))
    ctx.draft.nodes.pop(PLAIN_BOARD, None)
