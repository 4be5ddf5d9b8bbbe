"""The extraction rules, in the order they run. Each takes the
:class:`~graphapp.extract.context.DocumentContext` and adds typed findings to it; a new rule or a
new kind of document has this one obvious place.

The order matters where a later rule reads an earlier one's findings: the fields name the owner
before running text may; lists and bullets come before the sentence-by-sentence readings; the
actors merely named are proposed for a decision only once every reading has had its turn; the
decisions that need the whole document (owner not also a participant, the ESF programme, the
county of a plain Länsstyrelsen) come last.
"""

from __future__ import annotations

from collections.abc import Callable

from graphapp.extract.context import DocumentContext
from graphapp.extract.rules.decisions import county_board, esf_programme, owners_do_not_participate
from graphapp.extract.rules.fields import project_fields
from graphapp.extract.rules.headings import heading_owners
from graphapp.extract.rules.lists import bullet_items, listed_names, municipality_lists
from graphapp.extract.rules.mentioned import mentioned_actors
from graphapp.extract.rules.organisations import organisations
from graphapp.extract.rules.projects import related_projects
from graphapp.extract.rules.text import amounts, fund_mentions, municipal_units, participants, text_owner

__all__ = ["RULES", "Rule"]

Rule = Callable[[DocumentContext], None]

RULES: tuple[Rule, ...] = (
    project_fields,  # Projektägare, Fond, Beviljat ESF-stöd, Medfinansiärer, Kommun … of every layout
    bullet_items,  # • Insteget, Falu kommun: earlier projects and actors with their departments
    municipality_lists,  # kommunerna A, B och C; … av länets kommuner - A, B och C
    text_owner,  # drivs av, ägs av, huvudman, projektägare … when no field names the owner
    participants,  # actors a sentence gives a part: partner, co-funder, receiver of a grant
    listed_names,  # A, B, C och D: three or more known names listed, whatever words introduce them
    heading_owners,  # REPRISEN - PITEÅ KOMMUN: a project and its owner in a heading in capitals
    amounts,  # an amount and its funder in one clause
    municipal_units,  # flyktingmottagningen, näringslivsenheten … of the document's municipality
    related_projects,  # projektet X: builds on, collaborates with, the actors of another project
    organisations,  # organisations read from their shape, in partner sentences
    fund_mentions,  # a fund named where money is spoken of
    mentioned_actors,  # when no actor takes part: every actor named, proposed for the curator to decide
    owners_do_not_participate,
    esf_programme,  # which ESF programme period a grant belongs to
    county_board,  # which county a plain Länsstyrelsen is
)
