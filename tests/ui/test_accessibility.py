"""Accessibility: names for screen readers, Tab through the regions, visible focus, the system font, names beside colours."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from reader.core.colors import contrast_ratio
from reader.core.corpus import DocumentMetadata
from reader.core.themes import load_themes
from reader.ui.appearance import Appearance, ColorScheme, palette_colors
from reader.ui.focus import RING_WIDTH, FocusRing, FocusRings, ReaderStyle
from reader.ui.pane import DocumentPane, PaneSource
from reader.ui.tag_picker import TagPicker
from reader.ui.theme_editor import ThemeEditor

KREMLIN_2001, DPRK_2020, KREMLIN_2000 = "kremlin-2001-08-04", "dprk-2020-07-19", "kremlin-2000-07-19"
APPEARANCES = {"light": Appearance(ColorScheme.LIGHT), "dark": Appearance(ColorScheme.DARK), "high contrast": Appearance(high_contrast=True)}


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def readable_name(widget: QWidget) -> str:
    """What a screen reader announces for a widget: its accessible name, a button's words, or its label."""
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and re.search(r"\w", widget.text()):
        return widget.text()
    labels = [label for label in widget.window().findChildren(QLabel) if label.buddy() is widget]
    return labels[0].text() if labels else ""


def unnamed_focusable(root: QWidget) -> list[str]:
    """Visible widgets under `root` that take the keyboard focus but have nothing a screen reader can read."""
    problems = []
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible() or isinstance(widget, FocusRing):
            continue
        if widget.focusProxy() is not None:  # the proxy (a spin box for its line edit) carries the name
            continue
        if not readable_name(widget):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parentWidget()).__name__}")
        if isinstance(widget, QAbstractButton) and not re.search(r"\w", widget.text()):  # a glyph or an icon only
            if not (widget.accessibleName() and widget.toolTip()):
                problems.append(f"icon-only button {widget.text()!r} needs a name and a tooltip")
    return problems


def region_of(window, widget: QWidget | None) -> str:
    """Which region of the window a widget is in: a dock's object name, 'pane N', or '?'."""
    for number, pane in enumerate(window.pane_area.panes(), start=1):
        if widget is not None and pane.isAncestorOf(widget):
            return f"pane {number}"
    for dock in window.findChildren(QDockWidget):
        if widget is not None and dock.isAncestorOf(widget):
            return dock.objectName()
    return "?"


def regions_visited(qtbot, window, key_modifier=Qt.KeyboardModifier.NoModifier, presses: int = 80) -> list[str]:
    """Regions in the order Tab (or Shift+Tab) first enters them, starting from the corpus filter field."""
    window.corpus_dock.search_field.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [region_of(window, focused())]
    for _ in range(presses):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, key_modifier)
        region = region_of(window, focused())
        if region != seen[-1]:
            seen.append(region)
    return seen


