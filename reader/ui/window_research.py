"""The main window's research tools: the corpus timeline, search, statistics and importing documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from reader.core.corpus import DOC_IRI_PREFIX
from reader.ui.search_dock import SearchDock
from reader.ui.timeline_dock import TimelineDock
from reader.ui.window_annotations import go_to_span

if TYPE_CHECKING:
    from reader.core.corpus import Corpus
    from reader.ui.main_window import MainWindow


def install_research_docks(window: MainWindow) -> list[QDockWidget]:
    """Create the research docks (hidden until asked for, tabbed at the bottom); returns them for the View menu."""
    timeline = TimelineDock(window.corpus, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, timeline)
    window.tabifyDockWidget(window.annotations_dock, timeline)
    timeline.hide()
    timeline.view.open_requested.connect(window.open_corpus_document)
    window.timeline_dock = timeline
    search = SearchDock(window.corpus, _open_search_index, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, search)
    window.tabifyDockWidget(timeline, search)
    search.hide()
    search.open_hit.connect(lambda doc_id, start, end: go_to_span(window, DOC_IRI_PREFIX + doc_id, start, end))
    window.search_dock = search
    return [timeline, search]


def _open_search_index():
    from reader.core.search_index import SearchIndex  # on the worker that first indexes

    return SearchIndex()


def show_search(window: MainWindow) -> None:
    """Edit ▸ Search All Documents: show the Search dock with the keyboard in its query field."""
    if not window.search_dock.isVisible():
        window.search_dock.show()
        window.resizeDocks([window.search_dock], [max(window.height() // 3, 240)], Qt.Orientation.Vertical)
    window.search_dock.raise_()
    window.search_dock.field.setFocus()
    window.search_dock.field.selectAll()


def connect_research_actions(window: MainWindow) -> None:
    """Wire View ▸ Statistics and File ▸ Import Documents (the window's actions exist by now)."""
    window.actions.statistics.triggered.connect(lambda: _show_statistics(window))
    window.actions.import_documents.triggered.connect(lambda: _choose_import_files(window))
    window.actions.search_all.triggered.connect(lambda: show_search(window))


def set_corpus(window: MainWindow, corpus: Corpus) -> None:
    """Show another corpus (after an import) in the corpus browser and the timeline."""
    window.corpus = corpus
    window.corpus_dock.set_corpus(corpus)
    window.timeline_dock.view.set_corpus(corpus)
    window.search_dock.set_corpus(corpus)


def _choose_import_files(window: MainWindow) -> None:
    from reader.ui.window_import import choose_import_files  # the import libraries load when first used

    choose_import_files(window)


def _show_statistics(window: MainWindow) -> None:
    from reader.ui.statistics_window import show_statistics  # QtCharts loads when first asked for

    show_statistics(window)
