"""An unexpected exception is logged and shown; the app keeps running."""

from __future__ import annotations

import sys
import threading

import pytest

from PySide6.QtWidgets import QApplication, QMessageBox

from reader.core.logs import log_file_path
from reader.ui.errors import ErrorReporter


def test_unexpected_exception_is_logged_and_shown(make_window, qtbot):
    window = make_window()
    reporter = ErrorReporter()
    try:
        raise RuntimeError("the sky fell in")
    except RuntimeError as error:
        reporter.handle(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: bool(reporter.dialogs))
    box = reporter.dialogs[-1]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "RuntimeError: the sky fell in" in box.informativeText()
    assert str(log_file_path()) in box.informativeText()
    assert "Traceback" in box.detailedText()
    log_text = log_file_path().read_text(encoding="utf-8")
    assert "the sky fell in" in log_text and "Traceback" in log_text
    assert window.isVisible()  # still running
    box.close()


@pytest.mark.qt_no_exception_capture
def test_installed_hook_catches_exceptions_raised_in_slots(make_window, qtbot, monkeypatch):
    window = make_window()
    reporter = ErrorReporter()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter.install()
    window.actions.about.triggered.connect(lambda: 1 / 0)
    window.actions.about.trigger()
    qtbot.waitUntil(lambda: any("ZeroDivisionError" in box.informativeText() for box in reporter.dialogs))
    assert window.isVisible()
    assert "ZeroDivisionError" in log_file_path().read_text(encoding="utf-8")
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()


@pytest.mark.qt_no_exception_capture
def test_an_error_while_the_app_starts_is_reported_once_its_window_is_complete(qtbot, monkeypatch):
    """The error dialog and log exist only after the first paint; an exception before then waits for them."""
    from PySide6.QtCore import QEventLoop, QTimer

    from reader.ui import app as app_module
    from reader.ui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(app_module, "quit_on_signals", lambda _app: None)  # no process-wide signal handlers in tests
    # An event loop of its own: quitting the application's would stop every later test's timers.
    loop = QEventLoop()
    monkeypatch.setattr(QApplication.instance(), "exec", loop.exec)
    seen: dict[str, object] = {}

    def the_window() -> MainWindow:
        return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())

    def early() -> None:
        seen["built when raised"] = the_window().is_built
        raise RuntimeError("raised while starting")

    def look_and_quit() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        seen["dialogs"] = [box.informativeText() for box in boxes]
        for box in boxes:
            box.close()
        the_window().close()
        loop.quit()

    QTimer.singleShot(0, early)
    QTimer.singleShot(1500, look_and_quit)
    assert app_module.run([]) == 0
    assert seen["built when raised"] is False
    assert any("RuntimeError: raised while starting" in text for text in seen["dialogs"])
    assert "raised while starting" in log_file_path().read_text(encoding="utf-8")
