"""A project-bank page of a project the curated data does not have, as text and as a PDF."""

from __future__ import annotations

from pathlib import Path

#: The page in the layout of the ESF project bank's old pages (like the seed of Integration på G!).
PAGE = """Språkvänner Kronoberg

ProgramområdeProgramområde 2 Ökat arbetskraftsutbud
ProjektfasGenomförande
ProjektägareAlvesta kommun
Beviljat ESF-stöd1 250 000 kr
Total projektbudget2 600 000 kr
Projektperiod2012-01-01 till 2013-12-31
RegionSmåland och Öarna

Sammanfattning

Språkvänner Kronoberg ger nyanlända i Alvesta och Ljungby språkstöd genom frivilliga språkvänner.

Medfinansiärer

 • Arbetsförmedlingen Ljungby
 • Regionförbundet södra Småland
 • Socialförvaltningen

Kommun

 • Alvesta
 • Ljungby
"""
PROJECT = "project:sprakvanner-kronoberg"


def page_pdf(path: Path) -> Path:
    """The page as a PDF with a text layer (fpdf2, a core font: Latin-1 covers Swedish)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in PAGE.splitlines():
        pdf.multi_cell(0, 6, line.replace("•", "-") or " ", new_x="LMARGIN", new_y="NEXT")  # Latin-1 has no bullet
    pdf.output(str(path))
    return path
