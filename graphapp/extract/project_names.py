"""Project names in running text: ``projektet X``, ``genomförandeprojektet X``, ``delprojektet X``.

Shared by the naming of the described project (:mod:`graphapp.extract.pipeline`), the sentences
set inside another project (:class:`~graphapp.extract.context.DocumentContext`) and the links to
other projects (:mod:`graphapp.extract.rules.projects`).

Other projects a document names, and how the described project relates to them:

* ``projektet X`` / ``genomförandeprojektet X`` / ``delprojektet X``: a project by name;
* ``erfarenheterna från X (ACR)`` / ``resultaten från X (ACR)``: an earlier project spelled
  out with its acronym.

The verb decides the link: ``bygger (vidare) på``, ``erfarenheter/resultat/lärdomar från``,
``fortsättning på`` give ``BUILDS_ON``; ``samverkar``, ``samarbetar``, ``tillsammans med``
give ``COLLABORATES_WITH``; anything else gives no link (a project merely mentioned).
A sentence set *inside* the other project (``I projektet Värmlandsmodellen samverkar Sunne
med …``) is about that project: its actors take part in it, not in the described one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphapp.textnorm import slugify

__all__ = ["BUILDS", "COLLABORATES", "PROJECT_MENTION", "is_main", "project_names", "same_project"]

#: ``rojektet`` first: a literal start lets the regex engine skip ahead; what comes before
#: (``I projektet``, ``genomförandeprojektet``) is read by :data:`_LEAD` on a short window.
PROJECT_MENTION = re.compile(r"rojektet[ \t]+(?P<name>[A-ZÅÄÖ0-9][^\s,.;:()]*(?:[ \t]+[^\s,.;:()!?]+){0,4})")
_LEAD = re.compile(
    r"(?:(?<![\w-])(?P<lead>[Ii]nom\s+|[Ii]\s+))?(?<![\w-])(?:[Gg]enomförande|[Dd]el|[Ff]ör|[Pp]ilot|"
    r"[Uu]tvecklings)?[Pp]$"
)
_STOP = frozenset(
    {
        "som",
        "har",
        "är",
        "i",
        "och",
        "med",
        "för",
        "till",
        "på",
        "av",
        "var",
        "ska",
        "kommer",
        "riktar",
        "syftar",
        "samt",
        "slutade",
        "drivs",
        "drivit",
        "vill",
        "kan",
        "att",
        "under",
        "inom",
        "om",
        "när",
        "men",
        "hade",
        "blev",
        "fick",
        "nu",
        "genom",
        "mot",
        "ger",
        "gav",
        "från",
        "pågick",
        "samverkar",
        "samarbetar",
        "arbetar",
        "handlar",
        "innebär",
        "leds",
        "startade",
        "pågår",
        "omfattar",
        "syftade",
        "riktade",
        "får",
        "tar",
        "drar",
        "deltar",
        "bygger",
        "avslutades",
        "finansieras",
        "kring",
        "mellan",
        "bland",
        "efter",
        "hos",
        "via",
        "där",
        "vilket",
        "vilken",
        "enligt",
        "utan",
        "vid",
        "både",
        "eller",
        "också",
        "även",
        "redan",
        "sedan",
        "då",
        "så",
    }
)
BUILDS = re.compile(
    r"bygger\s+(?:vidare\s+)?på|(?:erfarenhet|resultat|lärdom|metod)\w*\s+från|fortsättning\s+på|"
    r"vidareutveckl|tidigare\s+projekt",
    re.IGNORECASE,
)
COLLABORATES = re.compile(r"samverk|samarb|tillsammans", re.IGNORECASE)


def project_names(text: str, keep: frozenset[str]) -> Iterator[tuple[re.Match[str], str, bool]]:
    """Each ``projektet X`` of ``text`` with the name cut before its first ordinary word, and whether
    the words before set the sentence inside it (``I projektet X``, ``inom projektet X``)."""
    for match in PROJECT_MENTION.finditer(text):
        lead = _LEAD.search(text, max(0, match.start() - 30), match.start())
        if lead is None:
            continue
        words: list[str] = []
        for word in match.group("name").split():
            if word in _STOP or word.startswith("[") or word[:1].isdigit() or (words and word in keep):
                break
            words.append(word)
        if words:
            yield match, " ".join(words), lead.group("lead") is not None


def same_project(a: str, b: str) -> bool:
    """``Integration påG`` is ``Integration på G!``."""
    return slugify(a).replace("-", "") == slugify(b).replace("-", "")


def is_main(text: str, start: int, main: str) -> bool:
    """Whether the words at ``start`` spell the described project's name (``Integration påG!:``)."""
    squeezed = slugify(main).replace("-", "")
    return bool(squeezed) and slugify(text[start : start + len(main) + 3]).replace("-", "").startswith(squeezed)
