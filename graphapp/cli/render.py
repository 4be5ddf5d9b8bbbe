"""``graphapp render VIEW [KEY=VALUE …] --out FILE.html [--tables]``: one standalone HTML file (any view, the
timeline too).

The file inlines vis-network, the page scripts and style, the view's data and, for a geographic view,
the map, so it opens from ``file://`` with no network at all; its download menu makes PNG and SVG there, and
gives the node and relationship tables (XLSX, CSV) written into it. ``--tables`` also writes those tables beside
it: ``FILE-tables.xlsx`` and ``FILE-nodes.csv``, ``FILE-relationships.csv`` in the language's CSV dialect.
"""

from __future__ import annotations

from pathlib import Path

import click

from graphapp.config import load_settings
from graphapp.store import opened
from graphapp.table_files import table_file
from graphapp.views.i18n import LANGS
from graphapp.views.page import standalone_page
from graphapp.views.params import VIEWS
from graphapp.views.tables import table_stems, view_tables

__all__ = ["render"]


@click.command()
@click.argument("view", type=click.Choice(VIEWS))
@click.argument("params", nargs=-1, metavar="[KEY=VALUE]...")
@click.option(
    "--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The HTML file to write."
)
@click.option("--lang", type=click.Choice(LANGS), default="sv", show_default=True, help="Language of the page.")
@click.option(
    "--tables",
    is_flag=True,
    help="Also write FILE-tables.xlsx and a CSV file of each table: FILE-nodes.csv and FILE-relationships.csv "
    "(a timeline: FILE-projects.csv and FILE-links.csv), UTF-8 with a BOM, ';' between cells in Swedish, ',' in "
    "English.",
)
def render(view: str, params: tuple[str, ...], out: Path, lang: str, tables: bool) -> None:
    """Write VIEW as one standalone HTML file that works offline.

    \b
    Examples:
      graphapp render overview --out network.html
      graphapp render actor id=municipality:1766 depth=2 --out sunne.html
      graphapp render county county=07 layout=geo --lang en --out kronoberg.html
      graphapp render projection kind=municipality --out projection.html
      graphapp render project id=project:integration-pa-g --tables --out integration-pa-g.html
      graphapp render timeline county=20 group=fund --out dalarna-timeline.html
    """
    query: dict[str, list[str]] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: expected KEY=VALUE, e.g. id=municipality:1766", param_hint="PARAMS")
        query.setdefault(key.strip(), []).append(value)
    settings = load_settings()
    with opened(settings) as store:
        html, payload = standalone_page(store, view, query, lang, settings.reference_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    click.echo(f"Wrote {out} ({len(html.encode('utf-8')) / 1024:.0f} kB): open it in a browser, no network needed.")
    if tables:
        first, second = view_tables(payload, lang)
        stems = table_stems(view)
        for name, content in (
            ("tables.xlsx", table_file([first, second], "xlsx", lang)),
            (f"{stems[0]}.csv", table_file([first], "csv", lang)),
            (f"{stems[1]}.csv", table_file([second], "csv", lang)),
        ):
            table = out.with_name(f"{out.stem}-{name}")
            table.write_bytes(content)
            click.echo(f"Wrote {table}")
