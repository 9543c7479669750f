"""Empty stand-ins for the main window's docks, so its first paint has them where the session puts them.

The window's first stage places these shells and restores the remembered layout onto them; its
second stage (reader.ui.window_completion) swaps them for the real docks in the same places.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

Area = Qt.DockWidgetArea


class DockPlace(NamedTuple):
    """Where a dock goes in a window with no remembered layout, as the window_* modules place the real one."""

    name: str  # objectName: what QMainWindow.saveState knows a dock by
    title: str
    area: Qt.DockWidgetArea
    tab_of: str = ""  # tabified with this dock
    hidden: bool = False
    width: int = 0  # starting width, for a dock beside the panes


DOCK_PLACES = (
    DockPlace("CorpusDock", "Corpus", Area.LeftDockWidgetArea, width=440),
    DockPlace("ThemesDock", "Themes", Area.RightDockWidgetArea, width=330),
    DockPlace("AnnotationsDock", "Annotations", Area.BottomDockWidgetArea, hidden=True),
    DockPlace("TagsDock", "Tags", Area.RightDockWidgetArea, tab_of="ThemesDock"),
    DockPlace("LessonsDock", "Lesson", Area.RightDockWidgetArea, tab_of="TagsDock", hidden=True),
    DockPlace("TimelineDock", "Timeline", Area.BottomDockWidgetArea, tab_of="AnnotationsDock", hidden=True),
    DockPlace("SearchDock", "Search", Area.BottomDockWidgetArea, tab_of="TimelineDock", hidden=True),
    DockPlace("AlignmentDock", "Alignment", Area.BottomDockWidgetArea, tab_of="TimelineDock", hidden=True),
)


def add_dock_shells(window: QMainWindow) -> list[QDockWidget]:
    """One empty dock per real dock, placed as the real ones are by default (restoreState may move them).

    Hidden ones too: the layout the second stage hands on to the real docks must name every dock.
    """
    shells: dict[str, QDockWidget] = {}
    for place in DOCK_PLACES:
        shell = QDockWidget(place.title, window)
        shell.setObjectName(place.name)
        window.addDockWidget(place.area, shell)
        if place.tab_of:
            window.tabifyDockWidget(shells[place.tab_of], shell)
        if place.hidden:
            shell.hide()
        if place.width:
            window.resizeDocks([shell], [place.width], Qt.Orientation.Horizontal)
        shells[place.name] = shell
    shells["ThemesDock"].raise_()  # the Themes tab in front of Tags
    return list(shells.values())


def remove_dock_shells(window: QMainWindow, shells: list[QDockWidget]) -> QByteArray:
    """Take the shells out of the window; returns the layout they had, for the real docks to take over."""
    layout = window.saveState()
    for shell in shells:
        window.removeDockWidget(shell)
        shell.setParent(None)
        shell.deleteLater()
    return layout
