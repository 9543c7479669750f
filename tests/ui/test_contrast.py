"""Every bundled colour keeps its text legible: at least 4.5:1 (WCAG AA) in light, dark and high contrast.

Colours are checked as they are drawn: a theme's highlight under the palette's text, an
annotation's translucent tag tint blended on the page (and on a theme highlight under it),
a perspective badge under the text chosen for it, selections, find hits and the header of the
active pane. Outlines and marks that carry no text need 3:1 against what lies around them.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QColor

from itertools import combinations

from reader.core.colors import color_difference, contrast_ratio
from reader.core.paths import RESOURCES_DIR
from reader.core.themes import BUNDLED_LEXICON, load_lexicon_file
from reader.ui.annotation_controller import TAG_COLOURS, UNTAGGED_COLOUR, tag_tint
from reader.ui.appearance import Appearance, ColorScheme, badge_colors, palette_colors
from reader.ui.document_view import CURRENT_FIND_COLOR, FIND_COLOR, FIND_LAYER, DocumentView
from reader.ui.pane import _mix

TEXT, NON_TEXT = 4.5, 3.0
SEEN_APART = 20.0  # colour difference (CIE76) of two colours told apart at a glance, on a projector too
APPEARANCES = {"light": Appearance(ColorScheme.LIGHT), "dark": Appearance(ColorScheme.DARK), "high contrast": Appearance(high_contrast=True)}
THEMES = load_lexicon_file(BUNDLED_LEXICON)


def over(top: QColor, background: str) -> str:
    """`top` (maybe translucent) painted on an opaque `background`, as `#rrggbb`."""
    alpha, under = top.alphaF(), QColor(background)
    channels = (
        round(top.red() * alpha + under.red() * (1 - alpha)),
        round(top.green() * alpha + under.green() * (1 - alpha)),
        round(top.blue() * alpha + under.blue() * (1 - alpha)),
    )
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def highlight_of(theme, appearance: Appearance) -> str:
    """The background a theme's passages get (reader.ui.theme_layer)."""
    return theme.color_dark if appearance.is_dark() else theme.color_light


def test_the_lexicon_and_tag_colours_are_all_covered():
    assert len(THEMES) >= 4 and {"missile-programme", "railway-link", "abm-treaty", "sovereignty"} <= {t.id for t in THEMES}
    assert len(TAG_COLOURS) == len(set(TAG_COLOURS)) >= 8


@pytest.mark.parametrize("name", APPEARANCES)
def test_every_theme_highlight_keeps_the_text_legible(name):
    appearance, colors = APPEARANCES[name], palette_colors(APPEARANCES[name])
    for theme in THEMES:
        background = highlight_of(theme, appearance)
        assert QColor(background).isValid(), (theme.id, background)
        assert contrast_ratio(background, colors["text"]) >= TEXT, (theme.id, name, background)


@pytest.mark.parametrize("name", APPEARANCES)
def test_every_theme_highlight_stands_out_from_the_page_the_find_hits_and_each_other(name):
    appearance, colors = APPEARANCES[name], palette_colors(APPEARANCES[name])
    highlights = {theme.id: highlight_of(theme, appearance) for theme in THEMES}
    for theme_id, colour in highlights.items():
        assert color_difference(colour, colors["base"]) >= SEEN_APART, (theme_id, name, colour)
        assert color_difference(colour, FIND_COLOR.name()) >= SEEN_APART, (theme_id, name, colour)
    for (first, first_colour), (second, second_colour) in combinations(highlights.items(), 2):
        assert color_difference(first_colour, second_colour) >= SEEN_APART, (first, second, name)


@pytest.mark.parametrize("name", APPEARANCES)
def test_every_tag_tint_keeps_the_text_legible_on_the_page_and_over_a_theme(name):
    appearance, colors = APPEARANCES[name], palette_colors(APPEARANCES[name])
    for colour in (*TAG_COLOURS, UNTAGGED_COLOUR):
        tint = tag_tint(colour)
        assert 0 < tint.alpha() < 255, "a tint, so the text and any theme under it stay visible"
        on_page = over(tint, colors["base"])
        assert contrast_ratio(on_page, colors["text"]) >= TEXT, (colour, name, on_page)
        for theme in THEMES:  # an annotation on a theme passage: the tint is drawn over the highlight
            blended = over(tint, highlight_of(theme, appearance))
            assert contrast_ratio(blended, colors["text"]) >= TEXT, (colour, theme.id, name, blended)