def active_window(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


# --- names and descriptions -------------------------------------------------------------------------


def test_every_focusable_widget_has_a_name_a_screen_reader_can_read(make_window, qtbot):
    window = make_window(KREMLIN_2001, DPRK_2020)
    window.annotations_dock.show()
    window.pane_area.panes()[0].find_bar.open_bar()
    qtbot.wait(10)
    assert unnamed_focusable(window) == []
    window.tags_dock.raise_()
    qtbot.wait(10)
    assert unnamed_focusable(window) == []


def test_docks_their_views_and_buttons_have_names_and_descriptions(make_window):
    window = make_window(KREMLIN_2001)
    for dock in (window.corpus_dock, window.themes_dock, window.tags_dock, window.annotations_dock):
        assert dock.accessibleName() and dock.accessibleDescription(), dock.objectName()
        for view in dock.findChildren(QAbstractItemView):
            if not isinstance(view, QHeaderView) and view.window() is window:  # not headers, not combo-box popups
                assert view.accessibleName() and view.accessibleDescription(), (dock.objectName(), view)
        for button in dock.findChildren(QAbstractButton):
            if button.focusPolicy() == Qt.FocusPolicy.NoFocus:  # Qt's own: dock title buttons, a field's clear button
                continue
            assert readable_name(button) and button.accessibleDescription(), (dock.objectName(), button.text())
    for field in (window.corpus_dock.search_field, window.annotations_dock.filter_field, window.corpus_dock.date_from):
        assert field.accessibleName() and field.accessibleDescription()


def test_panes_name_their_document_and_the_view_name_follows_the_loaded_document(make_window):
    window = make_window(KREMLIN_2001, DPRK_2020)
    for pane in window.pane_area.panes():
        title = pane.document.title
        assert pane.view.accessibleName() == f"Text of {title}"
        assert pane.view.accessibleDescription()
        assert title in pane.accessibleName() and pane.accessibleDescription()
        assert title in pane.header.accessibleName()
        assert pane.document.metadata.outlet in pane.header.accessibleDescription()
        assert "Perspective" in pane.header.badge.accessibleName()
        for button in (pane.header.move_back_button, pane.header.move_forward_button, pane.header.close_button):
            assert button.accessibleName() and button.toolTip() and button.accessibleDescription()
        for widget in pane.find_bar.tab_stops():
            assert readable_name(widget) and widget.accessibleDescription(), widget
        labels = {theme.label for theme in load_themes()}
        marks = pane.markers.accessibleDescription()
        assert pane.markers.accessibleName() and marks.startswith("Occurrences marked") and any(label in marks for label in labels)


def test_a_loading_pane_says_so(qapp):
    pane = DocumentPane(PaneSource("file", "/nowhere/long.txt"))
    pane.show_loading("long.txt", DocumentMetadata(), Appearance())
    assert pane.view.accessibleName() == "Text of long.txt (loading)"
    assert pane.accessibleName() == "Document pane: long.txt" and "long.txt" in pane.header.accessibleName()


def test_dialog_fields_have_names(qapp):
    editor = ThemeEditor(load_themes(), lambda: [])
    editor.show()
    try:
        assert unnamed_focusable(editor) == []
        for field in (editor.label_field, editor.description_field, editor.light_button, editor.dark_button, editor.theme_list):
            assert field.accessibleName() and field.accessibleDescription(), field
        assert editor.light_button.accessibleName() in editor.light_button.toolTip()
    finally:
        editor.close()
    picker = TagPicker(())
    picker.show()
    try:
        assert unnamed_focusable(picker) == []
        assert picker.field.accessibleDescription() and picker.list.accessibleDescription()
    finally:
        picker.close()


# --- keyboard -----------------------------------------------------------------------------------------


def test_tab_goes_left_to_right_through_the_regions_and_round_again(make_window, qtbot):
    window = make_window(KREMLIN_2001, DPRK_2020)
    active_window(qtbot, window)
    qtbot.wait(10)
    forward = regions_visited(qtbot, window)
    assert forward[:6] == ["CorpusDock", "pane 1", "pane 2", "ThemesDock", "TagsDock", "?"]  # '?': the docks' tab bar
    assert forward[6] == "CorpusDock"  # round again
    backward = regions_visited(qtbot, window, Qt.KeyboardModifier.ShiftModifier)
    assert backward[:5] == ["CorpusDock", "?", "TagsDock", "ThemesDock", "pane 2"]


def test_tab_follows_the_panes_display_order_after_a_swap(make_window, qtbot):
    window = make_window(KREMLIN_2001, DPRK_2020)
    active_window(qtbot, window)
    first, second = window.pane_area.panes()
    window.pane_area.swap(0, 1)
    qtbot.wait(10)
    window.corpus_dock.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is second.view
    for _ in second.tab_stops()[1:]:  # the hidden find bar is skipped; then the header's buttons
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is first.view:
            break
    assert focused() is first.view


def test_tab_into_a_dock_behind_another_tab_brings_it_to_the_front(make_window, qtbot):
    window = make_window(KREMLIN_2001)
    active_window(qtbot, window)
    window.themes_dock.raise_()
    qtbot.wait(10)
    assert window.tags_dock.visibleRegion().isEmpty()
    window.themes_dock.findChildren(QAbstractButton)[-1].setFocus(Qt.FocusReason.TabFocusReason)
    while not window.tags_dock.isAncestorOf(focused()):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not window.tags_dock.visibleRegion().isEmpty())


def test_the_text_view_takes_focus_and_selects_with_shift_and_arrows(make_window, qtbot):
    window = make_window(KREMLIN_2001)
    view = window.pane_area.panes()[0].view
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(7):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_offsets() == (0, 7)
    assert view.text[:7] == "Russian"


def test_theme_visibility_and_jumps_work_from_the_keyboard(make_window, qtbot):
    window = make_window(KREMLIN_2001)
    dock = window.themes_dock
    dock.shared_box.setChecked(False)
    table, model = dock.table, dock.model
    row = next(r for r, t in enumerate(model.themes) if t.id == "abm-treaty")
    table.setFocus()
    table.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert "abm-treaty" in model.hidden
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert "abm-treaty" not in model.hidden
    table.setCurrentIndex(model.index(row, 1))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    view = window.pane_area.panes()[0].view
    start, end = view.selection_offsets()
    assert "ABM Treaty" in view.text[start:end]


def test_every_window_action_is_in_a_menu_or_has_a_shortcut(make_window):
    window = make_window(KREMLIN_2001)
    in_menus = {action for menu in window.menuBar().findChildren(type(window.window_menu)) for action in menu.actions()}
    for action in window.all_actions():
        assert action in in_menus or not action.shortcut().isEmpty(), action.text()


# --- visible focus ------------------------------------------------------------------------------------


