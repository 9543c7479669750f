"""The import metadata dialog: one row per file read, its guessed title, outlet, perspective, date, place and language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from reader.core.corpus import KNOWN_PERSPECTIVES
from reader.core.document_import import ImportedText
from reader.core.errors import ReaderError
from reader.core.user_corpus import normalise_overrides

FIELDS = ("title", "outlet", "perspective", "date", "place", "language")
HEADERS = ("File", "Title", "Outlet", "Perspective", "Date (YYYY-MM-DD)", "Place", "Language")
LANGUAGES = ("en", "ru", "ko")


class ImportDialog(QDialog):
    """Check and complete what was guessed about each file before it joins the corpus."""

    def __init__(self, files: list[ImportedText], problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Documents")
        self.files = files
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Check the title and the source of each document; what the files say has been filled in. "
            "Perspective, place and date help the corpus browser, the timeline and the statistics.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(files), len(HEADERS), self)
        self.table.setAccessibleName("Documents to import and their details")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setTabKeyNavigation(True)  # a form: Tab moves from field to field
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, imported in enumerate(files):
            self._fill_row(row, imported)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, min(max(self.table.columnWidth(1), 240), 420))
        layout.addWidget(self.table, 1)
        if problems:  # files that could not be read are named; the rest can still be imported
            skipped = QLabel("Not imported:\n" + "\n".join(problems), self)
            skipped.setWordWrap(True)
            skipped.setTextFormat(Qt.TextFormat.PlainText)
            skipped.setAccessibleName("Files that could not be read")
            layout.addWidget(skipped)
        self.error = QLabel("", self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: palette(link);")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"Import {len(files)} Document{'s' if len(files) != 1 else ''}")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1100, 260 + 32 * min(len(files), 10))

    def _fill_row(self, row: int, imported: ImportedText) -> None:
        name = QTableWidgetItem(imported.path.name)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        name.setToolTip(str(imported.path))
        self.table.setItem(row, 0, name)
        meta = imported.metadata
        values = {"title": imported.title, "outlet": meta.outlet, "date": meta.date, "place": meta.place}
        for column, field in enumerate(FIELDS, start=1):
            if field == "perspective":
                self.table.setCellWidget(row, column, _combo([("", "Not known"), *KNOWN_PERSPECTIVES.items()], meta.perspective, "Perspective"))
            elif field == "language":
                self.table.setCellWidget(row, column, _combo([("", "Not known"), *((code, code) for code in LANGUAGES)], meta.language, "Language"))
            else:
                self.table.setItem(row, column, QTableWidgetItem(values[field]))

    def overrides(self) -> list[dict[str, str]]:
        """The details of each file, checked (ReaderError names the row and field that is wrong)."""
        result = []
        for row in range(self.table.rowCount()):
            values = {}
            for column, field in enumerate(FIELDS, start=1):
                widget = self.table.cellWidget(row, column)
                item = self.table.item(row, column)
                values[field] = _combo_value(widget) if isinstance(widget, QComboBox) else (item.text() if item else "")
            if not values["title"].strip():
                raise ReaderError(f"{self.files[row].path.name}: a document needs a title")
            try:
                result.append(normalise_overrides(values))
            except ReaderError as error:
                raise ReaderError(f"{self.files[row].path.name}: {error}") from None
        return result

    def accept(self) -> None:  # noqa: D102 (Qt override: only valid details close the dialog)
        try:
            self.checked = self.overrides()
        except ReaderError as error:
            self.error.setText(str(error))
            return
        super().accept()


def _combo_value(combo: QComboBox) -> str:
    """The stored value of a chosen item, or the text typed in (a perspective or language of the user's own)."""
    index = combo.findText(combo.currentText())
    return combo.itemData(index) if index >= 0 else combo.currentText()


def _combo(items: list[tuple[str, str]], current: str, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)  # users may add their own perspectives and languages
    combo.setAccessibleName(name)
    for value, label in items:
        combo.addItem(label, value)
    index = combo.findData(current)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.setEditText(current)
    return combo
