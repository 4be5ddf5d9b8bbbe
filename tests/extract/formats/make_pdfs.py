"""How the PDFs of ``chromium-serif/``, ``chromium-sans/`` and ``fpdf2/`` were made from the corpus's text.

Run from the repository root (Chromium at ``/usr/bin/chromium``, the dev extra installed)::

    python tests/extract/formats/make_pdfs.py

* ``chromium-serif/`` and ``chromium-sans/``: each text as a plain HTML page (the first line a
  heading, every other line a paragraph), printed by headless Chromium's own ``--print-to-pdf``,
  as a browser prints a page: A5 paper, so lines wrap, with the browser's header and footer
  (date, title, address, page number). DejaVu Serif and DejaVu Sans, 12 pt; Chromium kerns
  (``Va``, ``Tö``) and sets ligatures (``ffi``), and breaks words at their soft hyphens.
* ``chromium-columns/``: one text printed the same way on A4 with its paragraphs in two columns
  (CSS ``column-count: 2``) under a full-width heading.
* ``fpdf2/``: each text written with fpdf2's ``multi_cell`` in DejaVu Sans, 11 pt, justified,
  on A4 (another PDF writer: its own line breaking, text objects of its own).

The texts are public documents quoted unchanged for testing (``../corpus/README.md``).
"""

from __future__ import annotations

import html
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus" / "docs"
CHROMIUM = "/usr/bin/chromium"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
PRINTED = {  # corpus text -> printed by Chromium in both fonts
    "20_lst_jonkoping_2019_66_miljoner",
    "26_lst_kronoberg_regional_overenskommelse",
    "27_etablering_sodertorn_vb_2017",
}
IN_COLUMNS = {"26_lst_kronoberg_regional_overenskommelse"}  # printed by Chromium in two columns
WRITTEN = {  # corpus text -> written with fpdf2
    "10_itpedagogen_23_miljoner_etablering",
    "14_sr_kristinehamn_invandrarprojekt",
    "27_etablering_sodertorn_vb_2017",
}
_PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>
<style>@page {{ size: {paper}; }} body {{ font-family: "{font}"; font-size: 12pt; }}
.columns {{ column-count: {columns}; column-gap: 1cm; }}</style></head><body>
{body}</body></html>"""


def _page(text: str, font: str, columns: int = 1) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    source, heading, paragraphs = lines[0], lines[1], lines[2:]
    body = [f"<p>{html.escape(source)}</p>", f"<h1>{html.escape(heading)}</h1>", '<div class="columns">']
    body += [f"<p>{html.escape(p)}</p>" for p in paragraphs] + ["</div>"]
    paper = "A5" if columns == 1 else "A4"
    return _PAGE.format(title=html.escape(heading), font=font, body="\n".join(body), paper=paper, columns=columns)


def print_with_chromium(name: str, font: str, folder: Path, columns: int = 1) -> None:
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / f"{name}.html"
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
        page.write_text(_page(text, font, columns), encoding="utf-8")
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={folder / name}.pdf", str(page)],
            check=True,
            capture_output=True,
        )


def write_with_fpdf2(name: str, folder: Path) -> None:
    from fpdf import FPDF

    folder.mkdir(exist_ok=True)
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for line in (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            pdf.multi_cell(0, 5.5, line, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(folder / f"{name}.pdf"))


def main() -> None:
    for name in sorted(PRINTED):
        print_with_chromium(name, "DejaVu Serif", HERE / "chromium-serif")
        print_with_chromium(name, "DejaVu Sans", HERE / "chromium-sans")
    for name in sorted(IN_COLUMNS):
        print_with_chromium(name, "DejaVu Serif", HERE / "chromium-columns", columns=2)
    for name in sorted(WRITTEN):
        write_with_fpdf2(name, HERE / "fpdf2")


if __name__ == "__main__":
    main()
