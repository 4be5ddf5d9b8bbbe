"""The controlled vocabulary of roles: the part an actor plays in a project.

Every role belongs to one relationship type. Only ``PARTICIPATES_IN`` stores its role (the
``role`` property); the roles of ``OWNS``, ``CO_FUNDS`` and ``FUNDS`` are their types, so a
curator who chooses "co-funder" chooses ``CO_FUNDS``. Records, extraction, spreadsheets, the
curator's page, the views and the exports all speak these codes; the words people read are the
language layer's (the catalogues' ``role.<code>``: :func:`graphapp.views.i18n.role_name`).

:func:`read_role` maps any text a record file, a spreadsheet or the extractor gives onto the
vocabulary: a code, a legacy free-text role of ``data/projects`` (``"listed actor"``,
``"host unit"``) or a Swedish or English word for one (``medfinansiär``, ``co-funder``). Text it
cannot map is never lost: it comes back to be kept as the relationship's note.

>>> read_role("host unit", "PARTICIPATES_IN")
('host', None)
>>> read_role("funder and co-host of the regional conference", "PARTICIPATES_IN")
(None, 'role: funder and co-host of the regional conference')
>>> read_role("owner", "OWNS")  # the type says it
(None, None)
"""

from __future__ import annotations

import re
from enum import StrEnum

from graphapp.model import RelType
from graphapp.textnorm import fold

__all__ = ["ROLES", "Role", "join_note", "lookup", "read_role", "roles_of"]


class Role(StrEnum):
    OWNER = "owner"
    FUNDER = "funder"  #: an EU or national fund's grant
    CO_FUNDER = "co_funder"
    MUNICIPALITY = "municipality"  #: a participating municipality
    PARTNER = "partner"
    HOST = "host"  #: hosts the project (a municipal unit, an office)
    SUB_PROJECT = "sub_project"  #: runs a sub-project of it
    STAKEHOLDER = "stakeholder"
    DIALOGUE_PARTNER = "dialogue_partner"
    PARTICIPANT = "participant"  #: takes part; the document does not say how

    @property
    def rel_type(self) -> RelType:
        """The relationship type this role is a part of."""
        return _TYPES.get(self, RelType.PARTICIPATES_IN)

    @property
    def stored(self) -> bool:
        """Whether the role is written as the relationship's ``role`` (not implied by its type)."""
        return self.rel_type is RelType.PARTICIPATES_IN


_TYPES = {Role.OWNER: RelType.OWNS, Role.FUNDER: RelType.FUNDS, Role.CO_FUNDER: RelType.CO_FUNDS}
#: The vocabulary in the order a person chooses from it.
ROLES: tuple[Role, ...] = tuple(Role)

#: Other words for the roles: the free text of earlier record files, the extractor's parts
#: (owner, partner, co-funder, receiver), and what people write in a spreadsheet's Role column.
_SYNONYMS: dict[str, Role] = {
    "project owner": Role.OWNER,
    "projektagare": Role.OWNER,
    "agare": Role.OWNER,
    "huvudman": Role.OWNER,
    "lead partner": Role.OWNER,
    "beneficiary": Role.OWNER,
    "stodmottagare": Role.OWNER,
    "fund": Role.FUNDER,
    "fond": Role.FUNDER,
    "finansiar": Role.FUNDER,
    "co funder": Role.CO_FUNDER,
    "cofunder": Role.CO_FUNDER,
    "co financier": Role.CO_FUNDER,
    "medfinansiar": Role.CO_FUNDER,
    "participating municipality": Role.MUNICIPALITY,
    "kommun": Role.MUNICIPALITY,
    "deltagande kommun": Role.MUNICIPALITY,
    "samverkanspartner": Role.PARTNER,
    "samarbetspartner": Role.PARTNER,
    "samverkanspart": Role.PARTNER,
    "host unit": Role.HOST,
    "vard": Role.HOST,
    "vardenhet": Role.HOST,
    "vardkommun": Role.HOST,
    "sub project": Role.SUB_PROJECT,
    "subproject": Role.SUB_PROJECT,
    "delprojekt": Role.SUB_PROJECT,
    "intressent": Role.STAKEHOLDER,
    "dialogpartner": Role.DIALOGUE_PARTNER,
    "listed actor": Role.PARTICIPANT,
    "receiver": Role.PARTICIPANT,
    "deltagare": Role.PARTICIPANT,
    "deltar": Role.PARTICIPANT,
}
_SEPARATORS = re.compile(r"[\s_\-]+")


def roles_of(rel_type: RelType | str) -> list[Role]:
    """The roles of one relationship type, in the vocabulary's order."""
    return [role for role in ROLES if role.rel_type == rel_type]


def lookup(text: str) -> Role | None:
    """The role ``text`` names (a code, a legacy role, a Swedish or English word), or None."""
    key = _SEPARATORS.sub(" ", fold(text)).strip()
    code = key.replace(" ", "_")
    if code in Role.__members__.values():
        return Role(code)
    return _SYNONYMS.get(key)


def read_role(text: str | None, rel_type: RelType | str) -> tuple[str | None, str | None]:
    """``(role, note)`` for a relationship of ``rel_type`` given the role ``text``.

    ``role`` is the code to store (None for none, or when the type itself says it); ``note`` is
    ``text`` when it names no role of this type, to be kept with the relationship (:func:`join_note`).
    """
    if text is None or not text.strip():
        return None, None
    role = lookup(text)
    if role is None or role.rel_type != rel_type:
        return None, f"role: {text.strip()}"
    return (role.value if role.stored else None), None


def join_note(note: str | None, more: str | None) -> str | None:
    """``note`` with ``more`` added (once)."""
    if not more or (note and more in note):
        return note
    return f"{note}; {more}" if note else more
