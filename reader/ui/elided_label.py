"""A label that wraps its plain text to a few lines and ends the last one with "…" if there is more."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QTextLayout
from PySide6.QtWidgets import QLabel, QWidget

from reader.ui.plain_text import plain_tooltip


class ElidedLabel(QLabel):
    """Plain text wrapped to at most `max_lines` lines; cut short, it ends in "…" and its tooltip
    and spoken name hold all of it. `full_text()` is the whole text, `text()` what is shown."""

    def __init__(self, max_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max_lines = max_lines
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def full_text(self) -> str:
        """All of the text, however much of it is shown."""
        return self._full

    def set_full_text(self, text: str) -> None:
        """Show `text`, cut to the label's lines at its present width."""
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self.setAccessibleName(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        shown = self._shown(self.contentsRect().width())
        if shown != self.text():
            self.setText(shown)

    def _shown(self, width: int) -> str:
        """The text wrapped at `width` as the label wraps it, cut after `max_lines` lines."""
        text = self._full
        if width <= 0 or not text:
            return text
        layout = QTextLayout(text, self.font())
        starts = []
        layout.beginLayout()
        while len(starts) <= self._max_lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            starts.append(line.textStart())
        layout.endLayout()
        if len(starts) <= self._max_lines:
            return text
        last = starts[self._max_lines - 1]
        return text[:last] + self.fontMetrics().elidedText(text[last:], Qt.TextElideMode.ElideRight, width)