def grab(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


@pytest.mark.parametrize("name", APPEARANCES)
def test_keyboard_focus_is_drawn_as_a_ring_in_the_focus_colour(make_window, qtbot, name):
    window = make_window(KREMLIN_2001)
    window.set_appearance(APPEARANCES[name])
    colors = palette_colors(APPEARANCES[name])
    assert isinstance(QApplication.style(), ReaderStyle)
    assert QApplication.instance().findChild(FocusRings).color.name() == colors["focus"]
    for widget in (window.themes_dock.table, window.corpus_dock.search_field, window.pane_area.panes()[0].view, window.themes_dock.shared_box):
        window.corpus_dock.perspective_box.setFocus()
        qtbot.waitUntil(lambda: focused() is window.corpus_dock.perspective_box)
        before = grab(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: focused() is widget)
        after = grab(widget)
        assert after != before, f"focus changes nothing on {type(widget).__name__}"
        middle = widget.height() // 2
        edge = after.pixelColor(QPoint(RING_WIDTH // 2, middle)).name()
        assert edge == colors["focus"], (type(widget).__name__, edge)
        assert contrast_ratio(edge, colors["window"]) >= 3


@pytest.mark.parametrize("name", APPEARANCES)
def test_checkbox_list_and_field_frames_stand_out_from_the_background(make_window, qtbot, name):
    window = make_window(KREMLIN_2001)
    window.set_appearance(APPEARANCES[name])
    colors = palette_colors(APPEARANCES[name])
    box: QCheckBox = window.themes_dock.shared_box
    box.setChecked(False)
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = grab(box)
    left_edge = image.pixelColor(QPoint(indicator.left(), indicator.center().y())).name()
    assert contrast_ratio(left_edge, colors["window"]) >= 3, (name, left_edge)
    window.pane_area.panes()[0].view.setFocus()  # none of the widgets below has the focus ring
    for widget in (window.corpus_dock.table, window.corpus_dock.search_field, window.corpus_dock.language_box):
        edge = grab(widget).pixelColor(QPoint(0, widget.height() // 2)).name()
        assert contrast_ratio(edge, colors["window"]) >= 3, (type(widget).__name__, name, edge)


# --- the system font --------------------------------------------------------------------------------


def test_the_interface_follows_a_larger_system_font(make_window, qtbot):
    window = make_window(KREMLIN_2001)
    pane = window.pane_area.panes()[0]
    chrome = {
        "corpus list": window.corpus_dock.table,
        "theme list": window.themes_dock.table,
        "tag tree": window.tags_dock.tree,
        "annotation table": window.annotations_dock.table,
        "filter field": window.corpus_dock.search_field,
        "pane title": pane.header.title_label,
        "pane source": pane.header.meta_label,
        "find field": pane.find_bar.field,
    }
    before = {name: QFont(widget.font()).pointSizeF() for name, widget in chrome.items()}
    assert before["pane title"] > before["pane source"]
    original = QApplication.font()
    larger = QFont(original)
    larger.setPointSizeF(original.pointSizeF() * 1.5)
    QApplication.setFont(larger)
    try:
        qtbot.wait(10)
        after = {name: widget.font().pointSizeF() for name, widget in chrome.items()}
        for name in chrome:
            assert after[name] > before[name], name
        assert after["pane title"] > after["pane source"]
    finally:
        QApplication.setFont(original)


# --- no information by colour alone -----------------------------------------------------------------


def test_theme_and_tag_colours_come_with_their_names(make_window):
    window = make_window(KREMLIN_2001)
    model = window.themes_dock.model
    for row, theme in enumerate(model.themes):
        index = model.index(row, 0)
        assert index.data(Qt.ItemDataRole.DisplayRole) == theme.label  # beside the swatch
        assert theme.label in index.data(Qt.ItemDataRole.ToolTipRole)
        assert theme.label in model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    window.annotations.create_tag("Security")
    item = window.tags_dock.tree.topLevelItem(0)
    assert item.text(0) == "Security" and "Security" in item.toolTip(0)
    window.annotations.create_tag("<b>Bold</b>")
    item = window.tags_dock.tree.topLevelItem(1)
    assert item.text(0) == "<b>Bold</b>" and "&lt;b&gt;Bold" in item.toolTip(0)  # shown as typed, never as markup
    badge = window.pane_area.panes()[0].header.badge
    assert badge.text() == "Russian official" and "Russian official" in badge.toolTip()


def test_the_marker_strip_names_the_themes_at_a_mark(make_window):
    window = make_window(KREMLIN_2000)
    pane = window.pane_area.panes()[0]
    strip, text = pane.markers, pane.view.text
    labels = {theme.id: theme.label for theme in load_themes()}
    height = strip.height() - 4
    for span in window.themes.spans[pane][:20]:
        y = 2 + int(span.start / len(text) * height)
        assert labels[span.theme] in strip.tooltip_at(y).split("\n"), (span, strip.tooltip_at(y))
    occupied = {2 + int(span.start / len(text) * height) for span in window.themes.spans[pane]}
    empty = next(y for y in range(2, strip.height() - 2) if all(abs(y - row) > 6 for row in occupied))
    assert strip.tooltip_at(empty) == ""
    assert all(label in strip.accessibleDescription() for label in {labels[s.theme] for s in window.themes.spans[pane]})
