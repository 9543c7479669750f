"""The Search dock: full-text search of every document, hits as keyword in context; a click opens the hit.

Indexing and querying both run on workers (the index is shared and locked, so a query waits
for an update to commit, never the UI thread). The index follows the corpus: it is updated
when the dock is first used and after each import.
"""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from reader.core.corpus import Corpus
from reader.core.errors import ReaderError
from reader.ui.table_models import RowsModel
from reader.ui.filter_choices import fill_filter_choices
from reader.ui.workers import ProgressRelay, run_in_background
from reader.ui.plain_text import plain_tooltip

COLUMNS = ("Document", "Left context", "Match", "Right context")
HIT_LIMIT = 2000
SEARCH_DELAY_MS = 250  # search as you type, once typing pauses
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class HitsModel(RowsModel):
    """Search hits as rows; sorting by the left context reads it backwards from the match, as concordances do."""

    columns = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list = []
        self.titles: dict[str, str] = {}

    def show(self, hits: list, titles: dict[str, str]) -> None:
        """Display other hits."""
        self.beginResetModel()
        self.hits, self.titles = hits, titles
        self.endResetModel()

    def rows(self):
        return self.hits

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        hit = self.hits[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = (self.titles.get(hit.doc_id, hit.doc_id), hit.left, hit.match, hit.right)[column]
            return value if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(value)
        if role == SORT_ROLE:
            return (f"{self.titles.get(hit.doc_id, hit.doc_id)}\0{hit.start:012d}", hit.left[::-1].casefold(), hit.match.casefold(), hit.right.casefold())[column]
        if role == Qt.ItemDataRole.FontRole and column == 2:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # the left context ends at the match
        return None


class SearchDock(QDockWidget):
    """Query, filters, and the hits; `open_hit(doc_id, start, end)` asks the window to show one."""

    open_hit = Signal(str, int, int)

    def __init__(self, corpus: Corpus, index_factory: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__("Search", parent)
        self.setObjectName("SearchDock")
        self.setAccessibleName("Search all documents")
        self._make_index = index_factory
        self._index = None
        self._corpus = corpus
        self._stop = threading.Event()
        self.indexing = self.searching = False
        self._indexed_corpus: Corpus | None = None
        self._pending_query = False
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        label = QLabel("&Search:", body)
        self.field = QLineEdit(body)
        self.field.setPlaceholderText('Words, "a phrase", or a prefix*  — in English, Russian or Korean')
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search query")
        label.setBuddy(self.field)
        self.perspective = QComboBox(body)
        self.perspective.setAccessibleName("Search only one perspective")
        self.language = QComboBox(body)
        self.language.setAccessibleName("Search only one language")
        self.date_from, self.date_to = QLineEdit(body), QLineEdit(body)
        for edit, name in ((self.date_from, "from"), (self.date_to, "to")):
            edit.setPlaceholderText(f"{name} YYYY-MM-DD")
            edit.setToolTip(f"Only documents dated {name} this day (YYYY-MM-DD)")
            edit.setAccessibleName(f"Documents dated {name}")
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("from YYYY-MM-DD") + 24)
        for widget in (label, self.field, self.perspective, self.language, self.date_from, self.date_to):
            top.addWidget(widget, 3 if widget is self.field else 0)
        layout.addLayout(top)
        self.model = HitsModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(body)
        self.table.setModel(proxy)
        self.table.setAccessibleName("Search hits: document, left context, match, right context")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((200, 380, 140, 380)):
            header.resizeSection(column, width)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.status = QLabel("", body)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(body)
        self.progress.setAccessibleName("Indexing progress")
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel = QPushButton("Stop Indexing", body)
        self.cancel.hide()
        self.cancel.clicked.connect(self._stop.set)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel)
        layout.addLayout(bottom)
        self.setWidget(body)
        self._relay = ProgressRelay(self)
        self._relay.advanced.connect(self._progressed)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self.search)
        for combo in (self.perspective, self.language):
            combo.currentIndexChanged.connect(lambda _index: self._timer.start())
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self.search)
        self.set_corpus(corpus)
        self.visibilityChanged.connect(lambda visible: visible and self.update_index())

    def set_corpus(self, corpus: Corpus) -> None:
        """Search another corpus (after an import); the index is brought up to date if the dock is in use."""
        self._corpus = corpus
        fill_filter_choices(self.perspective, self.language, corpus)
        if self._index is not None:
            self.update_index()

    # --- indexing -------------------------------------------------------------------------------
    def update_index(self) -> None:
        """Bring the index up to date with the corpus, on a worker, with progress and Stop."""
        if self.indexing or self._indexed_corpus is self._corpus:
            return
        corpus = self._corpus
        self.indexing = True
        self._stop.clear()
        self.progress.setRange(0, max(len(corpus), 1))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel.show()
        self.status.setText("Indexing the documents for search…")

        def work():
            if self._stop.is_set():
                raise ReaderError("Indexing stopped.")  # the window closed before it began
            if self._index is None:
                self._index = self._make_index()
            return self._index.update_corpus(corpus, lambda done, total: self._relay.advanced.emit(done, total), self._stop.is_set)

        run_in_background(work, lambda update: self._indexed(corpus, update), self._failed, self)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(f"Indexing the documents for search: {done:,} of {total:,}")

    def _indexed(self, corpus: Corpus, update) -> None:
        self.indexing = False
        self.progress.hide()
        self.cancel.hide()
        self._indexed_corpus = None if update.cancelled else corpus
        status = "Indexing stopped; search covers the documents indexed so far." if update.cancelled else f"{len(corpus) - len(update.skipped):,} documents indexed."
        if update.skipped:
            status += f" {len(update.skipped)} could not be read and are left out: " + "; ".join(update.skipped[:3])
        self.status.setText(status)
        if corpus is not self._corpus:
            self.update_index()  # the corpus changed while indexing
        elif self._pending_query or self.field.text().strip():
            self.search()

    def _failed(self, message: str) -> None:
        self.indexing = self.searching = False
        self.progress.hide()
        self.cancel.hide()
        self.status.setText(message)

    # --- searching ------------------------------------------------------------------------------
    def search(self) -> None:
        """Run the query on a worker and show its hits (the index is updated first if needed)."""
        query = self.field.text().strip()
        if not query:
            self.model.show([], {})
            self.status.setText("")
            return
        if self.indexing or self._index is None or self._indexed_corpus is not self._corpus:
            self._pending_query = True
            self.update_index()
            return
        self._pending_query = False
        self.searching = True
        filters = {
            "perspectives": None if self.perspective.currentData() is None else [self.perspective.currentData()],
            "languages": None if self.language.currentData() is None else [self.language.currentData()],
            "date_from": self.date_from.text().strip(),
            "date_to": self.date_to.text().strip(),
        }
        index = self._index
        run_in_background(lambda: index.search(query, limit=HIT_LIMIT, **filters), lambda results: self._found(query, results), self._failed, self)

    def _found(self, query: str, results) -> None:
        self.searching = False
        if query != self.field.text().strip():
            return  # typed on meanwhile: the next search is on its way
        titles = {entry.id: entry.title for entry in self._corpus}
        self.model.show(list(results), titles)
        documents = len({hit.doc_id for hit in results})
        more = f" (the first {HIT_LIMIT:,})" if results.truncated else ""
        self.status.setText(f"{len(results):,} hits{more} in {documents:,} documents" if len(results) else "No hits.")

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hits[self.table.model().mapToSource(index).row()]
        self.open_hit.emit(hit.doc_id, hit.start, hit.end)

    def close_index(self) -> None:
        """Close the index file (when the window closes)."""
        self._stop.set()
        if self._index is not None:
            self._index.close()
