"""Theme highlights in the panes, the Themes dock, shared-only, navigation and tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.theme_spans import SpanColumns
from reader.core.themes import load_themes
from reader.ui.appearance import Appearance, ColorScheme
from reader.ui.document_view import THEME_LAYER

KREMLIN_2001, KREMLIN_2000, VOA = "kremlin-2001-08-04", "kremlin-2000-07-19", "voa-2002-08-23"


def drawn(view, theme_label: str) -> list[str]:
    """Texts of the highlights of one theme in the view's theme layer (whole document)."""
    return [view.text[h.start : h.end] for h in view.layer(THEME_LAYER).items if h.format.toolTip() == theme_label]


def on_screen_backgrounds(view) -> set[str]:
    return {s.format.background().color().name() for s in view.extraSelections() if s.format.background().style() != Qt.BrushStyle.NoBrush}


def test_highlights_appear_in_two_panes_in_the_theme_colour(make_window):
    window = make_window(KREMLIN_2001, KREMLIN_2000)
    first, second = (pane.view for pane in window.pane_area.panes())
    assert "sovereignty" in drawn(first, "Sovereignty") and "sovereignty" in drawn(second, "Sovereignty")
    assert drawn(first, "ABM Treaty") == ["1972 ABM Treaty"]
    sovereignty = next(t for t in load_themes() if t.id == "sovereignty")
    highlight = next(h for h in first.layer(THEME_LAYER).items if h.format.toolTip() == "Sovereignty")
    assert highlight.format.background().color().name() == sovereignty.color_light
    first.select_range(highlight.start, highlight.end)  # bring it on screen
    first.refresh_highlights()
    assert sovereignty.color_light in on_screen_backgrounds(first)


