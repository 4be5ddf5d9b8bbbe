"""The part a sentence gives each actor it names: owner, partner, co-funder, or none (merely mentioned).

A sentence gives a part through its words, and the position of a name against those words
decides whose part it is:

* owner: ``drivs av X``, ``ägs av X``, ``med X som huvudman``, ``X är projektägare``,
  ``uppdrar åt X``, ``ger X i uppdrag``, ``X får … bidrag``, ``X har beviljats``;
* co-funder: ``finansieras av X``, ``medel från X``, ``X har beviljat …``, ``X delar ut …``;
  a grant's receiver (``… beviljat X 22,6 miljoner``, ``stöd till X``) takes part;
* partner: ``samverkar``, ``samarbete``, ``i samråd med``, ``tillsammans med``, ``deltar``,
  ``parterna``, ``bland andra`` …;
* none: a name that only receives a report (``redovisa … till X``, ``med kopia till X``), is
  lobbied (``tagit upp detta med X``) or cited (``enligt X``), or a sentence without such words.

Names joined by commas and ``och`` share the part of the nearest one that has one
(``uppdrar åt A, B och C``). Three or more known names listed are parties by the list itself
(``de kommuner som är med är A, B, C och D``), unless the words before deny a part or the sentence
is about a study's area, a flow of movers or a set of places (:func:`list_role`).
"""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum
from itertools import pairwise

from graphapp.extract.gazetteer import Mention

__all__ = ["Role", "list_role", "roles_in"]


class Role(StrEnum):
    OWNER = "owner"
    PARTNER = "partner"
    CO_FUNDER = "co-funder"
    RECEIVER = "receiver"  # receives a grant: takes part


_OWNER_AFTER = re.compile(  # the owner follows
    r"(?:drivs|drevs|drivits|ägs|ägdes|leds|leddes|bedrivs)\s+av\s+$|"
    r"uppdrar\s+(?:vidare\s+)?åt\s+$|på\s+uppdrag\s+av\s+$|projektägare\s+(?:är|var)\s+$|"
    r"(?<![\wåäö])(?:ger|gav)\s+$|anställd\s+av\s+$|projektanordnare\s+(?:är|var)\s+$"
)
_OWNER_BEFORE = re.compile(  # the owner comes first
    r"^\s*(?:(?:har|hade)\s+(?:\w+\s+)?(?:startat|drivit|tagit\s+fram|arbetat\s+fram|initierat)|som\s+huvudman|som\s+huvudägare|som\s+projektägare|som\s+värdkommun|är\s+projektägare|"
    r"(?:har\s+)?(?:är|var)\s+(?:projektägare|huvudman|ägare)|(?:har\s+)?drivit|driver|drev|äger|"
    r"(?:har\s+)?beviljats|fick|får\s+(?:det\s+)?\w*\s*(?:bidrag|stöd|medel)|står\s+bakom|"
    r"(?:har\s+)?fått\s+(?:\w+\s+){0,3}(?:bidrag|stöd|medel|pengar|kronor|miljoner)|"
    r"ansvarar\s+för|(?:är\s+)?(?:sedan\s+\d{4}\s+)?ansvarig|ska\s+med\s+sin|i\s+uppdrag|start(?:ar|ade)|"
    r"kommer\s+(?:att\s+)?(?:starta|driva))"
)
#: A named actor as the subject of what is to be done (``Arbetsförmedlingen och Migrationsverket ska …``).
_ACTS = re.compile(r"^\s*(?:ska|skall|kommer\s+att|har\s+i\s+uppdrag|gemensamt\s+ska)\s+(?!inte\b)\w+")
_FUNDER_AFTER = re.compile(
    r"(?:finansier\w*|medfinansier\w*|bekostas|bekostades)\s+(?:\w+\s+){0,2}(?:av|med\s+medel\s+från)\s+$|"
    r"(?<![\wåäö])(?:medel|stöd|bidrag|pengar|projektpengar|projektmedel|finansiering|statsbidrag)\s+(?:\w+\s+)?"
    r"från\s+$|"
    r"med\s+hjälp\s+av\s+medel\s+från\s+$|(?<![\wåäö])(?:kronor|kr|miljoner|mnkr|mkr)\s+från\s+$"
)
_GRANT_VERB = re.compile(
    r"\b(?:har\s+(?:nu\s+)?)?(?:beviljat|beviljar|beviljade|bevilja|delar\s+ut|delade\s+ut|fördelar|"
    r"betalar\s+ut|tillför|tillföra|satsar|avsätter|finansierar|finansierade|medfinansierar|står\s+för)\b"
)
_RECEIVER_BEFORE = re.compile(r"(?:stöd|bidrag|medel|kronor|miljoner|tilldelats)\s+(?:\w+\s+){0,2}till\s+$")
_PARTNER = re.compile(
    r"samverk|samarb|samråd|\btillsammans\b|\bdelta(?:r|ga|git)?\b|\bdeltog\b|medverk|"
    r"\bparter|partner|involverade|inblandade|bland\s+andra|i\s+dialog\s+med|i\s+nära\s+dialog|"
    r"\bmellan\b.*\bprojekt|projekt\w*\s+mellan|uppdrar|i\s+uppdrag|underteckna\w*|överenskommelse|"
    r"\bingår\b|\bingick\b|\bomfattar\b|\bomfattade\b|involverar|\bär\s+med\s+i\b",
    re.IGNORECASE,
)
_NONE_BEFORE = re.compile(
    r"(?:säger|berättar|förklarar|menar|konstaterar|tycker|fortsätter|enligt)\s+$|"
    r"(?:redovis\w*|rapport\w*|kopia|ställd|skickas|lämnas|överlämna\w*|redogörelse)\s+(?:[\w,()]+\s+){0,8}"
    r"till\s+(?:\w+\s+)?$|tagit\s+upp\s+(?:\w+\s+){0,3}med\s+$|\benligt\s+$|hänvisat\s+till\s+$|"
    r"(?:inhämtande\s+av\s+)?synpunkter\s+från\s+$|(?<![\w-])till\s+$|(?<![\w-])från\s+$",
    re.IGNORECASE,
)
#: Who only receives a report is no partner (``redovisning över använda medel till X``).
_REPORT_TO = re.compile(r"(?:redovis\w*|rapport\w*|kopia|rekvisition\w*)\s+(?:[\w,()]+\s+){0,10}till\s+(?:\w+\s+)?$")
_JOIN = re.compile(r"^\s*(?:,|och|samt|&|,\s*och|eller|och/eller)\s*$")


