"""Find in one pane (Ctrl+F): highlights every hit, steps through them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.core.search import find_all
from reader.ui.document_view import DocumentView


class FindBar(QWidget):
    """A search field under a pane's text; Enter/F3 next, Shift+Enter/Shift+F3 previous, Esc closes."""

    closed = Signal()

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._hits: list[tuple[int, int]] = []
        self._current = -1
        self.setAccessibleName("Find bar")
        self.setAccessibleDescription("Find in this pane's document: Enter or F3 next match, Shift+Enter or Shift+F3 previous, Esc closes")
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in this document")
        self.field.setAccessibleName("Find in document")
        self.field.setAccessibleDescription("Every match is highlighted; the count of matches is shown beside the buttons")
        self.field.setClearButtonEnabled(True)
        self.case_box = QCheckBox("Match case", self)
        self.case_box.setAccessibleDescription("Find only matches with the same capital and small letters")
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleDescription("Which match is current, and how many there are")  # its name is its text
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("0000 of 0000") + 8)
        previous_button = QToolButton(self, text="Previous", toolTip="Previous match (Shift+F3)")
        next_button = QToolButton(self, text="Next", toolTip="Next match (F3)")
        close_button = QToolButton(self, text="✕", toolTip="Close find bar (Esc)")
        self.buttons = (previous_button, next_button, close_button)
        previous_button.setAccessibleName("Previous match")
        next_button.setAccessibleName("Next match")
        close_button.setAccessibleName("Close find bar")
        for button in (previous_button, next_button, close_button):
            button.setAccessibleDescription(button.toolTip())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for widget in (self.field, self.case_box, previous_button, next_button, self.count_label, close_button):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.field.textChanged.connect(self.refresh)
        self.case_box.toggled.connect(self.refresh)
        self.field.installEventFilter(self)
        previous_button.clicked.connect(self.find_previous)
        next_button.clicked.connect(self.find_next)
        close_button.clicked.connect(self.close_bar)

    def tab_stops(self) -> list[QWidget]:
        """The bar's controls in the order Tab visits them."""
        return [self.field, self.case_box, *self.buttons]

    @property
    def hits(self) -> list[tuple[int, int]]:
        """Current hits as code-point spans."""
        return list(self._hits)

    @property
    def current(self) -> int:
        """Index of the current hit, -1 when none."""
        return self._current

    def open_bar(self) -> None:
        """Show the bar with the field focused and its text selected."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        """Hide the bar and remove the highlights."""
        self._hits, self._current = [], -1
        self._view.set_find_hits([], -1)
        self.hide()
        self._view.setFocus()
        self.closed.emit()

    def refresh(self) -> None:
        """Search again for the field's text and highlight every hit."""
        self._hits = find_all(self._view.text, self.field.text(), self.case_box.isChecked())
        self._current = 0 if self._hits else -1
        self._show()

    def find_next(self) -> None:
        """Go to the next hit, wrapping at the end."""
        self._step(1)

    def find_previous(self) -> None:
        """Go to the previous hit, wrapping at the start."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + delta) % len(self._hits)
        self._show()

    def _show(self) -> None:
        self._view.set_find_hits(self._hits, self._current)
        if not self.field.text().strip():
            self.count_label.setText("")
        elif self._hits:
            self.count_label.setText(f"{self._current + 1} of {len(self._hits)}")
        else:
            self.count_label.setText("No matches")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
        return super().eventFilter(watched, event)