def test_hiding_a_theme_removes_its_highlights_and_showing_restores_them(make_window):
    window = make_window(KREMLIN_2001)
    view = window.pane_area.panes()[0].view
    model = window.themes_dock.model
    row = next(r for r, t in enumerate(model.themes) if t.id == "sovereignty")
    model.setData(model.index(row, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert drawn(view, "Sovereignty") == [] and drawn(view, "ABM Treaty")
    model.setData(model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(drawn(view, "Sovereignty")) == 4
    window.themes_dock.highlights_box.setChecked(False)
    assert len(view.layer(THEME_LAYER)) == 0


def test_shared_themes_only_hides_a_theme_found_in_one_pane(make_window):
    window = make_window(KREMLIN_2001, VOA)  # ABM only in the first; economic cooperation in both
    kremlin, voa = (pane.view for pane in window.pane_area.panes())
    window.themes_dock.shared_box.setChecked(True)
    assert drawn(kremlin, "ABM Treaty") == []
    assert drawn(kremlin, "Economic and energy cooperation") and drawn(voa, "Economic and energy cooperation")
    assert "abm-treaty" not in {t.id for t in window.themes_dock.model.themes}
    window.themes_dock.shared_box.setChecked(False)
    assert drawn(kremlin, "ABM Treaty") == ["1972 ABM Treaty"]


def test_dock_counts_per_pane_and_click_jumps_to_the_first(make_window):
    window = make_window(KREMLIN_2001, KREMLIN_2000)
    model = window.themes_dock.model
    row = next(r for r, t in enumerate(model.themes) if t.id == "missile-programme")
    counts = [model.index(row, column).data() for column in (1, 2)]
    spans = [[s for s in window.themes.spans[p] if s.theme == "missile-programme"] for p in window.pane_area.panes()]
    assert counts == [str(len(spans[0])), str(len(spans[1]))] and int(counts[1]) > 5
    window.themes_dock.table.clicked.emit(model.index(row, 2))
    second = window.pane_area.panes()[1]
    assert window.pane_area.active_pane is second
    assert second.view.selection_offsets() == (spans[1][0].start, spans[1][0].end)


def test_next_and_previous_occurrence_move_the_cursor(make_window):
    window = make_window(KREMLIN_2000)
    pane = window.pane_area.panes()[0]
    spans = [s for s in window.themes.spans[pane] if s.theme == "missile-programme"]
    window.themes_dock.select_theme("missile-programme")
    window.actions.next_theme.trigger()
    assert pane.view.selection_offsets() == (spans[0].start, spans[0].end)
    window.actions.next_theme.trigger()
    window.actions.next_theme.trigger()
    assert pane.view.selection_offsets() == (spans[2].start, spans[2].end)
    window.actions.previous_theme.trigger()
    assert pane.view.selection_offsets() == (spans[1].start, spans[1].end)


def test_hovering_a_highlight_names_its_themes_as_plain_text(make_window):
    window = make_window(KREMLIN_2001)
    view = window.pane_area.panes()[0].view
    offset = view.text.index("ABM Treaty") + 2
    assert view.tooltip_at(offset) == "ABM Treaty"
    assert view.tooltip_at(view.text.index("magnesium")) == ""


def test_overlapping_themes_draw_the_second_as_an_underline(make_window, tmp_path):
    path = tmp_path / "overlap.txt"
    path.write_text("The nuclear missile programme was discussed.\n", encoding="utf-8")
    window = make_window(str(path))
    view = window.pane_area.panes()[0].view
    items = view.layer(THEME_LAYER).items
    assert {h.format.toolTip() for h in items} >= {"Missile programme", "Nuclear programme"}
    assert any(h.format.fontUnderline() for h in items) and any(not h.format.fontUnderline() for h in items)


def test_dark_appearance_uses_the_dark_colours(make_window):
    window = make_window(KREMLIN_2001)
    window.set_appearance(Appearance(ColorScheme.DARK))
    view = window.pane_area.panes()[0].view
    abm = next(t for t in load_themes() if t.id == "abm-treaty")
    highlight = next(h for h in view.layer(THEME_LAYER).items if h.format.toolTip() == "ABM Treaty")
    assert highlight.format.background().color().name() == abm.color_dark


def test_the_legend_swatch_shows_the_highlight_edged_in_the_strips_colour(make_window):
    window = make_window(KREMLIN_2001)
    model = window.themes_dock.model
    for appearance in (Appearance(ColorScheme.LIGHT), Appearance(ColorScheme.DARK), Appearance(high_contrast=True)):
        window.set_appearance(appearance)
        dark = appearance.is_dark()
        for row, theme in enumerate(model.themes):
            image = model.index(row, 0).data(Qt.ItemDataRole.DecorationRole).pixmap(14, 14).toImage()
            highlight, mark = (theme.color_dark, theme.color_light) if dark else (theme.color_light, theme.color_dark)
            assert (image.pixelColor(7, 7).name(), image.pixelColor(0, 0).name()) == (highlight, mark), (theme.id, appearance)


def test_marker_strip_marks_every_visible_occurrence_and_a_click_jumps(make_window, qtbot):
    window = make_window(KREMLIN_2000)
    pane = window.pane_area.panes()[0]
    spans = window.themes.spans[pane]
    assert pane.markers.mark_count == len(spans) > 10
    window.themes_dock.shared_box.setChecked(False)
    model = window.themes_dock.model
    row = next(r for r, t in enumerate(model.themes) if t.id == "missile-programme")
    model.setData(model.index(row, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert pane.markers.mark_count == len([s for s in spans if s.theme != "missile-programme"])
    last = max((s for s in spans if s.theme != "missile-programme"), key=lambda s: s.start)
    height = pane.markers.height() - 4
    y = 2 + int(last.start / len(pane.view.text) * height)
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(pane.markers, Qt.MouseButton.LeftButton, pos=QPoint(5, y))
    start, end = pane.view.selection_offsets()
    assert pane.markers.mark_near(y) is not None and (start, end) == pane.markers.mark_near(y)[1:3]
    assert pane.view.verticalScrollBar().value() > 0  # scrolled down to it


def test_marker_strip_paints_its_marks_and_repaints_when_themes_or_appearance_change(make_window, qtbot):
    window = make_window(KREMLIN_2000)
    window.themes_dock.shared_box.setChecked(False)
    pane = window.pane_area.panes()[0]
    strip = pane.markers
    last = max(window.themes.spans[pane], key=lambda s: s.start)
    row = 2 + int((last.start * 2048 // len(pane.view.text) + 0.5) / 2048 * (strip.height() - 4))
    theme = next(t for t in load_themes() if t.id == last.theme)
    assert strip.grab().toImage().pixelColor(5, row).name() == theme.color_dark  # the strong colour on a light page
    model = window.themes_dock.model
    model.setData(model.index(next(r for r, t in enumerate(model.themes) if t.id == last.theme), 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert strip.grab().toImage().pixelColor(5, row).name() != theme.color_dark
    light_background = strip.grab().toImage().pixelColor(5, 0).name()
    window.set_appearance(Appearance(ColorScheme.DARK))
    # Widgets take a new application palette through a queued event; the drawn strip must follow it.
    qtbot.waitUntil(lambda: strip.grab().toImage().pixelColor(5, 0).lightness() < 100, timeout=3000)
    assert light_background != strip.grab().toImage().pixelColor(5, 0).name()


def test_a_broken_user_theme_file_is_reported_and_the_bundled_themes_are_used(make_window):
    from reader.core.themes import user_lexicon_path

    path = user_lexicon_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": "parallel-reader/themes", "version": 1, "themes": [', encoding="utf-8")
    window = make_window(KREMLIN_2001)
    assert "themes.json" in window.last_error and "line 1" in window.last_error
    assert drawn(window.pane_area.panes()[0].view, "ABM Treaty") == ["1972 ABM Treaty"]
    assert path.read_text(encoding="utf-8").endswith("[")  # the user's file is left as it was


def test_a_user_pattern_that_does_not_compile_is_reported_and_highlighting_goes_on(make_window, qtbot):
    from reader.core.themes import user_lexicon_path

    path = user_lexicon_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '{"format": "parallel-reader/themes", "version": 1, "themes": [{"id": "x", "label": "X", '
        '"color": {"light": "#ffffff", "dark": "#000000"}, "patterns": {"en": ["bad (pattern"]}}]}',
        encoding="utf-8",
    )
    window = make_window(KREMLIN_2001)
    qtbot.waitUntil(lambda: not window.loading(), timeout=5000)
    assert window.last_error and "bad (pattern" in window.last_error
    assert drawn(window.pane_area.panes()[0].view, "ABM Treaty") == ["1972 ABM Treaty"]


def test_themes_marked_on_one_row_of_the_strip_share_it(qtbot):
    from reader.core.matcher import ThemeSpan
    from reader.ui.marker_strip import MarkerStrip
    from reader.ui.theme_matches import summarise

    strip = MarkerStrip()
    qtbot.addWidget(strip)
    strip.resize(12, 400)
    spans = [ThemeSpan("railway-link", 100, 110), ThemeSpan("sovereignty", 102, 116), ThemeSpan("railway-link", 9000, 9010)]
    colours = {"railway-link": "#1f5fbf", "sovereignty": "#a02020"}
    strip.set_matches(summarise(SpanColumns.of(spans, 10_000)), set(colours), colours, {"railway-link": "Railway", "sovereignty": "Sovereignty"})
    image = strip.grab().toImage()
    shared_row = 2 + int((100 * 2048 // 10_000 + 0.5) / 2048 * 396)
    alone_row = 2 + int((9000 * 2048 // 10_000 + 0.5) / 2048 * 396)
    assert {image.pixelColor(x, shared_row).name() for x in range(1, 11)} == set(colours.values())
    assert {image.pixelColor(x, alone_row).name() for x in range(1, 11)} == {"#1f5fbf"}


def test_a_refresh_that_changes_nothing_leaves_the_dock_table_alone(make_window):
    window = make_window(KREMLIN_2001)
    model = window.themes.dock.model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    window.themes.refresh()
    assert resets == []  # the same rows and counts: no reset, so no repaint of the table
    window.themes.state.set_hidden("sovereignty", True)  # a real change
    assert resets and model.hidden == {"sovereignty"}


def test_a_count_column_widens_for_a_long_files_counts(make_window):
    window = make_window(KREMLIN_2001, KREMLIN_2000)
    table, model = window.themes_dock.table, window.themes_dock.model
    narrow = table.columnWidth(1)
    model.reset(model.themes, model.hidden, model.dark, model.pane_titles, [{"sovereignty": 1_234_567}, model.counts[1]])
    row = next(r for r, t in enumerate(model.themes) if t.id == "sovereignty")
    shown = model.index(row, 1).data()
    margin = table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = table.columnWidth(1) - 2 * margin - 1  # the text's room: the cell less its margins and the grid line
    assert shown == "1234567" and room >= table.fontMetrics().horizontalAdvance(shown)  # not cut to "12…"
    assert table.columnWidth(1) > narrow and table.columnWidth(2) == narrow  # the other pane's column keeps its width
    wide = table.columnWidth(1)
    model.reset(model.themes, model.hidden, model.dark, model.pane_titles, [None, model.counts[1]])  # counted again
    assert model.index(row, 1).data() == "…" and table.columnWidth(1) == wide  # no narrowing and widening again
