"""Ctrl+T: pick a tag for the selection by typing part of its name, or create one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.core.annotations import Tag
from reader.ui.themes_dock import swatch

CREATE = "create"


class TagPicker(QDialog):
    """Type to filter; Enter takes the highlighted tag, or creates a tag with the typed name."""

    picked = Signal(str)  # tag id
    create_requested = Signal(str)  # new tag name

    def __init__(self, tags: tuple[Tag, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tag Selection")
        self._tags = tags
        self.field = QLineEdit()
        self.field.setPlaceholderText("Type to find a tag, or a new tag's name")
        self.field.setAccessibleName("Tag name")
        self.field.setAccessibleDescription("Type part of a tag's name; Up and Down choose, Enter tags the selection, Esc cancels")
        self.list = QListWidget()
        self.list.setAccessibleName("Tags")
        self.list.setAccessibleDescription("Tags whose name contains the typed text, or a new tag with that name")
        hint = QLabel("Enter: tag the selection · Esc: cancel")
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        self.resize(380, 360)
        self.field.textChanged.connect(self._filter)
        self.field.installEventFilter(self)
        self.list.itemActivated.connect(self._choose)
        self._filter("")

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        self.list.clear()
        for tag in self._tags:
            if needle in tag.name.casefold():
                item = QListWidgetItem(swatch(tag.color), tag.name)
                item.setData(Qt.ItemDataRole.UserRole, tag.id)
                self.list.addItem(item)
        if needle and not any(tag.name.casefold() == needle for tag in self._tags):
            item = QListWidgetItem(f"Create tag “{text.strip()}”")
            item.setData(Qt.ItemDataRole.UserRole, CREATE)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + step)))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.list.currentItem() is not None:
                    self._choose(self.list.currentItem())
                return True
        return super().eventFilter(watched, event)

    def _choose(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value == CREATE:
            self.create_requested.emit(self.field.text().strip())
        else:
            self.picked.emit(value)
        self.accept()