def roles_in(sentence: str, offset: int, mentions: list[Mention]) -> dict[int, Role]:
    """The part ``sentence`` (starting at ``offset`` in the text) gives each of ``mentions`` (by start)."""
    lower = sentence.lower()
    partner_sentence = _PARTNER.search(sentence) is not None
    grants = [m.start() for m in _GRANT_VERB.finditer(lower)]
    roles: dict[int, Role] = {}
    fallback: dict[int, Role] = {}  # the part of a partner sentence, for names the words give no part
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        before = lower[max(0, start - 80) : start]
        after = lower[end : end + 80]
        role = _role(before, after, start, grants)
        if role is not None:
            roles[mention.start] = role
        elif partner_sentence and not _NONE_BEFORE.search(_unperson(before)):
            fallback[mention.start] = Role.PARTNER
    _share_along_lists(sentence, offset, mentions, roles)
    return {**fallback, **roles}


#: A person's name removed by the privacy filter, then their title: the organisation after them
#: takes the part the sentence gives the person (``på uppdrag av [namn], samordnare X``).
_PERSON_BEFORE = re.compile(r"\[namn\][,\s]+(?:[\wåäö-]+\s+){0,3}(?:på|vid|från|i|hos)?\s*$")


def _unperson(before: str) -> str:
    person = _PERSON_BEFORE.search(before)
    return before[: person.start()] if person is not None else before


def _role(before: str, after: str, start: int, grants: list[int]) -> Role | None:
    before = _unperson(before)
    if _OWNER_AFTER.search(before) or _OWNER_BEFORE.match(after):
        return Role.OWNER
    if _FUNDER_AFTER.search(before):
        return Role.CO_FUNDER
    if _REPORT_TO.search(before):
        return None
    if _RECEIVER_BEFORE.search(before):
        return Role.RECEIVER
    if _NONE_BEFORE.search(before):
        return None
    if _ACTS.match(after):
        return Role.PARTNER
    if grants:
        if any(0 <= g - start < 60 for g in grants) and not any(g < start for g in grants):
            return Role.CO_FUNDER  # "Länsstyrelsen i X har beviljat …": the grantor comes first
        if any(g < start for g in grants):
            return Role.RECEIVER
    return None


def _share_along_lists(sentence: str, offset: int, mentions: list[Mention], roles: dict[int, Role]) -> None:
    """Names joined by commas and ``och`` take the part of a neighbour that has one."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for _ in range(2):  # forwards, then backwards
        for first, second in pairwise(ordered):
            gap = sentence[first.end - offset : second.start - offset]
            if not _JOIN.match(gap):
                continue
            if first.start in roles and second.start not in roles:
                roles[second.start] = roles[first.start]
            elif second.start in roles and first.start not in roles:
                roles[first.start] = roles[second.start]


#: A sentence about a study's area or a flow of movers: the places it lists are not parties.
_NOT_PARTIES = re.compile(r"flytt|kartlägg|undersök|studie|enkät|intervju|statistik", re.IGNORECASE)
#: Places named as such (``fyra pilotorter: A, B, C och D``): sites, not parties.
_PLACES_BEFORE = re.compile(r"(?:orter|orterna|platser|platserna|områden|områdena)\W*$")


def list_role(sentence: str, offset: int, mentions: list[Mention]) -> Role | None:
    """The part ``sentence`` gives a list of three or more names (``mentions``, in order): the part it
    gives most of them, else partner (the list itself is the signal), or None when the words before
    the list deny a part (a report's receivers, a quotation) or the sentence lists a study's area, a
    flow of movers or a set of places."""
    roles = roles_in(sentence, offset, mentions)
    given = [roles[m.start] for m in mentions if m.start in roles]
    if given:
        return Counter(given).most_common(1)[0][0]
    before = _unperson(sentence[: mentions[0].start - offset].lower())[-80:]
    if _REPORT_TO.search(before) or _NONE_BEFORE.search(before) or _PLACES_BEFORE.search(before):
        return None
    return None if _NOT_PARTIES.search(sentence) else Role.PARTNER
