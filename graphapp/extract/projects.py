"""Other projects a document names, and how the described project relates to them.

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

from graphapp.extract.actors import entity_actor
from graphapp.extract.context import DocumentContext, Sentence
from graphapp.extract.draft import DraftNode
from graphapp.textnorm import slugify

__all__ = ["PROJECT_MENTION", "project_names", "read_related_projects", "same_project"]

#: ``rojektet`` first: a literal start lets the regex engine skip ahead; what comes before
#: (``I projektet``, ``genomförandeprojektet``) is read by :data:`_LEAD` on a short window.
PROJECT_MENTION = re.compile(r"rojektet\s+(?P<name>[A-ZÅÄÖ0-9][^\s,.;:()]*(?:\s+[^\s,.;:()!?]+){0,4})")
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
_BUILDS = re.compile(
    r"bygger\s+(?:vidare\s+)?på|(?:erfarenhet|resultat|lärdom|metod)\w*\s+från|fortsättning\s+på|"
    r"vidareutveckl|tidigare\s+projekt",
    re.IGNORECASE,
)
_COLLABORATES = re.compile(r"samverk|samarb|tillsammans", re.IGNORECASE)
_SPELLED = re.compile(r"från\s+(?P<name>[A-ZÅÄÖ][^.()\n]{2,120}?)\s*\((?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9-]{1,9})\)")
_SPELLED_CUE = re.compile(r"(?:erfarenhet|resultat|lärdom|metod)\w*\s+$", re.IGNORECASE)
_ORG_END = re.compile(r"(?:förening|förbund|bank|stiftelse|centrum|center|universitet|högskola|AB)\w*$", re.IGNORECASE)


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


def _is_main(text: str, start: int, main: str) -> bool:
    """Whether the words at ``start`` spell the described project's name (``Integration påG!:``)."""
    squeezed = slugify(main).replace("-", "")
    return bool(squeezed) and slugify(text[start : start + len(main) + 3]).replace("-", "").startswith(squeezed)


def read_related_projects(ctx: DocumentContext, keep: frozenset[str]) -> dict[int, str]:
    """Link the other projects; the starts of sentences set inside another project, with its id."""
    main = ctx.draft.project.name
    inside: dict[int, str] = {}
    for match, name, inside_it in project_names(ctx.text, keep):
        if _is_main(ctx.text, match.start("name"), main) or not name[:1].isupper():
            continue
        sentence = ctx.sentence_of(match.start())
        before = ctx.text[sentence.start : match.start()]
        other = ctx.add(DraftNode(f"project:{slugify(name)}", "project", name, {}))
        if inside_it and not re.search(rf"\b{re.escape(main)}", sentence.text, re.IGNORECASE):
            inside[sentence.start] = other.id
            _members(ctx, sentence, (match.start("name"), match.start("name") + len(name)), other.id)
        elif _BUILDS.search(before):
            ctx.relate("BUILDS_ON", ctx.project_id, other.id, sentence.text, 0.6)
        elif _COLLABORATES.search(sentence.text):
            ctx.relate("COLLABORATES_WITH", ctx.project_id, other.id, sentence.text, 0.6)
    for match in _SPELLED.finditer(ctx.text):
        if not _SPELLED_CUE.search(ctx.text, max(0, match.start() - 30), match.start()):
            continue
        name = " ".join(match.group("name").split())
        found = ctx.gaz.find(name)
        if (
            same_project(name, main)
            or _ORG_END.search(name)
            or (found and found[0].start == 0 and found[0].end >= len(name) - 1)
        ):
            continue
        other = ctx.add(DraftNode(f"project:{slugify(name)}", "project", f"{name} ({match.group('acr')})", {}))
        ctx.relate("BUILDS_ON", ctx.project_id, other.id, ctx.sentence_of(match.start()).text, 0.65)
    return inside


def _members(ctx: DocumentContext, sentence: Sentence, name: tuple[int, int], project_id: str) -> None:
    """Municipalities and agencies of a sentence set inside another project take part in it."""
    evidence = sentence.text
    for mention in ctx.mentions_in(sentence.start, sentence.end):
        entity = mention.entity
        if name[0] <= mention.start < name[1] or entity.kind not in ("municipality", "agency", "organization"):
            continue
        if not ctx.is_place(mention):
            continue
        ctx.add(entity_actor(entity).node)
        ctx.relate(
            "PARTICIPATES_IN",
            entity.id,
            project_id,
            evidence,
            0.55,
            role="municipality" if entity.kind == "municipality" else "partner",
        )
        main = ctx.draft.relationships.get((entity.id, "PARTICIPATES_IN", ctx.project_id))
        if main is not None and main.evidence[:80] == " ".join(evidence.split())[:80]:
            del ctx.draft.relationships[main.key]  # read from this sentence, which is about the other project
