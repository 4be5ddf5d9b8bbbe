"""Documents to text: ``.txt``, ``.md``, ``.html`` (a page saved from the browser), ``.pdf`` (its text
layer) and ``.docx``, each read so that the same text gives the same result whatever its format.

* Text is decoded as UTF-8, else Windows-1252, else Latin-1; HTML loses its scripts, styles and
  head, and its blocks become lines.
* A PDF's characters are read one by one with their positions (pypdfium2, the PDFium engine), so
  each glyph comes once however the producer kerned it; running heads and feet are dropped; a line
  the page wrapped continues in the next one (across a page break too), a word broken by a hyphen
  is whole again, a vertical gap is a blank line: paragraphs come out as they were written, not as
  the page wrapped them.
* A Word document gives one line per paragraph (list paragraphs as bullets) and its tables row
  by row.
* A first line ``SOURCE: <url>`` (as the test corpora have) is the document's address, not text.

Every refusal is an :class:`UnreadableDocument` whose one-line message names the file and says
what to do; the command reports it and goes on with the other files.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from graphapp.errors import InvalidRequest

__all__ = [
    "MAX_BYTES",
    "MAX_BYTES_BINARY",
    "MAX_DOCX_PARAGRAPHS",
    "MAX_DOCX_PARTS",
    "MAX_DOCX_UNPACKED",
    "MAX_DOCX_XML",
    "SourceText",
    "UnreadableDocument",
    "decode_bytes",
    "html_to_text",
    "read_document",
]

#: Larger text files are refused: a project page or report is far smaller.
MAX_BYTES = 5 * 1024 * 1024
#: PDF and Word files carry fonts and pictures besides their text.
MAX_BYTES_BINARY = 30 * 1024 * 1024
#: What a Word file may unpack to: all its parts, and the XML among them (parsed whole), at most;
#: a zip bomb is refused unopened. Python's zipfile never unpacks a part past its declared size.
MAX_DOCX_UNPACKED = 200 * 1024 * 1024
MAX_DOCX_XML = 20 * 1024 * 1024
#: Parts a Word file may have at most (a long report with pictures has a few hundred).
MAX_DOCX_PARTS = 2000
#: Paragraphs (table cells included) a Word file may have at most: python-docx takes a fraction of a
#: millisecond for each, and a 500-page report has some 5 000.
MAX_DOCX_PARAGRAPHS = 30_000
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<div|<p>|<meta)", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"\ASOURCE:[ \t]*\n?[ \t]*(?P<url>\S+)[ \t]*\n")
_SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCKS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
    "main",
    "aside",
    "nav",
}


class UnreadableDocument(InvalidRequest):
    """A document that cannot be read as text."""

    title = "Unreadable document"


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    format: str  # text/plain | text/html | text/markdown | application/pdf | application/vnd…document
    encoding: str
    original: str = ""  # the text as read, before tidying: what the document id hashes
    url: str | None = None  # from a first line "SOURCE: <url>"


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> SourceText:
    """The text of the document at ``path`` (any supported format), or :class:`UnreadableDocument`."""
    suffix = path.suffix.lower()
    limit = max_bytes if suffix not in (".pdf", ".docx") else max(max_bytes, MAX_BYTES_BINARY)
    try:
        if not path.is_file():
            raise UnreadableDocument(f"{path}: not a file" if path.exists() else f"{path}: no such file")
        size = path.stat().st_size
        if size > limit:
            raise UnreadableDocument(
                f"{path}: {size / 1_048_576:.1f} MB is larger than the {limit // 1_048_576} MB limit; "
                "split the document or extract the relevant part"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise UnreadableDocument(f"{path}: the document is empty (no text to extract)")
    if suffix == ".pdf" or raw.startswith(b"%PDF-"):
        return _finish(_pdf_text(raw, path), "application/pdf", "pdf", str(path))
    if suffix == ".docx":
        return _finish(_docx_text(raw, path), _DOCX, "docx", str(path))
    return decode_bytes(raw, str(path), suffix)


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def decode_bytes(raw: bytes, origin: str, suffix: str = "") -> SourceText:
    """Decode ``raw`` (UTF-8, else Windows-1252, else Latin-1); HTML becomes plain text."""
    if _looks_binary(raw):
        raise UnreadableDocument(
            f"{origin}: looks like a binary file, not text (expected .txt, .md, .html, .pdf or .docx)"
        )
    text, encoding = _decode(raw)
    is_html = suffix in _HTML_SUFFIXES or (suffix not in _TEXT_SUFFIXES and _HTML_SNIFF.match(raw[:512]) is not None)
    fmt = "text/html" if is_html else "text/markdown" if suffix in {".md", ".markdown"} else "text/plain"
    return _finish(text, fmt, encoding, origin, html=is_html)


def _finish(original: str, fmt: str, encoding: str, origin: str, html: bool = False) -> SourceText:
    text = html_to_text(original) if html else original
    text = _tidy(text)
    url = None
    source = _SOURCE_LINE.match(text)
    if source:
        url, text = source.group("url"), text[source.end() :].lstrip("\n")
    if not text.strip():
        raise UnreadableDocument(f"{origin}: the document is empty (no text to extract)")
    return SourceText(text, fmt, encoding, original, url)


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))  # C speed: delete every byte that is not a control
    return bool(sample) and controls / len(sample) > 0.05


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "").replace("\ufffe", "")
    text = "\n".join([line.rstrip(" \t\u00a0") for line in text.split("\n")])  # faster than a regex per space
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


# --- PDF -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(slots=True)
class _Page:
    lines: list[_Line]
    bottom: float
    top: float


def _pdf_text(raw: bytes, path: Path) -> str:
    import pypdfium2 as pdfium  # imported here: only PDF files need it

    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        message = "it is password-protected" if "password" in str(exc).lower() else f"not a readable PDF ({exc})"
        raise UnreadableDocument(f"{path}: {message}") from None
    try:
        pages = [_page(document[index]) for index in range(len(document))]
    finally:
        document.close()
    if sum(len(line.text.strip()) for page in pages for line in page.lines) < 20:
        raise UnreadableDocument(
            f"{path}: the PDF has no text layer (a scanned image?); run OCR on it or use a text version"
        )
    return _reflow(_without_furniture(pages))


def _page(page: Any) -> _Page:
    _, bottom, _, top = page.get_mediabox()
    textpage = page.get_textpage()
    try:
        lines = _char_lines(textpage)
    finally:
        textpage.close()
        page.close()
    return _Page(_rows(lines), bottom, top)


#: What stands for a hyphen that ends a line (the word goes on in the next).
_LINE_END_HYPHEN = "\x02"


def _char_lines(textpage: Any) -> list[_Line]:
    """The page's lines as PDFium's text page orders its characters (the order they are read in),
    broken where PDFium breaks them, each glyph once.

    The characters are PDFium's own, with the line breaks it puts between them, not the text of
    its rectangles: those overlap at kerning pairs and ligatures (``Va``, ``ffe``), so reading each
    rectangle repeats the letters of its neighbour (``VaVansbro``). A line's box spans the font boxes
    of its first and last glyph. (PDFium itself reads text drawn twice at one place, a shadow or a
    bold made by printing twice, once.)
    """
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # PDFium left a character out of its text: read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, index)) for index in range(count))
    lines: list[_Line] = []
    glyph = pdfium_c.FS_RECTF()

    def box(index: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetLooseCharBox(handle, index, glyph)
        return glyph.left, glyph.bottom, glyph.right, glyph.top

    for run in _RUN.finditer(text):
        start = run.start()
        for hyphen in _HYPHENS.finditer(text, run.start(), run.end()):
            if hyphen.group() != "-" or pdfium_c.FPDFText_IsHyphen(handle, hyphen.start()) == 1:
                _add_line(lines, text, start, hyphen.start(), box, hyphen=True)  # the word goes on below
                start = hyphen.end()
        _add_line(lines, text, start, run.end(), box)
    return lines


#: A stretch of a page's text between PDFium's line breaks.
_RUN = re.compile(r"[^\r\n]+")
_SPACE = re.compile(r"\s")
#: A character PDFium may give for a hyphen that ends a line while the word goes on in the next.
_HYPHENS = re.compile(r"[-\x02\ufffe]")


def _add_line(
    lines: list[_Line],
    text: str,
    start: int,
    end: int,
    box: Any,
    hyphen: bool = False,
) -> None:
    """Add the line of ``text[start:end]`` (and a line-end hyphen) with the box of its glyphs."""
    chars = text[start:end]
    stripped = chars.strip()
    if not stripped and not hyphen:
        return
    first = start + (len(chars) - len(chars.lstrip()))
    last = end if hyphen else start + len(chars.rstrip()) - 1
    left, bottom, _, top = box(first)
    _, low, right, high = box(last)
    line = _SPACE.sub(" ", stripped) + (_LINE_END_HYPHEN if hyphen else "")
    lines.append(_Line(line, left, right, max(top, high), min(bottom, low)))


def _rows(lines: list[_Line]) -> list[_Line]:
    """Lines side by side at the same height (cells of a table row, a label and its value) made one."""
    rows: list[_Line] = []
    for line in lines:
        last = rows[-1] if rows else None
        beside = last is not None and line.left >= last.right - 1
        if last and beside and abs((last.top + last.bottom) - (line.top + line.bottom)) / 2 < 0.5 * line.height:
            last.text, last.right = f"{last.text} {line.text}", max(last.right, line.right)
            last.top, last.bottom = max(last.top, line.top), min(last.bottom, line.bottom)
            continue
        rows.append(line)
    return rows


_DIGITS = re.compile(r"\d+")


def _without_furniture(pages: list[_Page]) -> list[_Page]:
    """Pages without their running heads and feet: a line in the top or bottom tenth of the page that
    comes back at the same height on half the pages or more (its numbers aside: a page number, a date),
    and a line in smaller type at the very edge of the page (the date, address and page number a browser
    prints there)."""
    height = median(line.height for page in pages for line in page.lines)

    def at_edge(line: _Line, page: _Page, share: float) -> bool:
        band = (page.top - page.bottom) * share
        return line.bottom > page.top - band or line.top < page.bottom + band

    def key(line: _Line) -> tuple[str, int]:
        return _DIGITS.sub("#", " ".join(line.text.split())), round(line.top)

    recurring = Counter(key(line) for page in pages for line in {key(x): x for x in page.lines}.values())
    enough = max(2, len(pages) / 2)
    for page in pages:
        page.lines = [
            line
            for line in page.lines
            if not (at_edge(line, page, 0.1) and recurring[key(line)] >= enough)
            and not (at_edge(line, page, 0.05) and line.height < 0.85 * height)
        ]
    return pages


#: Words a line does not end a paragraph with: conjunctions, prepositions, articles.
_CONTINUING = frozenset(
    {"och", "eller", "samt", "som", "att", "i", "av", "med", "för", "till", "på", "från", "om", "en", "ett"}
    | {"den", "det", "de", "vid", "hos", "inom", "under", "mellan", "genom", "mot", "efter", "utan"}
    | {"and", "or", "of", "the", "to", "in", "for"}
)


def _reflow(pages: list[_Page]) -> str:
    """Paragraphs from positioned lines: a line continues in the next (on its page or the next page) when
    the page wrapped it: the next one's first word would not have fitted after it, it ends where a
    sentence cannot end, or the next begins in lower case; a vertical gap wider than the text's own line
    spacing is a blank line."""
    height = median(line.height for page in pages for line in page.lines) or 1.0
    spacing = _line_spacing(pages, height)
    out: list[str] = []
    previous: _Line | None = None
    right = 0.0  # the right margin of the previous line's column
    for page in pages:
        first = True
        rights = _column_rights(page.lines, height)
        for line, right_margin in zip(page.lines, rights, strict=True):
            text = line.text
            if previous is None:
                out.append(text)
            elif not first and previous.bottom - line.top > spacing + 0.4 * min(height, line.height, previous.height):
                out.append("\n\n" + text)
            elif previous.text.endswith(_LINE_END_HYPHEN) or _continues(previous, text, right):
                out[-1] = _joined(out[-1], text)
            else:
                out.append("\n" + text)
            right = right_margin
            previous, first = line, False
    return "".join(out).replace(_LINE_END_HYPHEN, "-") + "\n"


def _column_rights(lines: list[_Line], height: float) -> list[float]:
    """The right margin of each line's column: the furthest right of the lines that start where it does,
    among the lines set beside another column when it is one of them (a page of two columns)."""

    def beside(line: _Line) -> bool:
        return any(
            (other.left > line.right or line.left > other.right) and other.bottom < line.top and line.bottom < other.top
            for other in lines
        )

    in_column = [beside(line) for line in lines]
    return [
        max(
            other.right
            for other, other_in in zip(lines, in_column, strict=True)
            if abs(other.left - line.left) < height and (other_in or not line_in)
        )
        for line, line_in in zip(lines, in_column, strict=True)
    ]


#: A hyphen that ends a line inside a word: a letter before it (and no address: ``www.x.se/a-``).
_BROKEN_WORD = re.compile(r"(?:^|\s)[^\s/.@]*[a-zåäöéü][-\x02]$")


def _joined(text: str, following: str) -> str:
    """``text`` and the line that continues it: a word broken by the line's hyphen is whole again
    (``sam-`` + ``verkan``), a compound or an address keeps its hyphen (``Malung-`` + ``Sälen``, ``ESF-`` +
    ``projekt``), a hyphen for a word left out keeps its space (``arbets-`` + ``och samhällslivet``)."""
    first_word = following.split(" ", 1)[0].lower().strip(",")
    if text.endswith(("-", "/", _LINE_END_HYPHEN)) and following[:1].isalnum() and first_word not in _CONTINUING:
        if following[:1].islower() and _BROKEN_WORD.search(text):
            return text[:-1] + following
        return text.replace(_LINE_END_HYPHEN, "-") + following
    return f"{text.replace(_LINE_END_HYPHEN, '-')} {following}"


def _line_spacing(pages: list[_Page], height: float) -> float:
    """The gap between two lines of one paragraph: the smaller gaps between lines that follow each other."""
    gaps = sorted(
        before.bottom - after.top
        for page in pages
        for before, after in pairwise(page.lines)
        if before.bottom - after.top > -0.5 * height
    )
    return gaps[len(gaps) // 4] if gaps else 0.0


def _continues(line: _Line, following: str, right: float) -> bool:
    """Whether ``line`` goes on in ``following``: the page wrapped it, or it cannot end there."""
    text = line.text
    if not text or re.match(r"[\u2022*\u00b7\u2013-]\s", following) or text.endswith(":"):
        return False
    last_word = text.rsplit(" ", 1)[-1].lower()
    if (
        text.endswith(",")
        or last_word in _CONTINUING
        or (following[:1].islower() and not text.endswith((".", "!", "?")))
    ):
        return True
    char_width = (line.right - line.left) / max(len(text), 1)
    first_word = following.split(" ", 1)[0]
    return line.right + char_width * (len(first_word) + 1) > right - char_width


# --- Word ------------------------------------------------------------------------------------------


def _docx_text(raw: bytes, path: Path) -> str:
    import io

    import docx  # imported here: only Word files need it

    _check_docx_size(raw, path)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"{path}: not a valid .docx file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # python-docx raises its own and lxml's errors for a broken package
        raise UnreadableDocument(f"{path}: not a valid .docx file ({type(exc).__name__})") from None
    paragraphs = int(document.element.body.xpath("count(.//w:p)"))
    if paragraphs > MAX_DOCX_PARAGRAPHS:
        raise UnreadableDocument(
            f"{path}: has {paragraphs} paragraphs, more than a Word file should ({MAX_DOCX_PARAGRAPHS}); "
            "split the document or extract the relevant part"
        )
    lines: list[str] = []
    styles: dict[str | None, str] = {}  # a paragraph's style name, looked up once per style id: python-docx
    # searches every style for the default one at each paragraph without its own (ms each)
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                cells = [cell.text.strip() for cell in row.cells]
                lines.append(" | ".join(c for c in dict.fromkeys(cells) if c))
            continue
        text = block.text
        style_id = block._p.style
        if style_id not in styles:
            styles[style_id] = (block.style.name if block.style is not None else "") or ""
        style = styles[style_id]
        numbered = block._p.pPr is not None and block._p.pPr.numPr is not None
        if text.strip() and ("List" in style or numbered) and not text.lstrip().startswith(("•", "*", "-")):
            text = " • " + text
        lines.append(text)
    return "\n".join(lines)


_DOCX_BINARY_PARTS = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".emf",
    ".wmf",
    ".bin",
    ".ttf",
    ".odttf",
)


def _check_docx_size(raw: bytes, path: Path) -> None:
    """Refuse a Word file whose parts are too many or would unpack too large (a zip bomb), unopened."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableDocument(f"{path}: not a valid .docx file (not a zip archive: {exc})") from None
    if len(parts) > MAX_DOCX_PARTS:
        raise UnreadableDocument(f"{path}: has {len(parts)} parts, more than a Word file should ({MAX_DOCX_PARTS})")
    unpacked = sum(p.file_size for p in parts)
    xml = sum(p.file_size for p in parts if not p.filename.lower().endswith(_DOCX_BINARY_PARTS))
    if unpacked > MAX_DOCX_UNPACKED or xml > MAX_DOCX_XML:
        raise UnreadableDocument(
            f"{path}: unpacks to {unpacked // 1_048_576} MB ({xml // 1_048_576} MB of XML), more than a Word file "
            f"should (at most {MAX_DOCX_UNPACKED // 1_048_576} MB, {MAX_DOCX_XML // 1_048_576} MB of XML)"
        )


# --- HTML ------------------------------------------------------------------------------------------


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "li":
            self.parts.append("\n • ")
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag not in {"br", "tr", "dd", "dt"} else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in ("th", "td") and not self._skipping:
            self.parts.append("\t")  # a table row "Projektägare | Höörs kommun": label and value
        elif tag in _BLOCKS or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: scripts, styles and the head dropped, blocks on their own lines.

    >>> html_to_text("<p>Hej <b>Växjö</b></p><script>alert(1)</script><ul><li>Alvesta</li></ul>").split()
    ['Hej', 'Växjö', '•', 'Alvesta']
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (re.sub(r"[ \t]*\t[ \t]*", "\t", line).strip() for line in "".join(collector.parts).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines))
