"""What the tool says to a person, in her language: answers to errors, and the notes and problems of a draft.

* An error that carries a ``code`` (:class:`~graphapp.errors.GraphappError`) is worded by
  :func:`error_text` from :data:`_ERRORS`; an HTTP status without one by its ``status_<n>``.
* A note or problem is written in English where it arises (the extractor's warnings, a
  spreadsheet cell's problem), for the command line and the logs; :func:`note_text` words it
  in Swedish by its template: the English text with ``{}`` where a value goes, as written at
  its source (``tests/views/test_messages.py`` finds every such text in the source and fails
  on one without a Swedish wording). Values are worded too when a template fits them, each
  item of a comma-separated list alone; text no template fits stays as it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from graphapp.views.i18n import pick_lang

__all__ = ["NOTES", "error_text", "note_text"]

#: Answers to the API's errors, by their ``code`` (or ``status_<n>``); params in braces.
_ERRORS: dict[str, dict[str, str]] = {
    "sv": {
        "not_in_draft": "Utkastet föreslår inte det.",
        "role_needed": "Välj en roll.",
        "not_a_role": "”{role}” är ingen roll i förteckningen.",
        "role_not_for_type": "Den rollen passar inte den här relationen.",
        "role_not_for_actor": "{actor} kan inte ha den rollen i ett projekt.",
        "resolved_already": "{name} är redan bestämd; bara en oklar enhet placeras i en kommun.",
        "not_a_municipality": "Välj en kommun.",
        "merge_projects": "Projekt slås inte ihop, bara aktörer.",
        "merge_not_actor": "{name} är ingen aktör.",
        "merge_itself": "En aktör slås inte ihop med sig själv.",
        "amount_not_here": "Ett belopp hör till en fonds stöd eller en medfinansiärs andel.",
        "name_length": "En organisations namn har 2 till 200 tecken, med bokstäver eller siffror.",
        "not_a_kind": "Välj ett slag av organisation.",
        "unit_needs_municipality": "Säg vilken kommun enheten hör till.",
        "personal_name": "Det ser ut som en persons namn eller kontaktuppgifter; grafen har bara organisationer.",
        "add_who": "Säg vem: en aktör i grafen eller en ny organisation.",
        "no_evidence": "Ange belägget: klicka på meningen i dokumentet som säger det, eller skriv varifrån det kommer.",
        "evidence_too_long": "Belägget får vara högst 1 000 tecken.",
        "no_project": "Utkastet har inget sådant projekt.",
        "which_project": "Utkastet har flera projekt: säg vilket.",
        "project_exists": "Utkastet har redan ett projekt med det namnet.",
        "not_a_status": "Välj ett läge: planerat, pågående eller avslutat.",
        "not_an_amount": "Ett belopp är ett helt antal kronor, 0 eller mer.",
        "not_a_date": "Ange ett datum (ÅÅÅÅ-MM-DD), en månad (ÅÅÅÅ-MM) eller ett år (ÅÅÅÅ), inte ”{value}”.",
        "end_before_start": "Projektet kan inte sluta innan det börjar.",
        "invalid_project": "Projektets uppgifter går inte att spara: {field}.",
        "not_in_graph": "Grafen har ingen nod {id}.",
        "edit_needs": "Ändringen saknar {what}.",
        "no_draft": "Utkastet finns inte längre.",
        "draft_written": "Utkastet är redan inskrivet; ångra den importen för att ändra det.",
        "nothing_accepted": "Inget är godtaget, så det finns inget att skriva.",
        "nothing_to_undo": "Det finns ingen import att ångra.",
        "undo_other_store": "Den senaste importen gick till ett annat lager ({store}).",
        "invalid_records": "{count} problem i posterna; inget skrevs:",
        "several_workers": "Det inbyggda lagret finns i var och en av {workers} processer; "
        "skriv med en process (GRAPHAPP_WORKERS=1) eller på Neo4j.",
        "not_a_file_kind": "Den sortens fil läser sidan inte (pdf, docx, html, txt, md, xlsx, csv).",
        "not_its_kind": "Filens innehåll passar inte dess ändelse.",
        "empty_file": "Filen är tom.",
        "too_large": "Filen är större än gränsen för uppladdningar.",
        "status_400": "Det går inte att göra så.",
        "status_401": "Du är inte inloggad längre: ladda om sidan och logga in.",
        "status_403": "Det är inte tillåtet.",
        "status_404": "Det finns inte.",
        "status_409": "Det går inte just nu.",
        "status_413": "Det är för stort.",
        "status_415": "Den sortens fil läser sidan inte.",
        "status_422": "Uppgifterna går inte att läsa.",
        "status_500": "Något gick fel hos oss; det är loggat.",
        "status_503": "Databasen svarar inte; försök igen om en stund.",
    },
    "en": {
        "not_in_draft": "The draft does not propose that.",
        "role_needed": "Choose a role.",
        "not_a_role": "“{role}” is not a role of the vocabulary.",
        "role_not_for_type": "That role does not fit this relationship.",
        "role_not_for_actor": "{actor} cannot have that role in a project.",
        "resolved_already": "{name} is resolved already; only an unresolved unit is placed in a municipality.",
        "not_a_municipality": "Choose a municipality.",
        "merge_projects": "Projects are not merged, only actors.",
        "merge_not_actor": "{name} is not an actor.",
        "merge_itself": "An actor is not merged into itself.",
        "amount_not_here": "An amount belongs to a fund's grant or a co-funder's share.",
        "name_length": "An organisation's name has 2 to 200 characters, with letters or digits.",
        "not_a_kind": "Choose a kind of organisation.",
        "unit_needs_municipality": "Say which municipality the unit belongs to.",
        "personal_name": "That looks like a person's name or contact details; the graph holds organisations only.",
        "add_who": "Say who: an actor of the graph, or a new organisation.",
        "no_evidence": "Give the evidence: click the sentence of the document that says so, "
        "or say where it comes from.",
        "evidence_too_long": "Evidence is 1,000 characters at most.",
        "no_project": "The draft has no such project.",
        "which_project": "The draft has several projects: say which one.",
        "project_exists": "The draft has a project of that name already.",
        "not_a_status": "Choose a status: planned, ongoing or completed.",
        "not_an_amount": "An amount is a whole number of kronor, 0 or more.",
        "not_a_date": "Give a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY), not “{value}”.",
        "end_before_start": "A project cannot end before it starts.",
        "invalid_project": "The project's fields cannot be saved: {field}.",
        "not_in_graph": "The graph has no node {id}.",
        "edit_needs": "The edit lacks {what}.",
        "no_draft": "The draft is gone.",
        "draft_written": "The draft is written already; undo that import to change it.",
        "nothing_accepted": "Nothing is accepted, so there is nothing to write.",
        "nothing_to_undo": "There is no import to undo.",
        "undo_other_store": "The last import went into another store ({store}).",
        "invalid_records": "{count} problem(s) in the records; nothing was written:",
        "several_workers": "The embedded store lives in each of {workers} worker processes; "
        "write with one worker (GRAPHAPP_WORKERS=1) or on Neo4j.",
        "not_a_file_kind": "The page does not read that kind of file (pdf, docx, html, txt, md, xlsx, csv).",
        "not_its_kind": "The file's content does not fit its suffix.",
        "empty_file": "The file is empty.",
        "too_large": "The file is larger than the upload limit.",
        "status_400": "That cannot be done.",
        "status_401": "You are no longer logged in: reload the page and log in.",
        "status_403": "That is not allowed.",
        "status_404": "That does not exist.",
        "status_409": "That cannot be done now.",
        "status_413": "That is too large.",
        "status_415": "The page does not read that kind of file.",
        "status_422": "The input cannot be read.",
        "status_500": "Something went wrong on our side; it has been logged.",
        "status_503": "The database does not answer; try again in a while.",
    },
}

#: The notes and problems of drafts in Swedish: English template (as written at its source, ``{}`` for a
#: value) -> Swedish wording (``{0}``, ``{1}`` … for the values, in the English order).
NOTES: dict[str, str] = {
    # the extractor's notes on a document
    "unresolved: {} does not say which municipality it belongs to; kept as {} with resolved: false": (
        "oklar: {0} säger inte vilken kommun den hör till; sparas som {1} med resolved: false"
    ),
    "{}: cannot read the amount {}": "{0}: beloppet {1} går inte att läsa",
    "Projektperiod: cannot read the period {}": "Projektperiod: perioden {0} går inte att läsa",
    "no actor found: the document names no municipality, agency, fund or organisation in a role": (
        "ingen aktör hittad: dokumentet ger ingen kommun, myndighet, fond eller organisation en roll"
    ),
    "period given in years only ({}-{}): start and end are years": (
        "perioden anges bara i år ({0}-{1}): start och slut är år"
    ),
    "ESF programme period uncertain; chose {} from the project period": (
        "ESF-programperioden är osäker; {0} valdes efter projektperioden"
    ),
    "unresolved: 'Länsstyrelsen' without its county, and the text does not make the county clear": (
        "oklar: ”Länsstyrelsen” utan sitt län, och texten säger inte vilket län"
    ),
    "Kommun: {} is not a known municipality; left out": "Kommun: {0} är ingen känd kommun; utelämnad",
    "Projektägare: missing (saknas); no owner proposed": "Projektägare: saknas; ingen projektägare föreslås",
    "organisations mentioned without a role in the project, left out: {}": (
        "organisationer som nämns utan roll i projektet, utelämnade: {0}"
    ),
    "several amounts in one clause, not attached: {}": "flera belopp i samma sats, inte kopplade: {0}",
    "personal data dropped: {}": "personuppgifter borttagna: {0}",
    "{} contact field(s)": "{0} kontaktfält",
    "{} e-mail address(es)": "{0} e-postadresser",
    "{} personal name(s)": "{0} personnamn",
    "{} phone number(s)": "{0} telefonnummer",
    # a document that cannot be read
    "{}: the document is empty (no text to extract)": "{0}: dokumentet är tomt (ingen text att läsa)",
    "{}: looks like a binary file, not text (expected .txt, .md, .html, .pdf or .docx)": (
        "{0}: ser ut som en binärfil, inte text (.txt, .md, .html, .pdf eller .docx väntas)"
    ),
    "{}: the PDF has no text layer (a scanned image?); run OCR on it or use a text version": (
        "{0}: pdf-filen har inget textlager (en inskannad bild?); kör OCR på den eller använd en textversion"
    ),
    "{}: {} MB is larger than the {} MB limit; split the document or extract the relevant part": (
        "{0}: {1} MB är mer än gränsen {2} MB; dela dokumentet eller ta ut den del som behövs"
    ),
    "{}: cannot read: {}": "{0}: går inte att läsa: {1}",
    "{}: not a valid .docx file ({}: {})": "{0}: ingen giltig .docx-fil ({1}: {2})",
    "{}: not a valid .docx file ({})": "{0}: ingen giltig .docx-fil ({1})",
    "{}: not a valid .docx file (not a zip archive: {})": "{0}: ingen giltig .docx-fil (inget zip-arkiv: {1})",
    "{}: has {} parts, more than a Word file should ({})": "{0}: har {1} delar, fler än en Word-fil bör ha ({2})",
    "{}: has {} paragraphs, more than a Word file should ({}); split the document or extract the relevant part": (
        "{0}: har {1} stycken, fler än en Word-fil bör ha ({2}); dela dokumentet eller ta ut den del som gäller"
    ),
    "{}: unpacks to {} MB ({} MB of XML), more than a Word file should (at most {} MB, {} MB of XML)": (
        "{0}: packas upp till {1} MB ({2} MB XML), mer än en Word-fil bör (högst {3} MB, {4} MB XML)"
    ),
    # a spreadsheet's cells, rows and sheets
    "{} row {}": "{0} rad {1}",
    "row {}": "rad {0}",
    "{} is not a date (expected YYYY-MM-DD, YYYY-MM for a month or YYYY for a year)": (
        "{0} är inget datum (ÅÅÅÅ-MM-DD väntas, ÅÅÅÅ-MM för en månad eller ÅÅÅÅ för ett år)"
    ),
    "{} is not a period (expected YYYY-MM-DD - YYYY-MM-DD, or YYYY - YYYY)": (
        "{0} är ingen period (ÅÅÅÅ-MM-DD - ÅÅÅÅ-MM-DD väntas, eller ÅÅÅÅ - ÅÅÅÅ)"
    ),
    "{} is not an amount of kronor": "{0} är inget belopp i kronor",
    "{} is negative; expected an amount of kronor": "{0} är negativt; ett belopp i kronor väntas",
    "{}: the amount is not a number of kronor (expected a name, then e.g. 500 000 kr)": (
        "{0}: beloppet är inget antal kronor (ett namn väntas, sedan t.ex. 500 000 kr)"
    ),
    "{} is not an amount of kronor (expected a number such as 1 250 000)": (
        "{0} är inget belopp i kronor (ett tal som 1 250 000 väntas)"
    ),
    "empty: every element needs a label": "tom: varje element behöver en etikett",
    "{} is not an element type ({})": "{0} är ingen elementtyp ({1})",
    "{} names no organisation": "{0} namnger ingen organisation",
    "a person's name, e-mail address or phone number: people are not stored": (
        "en persons namn, e-postadress eller telefonnummer: personer sparas inte"
    ),
    "{}: {} is ambiguous; kept unresolved for review": "{0}: {1} är tvetydigt; sparas som oklar för granskning",
    "{} is not a connection type ({})": "{0} är ingen kopplingstyp ({1})",
    "empty: a connection joins two elements": "tom: en koppling förenar två element",
    "{} is no element of the Elements sheet and names no organisation": (
        "{0} är inget element i bladet Elements och namnger ingen organisation"
    ),
    "{}: {} is no municipality; kept unresolved": "{0}: {1} är ingen kommun; sparas som oklar",
    "{} is not a county (expected a name such as Kronobergs län, a code or a letter)": (
        "{0} är inget län (ett namn som Kronobergs län, en kod eller en bokstav väntas)"
    ),
    "{} is not a fund the reference tables know ({})": "{0} är ingen fond som referenstabellerna känner ({1})",
    "{}: say which programme ({}); {}": "{0}: säg vilket program ({1}); {2}",
    "the project's start does not tell": "projektets start säger det inte",
    "the project has no start date to tell": "projektet har inget startdatum som säger det",
    "{} is a fund: give funds in the fund column": "{0} är en fond: ange fonder i fondkolumnen",
    "empty: every project needs a name": "tom: varje projekt behöver ett namn",
    "{} is before the start {}": "{0} är före starten {1}",
    "no column of project names (Projektnamn, Projekt, Project name …)": (
        "ingen kolumn med projektnamn (Projektnamn, Projekt, Project name …)"
    ),
    "{} is not a status (pågående, avslutat, planerat)": "{0} är inget läge (pågående, avslutat, planerat)",
    "give one owner per project (the others are partners)": "ange en projektägare per projekt (de andra är partner)",
    "{}: a person's details in {} dropped": "{0}: en persons uppgifter i {1} borttagna",
    "same project as row {}, whose {} is {}, not {}": "samma projekt som rad {0}, vars {1} är {2}, inte {3}",
    "{}: {} in {} is no municipality the reference tables know; kept as an unresolved organisation": (
        "{0}: {1} i {2} är ingen kommun som referenstabellerna känner; sparas som oklar organisation"
    ),
    "{}: {} ({}) is ambiguous; kept unresolved for review": (
        "{0}: {1} ({2}) är tvetydigt; sparas som oklar för granskning"
    ),
    "unknown column {}: map it to a field (graphapp import --column '{}=FIELD', or '{}=skip'); it is not read": (
        "okänd kolumn {0}: koppla den till ett fält (graphapp import --column '{1}=FIELD', eller '{2}=skip'); "
        "den läses inte"
    ),
    "filled cells, no header": "ifyllda celler utan rubrik",
    "{}: {} MB is larger than the {} MB limit": "{0}: {1} MB är mer än gränsen {2} MB",
    "{}: no sheet has a header row (column names in the first filled row)": (
        "{0}: inget blad har en rubrikrad (kolumnnamn i den första ifyllda raden)"
    ),
    "{}: unpacks to {} MB, more than a workbook should": "{0}: packas upp till {1} MB, mer än en arbetsbok ska",
    "{}: not an .xlsx workbook (no xl/workbook.xml inside)": "{0}: ingen .xlsx-arbetsbok (ingen xl/workbook.xml i den)",
    "{}: looks like a binary file, not CSV text": "{0}: ser ut som en binärfil, inte CSV-text",
    "{}: not an .xlsx workbook (the file is not a zip archive)": (
        "{0}: ingen .xlsx-arbetsbok (filen är inget zip-arkiv)"
    ),
    "{}: not a readable .xlsx workbook ({}: {})": "{0}: ingen läsbar .xlsx-arbetsbok ({1}: {2})",
    "{}: not readable as CSV: {}": "{0}: går inte att läsa som CSV: {1}",
    "{}: {} is not read (macros or old formats); save it as .xlsx or .csv": (
        "{0}: {1} läses inte (makron eller gamla format); spara den som .xlsx eller .csv"
    ),
    "{}: not a spreadsheet (expected .xlsx or .csv)": "{0}: inget kalkylblad (.xlsx eller .csv väntas)",
    "{}: more than {} rows; split the file": "{0}: fler än {1} rader; dela filen",
}


def error_text(code: str | None, params: Mapping[str, object], lang: str, status: int | None = None) -> str | None:
    """The answer to an error of ``code`` (else of HTTP ``status``) in ``lang``, or None if there is none."""
    words = _ERRORS[pick_lang(lang)]
    template = words.get(code or "") or words.get(f"status_{status}")
    if template is None:
        return None
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return words.get(f"status_{status}") or template


def note_text(text: str, lang: str) -> str:
    """A note or problem written in English, worded in ``lang`` (itself in English, or where no template fits).

    >>> note_text("'snart' is not a date (expected YYYY-MM-DD, YYYY-MM for a month or YYYY for a year)", "sv")
    "'snart' är inget datum (ÅÅÅÅ-MM-DD väntas, ÅÅÅÅ-MM för en månad eller ÅÅÅÅ för ett år)"
    >>> note_text("personal data dropped: 2 e-mail address(es), 1 phone number(s)", "sv")
    'personuppgifter borttagna: 2 e-postadresser, 1 telefonnummer'
    """
    if pick_lang(lang) != "sv":
        return text
    return _worded(text, 0)


def _worded(text: str, depth: int) -> str:
    for pattern, swedish in _patterns():
        match = pattern.fullmatch(text)
        if match is not None:
            values = [_value(v, depth + 1) for v in match.groups()]
            return swedish.format(*values)
    where, sep, rest = text.partition(": ")  # "file:sheet:row:column: message", "file: message"
    while sep and depth <= 3:
        worded = _worded(rest, depth + 1)
        if worded != rest:
            return f"{where}{sep}{worded}"
        head, sep, rest = rest.partition(": ")
        where = f"{where}: {head}"
    return text


def _value(value: str, depth: int) -> str:
    if depth > 3:
        return value
    worded = _worded(value, depth)
    if worded != value or ", " not in value:
        return worded
    return ", ".join(_worded(part, depth) for part in value.split(", "))


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each template as a pattern, the most literal text first (so a general one does not take a specific)."""
    compiled = []
    for english, swedish in NOTES.items():
        parts = english.split("{}")
        pattern = re.compile("(.+?)".join(re.escape(p) for p in parts), re.DOTALL)
        compiled.append((len(english) - 2 * (len(parts) - 1), pattern, swedish))
    return [(pattern, swedish) for _, pattern, swedish in sorted(compiled, key=lambda c: -c[0])]
