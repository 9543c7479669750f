"""Passage alignment in the window: the dock's pairs and threshold, the link band, Ctrl+J and Sync by Alignment."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from reader.core.alignment import AlignedPair
from reader.ui.alignment_band import END_BAR
from reader.ui.alignment_pairs import LEFT, RIGHT, partner_at, top_target
from reader.ui.appearance import Appearance, ColorScheme
from reader.ui.scroll_sync import SyncMode
from tests.ui.test_accessibility import unnamed_focusable

KREMLIN, DPRK = "kremlin-2000-07-19", "dprk-2020-07-19"


def aligned(make_window, qtbot, **options):
    """A window with the Kremlin 2000 replies left and the DPRK 2020 article right, aligned, in light appearance."""
    window = make_window(KREMLIN, DPRK, **options)
    window.set_appearance(Appearance(ColorScheme.LIGHT))
    window.alignment_actions.align_passages.setChecked(True)
    controller = window.alignment
    qtbot.waitUntil(lambda: not controller.computing and bool(controller.pairs), timeout=10000)
    QApplication.processEvents()
    return window, controller


def joint_pair(window) -> AlignedPair:
    """The pair of the Kremlin's 'joint statement' sentence with the DPRK's 'Joint Declaration' one."""
    left, right = (pane.view.text.replace("\u00a0", " ") for pane in window.pane_area.panes())
    found = [p for p in window.alignment.pairs if "joint statement" in left[slice(*p.left)] and "Joint Declaration" in right[slice(*p.right)]]
    assert found, "the joint statement / Joint Declaration pair is missing"
    return max(found, key=lambda p: p.score)


def bluish(image: QImage) -> int:
    """Pixels in the link colour (the light palette's blue selection colour, however translucent)."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(image.width()):
            color = QColor(image.pixel(x, y))
            if color.blue() - color.red() > 25:
                count += 1
    return count


def test_aligning_lists_pairs_with_the_joint_statement_among_them(make_window, qtbot):
    window, controller = aligned(make_window, qtbot)
    dock = window.alignment_dock
    assert dock.isVisible() and controller.left is window.pane_area.panes()[0] and controller.right is window.pane_area.panes()[1]
    assert dock.proxy.rowCount() == len(controller.pairs) >= 5
    pair = joint_pair(window)
    rows = [[dock.proxy.index(row, column).data() for column in range(4)] for row in range(dock.proxy.rowCount())]
    assert any("joint statement" in left and "Joint Declaration" in right for left, right, _score, _themes in rows)
    assert "Friendship treaty" in next(themes for left, right, score, themes in rows if score == f"{pair.score:.2f}" and "joint statement" in left)
    assert "of 11 pairs" in dock.status_label.text() or "pairs score" in dock.status_label.text()


def test_the_threshold_filters_pairs_without_recomputing(make_window, qtbot):
    window, controller = aligned(make_window, qtbot)
    dock = window.alignment_dock
    computed, before = controller.computations, dock.proxy.rowCount()
    dock.slider.setValue(40)
    assert dock.threshold_label.text() == "0.40" and "0.40" in dock.slider.accessibleDescription()
    assert 0 < dock.proxy.rowCount() < before
    assert all(pair.score >= 0.40 for pair in controller.pairs)
    dock.slider.setValue(0)
    assert dock.proxy.rowCount() == len(controller.all_pairs) > before
    assert controller.computations == computed


def test_choosing_a_row_selects_both_passages(make_window, qtbot):
    window, controller = aligned(make_window, qtbot)
    dock, (left, right) = window.alignment_dock, window.pane_area.panes()
    pair = joint_pair(window)
    row = next(r for r in range(dock.proxy.rowCount()) if dock.model.pair(dock.proxy.mapToSource(dock.proxy.index(r, 0)).row()) == pair)
    dock.table.setFocus()
    dock.select_row(row)
    assert left.view.selection_offsets() == pair.left and right.view.selection_offsets() == pair.right
    assert controller.current == pair
    for view in (left.view, right.view):  # move away, then Enter on the row brings them back
        view.scroll_offset_to_top(0)
        cursor = view.textCursor()
        cursor.clearSelection()
        view.setTextCursor(cursor)
    dock.table.setFocus()
    qtbot.keyClick(dock.table, Qt.Key.Key_Return)
    assert left.view.selection_offsets() == pair.left and right.view.selection_offsets() == pair.right
    start, end = right.view.visible_range()
    assert start <= pair.right[0] < end  # scrolled into view


def test_ctrl_j_selects_the_partner_of_the_passage_at_the_cursor(make_window, qtbot):
    window, controller = aligned(make_window, qtbot)
    left, right = window.pane_area.panes()
    pair = joint_pair(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    left.view.setFocus()
    cursor = left.view.textCursor()
    cursor.setPosition(left.view.offsets.to_qt(pair.left[0] + 5))
    left.view.setTextCursor(cursor)
    expected = partner_at(controller.pairs, LEFT, pair.left[0] + 5, pair.left[0] + 5)
    qtbot.keyClick(left.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert right.view.selection_offsets() == expected.right
    assert "Joint Declaration" in right.view.text[slice(*expected.right)]
    assert window.pane_area.active_pane is right and controller.current == expected
    qtbot.keyClick(right.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # and back again
    back = partner_at(controller.pairs, RIGHT, *expected.right)
    assert left.view.selection_offsets() == back.left and window.pane_area.active_pane is left


def test_sync_by_alignment_brings_the_partner_to_the_top(make_window, qtbot):
    window, controller = aligned(make_window, qtbot, size=(1200, 700))
    left, right = window.pane_area.panes()
    for view in (left.view, right.view):
        view.set_zoom(200)  # long enough to scroll in both panes
    window.actions.sync_enabled.setChecked(True)
    window.alignment_actions.sync_by_alignment.trigger()
    assert window.pane_area.sync.mode is SyncMode.ALIGNMENT and window.alignment_actions.sync_by_alignment.isChecked()
    pair = joint_pair(window)
    left.view.scroll_offset_to_top(pair.left[0])
    QApplication.processEvents()
    start, end = left.view.top_line_range()
    assert start <= pair.left[0] < end
    partner = top_target(controller.pairs, LEFT, start, end)
    assert partner == partner_at(controller.pairs, LEFT, pair.left[0], pair.left[0]).right[0]
    top_start, top_end = right.view.top_line_range()
    assert top_start <= partner < top_end, (right.view.text[top_start:top_end], right.view.text[partner : partner + 40])
    window.actions.sync_proportional.trigger()  # the other modes still work
    assert window.pane_area.sync.mode is SyncMode.PROPORTIONAL and not window.alignment_actions.sync_by_alignment.isChecked()


def test_the_band_draws_links_and_show_links_removes_them(make_window, qtbot):
    window, controller = aligned(make_window, qtbot)
    splitter = window.pane_area.splitter
    handle = splitter.band_handle()
    assert handle is splitter.handle(1) and handle.width() >= 50
    assert handle.links(), "no link is on screen"
    assert bluish(handle.grab().toImage()) > 200 and handle.drew_links()
    window.alignment_dock.links_box.setChecked(False)
    QApplication.processEvents()
    assert splitter.band_handle() is None and splitter.handle(1).width() < 20
    assert bluish(splitter.handle(1).grab().toImage()) == 0
    window.alignment_dock.links_box.setChecked(True)
    window.actions.stacked.trigger()  # one above the other: no band, the dock still lists the pairs
    QApplication.processEvents()
    assert splitter.band_handle() is None and window.alignment_dock.proxy.rowCount() > 0


def test_a_click_on_a_link_selects_both_passages_and_a_drag_resizes(make_window, qtbot):
    window, controller = aligned(make_window, qtbot)
    left, right = window.pane_area.panes()
    handle = window.pane_area.splitter.band_handle()
    link = max(handle.links(), key=lambda link: link.left_ends[1] - link.left_ends[0])
    point = QPointF(END_BAR + 2, (link.left_ends[0] + link.left_ends[1]) / 2)
    pair = handle.link_at(point).pair
    qtbot.mouseClick(handle, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert left.view.selection_offsets() == pair.left and right.view.selection_offsets() == pair.right
    assert controller.current == pair
    sizes = window.pane_area.splitter.sizes()
    controller.set_current(None)
    start = point.toPoint()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 9):
        qtbot.mouseMove(handle, start + QPoint(step * 8, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(64, 0))
    assert window.pane_area.splitter.sizes() != sizes and controller.current is None


def test_other_panes_can_be_chosen_and_the_band_follows(make_window, qtbot):
    window, controller = aligned(make_window, qtbot)
    dock = window.alignment_dock
    computed = controller.computations
    first, second = window.pane_area.panes()
    assert dock.left_combo.count() == 2 and dock.left_combo.currentIndex() == 0 and dock.right_combo.currentIndex() == 1
    dock.left_combo.setCurrentIndex(1)
    dock.right_combo.setCurrentIndex(0)
    dock._panes_picked()
    qtbot.waitUntil(lambda: not controller.computing and bool(controller.pairs))
    assert controller.left is second and controller.right is first and controller.computations == computed + 1
    handle = window.pane_area.splitter.band_handle()
    assert handle is not None and handle.links()
    dock.unit_combo.setCurrentIndex(1)
    dock.unit_combo.activated.emit(1)
    qtbot.waitUntil(lambda: not controller.computing and controller.computations == computed + 2)
    assert controller.unit == "paragraph" and controller.pairs


def test_closing_a_pane_clears_the_alignment_and_turning_it_off_removes_the_band(make_window, qtbot):
    window, controller = aligned(make_window, qtbot)
    window.pane_area.close_pane(window.pane_area.panes()[1])
    QApplication.processEvents()
    assert controller.pairs == [] and window.pane_area.splitter.band is None
    assert "Open two documents" in window.alignment_dock.status_label.text()
    window.alignment_actions.align_passages.setChecked(False)
    assert not controller.enabled and not window.alignment_dock.isVisible()


def test_the_dock_and_its_controls_have_names(make_window, qtbot):
    window, _controller = aligned(make_window, qtbot)
    dock = window.alignment_dock
    assert dock.accessibleName() == "Alignment" and dock.accessibleDescription()
    assert unnamed_focusable(dock) == []
    for widget in (dock.left_combo, dock.right_combo, dock.unit_combo, dock.slider, dock.table, dock.links_box):
        assert widget.accessibleDescription(), widget
    assert dock.slider.accessibleName() == "Similarity threshold" and dock.threshold_label.accessibleName()
    assert window.alignment_actions.go_to_aligned.shortcut().toString() == "Ctrl+J"


def test_top_target_follows_the_partner_and_the_nearest_pair_above():
    pairs = [AlignedPair((10, 20), (100, 140), 0.5, 0.5, 0.0, (), 1, 4), AlignedPair((40, 60), (200, 220), 0.3, 0.3, 0.0, (), 3, 8)]
    assert top_target(pairs, LEFT, 0, 5) is None  # nothing paired above: by proportion
    assert top_target(pairs, LEFT, 8, 16) == 100  # a paired unit starts on the top line
    assert top_target(pairs, LEFT, 15, 18) == 120  # half-way through the unit, half-way through its partner
    assert top_target(pairs, LEFT, 30, 35) == 150  # past the unit: as far past its partner
    assert top_target(pairs, RIGHT, 200, 210) == 40
