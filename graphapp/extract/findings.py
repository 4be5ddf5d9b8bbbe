"""How sure each reading of a document is: the one table of confidences.

Every relationship a rule proposes names the reading it comes from; its confidence is
looked up here, so the scale is set in one place and a reviewer sees why one line is
surer than another.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

__all__ = ["CONFIDENCE", "Reading", "owner_confidence"]


class Reading(StrEnum):
    """Where a relationship was read."""

    FIELD = "field"  # a labelled field of a project page: Projektägare, Medfinansiärer, Kommun, Beviljat ESF-stöd
    FIELD_LIST = "field list"  # one item of a list a field gives in running words (Finansiering: A, B och C)
    PART_OF = "part of"  # a local unit or department and what it belongs to
    LIST_AFTER_CUE = "list after cue"  # kommunerna A, B och C / … kommuner - A, B och C
    AMOUNT_FUND = "amount of a fund"  # a fund and an amount in one clause
    AMOUNT_FUNDER = "amount of a funder"  # another funder and an amount in one clause
    BULLET_ACTOR = "bullet actor"  # • Ludvika kommun, AME: an actor with its department
    BULLET_ACTOR_ALONE = "bullet actor alone"  # • Region Dalarna, [namn]: an actor without a department
    LISTED_ACTOR = "listed actor"  # an actor of another project listed in a bullet
    LISTED_FUND = "listed fund"  # • Insteget, finansierat av ESF: the fund of another project
    LISTED_PLACE = "listed place"  # • Insteget, Falun och Borlänge: the places of another project
    UNIT_IN_ROLE = "unit in a role"  # Arbetsförmedlingen i Malmö in a sentence that gives it a part
    OWNER_IN_TEXT = "owner in text"  # drivs av, ägs av, huvudman, projektägare … (raised by repetition)
    CO_FUNDER_IN_TEXT = "co-funder in text"  # finansieras av, medel från, X har beviljat …
    FUND_IN_TEXT = "fund in text"  # a fund where the sentence speaks of money
    PARTICIPANT_IN_TEXT = "participant in text"  # an actor in a sentence that gives it a part
    HOST_UNIT = "host unit"  # a municipal department of the document's municipality
    ORGANISATION_PARTNER = "organisation partner"  # an organisation read from its shape, in a partner sentence
    ORGANISATION_DIALOGUE = "organisation dialogue"  # … in a dialogue sentence
    OTHER_PROJECT_MEMBER = "other project member"  # an actor of a sentence set inside another project
    PROJECT_LINK = "project link"  # builds on / collaborates with
    PROJECT_LINK_SPELLED = "project link spelled out"  # erfarenheterna från X (ACR)
    PROGRAMME_ONLY = "only programme of the years"  # the ESF programme: the only one of the project's years
    PROGRAMME_AREA = "programme area wording"  # … chosen by the programme area's wording
    PROGRAMME_NAMED = "programme years named"  # … by the years the text names
    PROGRAMME_GUESSED = "programme guessed"  # … a guess from the project period (with a warning)
    COUNTY_INFERRED = "county inferred"  # a plain Länsstyrelsen given the document's county: a factor
    LISTED_NAMES = "names in a list"  # A, B, C och D: three or more known names listed, the list the signal
    HEADING_OWNER = "owner in a heading"  # REPRISEN - PITEÅ KOMMUN: a heading's project and its owner
    MENTIONED = "mentioned"  # named, but no sentence gives a part: proposed for the curator to decide


CONFIDENCE = MappingProxyType(
    {
        Reading.FIELD: 0.95,
        Reading.FIELD_LIST: 0.9,
        Reading.PART_OF: 0.9,
        Reading.LIST_AFTER_CUE: 0.85,
        Reading.AMOUNT_FUND: 0.85,
        Reading.AMOUNT_FUNDER: 0.8,
        Reading.BULLET_ACTOR: 0.75,
        Reading.BULLET_ACTOR_ALONE: 0.7,
        Reading.LISTED_ACTOR: 0.65,
        Reading.LISTED_FUND: 0.8,
        Reading.LISTED_PLACE: 0.6,
        Reading.UNIT_IN_ROLE: 0.7,
        Reading.OWNER_IN_TEXT: 0.6,
        Reading.CO_FUNDER_IN_TEXT: 0.7,
        Reading.FUND_IN_TEXT: 0.75,
        Reading.PARTICIPANT_IN_TEXT: 0.6,
        Reading.HOST_UNIT: 0.6,
        Reading.ORGANISATION_PARTNER: 0.6,
        Reading.ORGANISATION_DIALOGUE: 0.55,
        Reading.OTHER_PROJECT_MEMBER: 0.55,
        Reading.PROJECT_LINK: 0.6,
        Reading.PROJECT_LINK_SPELLED: 0.65,
        Reading.PROGRAMME_ONLY: 0.95,
        Reading.PROGRAMME_AREA: 0.9,
        Reading.PROGRAMME_NAMED: 0.75,
        Reading.PROGRAMME_GUESSED: 0.5,
        Reading.COUNTY_INFERRED: 0.9,
        Reading.LISTED_NAMES: 0.6,
        Reading.HEADING_OWNER: 0.6,
        Reading.MENTIONED: 0.3,
    }
)


def owner_confidence(sentences: int) -> float:
    """The owner read from running text: surer the more sentences make it owner (0.6 for one, at most 0.95)."""
    return min(0.95, CONFIDENCE[Reading.OWNER_IN_TEXT] - 0.15 + 0.15 * sentences)
