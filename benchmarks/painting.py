"""Helpers to wait until widgets have really been painted."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget


class PaintWatcher(QObject):
    """Counts paint events of the widgets it watches: all of them, or those that begin while
    `counts_when()` is true (a paint that shows a finished state)."""

    def __init__(self, widgets: list[QWidget], counts_when=lambda: True) -> None:
        super().__init__()
        self.painted: set[int] = set()
        self._widgets = widgets
        self._counts_when = counts_when
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and self._counts_when():
            self.painted.add(id(watched))
        return False

    def reset(self) -> None:
        """Forget earlier paints."""
        self.painted.clear()

    def all_painted(self) -> bool:
        """Whether every watched widget has been painted since the last reset."""
        return all(id(w) in self.painted for w in self._widgets)


def spin_until(condition, timeout: float = 60.0) -> None:
    """Run the event loop until `condition()` is true, checking every millisecond.

    A real event loop, not a Python loop around processEvents(): a busy Python loop would
    compete for the GIL with the worker thread being measured.
    """
    if condition():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout

    def check() -> None:
        if condition() or time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError("benchmark condition not reached")
