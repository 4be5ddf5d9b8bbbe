"""Drop personal data before anything else reads the text.

E-mail addresses, phone numbers and personal names are replaced by placeholders
(``[e-post]``, ``[telefon]``, ``[namn]``) so that no later step can put them into
a draft. Names are found by context, not by a list of every name: a known first
name followed by a surname, a name after a speech verb (``säger``), beside a job
title (``projektledare``), after ``Foto:``, before ``, <organisation>,`` or as a
bare two-word item in a list of actors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from graphapp.notes import note

__all__ = ["NAME", "Scrubbed", "scrub"]

NAME = "[namn]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+46[\s-]?\(?0?\)?|0)\d{1,3}[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{0,3}(?![\w-])")
_HEADER = re.compile(
    r"^(?P<key>Kontaktperson(?:er)?|Projektledare|E-post|Telefon(?:nummer)?|Mobil)[ \t:]*(?P<value>\S.*)$", re.MULTILINE
)
_HEADER_KEYS = ("Kontaktperson", "Projektledare", "E-post", "Telefon", "Mobil")
_CAP = r"[A-ZÅÄÖÉÜ][a-zåäöéüëïèçñ]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_SURNAMES = rf"(?:[ \t]+(?:af[ \t]+|von[ \t]+|de[ \t]+)?{_CAP}){{1,2}}"
_FIRST_NAMES = frozenset(
    {
        "Abdi",
        "Abdullahi",
        "Adam",
        "Agnes",
        "Agneta",
        "Ahmad",
        "Ahmed",
        "Albin",
        "Alexander",
        "Alfred",
        "Ali",
        "Alice",
        "Alva",
        "Amanda",
        "Amel",
        "Amelia",
        "Amina",
        "Anders",
        "Andreas",
        "Anette",
        "Anita",
        "Ann",
        "Ann-Christin",
        "Anna",
        "Anna-Karin",
        "Anne",
        "Anneli",
        "Annette",
        "Annica",
        "Annika",
        "Anton",
        "Antonia",
        "Arne",
        "Asad",
        "Astrid",
        "Axel",
        "Ayan",
        "Barbro",
        "Bengt",
        "Bertil",
        "Birgitta",
        "Björn",
        "Bo",
        "Bosse",
        "Britt",
        "Britt-Marie",
        "Camilla",
        "Carin",
        "Carina",
        "Carl",
        "Caroline",
        "Cecilia",
        "Charlotte",
        "Christer",
        "Christian",
        "Christina",
        "Christoffer",
        "Daniel",
        "David",
        "Ebba",
        "Elias",
        "Elin",
        "Elisabet",
        "Elisabeth",
        "Ella",
        "Ellen",
        "Elsa",
        "Emelie",
        "Emil",
        "Emma",
        "Erik",
        "Eva",
        "Farah",
        "Fatima",
        "Filip",
        "Fredrik",
        "Fredrika",
        "Freja",
        "Frida",
        "Gun",
        "Gunilla",
        "Gunnar",
        "Gustaf",
        "Gustav",
        "Göran",
        "Göte",
        "Hamid",
        "Hanna",
        "Hans",
        "Hassan",
        "Hasse",
        "Helen",
        "Helena",
        "Henrik",
        "Hodan",
        "Hugo",
        "Hussein",
        "Håkan",
        "Ida",
        "Inga",
        "Inge",
        "Ingela",
        "Inger",
        "Ingrid",
        "Ingvar",
        "Isak",
        "Jan",
        "Jan-Paul",
        "Janne",
        "Jennifer",
        "Jenny",
        "Jesper",
        "Jessica",
        "Joakim",
        "Johan",
        "Johanna",
        "Johannes",
        "John",
        "Johnny",
        "Jonas",
        "Jonatan",
        "Josefin",
        "Josefine",
        "Karin",
        "Karl",
        "Katarina",
        "Kenneth",
        "Kent",
        "Kerstin",
        "Khaled",
        "Kjell",
        "Klara",
        "Kristina",
        "Kristoffer",
        "Lars",
        "Lasse",
        "Layla",
        "Leif",
        "Leila",
        "Lena",
        "Lennart",
        "Leo",
        "Leyla",
        "Liam",
        "Lilly",
        "Lina",
        "Linda",
        "Linnea",
        "Lisa",
        "Lise-Lotte",
        "Lotta",
        "Louise",
        "Lucas",
        "Ludvig",
        "Madeleine",
        "Magnus",
        "Mailin",
        "Maja",
        "Malin",
        "Marcus",
        "Margareta",
        "Margit",
        "Maria",
        "Marianne",
        "Marie",
        "Marita",
        "Markus",
        "Martin",
        "Matilda",
        "Mats",
        "Mattias",
        "Mehdi",
        "Mia",
        "Michael",
        "Michella",
        "Mikael",
        "Mohammad",
        "Mohammed",
        "Mona",
        "Monica",
        "Monika",
        "Muhammad",
        "Mustafa",
        "Måns",
        "Nadia",
        "Nicholas",
        "Niclas",
        "Niklas",
        "Nils",
        "Nina",
        "Ninni",
        "Noah",
        "Nora",
        "Ola",
        "Oliver",
        "Olle",
        "Olof",
        "Omar",
        "Oscar",
        "Patrik",
        "Per",
        "Peter",
        "Petra",
        "Pia",
        "Pontus",
        "Rania",
        "Rasmus",
        "Rebecka",
        "Reza",
        "Robert",
        "Roger",
        "Rolf",
        "Rosa",
        "Sabina",
        "Saga",
        "Samir",
        "Sandra",
        "Sanna",
        "Sara",
        "Sebastian",
        "Simon",
        "Siv",
        "Sofia",
        "Sofie",
        "Stefan",
        "Sten",
        "Stig",
        "Stina",
        "Susanne",
        "Sven",
        "Therese",
        "Thomas",
        "Tina",
        "Tobias",
        "Tomas",
        "Torgny",
        "Tove",
        "Ulf",
        "Ulla",
        "Ulla-Britt",
        "Ulrica",
        "Ulrika",
        "Valerie",
        "Vera",
        "Veronica",
        "Victoria",
        "Viktor",
        "Viktoria",
        "William",
        "Wilma",
        "Yasmin",
        "Ylva",
        "Yucong",
        "Yvonne",
        "Zara",
        "Zeynep",
        "Åke",
        "Åsa",
        "Örjan",
    }
)
_TITLE_WORDS = (
    r"(?:chef|ledare|ledaren|utvecklare|samordnare|handläggare|strateg|ordförande|rektor|direktör|"
    r"sekreterare|coach|ansvarig|koordinator|[Pp]rofessor|[Dd]ocent|lektor|forskare|utredare|utvärderare|"
    r"författare|konsult)"
)
_TITLE_BEFORE = re.compile(rf"{_TITLE_WORDS}\s+$")
_TITLE_AFTER = re.compile(rf",\s+[a-zåäö]*{_TITLE_WORDS}\b")
_SPEECH_BEFORE = re.compile(
    r"(?:säger|berättar|förklarar|menar|enligt|konstaterar|tycker|fortsätter|Foto:|Text:|[Kk]ontakt:|[Kk]ontakta:?)\s+$"
)
_ORG_AFTER = re.compile(r",\s+[A-ZÅÄÖ][\wåäö-]+\s+(?:kommun|stad|län|region)\b")
_CANDIDATE = re.compile(rf"(?<![\wåäö-]){_CAP}{_SURNAMES}")
_LIST_SEGMENT = re.compile(rf"(?:^\s*•?\s*|, )(?P<name>{_CAP}\s+{_CAP}(?:\s+{_CAP})?)(?=,|$|\s\()", re.MULTILINE)


@dataclass
class Scrubbed:
    text: str
    dropped: Counter[str] = field(default_factory=Counter)

    def warning(self) -> str | None:
        if not self.dropped:
            return None
        parts = [_SAID[what](count) for what, count in sorted(self.dropped.items())]
        return note(f"personal data dropped: {', '.join(parts)}")


#: How a warning says the number of each kind of personal data dropped.
_SAID: dict[str, Callable[[int], str]] = {
    "contact field(s)": lambda n: note(f"{n} contact field(s)"),
    "e-mail address(es)": lambda n: note(f"{n} e-mail address(es)"),
    "personal name(s)": lambda n: note(f"{n} personal name(s)"),
    "phone number(s)": lambda n: note(f"{n} phone number(s)"),
}


def scrub(text: str, keep: frozenset[str] = frozenset()) -> Scrubbed:
    """``text`` with e-mail addresses, phone numbers and personal names replaced.

    ``keep`` holds words that are never part of a name (place and agency names).

    >>> scrub("Ring 010-486 00 16 eller skriv till a.b@example.se, säger Anna Berg.").text
    'Ring [telefon] eller skriv till [e-post], säger [namn].'
    """
    out = Scrubbed(text)
    out.text = _header_values(out)
    if "@" in out.text:
        out.text = _sub(out, _EMAIL, "[e-post]", "e-mail address(es)")
    out.text = _phones(out)
    names = _context_names(out.text, keep)
    names.update(_list_names(out.text, keep))
    names.discard("")
    for name in sorted(names, key=len, reverse=True):
        out.text, count = re.subn(rf"(?<![\wåäö]){re.escape(name)}(?![\wåäö])", NAME, out.text)
        out.dropped["personal name(s)"] += count
    return out


def _sub(out: Scrubbed, pattern: re.Pattern[str], placeholder: str, what: str) -> str:
    text, count = pattern.subn(placeholder, out.text)
    out.dropped[what] += count
    if not count:
        del out.dropped[what]
    return text


def _phones(out: Scrubbed) -> str:
    text = out.text

    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1 : match.start()]
        if before and (before.isalnum() or before in "-_"):
            return match.group()  # part of a longer number or a date
        out.dropped["phone number(s)"] += 1
        return "[telefon]"

    return _PHONE.sub(replace, text)


def _header_values(out: Scrubbed) -> str:
    def replace(match: re.Match[str]) -> str:
        value = match.group("value").strip()
        if value.lower() in {"saknas", "-"} or value.startswith("["):
            return match.group(0)
        out.dropped["contact field(s)"] += 1
        placeholder = NAME if match.group("key").startswith(("Kontakt", "Projekt")) else "[kontakt]"
        return f"{match.group('key')}{placeholder}"

    if not any(key in out.text for key in _HEADER_KEYS):  # substring tests are far cheaper than the ^-anchored scan
        return out.text
    return _HEADER.sub(replace, out.text)


def _trim(name: str, keep: frozenset[str]) -> str:
    """Cut a candidate name before the first word that is a place or agency."""
    words = name.split()
    for index, word in enumerate(words):
        if (word in keep and index >= 2) or (word in keep and index == 1 and word not in _SURNAME_PLACES):
            words = words[:index]
            break
    return " ".join(words) if len(words) >= 2 else ""


#: Place names that are also common surnames: kept as part of a name after a first name.
_SURNAME_PLACES = frozenset({"Berg", "Lund", "Mora", "Nora", "Ale", "Sala", "Boden", "Salem", "Mark", "Vara"})


def _context_names(text: str, keep: frozenset[str]) -> set[str]:
    """Capitalised word runs that context shows to be a person's name."""
    found: set[str] = set()
    for match in _CANDIDATE.finditer(text):
        words = match.group().split()
        for skip in (0, 1):  # "Under Anna Berg": the name may start at the second word
            if len(words) - skip < 2:
                break
            start = match.start() + len(" ".join(words[:skip])) + (1 if skip else 0)
            candidate = _trim(" ".join(words[skip:]), keep)
            if candidate and _is_name(text, start, start + len(candidate), candidate):
                found.add(candidate)
                break
    return found


