"""The corpus browser: a dock listing documents with metadata, filterable by text, perspective, language and date."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.corpus import Corpus, CorpusEntry, entry_matches, perspective_label
from reader.core.user_corpus import ID_PREFIX
from reader.ui.filter_choices import ANY, fill_filter_choices
from reader.ui.plain_text import plain_tooltip

def is_imported(doc_id: str) -> bool:
    """Whether a document was imported by the user (the bundled corpus cannot be changed here)."""
    return doc_id.startswith(ID_PREFIX)

COLUMNS = ("Title", "Date", "Perspective", "Outlet", "Place", "Language")
COLUMN_WIDTHS = (230, 86, 120, 190, 100, 70)
NO_DATE = QDate(1800, 1, 1)  # QDateEdit's minimum, shown as "Any"


class CorpusModel(QAbstractTableModel):
    """Table model over the corpus entries (the corpus stays the owner of the data)."""

    def __init__(self, corpus: Corpus, parent=None) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self._entries = list(corpus)

    def entry(self, row: int) -> CorpusEntry:
        """Entry shown in `row`."""
        return self._entries[row]

    def set_corpus(self, corpus: Corpus) -> None:
        """Show another corpus (after an import or a removal)."""
        self.beginResetModel()
        self._corpus, self._entries = corpus, list(corpus)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        meta = entry.metadata
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (entry.title, meta.date, perspective_label(meta.perspective), meta.outlet, meta.place or "—", meta.language)
            return values[index.column()] if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(values[index.column()])
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None


class CorpusFilter(QSortFilterProxyModel):
    """Filters rows with core's `entry_matches`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.perspective = ANY
        self.language = ANY
        self.date_from = ""
        self.date_to = ""

    def update(self, **filters: str) -> None:
        """Change some filters and refilter."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+: the replacement of invalidateFilter()
            self.beginFilterChange()
        for name, value in filters.items():
            setattr(self, name, value)
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        entry = self.sourceModel().entry(source_row)
        return entry_matches(
            entry,
            text=self.text,
            perspectives=None if self.perspective is ANY else [self.perspective],
            languages=None if self.language is ANY else [self.language],
            date_from=self.date_from,
            date_to=self.date_to,
        )


class _DateEdit(QDateEdit):
    """A date field that Tab leaves: QDateEdit would use Tab for its day/month/year parts, trapping the keyboard."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt override)
        return QWidget.focusNextPrevChild(self, next)


class CorpusDock(QDockWidget):
    """Dock with the filter controls above the document table."""

    open_requested = Signal(str)  # document id
    remove_requested = Signal(str)  # an imported document's id

    def __init__(self, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__("Corpus", parent)
        self.setObjectName("CorpusDock")
        self.setAccessibleName("Corpus browser")
        self.setAccessibleDescription("Filters and the list of bundled documents; Enter on a document opens it in a new pane")
        self.model = CorpusModel(corpus, self)
        self.proxy = CorpusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Filter by title, outlet or place")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Filter documents by text")
        self.search_field.setAccessibleDescription("Shows only documents whose title, outlet or place contains the text")
        self.perspective_box = QComboBox()
        self.perspective_box.setAccessibleName("Filter by perspective")
        self.perspective_box.setAccessibleDescription("Shows only documents from one perspective, or all")
        self.language_box = QComboBox()
        self.language_box.setAccessibleName("Filter by language")
        self.language_box.setAccessibleDescription("Shows only documents in one language, or all")
        self._fill_choices(corpus)
        self.date_from = self._date_edit("Documents dated on or after")
        self.date_to = self._date_edit("Documents dated on or before")

        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Corpus documents")
        self.table.setAccessibleDescription("Title, date and perspective of each document; Enter opens the current one in a new pane")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Fixed starting widths: ResizeToContents would read every row, too slow for a large corpus.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        self.table.activated.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, context=Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_current)

        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        form = QFormLayout()
        form.addRow("Find:", self.search_field)
        form.addRow("Perspective:", self.perspective_box)
        form.addRow("Language:", self.language_box)
        form.addRow("Date from / to:", dates)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        self.setWidget(body)

        self.search_field.textChanged.connect(lambda text: self.proxy.update(text=text.strip()))
        self.perspective_box.currentIndexChanged.connect(lambda: self.proxy.update(perspective=self.perspective_box.currentData()))
        self.language_box.currentIndexChanged.connect(lambda: self.proxy.update(language=self.language_box.currentData()))
        self.date_from.dateChanged.connect(lambda: self.proxy.update(date_from=self._iso(self.date_from)))
        self.date_to.dateChanged.connect(lambda: self.proxy.update(date_to=self._iso(self.date_to)))

    def set_corpus(self, corpus: Corpus) -> None:
        """List another corpus, keeping the filters where the new one still has their values."""
        self.model.set_corpus(corpus)
        self._fill_choices(corpus)

    def _fill_choices(self, corpus: Corpus) -> None:
        """The perspective and language filters offer what the corpus has; a choice that is gone shows everything again."""
        if fill_filter_choices(self.perspective_box, self.language_box, corpus):
            self.proxy.update(perspective=self.perspective_box.currentData(), language=self.language_box.currentData())

    def _context_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        doc_id = index.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self.table)
        menu.addAction("&Open in a New Pane").triggered.connect(lambda: self.open_requested.emit(doc_id))
        remove = menu.addAction("&Remove from Your Corpus…")
        remove.setEnabled(is_imported(doc_id))
        remove.triggered.connect(lambda: self.remove_requested.emit(doc_id))
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _remove_current(self) -> None:
        """Delete: remove the current document, if it is one the user imported."""
        doc_id = self.table.currentIndex().data(Qt.ItemDataRole.UserRole)
        if doc_id and is_imported(doc_id):
            self.remove_requested.emit(doc_id)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = _DateEdit()
        edit.setAccessibleName(name)
        edit.setAccessibleDescription(f"{name} this date, as year-month-day; 'Any' means no limit")
        edit.setToolTip(name)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("Any")
        edit.setCalendarPopup(True)
        edit.setDate(NO_DATE)
        return edit

    @staticmethod
    def _iso(edit: QDateEdit) -> str:
        return "" if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")

    def visible_ids(self) -> list[str]:
        """Ids of the rows the filters let through, in display order."""
        return [self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(self.proxy.rowCount())]

    def selected_ids(self) -> list[str]:
        """Ids of the selected rows, in display order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in rows]

    def _open_index(self, index: QModelIndex) -> None:
        self.open_requested.emit(index.data(Qt.ItemDataRole.UserRole))
