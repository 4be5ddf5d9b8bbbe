"""WCAG 2.1 AA contrast of the explorer's colours, computed from the stylesheet and
the node palette: text at least 4.5:1 (SC 1.4.3), shape and control boundaries at
least 3:1 against what they sit on (SC 1.4.11)."""

from __future__ import annotations

import re

import pytest

from graphapp.views.network import EDGE_STYLES, STYLES
from tests.conftest import ROOT

CSS = (ROOT / "graphapp" / "static" / "explorer.css").read_text(encoding="utf-8")
VARS = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", CSS))


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_on_known_pairs() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("text", "bg"),
        ("text", "panel"),
        ("muted", "bg"),
        ("muted", "panel"),
        ("link", "bg"),
        ("link", "panel"),
        ("text", "#fff4d6"),
        ("text", "#ffffe0"),
        ("text", "#dde8f5"),
        ("#ffffff", "accent"),
    ],
)
def test_text_has_at_least_4_5_to_1(text: str, background: str) -> None:
    fg, bg = VARS.get(text, text), VARS.get(background, background)
    assert contrast(fg, bg) >= 4.5, (text, background)


@pytest.mark.parametrize("kind", sorted(STYLES))
def test_node_borders_stand_out_from_the_canvas(kind: str) -> None:
    assert contrast(STYLES[kind]["border"], VARS["bg"]) >= 3.0


def test_node_labels_are_readable_on_the_canvas() -> None:
    assert contrast("#111111", VARS["bg"]) >= 4.5  # network.py draws labels #111111 with a white halo


@pytest.mark.parametrize("colour", [*(s["color"] for s in EDGE_STYLES.values()), "line", "focus"])
def test_lines_and_focus_ring_have_at_least_3_to_1(colour: str) -> None:
    assert contrast(VARS.get(colour, colour), VARS["bg"]) >= 3.0
