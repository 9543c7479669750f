"""A label that wraps its plain text to a few lines and ends the last one with "…" if there is more."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QWidget

from reader.ui.plain_text import plain_tooltip

LONGEST_UNBROKEN = 12  # characters: a longer word (a file name) is broken across lines rather than widen the pane


class ElidedLabel(QLabel):
    """Plain text wrapped to at most `max_lines` lines; cut short, it ends in "…" and its tooltip
    and spoken name hold all of it. `full_text()` is the whole text, `text()` what is shown.

    The label breaks the lines itself, between words; it asks for the width of its longest word,
    up to LONGEST_UNBROKEN characters, and breaks a longer one (such as a file name) anywhere.
    """

    def __init__(self, max_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max_lines = max_lines
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)

    def full_text(self) -> str:
        """All of the text, however much of it is shown."""
        return self._full

    def set_full_text(self, text: str) -> None:
        """Show `text`, cut to the label's lines at its present width."""
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self.setAccessibleName(text)
        self._fit()
        self.updateGeometry()  # its longest word may be another

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        metrics = self.fontMetrics()
        longest_word = max((metrics.horizontalAdvance(word) for word in self._full.split()), default=0)
        width = min(longest_word, metrics.averageCharWidth() * LONGEST_UNBROKEN) + self.contentsMargins().left() + self.contentsMargins().right()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        shown = self._shown(self.contentsRect().width())
        if shown != self.text():
            self.setText(shown)

    def _shown(self, width: int) -> str:
        """The text broken into lines of `width`, cut after `max_lines` lines."""
        text = " ".join(self._full.split())
        if width <= 0 or not text:
            return text
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout = QTextLayout(text, self.font())
        layout.setTextOption(option)
        starts = []
        layout.beginLayout()
        while len(starts) <= self._max_lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            starts.append(line.textStart())
        layout.endLayout()
        lines = [text[start:end].strip() for start, end in zip(starts, [*starts[1:], len(text)])]
        if len(lines) > self._max_lines:
            rest = text[starts[self._max_lines - 1] :]
            lines = [*lines[: self._max_lines - 1], self.fontMetrics().elidedText(rest, Qt.TextElideMode.ElideRight, width)]
        return "\n".join(lines)
