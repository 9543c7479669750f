"""Helpers to wait until widgets have really been painted."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class PaintWatcher(QObject):
    """Counts paint events of the widgets it watches."""

    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.painted: set[int] = set()
        self._widgets = widgets
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.painted.add(id(watched))
        return False

    def reset(self) -> None:
        """Forget earlier paints."""
        self.painted.clear()

    def all_painted(self) -> bool:
        """Whether every watched widget has been painted since the last reset."""
        return all(id(w) in self.painted for w in self._widgets)


def spin_until(condition, timeout: float = 60.0) -> None:
    """Run the event loop until `condition()` is true."""
    deadline = time.perf_counter() + timeout
    app = QApplication.instance()
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark condition not reached")
        app.processEvents()
