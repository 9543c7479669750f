"""Find in one pane (Ctrl+F): highlights every hit, steps through them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QLineEdit, QToolButton, QWidget

from reader.core.search import find_all
from reader.ui.document_view import DocumentView

FIELD_MIN_CHARACTERS = 10  # the field always shows this much of what is typed


class FindBar(QWidget):
    """A search field under a pane's text; Enter/F3 next, Shift+Enter/Shift+F3 previous, Esc closes.

    In a pane too narrow for one row, the buttons go on a second row under the field: the bar
    never asks for more width than that, so opening it takes no room from the other panes.
    """

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
        self.case_box = QToolButton(self, text="Aa", toolTip="Match case: find only matches with the same capital and small letters")
        self.case_box.setCheckable(True)
        self.case_box.setAccessibleName("Match case")
        self.case_box.setAccessibleDescription("Find only matches with the same capital and small letters")
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleDescription("Which match is current, and how many there are")  # its name is its text
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("000 of 000"))  # more digits take the room the row leaves
        previous_button = QToolButton(self, text="↑", toolTip="Previous match (Shift+F3)")
        next_button = QToolButton(self, text="↓", toolTip="Next match (F3)")
        close_button = QToolButton(self, text="✕", toolTip="Close find bar (Esc)")
        self.buttons = (previous_button, next_button, close_button)
        previous_button.setAccessibleName("Previous match")
        next_button.setAccessibleName("Next match")
        close_button.setAccessibleName("Close find bar")
        for button in (previous_button, next_button, close_button):
            button.setAccessibleDescription(button.toolTip())
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 2, 6, 2)
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # minimumSizeHint says what the bar needs
        self._one_row: bool | None = None
        self._fit_font()
        self.field.textChanged.connect(self.refresh)
        self.case_box.toggled.connect(self.refresh)
        self.field.installEventFilter(self)
        previous_button.clicked.connect(self.find_previous)
        next_button.clicked.connect(self.find_next)
        close_button.clicked.connect(self.close_bar)

    def _arrange(self, one_row: bool) -> None:
        """Field, case, previous, next, count and close on one row; or the field and close above the rest."""
        if one_row == self._one_row:
            return
        self._one_row = one_row
        previous_button, next_button, close_button = self.buttons
        grid = self._grid
        for widget in (self.field, self.case_box, previous_button, next_button, self.count_label, close_button):
            grid.removeWidget(widget)
        for column in range(6):
            grid.setColumnStretch(column, 0)
        if one_row:
            for column, widget in enumerate((self.field, self.case_box, previous_button, next_button, self.count_label, close_button)):
                grid.addWidget(widget, 0, column)
            grid.setColumnStretch(0, 1)
        else:
            grid.addWidget(self.field, 0, 0, 1, 4)
            grid.addWidget(close_button, 0, 4)
            for column, widget in enumerate((self.case_box, previous_button, next_button)):
                grid.addWidget(widget, 1, column)
            grid.addWidget(self.count_label, 1, 3, 1, 2)  # with the room under the close button
            grid.setColumnStretch(3, 1)
        self.updateGeometry()  # one row or two: the pane gives the bar its new height

    def _fit_font(self) -> None:
        """Room for ten characters in the field, in the present font; then one row or two again."""
        self.field.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * FIELD_MIN_CHARACTERS))
        self._rearrange()

    def _rearrange(self) -> None:
        self._arrange(one_row=self.width() >= self._one_row_width())

    def _width_for(self, widgets: list[QWidget], whole_count: bool = False) -> int:
        """Width of `widgets` side by side at their least (the count's text whole if `whole_count`), with the bar's margins and spacing."""
        margins = self._grid.contentsMargins()
        spacing = max(self._grid.horizontalSpacing(), 0)

        def least(widget: QWidget) -> int:
            if widget is self.field:
                return widget.minimumWidth()
            if widget is self.count_label and whole_count:
                return max(widget.minimumSizeHint().width(), widget.sizeHint().width())
            return widget.minimumSizeHint().width()

        return sum(map(least, widgets)) + spacing * (len(widgets) - 1) + margins.left() + margins.right()

    def _one_row_width(self) -> int:
        """Width one row takes, its count shown whole (two rows give the count more room)."""
        return self._width_for([self.field, self.case_box, *self.buttons, self.count_label], whole_count=True)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as two rows allow: the bar never widens its pane."""
        previous_button, next_button, close_button = self.buttons
        width = max(self._width_for([self.field, close_button]), self._width_for([self.case_box, previous_button, next_button, self.count_label]))
        return QSize(width, self._grid.minimumSize().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(max(self._grid.sizeHint().width(), self.minimumSizeHint().width()), self._grid.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._arrange(one_row=event.size().width() >= self._one_row_width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_font()

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
        self._rearrange()  # a longer count may no longer fit beside the buttons

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
