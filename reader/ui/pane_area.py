"""The splitter of document panes: open, close, reorder, swap, orientation, active pane."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedLayout, QWidget

from reader.ui.alignment_band import AlignmentSplitter
from reader.ui.pane import DocumentPane
from reader.ui.scroll_sync import ScrollSync


class PaneArea(QWidget):
    """Holds the panes side by side (or stacked) and knows which one is active."""

    panes_changed = Signal()
    active_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.splitter = AlignmentSplitter(Qt.Orientation.Horizontal, self)  # its handles can draw alignment links
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.empty_label = QLabel(
            "No document open.\n\nDouble-click a document in the corpus browser, "
            "drop a text file here, or use File ▸ Open (Ctrl+O).",
            self,
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(self.splitter)
        self._active: DocumentPane | None = None
        self.sync = ScrollSync(self.views, self)
        self._keeps_tab_order = False

    def keep_tab_order(self) -> None:
        """From now on, Tab visits the panes in display order, between the docks on either side.

        Call once the window's docks exist: the keeper follows the docks there are when it is made.
        """
        if not self._keeps_tab_order:
            self._keeps_tab_order = True
            self.panes_changed.connect(self._order_tabs)
        self._order_tabs()

    def _order_tabs(self) -> None:
        from reader.ui.tab_order import keep_tab_order

        window = self.window()
        if isinstance(window, QMainWindow):
            keep_tab_order(window, lambda: [pane.tab_stops() for pane in self.panes()]).schedule()

    # --- queries -----------------------------------------------------------------------------
    def panes(self) -> list[DocumentPane]:
        """Panes in display order."""
        return [self.splitter.widget(i) for i in range(self.splitter.count())]

    def views(self) -> list:
        """Text views in display order."""
        return [pane.view for pane in self.panes()]

    @property
    def active_pane(self) -> DocumentPane | None:
        """The pane menu commands act on."""
        return self._active

    # --- changes -----------------------------------------------------------------------------
    def add_pane(self, pane: DocumentPane, index: int = -1) -> None:
        """Insert a pane (at the end by default) and make it active."""
        pane.close_requested.connect(self.close_pane)
        pane.move_requested.connect(self.move_pane)
        pane.activated.connect(self.set_active)
        self.sync.watch(pane.view)
        self.splitter.insertWidget(index if index >= 0 else self.splitter.count(), pane)
        self._equalise()
        self._stack.setCurrentWidget(self.splitter)
        self.set_active(pane)
        self.panes_changed.emit()

    def close_pane(self, pane: DocumentPane) -> None:
        """Remove a pane; the neighbour becomes active."""
        panes = self.panes()
        if pane not in panes:
            return
        index = panes.index(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        remaining = self.panes()
        if not remaining:
            self._stack.setCurrentWidget(self.empty_label)
            self._active = None
            self.active_changed.emit(None)
        elif pane is self._active or self._active not in remaining:
            self.set_active(remaining[min(index, len(remaining) - 1)])
        self.panes_changed.emit()

    def move_pane(self, pane: DocumentPane, delta: int) -> None:
        """Move a pane `delta` places earlier (<0) or later (>0), keeping splitter sizes with it."""
        panes = self.panes()
        if pane not in panes:
            return
        old = panes.index(pane)
        new = max(0, min(len(panes) - 1, old + delta))
        if new != old:
            self.swap(old, new)

    def swap(self, first: int, second: int) -> None:
        """Exchange the panes at two positions."""
        panes = self.panes()
        if first == second or not (0 <= first < len(panes) and 0 <= second < len(panes)):
            return
        sizes = self.splitter.sizes()
        sizes[first], sizes[second] = sizes[second], sizes[first]
        low, high = sorted((first, second))
        self.splitter.insertWidget(low, panes[high])
        self.splitter.insertWidget(high, panes[low])
        self.splitter.setSizes(sizes)
        self.panes_changed.emit()

    def set_active(self, pane: DocumentPane | None) -> None:
        """Make `pane` the target of menu commands."""
        if pane is self._active:
            return
        for other in self.panes():
            other.set_active(other is pane)
        self._active = pane
        self.active_changed.emit(pane)

    def activate_relative(self, delta: int) -> None:
        """Activate and focus the next (1) or previous (-1) pane, wrapping around."""
        panes = self.panes()
        if not panes:
            return
        index = panes.index(self._active) if self._active in panes else 0
        pane = panes[(index + delta) % len(panes)]
        self.set_active(pane)
        pane.view.setFocus()

    def set_orientation(self, orientation: Qt.Orientation) -> None:
        """Side by side (horizontal) or stacked (vertical)."""
        if orientation != self.splitter.orientation():
            self.splitter.setOrientation(orientation)
            self._equalise()

    def _equalise(self) -> None:
        count = self.splitter.count()
        if count:
            total = sum(self.splitter.sizes()) or 1000
            self.splitter.setSizes([total // count] * count)
