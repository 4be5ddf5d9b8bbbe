"""Decisions that need the whole document or several documents.

* which ESF programme a grant belongs to (by programme area, years named, period);
* which county a plain ``Länsstyrelsen`` is (the county the document is about, when
  its places and county names agree; otherwise it stays unresolved);
* one project node for several documents about the same project.
"""

from __future__ import annotations

import re
from collections import Counter

from graphapp.extract.actors import entity_actor
from graphapp.extract.context import DocumentContext
from graphapp.extract.draft import Draft, DraftRelationship

__all__ = ["choose_esf_fund", "document_county", "merge_drafts", "resolve_county_board", "resolve_esf"]

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


def choose_esf_fund(ctx: DocumentContext, start_year: int | None, programme_area: str | None) -> tuple[str, float]:
    """The ESF fund id for a project starting in ``start_year``, and how sure the choice is."""
    candidates = [
        fid
        for fid, (first, last, _) in ctx.gaz.funds.items()
        if fid.startswith("fund:esf-2") and (start_year is None or first <= start_year <= last)
    ]
    if len(candidates) == 1:
        return candidates[0], 0.95
    for fid in candidates:
        pattern = _PROGRAMME_AREAS.get(fid.removeprefix("fund:"))
        if programme_area and pattern and pattern.search(programme_area):
            return fid, 0.9
    for fid in candidates:
        years = re.findall(r"\d{4}", ctx.gaz.funds[fid][2])
        if len(years) == 2 and re.search(rf"{years[0]}\s*[-\u2013]\s*{years[1]}", ctx.text):
            return fid, 0.75
    nominal = [
        fid
        for fid in candidates
        if start_year and _nominal_years(ctx, fid)[0] <= start_year <= _nominal_years(ctx, fid)[1]
    ]
    fallback = (nominal or candidates or ["fund:esf-2014-2020"])[-1]
    ctx.draft.warn(f"ESF programme period uncertain; chose {fallback} from the project period")
    return fallback, 0.5


def _nominal_years(ctx: DocumentContext, fund_id: str) -> tuple[int, int]:
    years = [int(y) for y in re.findall(r"\d{4}", ctx.gaz.funds[fund_id][2])]
    return (years[0], years[1]) if len(years) >= 2 else ctx.gaz.funds[fund_id][:2]


def resolve_esf(ctx: DocumentContext, start_year: int | None, programme_area: str | None) -> None:
    """Replace the generic ``fund:esf`` of free-text mentions by the programme's fund."""
    generic = [rel for rel in ctx.draft.relationships.values() if rel.start == "fund:esf"]
    if not generic:
        return
    fund_id, confidence = choose_esf_fund(ctx, start_year, programme_area)
    for rel in generic:
        del ctx.draft.relationships[rel.key]
        ctx.draft.relate(
            DraftRelationship(rel.type, fund_id, rel.end, rel.properties, rel.evidence, min(rel.confidence, confidence))
        )


def document_county(ctx: DocumentContext) -> str | None:
    """The county the document is about, when its signals clearly agree."""
    votes: Counter[str] = Counter()
    for mention in ctx.mentions:
        if mention.entity.county_code and mention.entity.id != "agency:lansstyrelsen" and ctx.is_place(mention):
            votes[mention.entity.county_code] += 2 if mention.entity.kind == "county" else 1
    for match in _ADJECTIVE.finditer(ctx.lower):
        if not ctx.lower[match.start() - 1 : match.start()].isalnum():
            votes[_COUNTY_ADJECTIVES[match.group(1)]] += 2
    if not votes:
        return None
    (best, count), *rest = votes.most_common(2)
    runner_up = rest[0][1] if rest else 0
    return best if count >= 2 and count >= 3 * runner_up else None


def resolve_county_board(ctx: DocumentContext) -> None:
    """Give plain ``Länsstyrelsen`` its county, or keep it unresolved with a warning."""
    plain = "agency:lansstyrelsen"
    rels = [rel for rel in ctx.draft.relationships.values() if plain in (rel.start, rel.end)]
    if not rels:
        return
    county = document_county(ctx)
    board = ctx.gaz.board_by_county.get(county or "")
    if board is None:
        node = ctx.draft.nodes.get(plain)
        if node:
            node.properties["resolved"] = False
        ctx.draft.warn("unresolved: 'Länsstyrelsen' without its county, and the text does not make the county clear")
        return
    ctx.add(entity_actor(board).node)
    for rel in rels:
        del ctx.draft.relationships[rel.key]
        start = board.id if rel.start == plain else rel.start
        end = board.id if rel.end == plain else rel.end
        ctx.draft.relate(DraftRelationship(rel.type, start, end, rel.properties, rel.evidence, rel.confidence * 0.9))
    ctx.draft.nodes.pop(plain, None)


def merge_drafts(drafts: list[Draft]) -> dict[str, list[Draft]]:
    """Drafts grouped by project id: documents about one project become one record."""
    groups: dict[str, list[Draft]] = {}
    for draft in drafts:
        groups.setdefault(draft.project.id, []).append(draft)
    return groups
