"""Benchmark: documents per second of ``graphapp.extract`` on one core, and a long PDF.

Generates a corpus of synthetic ~10 KB documents (project-bank pages and free
text, built from the reference tables, no real text) in a temporary folder, then
reads, decodes and extracts every one in this process, ``--repeat`` times, and
prints the best run as wall-clock and as CPU (``time.process_time``) rates. On a
machine shared with other work the CPU rate is the fairer figure.

Then it writes a PDF of ``--pdf-pages`` pages of such text (a real text layer, made
with PDFium's standard Helvetica: paragraphs of wrapped lines with gaps between
them) and times reading it (text layer, paragraphs rebuilt) and extracting it. Run:

    python benchmarks/bench_extract.py [--documents 1000] [--repeat 3] [--pdf-pages 200]
"""

from __future__ import annotations

import argparse
import ctypes
import io
import random
import tempfile
import textwrap
import time
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from graphapp.extract import Gazetteer, extract_text, load_gazetteer, read_document
from graphapp.paths import default_data_dir
from graphapp.tables import read_table

_FILLER = (
    "Projektet arbetar med kartläggning, språkstöd och praktik för nyanlända. "
    "Deltagarna får individuellt stöd och möter arbetsgivare tidigt. "
)


def _esf_page(rng: random.Random, names: list[str], index: int) -> str:
    chosen = rng.sample(names, 6)
    lines = [
        f"Projekt {index}",
        "",
        "ProgramområdeProgramområde 2 Ökat arbetskraftsutbud",
        "ProjektfasGenomförande",
        f"Projektägare{chosen[0]}s kommun",
        f"Beviljat ESF-stöd{rng.randint(1, 9)} 000 000 kr",
        "Total projektbudget12 000 000 kr",
        "Projektperiod2010-01-01 till 2012-12-31",
        "RegionNorra",
        "",
        "Sammanfattning",
        "",
    ]
    body = f"{chosen[1]}s kommun samverkar med Arbetsförmedlingen {chosen[2]} i projektet. " + _FILLER
    while sum(len(x) for x in lines) + len(body) < 9_500:
        body += _FILLER
    lines += [
        body,
        "",
        "Medfinansiärer",
        "",
        f" • Arbetsförmedlingen {chosen[3]}",
        " • Socialförvaltningen",
        "",
        "Kommun",
        "",
    ] + [f" • {n}" for n in chosen]
    return "\n".join(lines) + "\n"


def _free_text(rng: random.Random, names: list[str], index: int) -> str:
    a, b, c = rng.sample(names, 3)
    text = (
        f"Nyhet {index}\n\n{a}s kommun har drivit projektet Test {index} från 1 juni 2016 till 31 december 2018. "
        f"Projektet fick 2,3 miljoner kronor från AMIF. Projektet samverkar med {b}s kommun och Länsstyrelsen. "
        f"Deltagande kommuner: {a}, {b} och {c}.\n\n"
    )
    while len(text) < 10_000:
        text += _FILLER
    return text


def generate(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    rows = read_table(default_data_dir() / "reference" / "municipalities.csv", ("name",))
    names = [row["name"] for row in rows if not row["name"].endswith("s")]
    paths = []
    for index in range(count):
        path = folder / f"doc{index:05d}.txt"
        maker = _esf_page if index % 2 else _free_text
        path.write_text(maker(rng, names, index), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs over the corpus; the best is reported")
    parser.add_argument("--pdf-pages", type=int, default=200, help="pages of the long PDF (0: none)")
    args = parser.parse_args()
    gazetteer = load_gazetteer(default_data_dir() / "reference")
    walls: list[float] = []
    cpus: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.documents)
        size = sum(p.stat().st_size for p in paths) / len(paths)
        for run in range(max(1, args.repeat)):
            elapsed, cpu, relationships = _run(paths, gazetteer)
            walls.append(elapsed)
            cpus.append(cpu)
            print(f"run {run + 1}: wall {len(paths) / elapsed:.0f} docs/s, cpu {len(paths) / cpu:.0f} docs/s")
    print(f"{len(paths)} documents of {size / 1024:.1f} KB on average, {relationships} relationships")
    print(f"wall {min(walls):.2f} s: {len(paths) / min(walls):.0f} documents/second (best of {len(walls)})")
    print(
        f"cpu  {min(cpus):.2f} s: {len(paths) / min(cpus):.0f} documents/second of CPU time, one core "
        f"(best of {len(cpus)})"
    )
    if args.pdf_pages:
        _long_pdf(args.pdf_pages, gazetteer)


def _long_pdf(pages: int, gazetteer: Gazetteer) -> None:
    rng = random.Random(2)
    rows = read_table(default_data_dir() / "reference" / "municipalities.csv", ("name",))
    names = [row["name"] for row in rows if not row["name"].endswith("s")]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.pdf"
        path.write_bytes(_pdf([_free_text(rng, names, index) for index in range(pages)]))
        size = path.stat().st_size
        started, cpu_started = time.perf_counter(), time.process_time()
        source = read_document(path)
        read, cpu_read = time.perf_counter() - started, time.process_time() - cpu_started
        draft = extract_text(source.text, path.name, gazetteer, source.format, source.original)
        total, cpu_total = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"{pages}-page PDF ({size / 1024:.0f} KB, {len(source.text) / 1024:.0f} KB "
        f"of text, {len(draft.relationships)} relationships): read {read:.2f} s (cpu {cpu_read:.2f}), "
        f"read and extract {total:.2f} s (cpu {cpu_total:.2f}); target under 10 s"
    )


def _pdf(page_texts: list[str]) -> bytes:
    """A PDF with a text layer: each text wrapped at 95 characters, one line per text object."""
    document = pdfium.PdfDocument.new()
    for text in page_texts:
        page = document.new_page(595, 842)
        y = 800.0
        for paragraph in text.split("\n\n"):
            for line in textwrap.wrap(paragraph, 95):
                if y < 40:
                    break
                obj = pdfium_c.FPDFPageObj_NewTextObj(document, b"Helvetica", 9.0)
                buffer = ctypes.create_string_buffer((line + "\x00").encode("utf-16-le"))
                pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
                pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 50, y)
                pdfium_c.FPDFPage_InsertObject(page.raw, obj)
                y -= 12
            y -= 12
        page.gen_content()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _run(paths: list[Path], gazetteer: Gazetteer) -> tuple[float, float, int]:
    """Read and extract every document once: wall seconds, CPU seconds, relationships found."""
    started, cpu_started = time.perf_counter(), time.process_time()
    relationships = 0
    for path in paths:
        source = read_document(path)
        relationships += len(
            extract_text(source.text, path.name, gazetteer, source.format, source.original).relationships
        )
    return time.perf_counter() - started, time.process_time() - cpu_started, relationships


if __name__ == "__main__":
    main()
