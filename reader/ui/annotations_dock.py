"""The Annotations dock: every annotation in a sortable, filterable table; a click goes to the passage."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from reader.core.annotations import Annotation, AnnotationSet
from reader.core.corpus import DOC_IRI_PREFIX
from reader.ui.table_models import RowsModel
from reader.ui.plain_text import plain_tooltip

COLUMNS = ("Document", "Quote", "Tags", "Note", "Creator", "Modified")


class AnnotationsModel(RowsModel):
    """Rows are the annotations of the set it shows (the controller owns the set)."""

    columns = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._annotations: tuple[Annotation, ...] = ()
        self._tag_names: dict[str, str] = {}
        self._orphans: set[str] = set()

    def show(self, content: AnnotationSet, orphans: set[str]) -> None:
        """Show a new annotation set."""
        self.beginResetModel()
        self._annotations = content.annotations
        self._tag_names = {tag.id: tag.name for tag in content.codebook}
        self._orphans = orphans
        self.endResetModel()

    def annotation(self, row: int) -> Annotation:
        """The annotation in `row` of the model."""
        return self._annotations[row]

    def rows(self):
        return self._annotations

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        annotation = self._annotations[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            orphan = " (not placed)" if annotation.id in self._orphans else ""
            values = (
                annotation.document.removeprefix(DOC_IRI_PREFIX) + orphan,
                " ".join(annotation.exact.split()),
                ", ".join(self._tag_names.get(tag, "?") for tag in annotation.tags),
                annotation.note if role == Qt.ItemDataRole.ToolTipRole else " ".join(annotation.note.split()),
                annotation.creator,
                annotation.modified.replace("T", " ").removesuffix("Z"),
            )
            return values[index.column()] if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(values[index.column()])
        if role == Qt.ItemDataRole.UserRole:
            return annotation.id
        return None


class AnnotationsDock(QDockWidget):
    """Filter field, the table, and Delete."""

    jump_requested = Signal(str)  # annotation id
    delete_requested = Signal(list)  # annotation ids
    reattach_requested = Signal(str)  # annotation id: put it on the text selected in the active pane
    edit_requested = Signal(str)  # annotation id: edit its note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("AnnotationsDock")
        self.setAccessibleName("Annotations")
        self.setAccessibleDescription("Every annotation of the annotation file, with commands to edit, re-attach and delete them")
        self.model = AnnotationsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # any column: document, quote, tags, note, creator
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText("Filter by document, quote, tag, note or creator")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setAccessibleName("Filter annotations")
        self.filter_field.setAccessibleDescription("Shows only annotations whose document, quote, tags, note or creator contain the text")
        self.filter_field.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the view; arrows move within it
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Annotations")
        self.table.setAccessibleDescription("Document, quote, tags, note, creator and time of each annotation; Enter goes to its passage")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((140, 240, 140, 200, 90, 140)):
            header.resizeSection(column, width)
        self.table.activated.connect(lambda index: self.jump_requested.emit(index.data(Qt.ItemDataRole.UserRole)))
        self.table.clicked.connect(lambda index: self.jump_requested.emit(index.data(Qt.ItemDataRole.UserRole)))
        delete_button = QPushButton("Delete")
        delete_button.setToolTip("Delete the selected annotations (undo with Ctrl+Z)")
        delete_button.clicked.connect(lambda: self.delete_requested.emit(self.selected_ids()))
        reattach_button = QPushButton("Re-attach to Selection")
        reattach_button.setToolTip("Put the selected annotation on the text selected in the active pane (for one that could not be placed)")
        reattach_button.clicked.connect(lambda: [self.reattach_requested.emit(i) for i in self.selected_ids()[:1]])
        edit_button = QPushButton("Edit Note…")
        edit_button.setToolTip("Edit the note of the selected annotation (Ctrl+M in a pane)")
        edit_button.clicked.connect(lambda: [self.edit_requested.emit(i) for i in self.selected_ids()[:1]])
        delete_button.setAccessibleName("Delete annotations")
        reattach_button.setAccessibleName("Re-attach annotation to selection")
        edit_button.setAccessibleName("Edit note")
        for button in (delete_button, reattach_button, edit_button):
            button.setAccessibleDescription(button.toolTip())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(edit_button)
        buttons.addWidget(reattach_button)
        buttons.addWidget(delete_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setWidget(body)

    def selected_ids(self) -> list[str]:
        """Ids of the selected annotations."""
        return [index.data(Qt.ItemDataRole.UserRole) for index in self.table.selectionModel().selectedRows()]

    def visible_ids(self) -> list[str]:
        """Ids of the rows the filter lets through, in display order."""
        return [self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(self.proxy.rowCount())]