def test_a_drawn_annotation_uses_the_tested_tint(make_window):
    window = make_window("kremlin-2001-08-04")
    pane = window.pane_area.panes()[0]
    tag_id = window.annotations.create_tag("Security")
    tag = next(t for t in window.annotations.content.codebook if t.id == tag_id)
    start = pane.view.text.index("ABM Treaty")
    pane.view.select_range(start, start + len("ABM Treaty"))
    window.annotations.tag_selection(pane, tag.id)
    (highlight,) = window.annotations.layer_for(pane).items
    assert highlight.format.background().color() == tag_tint(tag.color)
    assert tag.color in TAG_COLOURS


@pytest.mark.parametrize("name", APPEARANCES)
def test_every_perspective_badge_is_legible(name):
    with open(RESOURCES_DIR / "styles" / "perspectives.json", encoding="utf-8") as handle:
        perspectives = [key for key in json.load(handle) if not key.startswith("_")]
    assert "unknown" in perspectives and len(perspectives) >= 5
    for perspective in perspectives:
        background, text = badge_colors(perspective, APPEARANCES[name])
        assert contrast_ratio(background, text) >= TEXT, (perspective, name, background, text)


@pytest.mark.parametrize("name", APPEARANCES)
def test_palette_text_pairs_are_legible(name):
    colors = palette_colors(APPEARANCES[name])
    pairs = {
        "text on the page": ("text", "base"),
        "text on alternate rows": ("text", "alternate_base"),
        "window text": ("window_text", "window"),
        "button text": ("button_text", "button"),
        "selected text on the selection": ("highlighted_text", "highlight"),
        "tooltips": ("tooltip_text", "tooltip_base"),
        "placeholder text": ("placeholder", "base"),
        "links": ("link", "base"),
    }
    for what, (foreground, background) in pairs.items():
        assert contrast_ratio(colors[foreground], colors[background]) >= TEXT, (what, name)


@pytest.mark.parametrize("name", APPEARANCES)
def test_the_active_pane_header_keeps_its_text_legible(name):
    colors = palette_colors(APPEARANCES[name])
    tinted = _mix(QColor(colors["window"]), QColor(colors["highlight"]), 0.22).name()  # as DocumentPane paints it
    assert contrast_ratio(tinted, colors["window_text"]) >= TEXT, name


def test_find_hits_are_legible(qapp):
    view = DocumentView()
    view.set_find_hits([(0, 0)], -1)
    (hit,) = view.layer(FIND_LAYER).items
    text = hit.format.foreground().color().name()
    assert hit.format.background().color() == FIND_COLOR
    for background in (FIND_COLOR, CURRENT_FIND_COLOR):  # the same in every appearance
        assert contrast_ratio(background.name(), text) >= TEXT, background.name()


def _hue_gap(first: str, second: str) -> int:
    """Degrees between two colours' hues, around the colour wheel."""
    gap = abs(QColor(first).hslHue() - QColor(second).hslHue())
    return min(gap, 360 - gap)


@pytest.mark.parametrize("name", APPEARANCES)
def test_the_current_find_hit_stands_out_from_the_others(name):
    # The current hit is selected, so it is drawn in the selection's colour; the others in FIND_COLOR.
    selection = palette_colors(APPEARANCES[name])["highlight"]
    assert _hue_gap(selection, FIND_COLOR.name()) >= 60, (selection, name)


@pytest.mark.parametrize("name", APPEARANCES)
def test_focus_ring_outlines_and_markers_stand_out(name):
    appearance, colors = APPEARANCES[name], palette_colors(APPEARANCES[name])
    for surface in ("window", "base", "button"):
        assert contrast_ratio(colors["focus"], colors[surface]) >= NON_TEXT, ("focus ring", surface, name)
        assert contrast_ratio(colors["boundary"], colors[surface]) >= NON_TEXT, ("outline", surface, name)
    strip = QColor(colors["window"]).darker(105).name()  # the marker strip's background
    for theme in THEMES:  # marks use the stronger variant: the other one than the highlight's
        mark = theme.color_light if appearance.is_dark() else theme.color_dark
        assert contrast_ratio(mark, strip) >= NON_TEXT, (theme.id, name, mark)
