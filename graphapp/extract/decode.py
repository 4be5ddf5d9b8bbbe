"""Bytes to text: size and binary checks, encodings, and HTML to plain text.

Every refusal is an :class:`UnreadableDocument` whose message names the file and
says what to do; the command reports it and goes on with the other files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from graphapp.errors import InvalidRequest

__all__ = ["MAX_BYTES", "SourceText", "UnreadableDocument", "decode_bytes", "html_to_text", "read_document"]

#: Larger files are refused: a project page or report is far smaller.
MAX_BYTES = 5 * 1024 * 1024
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<div|<p>|<meta)", re.IGNORECASE)
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
    format: str  # text/plain | text/html | text/markdown
    encoding: str
    original: str = ""  # the decoded text before HTML removal and tidying: what the document id hashes


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> SourceText:
    """The text of the document at ``path``, or :class:`UnreadableDocument`."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UnreadableDocument(f"{path}: not a file")
        if size > max_bytes:
            raise UnreadableDocument(
                f"{path}: {size / 1_048_576:.1f} MB is larger than the {max_bytes // 1_048_576} MB limit; "
                "split the document or extract the relevant part"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(f"{path}: no such file") from None
    except OSError as exc:
        raise UnreadableDocument(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_bytes(raw, str(path), path.suffix.lower())


def decode_bytes(raw: bytes, origin: str, suffix: str = "") -> SourceText:
    """Decode ``raw`` (UTF-8, else Windows-1252, else Latin-1); HTML becomes plain text."""
    if _looks_binary(raw):
        raise UnreadableDocument(f"{origin}: looks like a binary file, not text (expected .txt, .html or .md)")
    text, encoding = _decode(raw)
    original = text
    is_html = suffix in _HTML_SUFFIXES or (suffix not in _TEXT_SUFFIXES and _HTML_SNIFF.match(raw[:512]) is not None)
    if is_html:
        text = html_to_text(text)
    text = _tidy(text)
    if not text.strip():
        raise UnreadableDocument(f"{origin}: the document is empty (no text to extract)")
    fmt = "text/html" if is_html else "text/markdown" if suffix in {".md", ".markdown"} else "text/plain"
    return SourceText(text, fmt, encoding, original)


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
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = "\n".join([line.rstrip(" \t\u00a0") for line in text.split("\n")])  # faster than a regex per space
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


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
    lines = (line.strip() for line in "".join(collector.parts).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines))
