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


def confirm_removal(window: MainWindow, doc_id: str) -> None:
    """Ask, then take an imported document out of the corpus (its annotations stay in the annotation file)."""
    from PySide6.QtWidgets import QMessageBox

    from reader.ui.corpus_dock import is_imported

    if doc_id not in window.corpus or not is_imported(doc_id):
        return  # the bundled corpus is not the user's to change
    title = window.corpus.entry(doc_id).title
    iri = DOC_IRI_PREFIX + doc_id
    content = window.annotations.content
    kept = sum(1 for a in content.annotations if a.document == iri) + sum(1 for lesson in content.lessons for p in lesson.passages if p.document == iri)
    detail = f"\n\n{kept} annotations and lesson passages refer to it; they stay in your annotation file, but its text will be gone." if kept else ""
    box = QMessageBox(QMessageBox.Icon.Question, "Remove from Your Corpus", f"Remove “{title}” from your corpus and delete its imported text?{detail}", parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.finished.connect(lambda _result: _remove(window, doc_id) if box.clickedButton() is remove else None)
    window.removal_question = box
    box.open()


def _remove(window: MainWindow, doc_id: str) -> None:
    from reader.core.errors import ReaderError
    from reader.core.user_corpus import combined_corpus, remove_document

    try:
        remove_document(doc_id)
    except ReaderError as error:
        window.report_problem(str(error))
        return
    window.set_corpus(combined_corpus(on_error=lambda error: window.report_problem(str(error))))
    window.statusBar().showMessage("Removed from your corpus", 5000)


def connect_research_actions(window: MainWindow) -> None:
    """Wire View ▸ Statistics and File ▸ Import Documents (the window's actions exist by now)."""
    window.actions.statistics.triggered.connect(lambda: _show_statistics(window))
    window.actions.import_documents.triggered.connect(lambda: _choose_import_files(window))
    window.actions.search_all.triggered.connect(lambda: show_search(window))
    window.corpus_dock.remove_requested.connect(lambda doc_id: confirm_removal(window, doc_id))


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
