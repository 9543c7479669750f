"""The corpus timeline: documents by date in perspective lanes; a click or the keyboard opens one."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import wait_loaded


def show_timeline(window, qtbot):
    window.timeline_dock.show()
    window.timeline_dock.raise_()
    view = window.timeline_dock.view
    qtbot.waitExposed(view)
    return view


def test_documents_are_placed_by_date_in_one_lane_per_perspective(make_window, qtbot, corpus):
    window = make_window()
    view = show_timeline(window, qtbot)
    dots = view.dots()
    assert len(dots) == len(corpus)
    by_id = {dot.entry.id: dot.center for dot in dots}
    dates = sorted((entry.metadata.date, entry.id) for entry in corpus)
    xs = [by_id[doc_id].x() for _date, doc_id in dates]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # later documents further right
    lanes = {}
    for entry in corpus:
        lanes.setdefault(entry.metadata.perspective, set()).add(by_id[entry.id].y())
    assert all(len(ys) == 1 for ys in lanes.values()) and len({next(iter(ys)) for ys in lanes.values()}) == len(lanes)


def test_a_click_on_a_dot_opens_its_document(make_window, qtbot):
    window = make_window()
    for pane in list(window.pane_area.panes()):
        window.pane_area.close_pane(pane)
    view = show_timeline(window, qtbot)
    dot = next(d for d in view.dots() if d.entry.id == "tanjug-2024-06-19")
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(dot.center.x()), round(dot.center.y())))
    wait_loaded(qtbot, window)
    assert [p.document.id for p in window.pane_area.panes()] == ["tanjug-2024-06-19"]


def test_arrow_keys_choose_a_document_and_enter_opens_it(make_window, qtbot):
    window = make_window()
    for pane in list(window.pane_area.panes()):
        window.pane_area.close_pane(pane)
    view = show_timeline(window, qtbot)
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert view.selected == 0  # the first document is chosen as the timeline gets the keyboard
    qtbot.keyClick(view, Qt.Key.Key_Right)
    second = view.entries()[1]
    assert second.title in view.accessibleDescription()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    wait_loaded(qtbot, window)
    assert [p.document.id for p in window.pane_area.panes()] == [second.id]
