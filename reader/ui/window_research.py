"""The main window's research tools: the corpus timeline (and, beside it, search, statistics and alignment)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from reader.ui.timeline_dock import TimelineDock

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def install_research_docks(window: MainWindow) -> list[QDockWidget]:
    """Create the research docks (hidden until asked for, tabbed at the bottom); returns them for the View menu."""
    timeline = TimelineDock(window.corpus, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, timeline)
    window.tabifyDockWidget(window.annotations_dock, timeline)
    timeline.hide()
    timeline.view.open_requested.connect(window.open_corpus_document)
    window.timeline_dock = timeline
    return [timeline]


def connect_research_actions(window: MainWindow) -> None:
    """Wire View ▸ Statistics (the window's actions exist by now)."""
    window.actions.statistics.triggered.connect(lambda: _show_statistics(window))


def _show_statistics(window: MainWindow) -> None:
    from reader.ui.statistics_window import show_statistics  # QtCharts loads when first asked for

    show_statistics(window)
