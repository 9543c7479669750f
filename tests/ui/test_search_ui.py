"""The Search dock: hits in context across documents, a click shows the hit, and imports are searchable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.window_import import import_files
from tests.ui.conftest import wait_loaded


def search(window, qtbot, query: str):
    dock = window.search_dock
    window.actions.search_all.trigger()
    assert dock.isVisible()
    dock.field.setText(query)
    dock.search()
    qtbot.waitUntil(lambda: not dock.indexing and not dock.searching and dock.status.text().endswith(("documents", "No hits.")), timeout=30000)
    return dock


def row(dock, number: int) -> list[str]:
    model = dock.table.model()
    return [model.index(number, column).data() for column in range(model.columnCount())]


def test_a_phrase_is_found_in_context_and_a_click_shows_it_in_a_pane(make_window, qtbot):
    window = make_window()
    for pane in list(window.pane_area.panes()):
        window.pane_area.close_pane(pane)
    dock = search(window, qtbot, '"joint declaration"')
    hits = dock.model.hits
    assert len(hits) == dock.table.model().rowCount() >= 3
    assert dock.status.text() == f"{len(hits)} hits in {len({hit.doc_id for hit in hits})} documents"
    assert all(hit.match.casefold() == "joint declaration" for hit in hits)
    title, left, match, right = row(dock, 0)
    assert title.startswith("Historic Milestone") and match == "Joint Declaration" and left.endswith("DPRK-Russia ")
    dock.table.setCurrentIndex(dock.table.model().index(1, 0))
    dock.table.activated.emit(dock.table.currentIndex())
    wait_loaded(qtbot, window)
    (pane,) = window.pane_area.panes()
    start, end = pane.view.selection_offsets()
    assert pane.document.id == "dprk-2020-07-19" and pane.document.text[start:end] == "Joint Declaration"
    assert start == dock.model.hits[1].start
    first, last = pane.view.visible_range()
    assert first <= start < last  # scrolled to the hit


def test_sorting_by_left_context_reads_it_backwards_from_the_match(make_window, qtbot):
    window = make_window()
    dock = search(window, qtbot, "railway")
    dock.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    lefts = [row(dock, number)[1] for number in range(dock.table.model().rowCount())]
    assert len(lefts) >= 3 and [left[::-1].casefold() for left in lefts] == sorted(left[::-1].casefold() for left in lefts)


def test_an_imported_document_is_found_by_the_next_search(make_window, qtbot, tmp_path):
    window = make_window()
    search(window, qtbot, "Раджином")
    assert window.search_dock.status.text() == "No hits."
    path = tmp_path / "заявление.txt"
    path.write_text("Стороны договорились о восстановлении железнодорожного сообщения между Хасаном и Раджином.", encoding="utf-8")
    window.imported_ids = None
    import_files(window, [path], ask=False)
    qtbot.waitUntil(lambda: window.imported_ids is not None, timeout=30000)
    dock = search(window, qtbot, "Раджином")
    assert dock.status.text() == "1 hits in 1 documents" and row(dock, 0)[2] == "Раджином"


def test_a_bad_query_says_what_is_wrong(make_window, qtbot):
    window = make_window()
    dock = window.search_dock
    window.actions.search_all.trigger()
    dock.field.setText("rail*way")
    dock.search()
    qtbot.waitUntil(lambda: not dock.indexing and not dock.searching and "*" in dock.status.text(), timeout=30000)
