"""Documents to text: ``.txt``, ``.md``, ``.html`` (a page saved from the browser), ``.pdf`` (its text
layer) and ``.docx``, each read so that the same text gives the same result whatever its format.

* Text is decoded as UTF-8, else Windows-1252, else Latin-1; HTML loses its scripts, styles and
  head, and its blocks become lines.
* A PDF's lines are read with their positions (pypdfium2, the PDFium engine): a line that runs
  to the right margin continues in the next one, a vertical gap is a blank line, so paragraphs
  come out as they were written, not as the page wrapped them.
* A Word document gives one line per paragraph (list paragraphs as bullets) and its tables row
  by row.
* A first line ``SOURCE: <url>`` (as the test corpora have) is the document's address, not text.

Every refusal is an :class:`UnreadableDocument` whose one-line message names the file and says
what to do; the command reports it and goes on with the other files.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
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
_SOURCE_LINE = re.compile(r"\ASOURCE:[ \t]*(?P<url>\S+)[ \t]*\n")
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


def _pdf_text(raw: bytes, path: Path) -> str:
    import pypdfium2 as pdfium  # imported here: only PDF files need it

    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        message = "it is password-protected" if "password" in str(exc).lower() else f"not a readable PDF ({exc})"
        raise UnreadableDocument(f"{path}: {message}") from None
    try:
        pages = [_page_lines(document[index]) for index in range(len(document))]
    finally:
        document.close()
    if sum(len(line.text.strip()) for lines in pages for line in lines) < 20:
        raise UnreadableDocument(
            f"{path}: the PDF has no text layer (a scanned image?); run OCR on it or use a text version"
        )
    return _reflow(pages)


def _page_lines(page: Any) -> list[_Line]:
    textpage = page.get_textpage()
    try:
        pieces: list[_Line] = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", " ")
            text = text.replace("\ufffe", "-")
            if text.strip():
                pieces.append(_Line(text, left, right, top, bottom))
    finally:
        textpage.close()
        page.close()
    lines: list[_Line] = []
    for piece in pieces:  # PDFium gives runs; runs at the same height are one line
        last = lines[-1] if lines else None
        if last and abs((last.top + last.bottom) - (piece.top + piece.bottom)) / 2 < 0.5 * (piece.top - piece.bottom):
            gap = " " if piece.left - last.right > 1 else ""
            last.text, last.right = last.text + gap + piece.text, max(last.right, piece.right)
        else:
            lines.append(piece)
    return lines


#: What PDFium gives for a hyphen that ends a line (the word goes on in the next).
_LINE_END_HYPHEN = "\x02"


def _reflow(pages: list[list[_Line]]) -> str:
    """Paragraphs from positioned lines: a line continues in the next when the next one's first word
    would not have fitted after it (the page wrapped it); a vertical gap is a blank line."""
    lines = [line for page in pages for line in page]
    right = max(line.right for line in lines)
    height = median(line.top - line.bottom for line in lines) or 1.0
    out: list[str] = []
    for page in pages:
        previous: _Line | None = None
        for line in page:
            text = line.text.strip()
            if previous is None:
                out.append(text)
            elif previous.bottom - line.top > 0.8 * height:
                out.append("\n\n" + text)
            elif out[-1].endswith(_LINE_END_HYPHEN) or _wrapped(previous, text, right):
                broken = out[-1].endswith(_LINE_END_HYPHEN) or re.search(r"\w[-/]$", out[-1])
                out[-1] = out[-1].replace(_LINE_END_HYPHEN, "-")
                out[-1] += ("" if broken and text[:1].isalnum() else " ") + text
            else:
                out[-1] = out[-1].replace(_LINE_END_HYPHEN, "-")
                out.append("\n" + text)
            previous = line
        out.append("\n")
    return "".join(out).replace(_LINE_END_HYPHEN, "-")


def _wrapped(line: _Line, following: str, right: float) -> bool:
    """Whether ``line`` ended only because the first word of ``following`` did not fit after it."""
    text = line.text.strip()
    if not text or re.match(r"[\u2022*\u00b7]", following) or text.endswith(":"):
        return False
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
