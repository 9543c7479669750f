"""The window is built in two stages: its documents paint first, then the rest is built, with nothing moving."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

from reader.core.logs import configure_logging, hold_records, log_file_path
from reader.ui.app import application
from reader.ui.document_view import THEME_LAYER
from reader.ui.errors import hold_exceptions
from reader.ui.main_window import MainWindow
from reader.ui.session import SessionStore
from reader.ui.window_shells import DOCK_PLACES

KREMLIN_2001, DPRK_2020 = "kremlin-2001-08-04", "dprk-2020-07-19"


class FirstPaint(QObject):
    """Records the window as it is when `widget` is first painted (before anything queued after that paint)."""

    def __init__(self, window: MainWindow, widget: QWidget, then=None) -> None:
        super().__init__()
        self.window, self.then, self.seen = window, then, None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = {
                "built": self.window.is_built,
                "texts": [bool(pane.view.text) for pane in self.window.pane_area.panes()],
                "docks": {dock.objectName(): (dock.widget() is not None, dock.isVisible()) for dock in self.window.findChildren(QDockWidget)},
                "geometry": geometries(self.window),
            }
            if self.then is not None:
                QTimer.singleShot(0, self.then)  # before the window's second stage, which waits its turn
        return False


def geometries(window: MainWindow) -> dict[str, QRect]:
    """Where the panes and the visible docks are, in window coordinates."""
    found = {"panes": QRect(window.pane_area.mapTo(window, window.pane_area.rect().topLeft()), window.pane_area.size())}
    for dock in window.findChildren(QDockWidget):
        if not dock.visibleRegion().isEmpty():  # shown, and not a tab behind another
            found[dock.objectName()] = dock.geometry()
    return found


def staged_window(qtbot, corpus, store: SessionStore | None = None, then=None) -> tuple[MainWindow, FirstPaint]:
    application()
    window = MainWindow(corpus, store, first_run_pair=False)
    qtbot.addWidget(window)
    window.resize(1400, 800)
    panes = [window.open_corpus_document(doc_id) for doc_id in (KREMLIN_2001, DPRK_2020)]
    watcher = FirstPaint(window, panes[-1].view.viewport(), then)
    window.show()
    return window, watcher


def test_the_documents_paint_first_then_the_window_is_completed(qtbot, corpus):
    window, first = staged_window(qtbot, corpus)
    assert not window.is_built
    qtbot.waitUntil(lambda: first.seen is not None)
    assert not first.seen["built"] and first.seen["texts"] == [True, True]
    assert first.seen["docks"]["CorpusDock"] == (False, True)  # an empty shell where the corpus browser goes
    qtbot.waitUntil(lambda: not window.loading(), timeout=10000)

    assert window.is_built
    assert window.corpus_dock.table.model().rowCount() == len(corpus)
    assert window.themes_dock.model.rowCount() > 0
    assert [dock.objectName() for dock in window.findChildren(QDockWidget) if dock.widget() is None] == []
    assert window.actions.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    edit_menu = window.menus.edit.actions()
    assert window.actions.find in edit_menu and window.actions.undo in edit_menu
    assert window.alignment_actions.go_to_aligned in window.menus.view.actions()
    for pane in window.pane_area.panes():  # the themes were matched after all
        assert window.themes.spans[pane] and len(pane.view.layer(THEME_LAYER)) > 0
    assert geometries(window) == first.seen["geometry"]  # nothing moved when the docks were filled


def test_a_remembered_layout_is_there_at_the_first_paint_and_after(qtbot, corpus, settings_path):
    store = SessionStore(settings_path)
    window, _first = staged_window(qtbot, corpus, store)
    qtbot.waitUntil(lambda: not window.loading(), timeout=10000)
    window.corpus_dock.close()
    window.annotations_dock.show()
    window.resizeDocks([window.themes_dock], [420], Qt.Orientation.Horizontal)
    window.close()

    window, first = staged_window(qtbot, corpus, store)
    qtbot.waitUntil(lambda: first.seen is not None)
    assert first.seen["docks"]["CorpusDock"] == (False, False)
    assert first.seen["docks"]["AnnotationsDock"] == (False, True)
    qtbot.waitUntil(lambda: not window.loading(), timeout=10000)
    assert not window.corpus_dock.isVisible() and window.annotations_dock.isVisible()
    assert geometries(window) == first.seen["geometry"]


def test_closing_before_the_window_is_complete_saves_the_session(qtbot, corpus, settings_path):
    store = SessionStore(settings_path)
    window, first = staged_window(qtbot, corpus, store, then=lambda: window.close())
    qtbot.waitUntil(lambda: first.seen is not None and not window.isVisible())
    qtbot.wait(50)  # the second stage's turn comes, and passes: the window was closed
    assert not window.is_built
    saved = store.load()
    assert [pane["ref"] for pane in saved.panes] == [KREMLIN_2001, DPRK_2020]
    assert saved.window_state is not None


def test_toolbar_toggles_used_before_the_window_is_complete_take_effect(qtbot, corpus):
    window, first = staged_window(qtbot, corpus, then=lambda: (window.actions.stacked.trigger(), window.actions.word_wrap.toggle()))
    qtbot.waitUntil(lambda: first.seen is not None)
    qtbot.waitUntil(lambda: not window.loading(), timeout=10000)
    assert window.pane_area.splitter.orientation() == Qt.Orientation.Vertical
    wrap = window.pane_area.panes()[0].view.lineWrapMode()
    assert (wrap == wrap.WidgetWidth) == window.actions.word_wrap.isChecked()


def test_a_bug_while_completing_the_window_is_reported_and_nothing_waits_for_ever(qtbot, corpus, monkeypatch):
    import reader.ui.window_completion as completion

    def broken(window):
        raise RuntimeError("a bug in the second stage")

    monkeypatch.setattr(completion, "complete_window", broken)
    application()
    window = MainWindow(corpus, None, first_run_pair=False)
    qtbot.addWidget(window)
    built = []
    window.built.connect(lambda: built.append(True))
    with pytest.raises(RuntimeError, match="a bug in the second stage"):
        window.finish_building()
    assert built == [True] and not window.loading()  # the reporter, waiting for `built`, shows the error


def test_what_the_second_stage_builds_is_built_when_asked_for(qtbot, corpus):
    application()
    window = MainWindow(corpus, None, first_run_pair=False)
    qtbot.addWidget(window)
    window.actions.find.trigger()  # a command before the window is complete does nothing, and breaks nothing
    assert not window.is_built
    assert window.corpus_dock.objectName() == "CorpusDock"  # asking for a dock builds the rest at once
    assert window.is_built
    window.finish_building()  # once only
    assert len(window.findChildren(QDockWidget)) == len(DOCK_PLACES)
    with pytest.raises(AttributeError):
        window.no_such_part  # noqa: B018


def test_the_shells_stand_where_the_real_docks_go(qtbot, corpus):
    window, _first = staged_window(qtbot, corpus)
    shells = {dock.objectName(): dock for dock in window.findChildren(QDockWidget)}
    assert set(shells) == {place.name for place in DOCK_PLACES}
    placed = {name: (dock.windowTitle(), window.dockWidgetArea(dock), dock.isHidden()) for name, dock in shells.items()}
    window.finish_building()
    docks = {dock.objectName(): dock for dock in window.findChildren(QDockWidget)}
    assert {name: (docks[name].windowTitle(), window.dockWidgetArea(docks[name]), docks[name].isHidden()) for name in shells} == placed
    for place in DOCK_PLACES:  # the shells' places are those the window_* modules give the real docks
        dock = docks[place.name]
        assert (dock.windowTitle(), window.dockWidgetArea(dock), dock.isHidden()) == (place.title, place.area, place.hidden)
    for dock in docks.values():
        dock.show()
    qtbot.wait(10)
    for place in DOCK_PLACES:  # shown, the hidden ones join their tab groups
        assert not place.tab_of or docks[place.tab_of] in window.tabifiedDockWidgets(docks[place.name]), place.name
    assert all(dock.widget() is not None for dock in docks.values())


def test_log_records_wait_for_the_log_file(monkeypatch):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])  # as in a new process
    hold_records()
    logging.getLogger("reader.test").warning("said before the log file was open")
    assert not log_file_path().exists()
    configure_logging()
    assert "said before the log file was open" in log_file_path().read_text(encoding="utf-8")
    logging.getLogger("reader.test").warning("and after")
    for handler in root.handlers:
        handler.flush()
    assert "and after" in log_file_path().read_text(encoding="utf-8")
    assert [handler.get_name() for handler in root.handlers] == ["parallel-reader-file"]
    for handler in root.handlers:
        handler.close()


def test_exceptions_wait_for_the_error_reporter(monkeypatch):
    import sys
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    held = hold_exceptions()
    try:
        raise ValueError("too early")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert [str(error) for _kind, error, _tb in held] == ["too early"]


def test_a_missing_attribute_while_the_first_stage_is_built_fails_plainly(qtbot, corpus, monkeypatch):
    import reader.ui.window_completion as completion

    application()
    completed = []
    monkeypatch.setattr(completion, "complete_window", lambda window: completed.append(window))
    original = MainWindow._restore

    def restore_with_a_typo(self, state):
        original(self, state)
        return self.panes_area  # a typo in the first stage

    monkeypatch.setattr(MainWindow, "_restore", restore_with_a_typo)
    with pytest.raises(AttributeError, match="panes_area"):
        MainWindow(corpus, None, first_run_pair=False)
    assert completed == []  # no second stage on a window half built
