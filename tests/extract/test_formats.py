"""The formats people have: the same text as .txt, .pdf and .docx gives the same draft, and a file
that cannot be read gives one clear line naming it while the rest of the batch goes on."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from graphapp.cli import cli
from graphapp.extract import Gazetteer, UnreadableDocument, extract_text, read_document

FORMATS = Path(__file__).parent / "formats"
CORPUS = Path(__file__).parent / "corpus" / "docs"
NAMES = sorted({p.stem for p in FORMATS.glob("*.pdf")})
#: PDFs of corpus texts from other producers (make_pdfs.py): Chromium's print to PDF, fpdf2.
PRODUCED = sorted(str(p.relative_to(FORMATS)) for p in FORMATS.glob("*/*.pdf"))
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _draft(path: Path, gazetteer: Gazetteer) -> tuple[Any, ...]:
    source = read_document(path)
    out = extract_text(source.text, path.stem, gazetteer, source.format, source.original, source.url).to_json()
    rels = sorted((r["type"], r["start"], r["end"], r["evidence"], r["confidence"]) for r in out["relationships"])
    return out["document"]["title"], out["document"].get("url"), out["nodes"], rels, out["warnings"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_same_draft_in_every_format(gazetteer: Gazetteer, name: str, suffix: str) -> None:
    text = _draft(CORPUS / f"{name}.txt", gazetteer)
    assert text[3], "the document proposes relationships"
    assert _draft(FORMATS / f"{name}{suffix}", gazetteer) == text


@pytest.mark.parametrize("pdf", PRODUCED)
def test_printed_pdf_reads_as_its_text_and_gives_the_same_draft(gazetteer: Gazetteer, pdf: str) -> None:
    """Chromium kerns and sets ligatures, wraps lists and paragraphs across lines and pages, and prints
    a header and footer; fpdf2 justifies: the text read is the text written, paragraph for paragraph."""
    path = FORMATS / pdf
    text = CORPUS / f"{path.stem}.txt"
    paragraphs = [line for line in read_document(path).text.splitlines() if line.strip()]
    assert paragraphs == [line for line in read_document(text).text.splitlines() if line.strip()]
    assert _draft(path, gazetteer) == _draft(text, gazetteer)


def _written(lines: list[str], folder: Path) -> Path:
    """A PDF whose lines break where ``lines`` do (fpdf2, DejaVu Sans)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for number, line in enumerate(lines):
        pdf.text(20, 30 + 5.5 * number, line)
    path = folder / "written.pdf"
    pdf.output(str(path))
    return path


def test_pdf_lines_join_into_sentences_and_hyphenated_words_are_whole(tmp_path: Path) -> None:
    source = read_document(
        _written(
            [
                "Projektet drivs i sam-",
                "verkan med Arbetsförmedlingen i Malung-",
                "Sälen och kommunerna Avesta, Borlänge och",
                "Falun. Det gäller etablering i arbets-",
                "och samhällslivet och ett ESF-",
                "projekt.",
            ],
            tmp_path,
        )
    )
    assert source.text == (
        "Projektet drivs i samverkan med Arbetsförmedlingen i Malung-Sälen och kommunerna Avesta, Borlänge "
        "och Falun. Det gäller etablering i arbets- och samhällslivet och ett ESF-projekt.\n"
    )


def test_pdf_paragraphs_are_joined_and_the_source_line_is_the_address() -> None:
    source = read_document(FORMATS / "26_lst_kronoberg_regional_overenskommelse.pdf")
    assert source.url is not None and source.url.endswith("i-lanet.html") and " " not in source.url
    assert "De samverkande parterna i överenskommelsen är Arbetsförmedlingen, Försäkringskassan," in source.text
    assert source.format == "application/pdf" and not source.text.startswith("SOURCE")


def _scanned_pdf() -> bytes:
    """A page with a picture and no text, as a scanner makes it."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    bitmap = pdfium.PdfBitmap.new_native(200, 100, pdfium.raw.FPDFBitmap_BGR)
    bitmap.fill_rect((90, 90, 90, 255), 0, 0, 200, 100)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(400, 200).translate(100, 500))
    page.insert_obj(image)
    page.gen_content()
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    good_pdf = (FORMATS / f"{NAMES[0]}.pdf").read_bytes()
    files = {
        "scan-only pdf": (tmp / "scan.pdf", _scanned_pdf(), "no text layer"),
        "truncated pdf": (tmp / "cut.pdf", good_pdf[:2000], "not a readable PDF"),
        "corrupt docx": (tmp / "broken.docx", b"PK\x03\x04" + b"not a zip archive" * 30, "not a valid .docx"),
        "empty docx": (tmp / "empty.docx", b"", "empty"),
        "binary txt": (tmp / "binary.txt", bytes(range(256)) * 40, "binary"),
        "empty txt": (tmp / "empty.txt", b"", "empty"),
    }
    out = {}
    for case, (path, data, message) in files.items():
        path.write_bytes(data)
        out[case] = (path, message)
    big = tmp / "big.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.4\n" + b"0" * (31 * 1024 * 1024))
    out["oversize pdf"] = (big, "MB limit")
    return out


@pytest.mark.parametrize(
    "case",
    ["scan-only pdf", "truncated pdf", "corrupt docx", "empty docx", "binary txt", "empty txt", "oversize pdf"],
)
def test_bad_file_gives_one_line_and_the_batch_completes(tmp_path: Path, case: str) -> None:
    path, message = _bad_files(tmp_path)[case]
    with pytest.raises(UnreadableDocument) as raised:
        read_document(path)
    assert str(path) in raised.value.detail and message in raised.value.detail and "\n" not in raised.value.detail
    good = FORMATS / f"{NAMES[0]}.docx"
    result = CliRunner().invoke(cli, ["extract", "--json", str(path), str(good)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(path) in errors[0] and message in errors[0]
    objects = json.loads(result.stdout)
    assert [o["file"] for o in objects] == [str(path), str(good)] and objects[1]["relationships"]