def _is_name(text: str, start: int, end: int, candidate: str) -> bool:
    before, after = text[max(0, start - 30) : start], text[end : end + 60]
    if candidate.split()[0] in _FIRST_NAMES:
        return True
    if _SPEECH_BEFORE.search(before) or _TITLE_BEFORE.search(before) or _TITLE_AFTER.match(after):
        return True
    at_sentence_start = not before.strip() or before.rstrip().endswith((".", "!", "?", "\n")) or before.endswith("\n")
    return at_sentence_start and _ORG_AFTER.match(after) is not None


#: Field labels whose values are organisations, not people (``Projektägare:\nNya Kompisbyrån, …``).
_ORGANISATION_LABEL = re.compile(
    r"^\s*(?:Projektägare|Projektanordnare|Stödmottagare|Medfinansiärer|Medfinansiär|Projektpartners|Finansiering|"
    r"Samverkanspartners|Samarbetspartners)\b[^,]*$"
)


def _list_names(text: str, keep: frozenset[str]) -> set[str]:
    found: set[str] = set()
    previous = ""
    for line in text.splitlines():
        label_before, previous = _ORGANISATION_LABEL.match(previous) is not None, line if line.strip() else previous
        if ("," not in line and not line.lstrip().startswith("•")) or label_before:
            continue
        for match in _LIST_SEGMENT.finditer(line):
            words = match.group("name").split()
            if not any(w in keep for w in words):
                found.add(match.group("name"))
    return found
