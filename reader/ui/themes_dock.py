"""The Themes dock: each theme with its colour, a show/hide box and its count in every open pane."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QDockWidget, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from reader.core.themes import Theme
from reader.ui.plain_text import plain_tooltip


@lru_cache(maxsize=256)
def swatch(color: str, edge: str | None = None) -> QIcon:
    """A small square of a colour, for the theme list, with an `edge` of another colour if given;
    the same colours on a selected row (not the style's tint). Kept once made: a table asks for
    its rows' swatches on every repaint."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(edge or color))
    if edge is not None:
        painter = QPainter(pixmap)
        painter.fillRect(3, 3, 8, 8, QColor(color))
        painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


COUNT_COLUMN_WIDTH = 34
COUNT_PADDING = 12  # a cell's margins and the grid line, beside its digits
STILL_COUNTING = "…"  # a pane's count while its text is read or matched: not a partial number


class ThemesModel(QAbstractTableModel):
    """Rows are themes; column 0 the theme (checkable), then one count column per open pane."""

    visibility_toggled = Signal(str, bool)  # theme id, visible

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.themes: list[Theme] = []
        self.hidden: set[str] = set()
        self.dark = False
        self.pane_titles: list[str] = []
        self.counts: list[dict[str, int] | None] = []  # per pane: theme id -> count; None while it is being counted

    def reset(self, themes: list[Theme], hidden: set[str], dark: bool, pane_titles: list[str], counts: list[dict[str, int] | None]) -> None:
        """Show new themes, visibility and counts (nothing happens if they are the same: a reset repaints the table)."""
        if (list(themes), set(hidden), dark, list(pane_titles), list(counts)) == (self.themes, self.hidden, self.dark, self.pane_titles, self.counts):
            return
        self.beginResetModel()
        self.themes, self.hidden, self.dark = list(themes), set(hidden), dark
        self.pane_titles, self.counts = list(pane_titles), [None if c is None else dict(c) for c in counts]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.themes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 1 + len(self.pane_titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Theme" if section == 0 else str(section)
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return plain_tooltip(f"Pane {section}: {self.pane_titles[section - 1]}")
        if role == Qt.ItemDataRole.AccessibleTextRole and section > 0:  # read aloud instead of a bare number
            return f"Count in pane {section}: {self.pane_titles[section - 1]}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        theme = self.themes[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return theme.label
            if role == Qt.ItemDataRole.DecorationRole:
                # The highlight's colour, edged in the colour of the theme's marks on the strip.
                return swatch(theme.highlight_color(self.dark), theme.strong_color(self.dark))
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Unchecked if theme.id in self.hidden else Qt.CheckState.Checked
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(f"{theme.label}: {theme.description}")
            if role == Qt.ItemDataRole.UserRole:
                return theme.id
            return None
        counts = self.counts[index.column() - 1]
        count = None if counts is None else counts.get(theme.id, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return STILL_COUNTING if count is None else str(count)
        if role == Qt.ItemDataRole.AccessibleTextRole and count is None:  # read aloud instead of "ellipsis"
            return "still being counted"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if count is None:
                return plain_tooltip(f"{theme.label} in {self.pane_titles[index.column() - 1]}: still being counted.")
            return plain_tooltip(f"{theme.label} in {self.pane_titles[index.column() - 1]}: {count}. Click or press Enter to go to the first.")
        if role == Qt.ItemDataRole.UserRole:
            return theme.id
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            theme_id = self.themes[index.row()].id
            visible = Qt.CheckState(value) == Qt.CheckState.Checked
            (self.hidden.discard if visible else self.hidden.add)(theme_id)
            self.dataChanged.emit(index, index, [role])
            self.visibility_toggled.emit(theme_id, visible)
            return True
        return False


class ThemesDock(QDockWidget):
    """Dock with 'shared themes only', the theme table and next/previous buttons."""

    jump_requested = Signal(str, int)  # theme id, pane number (0-based): go to the first occurrence
    step_requested = Signal(int)  # +1 next, -1 previous occurrence of the selected theme
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Themes", parent)
        self.setObjectName("ThemesDock")
        self.setAccessibleName("Themes")
        self.setAccessibleDescription("The theme legend: each theme's name and colour, whether it is highlighted, and its count in every open pane")
        self.model = ThemesModel(self)
        self._count_widths: dict[str, int] = {}  # by pane title ("1. report.txt"): each count column's last width
        self.highlights_box = QCheckBox("Highlight themes")
        self.highlights_box.setChecked(True)
        self.highlights_box.setAccessibleDescription("Colour the theme passages in every pane")
        self.shared_box = QCheckBox("Shared themes only")
        self.shared_box.setToolTip("Show only themes that occur in two or more open panes")
        self.shared_box.setAccessibleDescription(self.shared_box.toolTip())
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the view; arrows move within it
        self.table.setModel(self.model)
        self.table.setAccessibleName("Themes and their counts per pane")
        self.table.setAccessibleDescription(
            "First column: the theme, checked when highlighted (Space toggles); then its count in each open pane (Enter goes to the first)"
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Fixed widths: sizing columns to their contents measures every cell on each update.
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setDefaultSectionSize(max(COUNT_COLUMN_WIDTH, self.table.fontMetrics().horizontalAdvance("0000") + COUNT_PADDING))  # a large system font
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(False)
        self.model.modelReset.connect(self._fit_columns)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)  # Enter on a count, as a click
        previous_button = QPushButton("◀ Previous")
        previous_button.setToolTip("Previous occurrence of the selected theme in the active pane (Shift+F8)")
        next_button = QPushButton("Next ▶")
        next_button.setToolTip("Next occurrence of the selected theme in the active pane (F8)")
        previous_button.setAccessibleName("Previous occurrence")  # the arrow glyphs are not read aloud
        next_button.setAccessibleName("Next occurrence")
        previous_button.clicked.connect(lambda: self.step_requested.emit(-1))
        next_button.clicked.connect(lambda: self.step_requested.emit(1))
        edit_button = QPushButton("Edit Themes…")
        edit_button.setToolTip("Add, edit or delete themes and their patterns")
        for button in (previous_button, next_button, edit_button):
            button.setAccessibleDescription(button.toolTip())
        edit_button.clicked.connect(self.edit_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(previous_button)
        buttons.addWidget(next_button)
        buttons.addWidget(edit_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.highlights_box)
        layout.addWidget(self.shared_box)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setWidget(body)

    def _fit_columns(self) -> None:
        """The theme column takes the room left; a count column widens for its largest count
        (found in the counts, no cell measured), so that a long file's "12345" is not cut to "12…".
        While a pane is counted again (themes edited), its column keeps its width."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        widths: dict[str, int] = {}
        for column, (title, counts) in enumerate(zip(self.model.pane_titles, self.model.counts), start=1):
            if counts is None and title in self._count_widths:
                width = self._count_widths[title]
            else:
                widest = metrics.horizontalAdvance(str(max((counts or {}).values(), default=0))) + COUNT_PADDING
                width = max(header.defaultSectionSize(), widest)
            widths[title] = width
            header.resizeSection(column, width)
        self._count_widths = widths

    def selected_theme(self) -> str | None:
        """Id of the selected theme row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def select_theme(self, theme_id: str) -> None:
        """Select a theme's row."""
        for row, theme in enumerate(self.model.themes):
            if theme.id == theme_id:
                self.table.selectRow(row)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() > 0:
            self.jump_requested.emit(index.data(Qt.ItemDataRole.UserRole), index.column() - 1)
