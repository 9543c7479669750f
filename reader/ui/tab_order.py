"""Tab order of the main window, region by region: left docks, the panes in display order, right docks, bottom docks.

Qt's own order is the order widgets were made in, so panes opened later came after every dock
and a moved pane kept its old place. Here each dock keeps the order of its own widgets, each
pane gives its own (DocumentPane.tab_stops), and the regions follow the layout.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTabBar, QWidget
from shiboken6 import isValid

_AREA_RANK = {
    Qt.DockWidgetArea.LeftDockWidgetArea: 0,
    Qt.DockWidgetArea.TopDockWidgetArea: 1,
    Qt.DockWidgetArea.RightDockWidgetArea: 3,
    Qt.DockWidgetArea.BottomDockWidgetArea: 4,
}
PANES_RANK = 2


def is_tab_stop(widget: QWidget) -> bool:
    """Whether Tab may stop at `widget` (visible or not): it takes Tab focus itself, not through a proxy."""
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None and not widget.isWindow()


def region_order(window: QMainWindow, pane_stops: list[list[QWidget]]) -> list[QWidget]:
    """The window's tab stops, region by region (`pane_stops`: each pane's own, in display order)."""
    regions: list[tuple[int, int, list[QWidget]]] = []
    docks = sorted(window.findChildren(QDockWidget), key=lambda dock: _dock_place(window, dock))
    for number, dock in enumerate(docks):
        # Within a dock, the order its widgets were laid out in (children come in that order).
        inside = [w for w in dock.findChildren(QWidget) if is_tab_stop(w) and w.window() is window]  # not popups, not floating
        regions.append((_AREA_RANK.get(window.dockWidgetArea(dock), 5), number, inside))
    for number, widgets in enumerate(pane_stops):
        regions.append((PANES_RANK, number, [w for w in widgets if is_tab_stop(w) and w.window() is window]))
    for number, bar in enumerate(b for b in window.findChildren(QTabBar) if b.parentWidget() is window and is_tab_stop(b)):
        regions.append((_rank_by_place(window, bar), len(docks) + number, [bar]))  # the tabs of tabified docks
    return [widget for _rank, _number, widgets in sorted(regions, key=lambda region: region[:2]) for widget in widgets]


def _dock_place(window: QMainWindow, dock: QDockWidget) -> tuple[int, int, int, int]:
    """Sort key of a dock: its area, then where its group lies, then its tab's place among tabified docks."""
    group = [dock, *window.tabifiedDockWidgets(dock)]
    placed = [d for d in group if d.x() >= 0 and d.y() >= 0] or group  # Qt parks hidden tabs off screen
    anchor = min(placed, key=lambda d: (d.y(), d.x()))
    titles = [bar.tabText(i) for bar in window.findChildren(QTabBar) if bar.parentWidget() is window for i in range(bar.count())]
    tab = titles.index(dock.windowTitle()) if dock.windowTitle() in titles else 0
    return _AREA_RANK.get(window.dockWidgetArea(dock), 5), anchor.y(), anchor.x(), tab


def _rank_by_place(window: QMainWindow, widget: QWidget) -> int:
    """Region of a widget that belongs to no dock, from where it lies beside the central widget."""
    central = window.centralWidget()
    if central is None:
        return 5
    centre, area = widget.geometry().center(), central.geometry()
    if centre.x() < area.left():
        return 0
    if centre.y() < area.top():
        return 1
    if centre.x() > area.right():
        return 3
    return 4


def apply_order(order: list[QWidget]) -> None:
    """Make Tab visit `order` one after another, and the last back to the first."""
    for first, second in zip(order, order[1:]):
        QWidget.setTabOrder(first, second)


class TabOrder(QObject):
    """Keeps a main window's tab order by region; `schedule()` after panes or docks change."""

    def __init__(self, window: QMainWindow, pane_stops: Callable[[], list[list[QWidget]]]) -> None:
        super().__init__(window)
        self._window = window
        self._pane_stops = pane_stops  # each pane's tab stops, panes in display order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.apply)
        for dock in window.findChildren(QDockWidget):
            dock.dockLocationChanged.connect(self.schedule)
            dock.topLevelChanged.connect(self.schedule)
            dock.visibilityChanged.connect(self.schedule)  # a group's tab bar appears or is parked
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused_dock)

    def _show_focused_dock(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Tab into a dock hidden behind another's tab brings it to the front, so focus is never out of sight."""
        if new is None or not isValid(new) or not isValid(self._window) or new.window() is not self._window:
            return
        for dock in self._window.findChildren(QDockWidget):
            if dock.isAncestorOf(new) and self._window.tabifiedDockWidgets(dock) and dock.visibleRegion().isEmpty():
                dock.raise_()

    def schedule(self, *_args: object) -> None:
        """Reorder once the current changes are laid out."""
        self._timer.start()

    def apply(self) -> None:
        """Reorder now."""
        for bar in self._window.findChildren(QTabBar):
            if bar.parentWidget() is not self._window:
                continue
            if not bar.accessibleName():
                bar.setAccessibleName("Docked panel tabs")
                bar.setAccessibleDescription("Left and Right switch between the panels docked in the same place")
            # Qt parks the tab bar of a group whose docks are all hidden outside the window, still "visible".
            parked = not self._window.rect().contains(bar.geometry().center())
            bar.setFocusPolicy(Qt.FocusPolicy.NoFocus if parked else Qt.FocusPolicy.TabFocus)
        apply_order(region_order(self._window, self._pane_stops()))


def keep_tab_order(window: QMainWindow, pane_stops: Callable[[], list[list[QWidget]]]) -> TabOrder:
    """The window's TabOrder keeper, made on first use."""
    keeper = window.findChild(TabOrder)
    return keeper if keeper is not None else TabOrder(window, pane_stops)
