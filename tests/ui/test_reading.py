"""Synchronised scrolling, zoom, word wrap and appearance."""

from __future__ import annotations

import pytest

from reader.ui.appearance import Appearance, ColorScheme
from reader.ui.document_view import BASE_POINT_SIZE

LONG_A = "\n\n".join(f"Paragraph {n} of A. " + "Words about a railway link. " * (3 + n % 5) for n in range(120)) + "\n"
LONG_B = "\n\n".join(f"Paragraph {n} of B. " + "Words about sovereignty. " * (1 + n % 3) for n in range(120)) + "\n"


def two_long_panes(make_window, tmp_path):
    (tmp_path / "a.txt").write_text(LONG_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LONG_B, encoding="utf-8")
    window = make_window(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), size=(1000, 600))
    return window, [pane.view for pane in window.pane_area.panes()]


def test_proportional_sync_moves_the_other_pane(make_window, tmp_path):
    window, (a, b) = two_long_panes(make_window, tmp_path)
    window.actions.sync_proportional.trigger()
    window.actions.sync_enabled.setChecked(True)
    a.verticalScrollBar().setValue(a.verticalScrollBar().maximum())
    assert b.verticalScrollBar().value() == b.verticalScrollBar().maximum() > 0
    a.verticalScrollBar().setValue(a.verticalScrollBar().maximum() // 2)
    # The same fraction of each text, by characters, at the top of both panes (to within a paragraph).
    fraction_a = a.firstVisibleBlock().position() / len(a.text)
    fraction_b = b.firstVisibleBlock().position() / len(b.text)
    assert fraction_b == pytest.approx(fraction_a, abs=0.03) and 0.3 < fraction_b < 0.7
    b.verticalScrollBar().setValue(0)  # either pane leads
    assert a.verticalScrollBar().value() == 0


def test_paragraph_sync_shows_the_same_paragraph_number(make_window, tmp_path):
    window, (a, b) = two_long_panes(make_window, tmp_path)
    window.actions.sync_paragraph.trigger()
    window.actions.sync_enabled.setChecked(True)
    a.scroll_to_line(a.paragraphs.first_line_of(40))
    assert a.paragraphs.paragraph_of_line(a.top_line()) == 40
    assert b.top_line() == b.paragraphs.first_line_of(40)
    assert b.text.split("\n")[b.top_line()].startswith("Paragraph 40 of B.")


def test_sync_off_leaves_other_panes_alone(make_window, tmp_path):
    window, (a, b) = two_long_panes(make_window, tmp_path)
    window.actions.sync_enabled.setChecked(False)
    before = b.verticalScrollBar().value()
    a.verticalScrollBar().setValue(a.verticalScrollBar().maximum())
    assert b.verticalScrollBar().value() == before < b.verticalScrollBar().maximum() // 2


def test_zoom_all_panes_and_one_pane(make_window, tmp_path):
    window, (a, b) = two_long_panes(make_window, tmp_path)
    window.actions.zoom_all.setChecked(True)
    window.actions.zoom_in.trigger()
    assert (a.zoom, b.zoom) == (110, 110)
    assert a.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.1)
    window.actions.zoom_all.setChecked(False)
    window.pane_area.set_active(window.pane_area.panes()[1])
    window.actions.zoom_out.trigger()
    window.actions.zoom_out.trigger()
    assert (a.zoom, b.zoom) == (110, 90)
    window.actions.zoom_reset.trigger()
    assert (a.zoom, b.zoom) == (110, 100)


def test_zoom_shortcuts(make_window, tmp_path, qtbot):
    from PySide6.QtCore import Qt

    window, (a, b) = two_long_panes(make_window, tmp_path)
    window.actions.zoom_all.setChecked(True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    a.setFocus()
    qtbot.keyClick(a, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert a.zoom == 110
    qtbot.keyClick(a, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(a, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert a.zoom == b.zoom == 90
    qtbot.keyClick(a, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert a.zoom == b.zoom == 100


def test_word_wrap_toggle(make_window, tmp_path):
    window, (a, b) = two_long_panes(make_window, tmp_path)
    window.actions.word_wrap.setChecked(False)
    assert a.lineWrapMode() == a.LineWrapMode.NoWrap and b.lineWrapMode() == b.LineWrapMode.NoWrap
    window.actions.word_wrap.setChecked(True)
    assert a.lineWrapMode() == a.LineWrapMode.WidgetWidth


def test_dark_and_high_contrast_palettes(make_window, corpus):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    window = make_window(next(iter(corpus)).id)
    window.set_appearance(Appearance(ColorScheme.DARK))
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 60
    badge_style = window.pane_area.panes()[0].header.badge.styleSheet()
    window.set_appearance(Appearance(ColorScheme.LIGHT))
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() > 200
    assert window.pane_area.panes()[0].header.badge.styleSheet() != badge_style
    window.actions.high_contrast.trigger()
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Base).name() == "#000000"
    assert palette.color(QPalette.ColorRole.Text).name() == "#ffffff"
