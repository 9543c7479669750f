"""The Alignment dock: which two panes, sentences or paragraphs, the threshold, and the table of aligned pairs."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSlider,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.alignment import PARAGRAPHS, SENTENCES, AlignedPair
from reader.ui.table_models import RowsModel
from reader.ui.alignment_controller import AlignmentController
from reader.ui.plain_text import plain_tooltip

COLUMNS = ("Left passage", "Right passage", "Score", "Shared themes")
SCORE_COLUMN = 2
EXCERPT_CHARS = 160
SLIDER_STEPS = 100  # the slider counts hundredths of a score
UNITS = (("Sentences", SENTENCES), ("Paragraphs", PARAGRAPHS))


def excerpt(text: str, span: tuple[int, int], limit: int = EXCERPT_CHARS) -> str:
    """A passage on one line (runs of white space as one space), cut at `limit` characters."""
    flat = " ".join(text[span[0] : span[1]].split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class PairsModel(RowsModel):
    """Rows are the pairs at or above the threshold (the controller owns them)."""

    columns = COLUMNS

    def __init__(self, controller: AlignmentController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._pairs: list[AlignedPair] = []
        self._texts = ("", "")
        self._names: dict[str, str] = {}

    def reset(self) -> None:
        """Show the controller's pairs now."""
        self.beginResetModel()
        c = self.controller
        self._pairs = list(c.pairs)
        self._texts = (c.left.view.text if c.left else "", c.right.view.text if c.right else "")
        self._names = {theme.id: theme.label for theme in c.window.themes.state.themes}
        self.endResetModel()

    def pair(self, row: int) -> AlignedPair:
        """The pair in `row` of the model."""
        return self._pairs[row]

    def row_of(self, pair: AlignedPair) -> int:
        """Row of a pair, or -1."""
        return self._pairs.index(pair) if pair in self._pairs else -1

    def rows(self):
        return self._pairs

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        pair, column = self._pairs[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                excerpt(self._texts[0], pair.left),
                excerpt(self._texts[1], pair.right),
                f"{pair.score:.2f}",
                ", ".join(self._names.get(theme, theme) for theme in pair.themes),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column < 2:
                return plain_tooltip(excerpt(self._texts[column], pair.left if column == 0 else pair.right, 2000))
            return f"Similarity {pair.score:.2f}: words {pair.text_score:.2f}, themes {pair.theme_score:.2f}"
        if role == Qt.ItemDataRole.UserRole:  # sort key: position in the text, or the score
            return (pair.left[0], pair.right[0], pair.score, ", ".join(pair.themes))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SCORE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AlignmentDock(QDockWidget):
    """Choices of panes, unit and threshold over a sortable table of the aligned pairs."""

    pair_chosen = Signal(object)  # AlignedPair: show both passages

    def __init__(self, controller: AlignmentController, parent: QWidget | None = None) -> None:
        super().__init__("Alignment", parent)
        self.setObjectName("AlignmentDock")
        self.setAccessibleName("Alignment")
        self.setAccessibleDescription("Passages of two panes that speak of the same thing, with how similar they are")
        self.controller = controller
        self._updating = False  # set while we change the table's selection ourselves
        self.left_combo, self.right_combo = QComboBox(), QComboBox()
        for combo, side in ((self.left_combo, "left"), (self.right_combo, "right")):
            combo.setAccessibleName(f"{side.capitalize()} pane")
            combo.setAccessibleDescription(f"The open document whose passages are on the {side} of each pair")
            combo.setToolTip(f"Document on the {side} of the alignment")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
            combo.activated.connect(self._panes_picked)
        self.unit_combo = QComboBox()
        for label, unit in UNITS:
            self.unit_combo.addItem(label, unit)
        self.unit_combo.setAccessibleName("Passage unit")
        self.unit_combo.setAccessibleDescription("Align sentence with sentence, or paragraph with paragraph")
        self.unit_combo.activated.connect(lambda _index: controller.set_unit(self.unit_combo.currentData()))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(5)
        self.slider.setValue(round(controller.threshold * SLIDER_STEPS))
        self.slider.setAccessibleName("Similarity threshold")
        self.slider.setToolTip("How similar two passages must be to count as a pair (0: any shared word or theme; 1: identical)")
        self.slider.valueChanged.connect(self._threshold_moved)
        self.threshold_label = QLabel()
        self.threshold_label.setAccessibleName("Threshold value")
        self.threshold_label.setMinimumWidth(self.threshold_label.fontMetrics().horizontalAdvance("0.000"))
        self.links_box = QCheckBox("Show links")
        self.links_box.setChecked(controller.show_links)
        self.links_box.setAccessibleDescription("Draw a band from each passage to its partner between the two panes")
        self.links_box.setToolTip(self.links_box.accessibleDescription())
        self.links_box.toggled.connect(controller.set_show_links)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Alignment status")
        self.model = PairsModel(controller, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Aligned passages")
        self.table.setAccessibleDescription("Each pair: the left passage, the right passage, their similarity and shared themes; choosing a row selects both passages")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((420, 420, 60, 200)):
            header.resizeSection(column, width)
        self.table.activated.connect(self._row_chosen)
        self.table.clicked.connect(self._row_chosen)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._row_chosen(current))
        self.setWidget(self._lay_out())
        controller.pairs_changed.connect(self._show_pairs)
        controller.current_changed.connect(self._show_current)
        controller.status_changed.connect(self.status_label.setText)
        controller.panes_chosen.connect(self._fill_pane_choices)
        self._threshold_moved(self.slider.value())
        self._fill_pane_choices()

    def _lay_out(self) -> QWidget:
        grid = QGridLayout()
        row = [("&Left:", self.left_combo), ("&Right:", self.right_combo), ("&Unit:", self.unit_combo)]
        for column, (text, widget) in enumerate(row):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        threshold = QLabel("&Threshold:")
        threshold.setBuddy(self.slider)
        grid.addWidget(threshold, 1, 0)
        slider_row = QHBoxLayout()
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.threshold_label)
        grid.addLayout(slider_row, 1, 1, 1, 3)
        grid.addWidget(self.links_box, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(grid)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        return body

    # --- from the controller --------------------------------------------------------------------
    def _fill_pane_choices(self) -> None:
        panes = self.controller.pane_area.panes()
        for combo, chosen in ((self.left_combo, self.controller.left), (self.right_combo, self.controller.right)):
            combo.blockSignals(True)
            combo.clear()
            for number, pane in enumerate(panes, start=1):
                combo.addItem(f"{number}. {pane.title}", number - 1)
                combo.setItemData(number - 1, plain_tooltip(pane.title), Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(panes.index(chosen) if chosen in panes else -1)
            combo.blockSignals(False)

    def _show_pairs(self) -> None:
        self._updating = True
        try:
            self.model.reset()
        finally:
            self._updating = False
        self._show_current()

    def _show_current(self) -> None:
        row = self.model.row_of(self.controller.current) if self.controller.current is not None else -1
        self._updating = True
        try:
            selection = self.table.selectionModel()
            if row < 0:
                selection.clearSelection()
            else:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
        finally:
            self._updating = False

    # --- from the user --------------------------------------------------------------------------
    def _panes_picked(self, _index: int = 0) -> None:
        panes = self.controller.pane_area.panes()
        picked = [combo.currentData() for combo in (self.left_combo, self.right_combo)]
        left, right = (panes[i] if isinstance(i, int) and 0 <= i < len(panes) else None for i in picked)
        self.controller.choose(left, right)

    def _threshold_moved(self, value: int) -> None:
        threshold = value / SLIDER_STEPS
        self.threshold_label.setText(f"{threshold:.2f}")
        self.slider.setAccessibleDescription(f"Pairs must score at least {threshold:.2f} (0 to 1); arrow keys change it by 0.01")
        self.controller.set_threshold(threshold)

    def _row_chosen(self, index: QModelIndex) -> None:
        if self._updating or not index.isValid():
            return
        self.pair_chosen.emit(self.model.pair(self.proxy.mapToSource(index).row()))

    def select_row(self, row: int) -> None:
        """Make table row `row` (in display order) current, as a click would."""
        self.table.setCurrentIndex(self.proxy.index(row, 0))

