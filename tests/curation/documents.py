"""Documents of projects the curated data does not have: a project-bank page (as text and as a PDF), a news item."""

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


#: A short local news item written for the tests (in the manner of a municipality's news page): a church
#: runs a project with three sports clubs, co-funded by the municipality. The extractor finds little in it.
NEWS_ITEM = """Idrott och gemenskap för nyanlända i Vansbro

Svenska kyrkan i Vansbro startar i höst projektet Vänskap på planen, där nyanlända och etablerade möts \
genom idrott. Vansbro kommun bidrar med 150 000 kronor till projektet. Aktiviteterna genomförs tillsammans \
med Vansbro IK, Järna SK och Dala-Järna IK. Projektet pågår från augusti 2024 till juni 2025.
"""
VANSBRO = "municipality:2021"
