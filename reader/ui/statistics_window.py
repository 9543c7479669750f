"""View ▸ Statistics: theme and tag counts per document or perspective, as a table and a chart, and co-occurrence.

The counting (matching themes over the whole corpus if asked) runs on a worker; the window
shows the tables, the chart, and exports CSV, PNG and SVG.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from reader.core.errors import ReaderError
from reader.core.statistics import DOCUMENT, PERSPECTIVE, CountTable, Matrix, count_table, cooccurrence, counts_csv, cooccurrence_csv, gather, write_csv
from reader.ui.statistics_chart import build_chart, save_chart_png, save_chart_svg
from reader.ui.workers import run_in_background
from reader.ui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

OPEN_DOCUMENTS, WHOLE_CORPUS = "open", "corpus"
SORT_ROLE = Qt.ItemDataRole.UserRole


class MatrixModel(QAbstractTableModel):
    """A core Matrix as a read-only table: row names, then one column per label; numbers sort as numbers."""

    def __init__(self, corner: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = Matrix((), (), ())
        self.corner = corner
        self.decimals = 0

    def show(self, matrix: Matrix, decimals: int = 0) -> None:
        """Display another matrix."""
        self.beginResetModel()
        self.matrix, self.decimals = matrix, decimals
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.matrix.row_labels)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.matrix.column_labels) + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row, column = index.row(), index.column()
        if column == 0:
            name = self.matrix.row_labels[row]
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(name)
            return name if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE) else None
        value = self.matrix.value(row, column - 1)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:.{self.decimals}f}"
        if role == SORT_ROLE:
            return float(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            name = self.corner if section == 0 else self.matrix.column_labels[section - 1]
            return name if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(name)
        return None


def _table(model: MatrixModel, name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the core's order until a header is clicked
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.setAccessibleName(name)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    model.modelReset.connect(lambda: _narrow_first_column(header))
    return table


def _narrow_first_column(header: QHeaderView) -> None:
    """Long document titles are cut short (the tooltip has them whole); the numbers stay in view."""
    if header.count():
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, header.fontMetrics().averageCharWidth() * 40)


class StatisticsWindow(QWidget):
    """Counts of themes and tags for the open documents or the whole corpus."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.main = window
        self.setWindowTitle("Statistics")
        self.setAccessibleName("Statistics")
        self.resize(1100, 720)
        self.table: CountTable | None = None
        self.pairs: Matrix | None = None
        self.computing = False
        self._request = 0  # each count's number: only the latest one's result is shown

        self.scope = self._combo("&Documents:", [("Open documents", OPEN_DOCUMENTS), ("Whole corpus", WHOLE_CORPUS)], "Which documents are counted")
        self.grouping = self._combo("&Rows:", [("By document", DOCUMENT), ("By perspective", PERSPECTIVE)], "One row per document, or per perspective")
        self.values = self._combo("&Values:", [("Raw counts", False), ("Per 1,000 words", True)], "Counts, or counts per 1,000 words")
        controls = QHBoxLayout()
        for label, combo in (self.scope, self.grouping, self.values):
            controls.addWidget(label)
            controls.addWidget(combo)
        self.status = QLabel("", self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        controls.addWidget(self.status, 1)

        self.counts_model, self.pairs_model = MatrixModel("Document", self), MatrixModel("Theme or tag", self)
        self.counts_view = _table(self.counts_model, "Counts of themes and tags")
        self.pairs_view = _table(self.pairs_model, "Sentences in which two themes or tags occur together")
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName("Chart of the counts")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.counts_view, "&Counts")
        self.tabs.addTab(self.chart_view, "C&hart")
        self.tabs.addTab(self.pairs_view, "C&o-occurrence")

        buttons = QHBoxLayout()
        self.export_buttons = {}
        for key, text in (("counts", "Export Counts as CSV…"), ("pairs", "Export Co-occurrence as CSV…"), ("png", "Export Chart as PNG…"), ("svg", "Export Chart as SVG…")):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, k=key: self._choose_export(k))
            buttons.addWidget(button)
            self.export_buttons[key] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.scope[1].currentIndexChanged.connect(lambda _i: self.recompute())
        self.grouping[1].currentIndexChanged.connect(lambda _i: self.show_results())
        self.values[1].currentIndexChanged.connect(lambda _i: self.show_results())

    def _combo(self, text: str, items: list[tuple[str, object]], tip: str) -> tuple[QLabel, QComboBox]:
        combo = QComboBox(self)
        for name, value in items:
            combo.addItem(name, value)
        combo.setAccessibleName(text.replace("&", "").rstrip(":"))
        combo.setToolTip(tip)
        label = QLabel(text, self)
        label.setBuddy(combo)
        return label, combo

    # --- counting -------------------------------------------------------------------------------
    def recompute(self) -> None:
        """Count again on a worker (after the scope, the documents or the annotations changed)."""
        window = self.main
        panes = [pane for pane in window.pane_area.panes() if pane.document is not None]
        whole = self.scope[1].currentData() == WHOLE_CORPUS
        if not whole and not panes:
            self._show_empty("Open documents, or choose the whole corpus.")
            return
        known = {pane.document.id: spans for pane in panes if (spans := window.themes.spans_of(pane)) is not None}
        open_documents = [pane.document for pane in panes]
        corpus, state, content = window.corpus, window.themes.state, window.annotations.content
        themes = [theme for theme in state.themes if theme.id not in state.hidden]

        def work() -> tuple[CountTable, Matrix]:
            from reader.core.statistics import corpus_documents

            documents = corpus_documents(corpus) if whole else open_documents
            occurrences = gather(documents, themes, content, known, state.matcher())
            return count_table(occurrences), cooccurrence(occurrences)

        self._request += 1
        request = self._request
        self.computing = True
        self.status.setText("Counting…")
        run_in_background(work, lambda result: self._counted(request, result), lambda message: self._failed(request, message), self)

    def _counted(self, request: int, result: tuple[CountTable, Matrix]) -> None:
        if request != self._request:  # the scope or the documents changed while it counted
            return
        self.computing = False
        self.table, self.pairs = result
        self.status.setText(f"{len(self.table.documents)} documents, {sum(row.words for row in self.table.documents):,} words")
        self.show_results()

    def _failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self.computing = False
        self.status.setText("")
        self.main.report_problem(message)

    def _show_empty(self, message: str) -> None:
        self.table = self.pairs = None
        self.status.setText(message)
        self.counts_model.show(Matrix((), (), ()))
        self.pairs_model.show(Matrix((), (), ()))

    def show_results(self) -> None:
        """Fill the tables and the chart from the last count, as the controls say."""
        if self.table is None or self.pairs is None:
            return
        scope, per_thousand = self.grouping[1].currentData(), bool(self.values[1].currentData())
        matrix = self.table.matrix(scope, per_thousand)
        self.counts_model.corner = "Document" if scope == DOCUMENT else "Perspective"
        self.counts_model.show(matrix, 2 if per_thousand else 0)
        self.pairs_model.show(self.pairs)
        unit = "per 1,000 words" if per_thousand else "occurrences"
        title = f"Themes and tags by {'document' if scope == DOCUMENT else 'perspective'} ({unit})"
        names = [self._short_name(key, name) for key, name in zip(matrix.row_keys, matrix.row_labels)] if scope == DOCUMENT else None
        previous = self.chart_view.chart()
        self.chart_view.setChart(build_chart(matrix, title, self.main.appearance, scope == PERSPECTIVE, names, 1 if per_thousand else 0))
        previous.deleteLater()  # the view lets go of a replaced chart without deleting it

    def _short_name(self, doc_id: str, title: str) -> str:
        """A document as the chart's legend names it: outlet and date, where known (titles are long)."""
        if doc_id in self.main.corpus:
            meta = self.main.corpus.entry(doc_id).metadata
            return " ".join(part for part in (meta.outlet.split(" (")[0], meta.date) if part) or title
        return title

    # --- export ---------------------------------------------------------------------------------
    def _choose_export(self, kind: str) -> None:
        filters = {"counts": "CSV (*.csv)", "pairs": "CSV (*.csv)", "png": "PNG image (*.png)", "svg": "SVG image (*.svg)"}
        names = {"counts": "theme-counts.csv", "pairs": "co-occurrence.csv", "png": "theme-chart.png", "svg": "theme-chart.svg"}
        path, _ = QFileDialog.getSaveFileName(self, "Export", str(self.main.annotations.path.parent / names[kind]), filters[kind])
        if path:
            self.export(kind, Path(path))

    def export(self, kind: str, path: Path) -> bool:
        """Write the counts or co-occurrence as CSV, or the chart as PNG or SVG; problems are reported."""
        if self.table is None or self.pairs is None:
            self.main.report_problem("There is nothing counted to export yet.")
            return False
        try:
            if kind == "counts":
                write_csv(counts_csv(self.table), path)
            elif kind == "pairs":
                write_csv(cooccurrence_csv(self.pairs), path)
            elif kind == "png":
                save_chart_png(self.chart_view, path)
            else:
                save_chart_svg(self.chart_view, path)
        except ReaderError as error:
            self.main.report_problem(str(error))
            return False
        except OSError as error:
            self.main.report_problem(f"{path}: could not be written ({error.strerror or error})")
            return False
        self.status.setText(f"Exported {path.name}")
        return True


def show_statistics(window: MainWindow) -> StatisticsWindow:
    """Open (or bring forward) the window's statistics, counted afresh."""
    existing = getattr(window, "statistics_window", None)
    if existing is None:
        existing = window.statistics_window = StatisticsWindow(window)
    existing.show()
    existing.raise_()
    existing.activateWindow()
    existing.recompute()
    return existing
