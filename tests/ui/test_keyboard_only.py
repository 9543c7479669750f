"""A whole classroom task without the mouse: open two documents, tag a passage, add it to a lesson, present it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from reader.ui.app import application
from reader.ui.main_window import MainWindow
from tests.ui.conftest import wait_loaded

MOUSE_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel}


class MouseWatch(QObject):
    """Counts every mouse click or wheel turn anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in MOUSE_EVENTS:
            self.seen += 1
        return False


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        assert focused() is not None, "nothing has the keyboard focus"
        qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot, widget, limit: int = 60) -> None:
    """Press Tab until `widget` has the keyboard focus."""
    for _ in range(limit):
        if focused() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName() or widget}")


def open_with_keyboard(qtbot, window: MainWindow, title_start: str) -> None:
    table = window.corpus_dock.table
    tab_to(qtbot, table)
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new type-ahead search, not the previous one continued
    qtbot.keyClicks(table, title_start)
    assert table.currentIndex().data().startswith(title_start)
    press(qtbot, Qt.Key.Key_Return)
    wait_loaded(qtbot, window)


def test_open_tag_add_to_lesson_and_present_without_the_mouse(qtbot, corpus):
    application()
    watch = MouseWatch()
    QApplication.instance().installEventFilter(watch)
    window = MainWindow(corpus, store=None, first_run_pair=False)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    try:
        open_with_keyboard(qtbot, window, "Replies")  # the 2000 Kremlin transcript
        open_with_keyboard(qtbot, window, "Historic")  # the 2020 DPRK article
        assert [p.document.id for p in window.pane_area.panes()] == ["kremlin-2000-07-19", "dprk-2020-07-19"]

        # To the first pane (Ctrl+PgUp), then select its first three words with Ctrl+Shift+Right.
        press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
        kremlin = window.pane_area.panes()[0]
        assert focused() is kremlin.view
        press(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, times=3)
        start, end = kremlin.view.selection_offsets()
        assert (start, " ".join(kremlin.document.text[start:end].split())) == (0, "Replies to Russian")

        # Ctrl+T, type a new tag's name, Enter.
        press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: focused() is not kremlin.view)
        qtbot.keyClicks(focused(), "Framing")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(window.annotations.content.annotations) == 1)
        assert window.annotations.content.codebook[0].name == "Framing"

        # Ctrl+L adds the selection to a new lesson; F5 presents it; Esc leaves.
        qtbot.waitUntil(lambda: focused() is kremlin.view)  # the picker gave the keyboard back
        press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        (lesson,) = window.annotations.content.lessons
        assert [(p.start, p.end) for p in lesson.passages] == [(start, end)]
        press(qtbot, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: window.presentation is not None and window.presentation.isVisible(), timeout=10000)
        shown = window.presentation
        qtbot.waitUntil(lambda: focused() is shown)
        assert [piece.text for piece in shown.laid_out()] == [kremlin.document.text[start:end]]
        assert [mark.label for mark in shown.columns()[0].tags] == ["Framing"]
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not shown.isVisible())
        qtbot.waitUntil(lambda: focused() is kremlin.view)
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert watch.seen == 0
