"""What every page of the app shares around its content: the navigation between the app's pages.

A new page (the curator's review page, say) adds its item in :func:`nav_items` and includes
``_topbar.html``; nothing else needs to change.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphapp.views.i18n import words
from graphapp.views.params import ViewParams
from graphapp.views.urls import Urls

__all__ = ["NavItem", "nav_items"]


@dataclass(frozen=True, slots=True)
class NavItem:
    href: str
    label: str
    current: bool


def nav_items(current: str, urls: Urls, lang: str) -> list[NavItem]:
    """The top bar's links; ``current`` names the page shown (a view name, ``geo``, ``workbench``, ``schema``
    or ``curate``)."""
    t = words(lang)
    return [
        NavItem(urls.page("overview", None, lang), t("view_overview"), current == "overview"),
        NavItem(urls.page("projection", None, lang), t("view_projection"), current == "projection"),
        NavItem(urls.page("overview", ViewParams(layout="geo"), lang), t("layout_geo"), current == "geo"),
        NavItem(urls.page("timeline", None, lang), t("view_timeline"), current == "timeline"),
        NavItem(urls.workbench(None, None, lang), t("workbench"), current == "workbench"),
        NavItem(urls.schema(lang), t("schema"), current == "schema"),
        NavItem(urls.curate(lang), t("curate"), current == "curate"),
    ]
