"""Unexpected exceptions: logged to the rotating log and shown in a dialog; the app keeps running."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from reader.core.logs import configure_logging

log = logging.getLogger("reader")


def quit_soon() -> None:
    """Quit the application, also when its event loop has not started yet (Ctrl+C during start-up)."""
    QTimer.singleShot(0, QApplication.quit)


ExceptionInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def hold_exceptions() -> list[ExceptionInfo]:
    """Until an ErrorReporter is installed, keep uncaught exceptions (from any thread) in the returned list."""
    held: list[ExceptionInfo] = []

    def hold(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            quit_soon()
        else:
            held.append((kind, error, tb))

    sys.excepthook = hold
    threading.excepthook = lambda args: hold(args.exc_type, args.exc_value, args.exc_traceback)
    return held


class ErrorReporter(QObject):
    """Receives exceptions from any thread and reports them on the UI thread."""

    reported = Signal(str, str)  # summary, details

    def __init__(self) -> None:
        super().__init__()
        self.log_path = configure_logging()
        self.dialogs: list = []  # open QMessageBoxes
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous_hook = sys.excepthook

    def install(self) -> None:
        """Become the handler of uncaught exceptions on every thread."""
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        """Log an uncaught exception and queue a dialog about it."""
        if issubclass(kind, KeyboardInterrupt):
            quit_soon()
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("Unexpected error:\n%s", details)
        self.reported.emit(f"{kind.__name__}: {error}", details)

    def _show(self, summary: str, details: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # imported on first use: keeps start-up fast

        box = QMessageBox(QMessageBox.Icon.Critical, "Parallel Reader: unexpected error", "Something went wrong, and it was not your fault.")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            f"{summary}\n\nYour documents and settings are safe and you can keep working. "
            f"The details were written to the log:\n{self.log_path}"
        )
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result, b=box: self.dialogs.remove(b) if b in self.dialogs else None)
        self.dialogs.append(box)
        box.open()
