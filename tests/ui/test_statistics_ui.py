"""View ▸ Statistics: counts as a table and a chart for the open documents or the corpus, and the exports."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from reader.core.statistics import PERSPECTIVE, count_table, counts_csv, gather

KREMLIN, DPRK = "kremlin-2000-07-19", "dprk-2020-07-19"


def open_statistics(window, qtbot):
    window.actions.statistics.trigger()
    shown = window.statistics_window
    qtbot.waitUntil(lambda: not shown.computing and shown.table is not None, timeout=20000)
    return shown


def cell(view, row: int, column: int) -> str:
    return view.model().index(row, column).data(Qt.ItemDataRole.DisplayRole)


def test_the_table_shows_the_counts_of_the_open_documents(make_window, qtbot):
    window = make_window(KREMLIN, DPRK)
    shown = open_statistics(window, qtbot)
    state = window.themes.state
    panes = window.pane_area.panes()
    expected = count_table(gather([p.document for p in panes], state.themes, window.annotations.content, {p.document.id: window.themes.spans[p] for p in panes}))
    view = shown.counts_view
    assert view.model().rowCount() == 2
    for row, counts in enumerate(expected.documents):
        assert cell(view, row, 0) == counts.name
        assert [int(cell(view, row, column + 1)) for column in range(len(expected.labels))] == list(counts.counts)
    missile = [label.name for label in expected.labels].index("Missile programme")
    assert int(cell(view, 0, missile + 1)) == 9  # "missile" in Putin's replies of July 2000, counted by hand in the text
    shown.values[1].setCurrentIndex(1)  # per 1,000 words
    per_thousand = cell(view, 0, missile + 1)
    assert per_thousand == f"{expected.documents[0].per_thousand[missile]:.2f}" and "." in per_thousand


def test_rows_by_perspective_and_the_whole_corpus(make_window, qtbot, corpus):
    window = make_window(KREMLIN)
    shown = open_statistics(window, qtbot)
    shown.scope[1].setCurrentIndex(1)
    qtbot.waitUntil(lambda: not shown.computing and len(shown.table.documents) == len(corpus), timeout=20000)
    shown.grouping[1].setCurrentIndex(1)
    perspectives = {entry.metadata.perspective for entry in corpus}
    assert shown.counts_view.model().rowCount() == len(perspectives)
    assert shown.counts_model.matrix == shown.table.matrix(PERSPECTIVE)
    assert len(shown.chart_view.chart().series()[0].barSets()) == len(perspectives)


def test_exports_csv_png_and_svg(make_window, qtbot, tmp_path):
    window = make_window(KREMLIN, DPRK)
    shown = open_statistics(window, qtbot)
    shown.tabs.setCurrentWidget(shown.chart_view)
    assert shown.export("counts", tmp_path / "counts.csv")
    written = (tmp_path / "counts.csv").read_bytes()
    assert written == counts_csv(shown.table).encode("utf-8")
    header, first = written.decode("utf-8").splitlines()[:2]
    assert header.startswith("scope,name,words,") and first.startswith(f"document,{KREMLIN},")
    assert shown.export("pairs", tmp_path / "pairs.csv") and "Missile programme" in (tmp_path / "pairs.csv").read_text(encoding="utf-8")
    assert shown.export("png", tmp_path / "chart.png")
    image = QImage(str(tmp_path / "chart.png"))
    assert image.width() > 300 and image.height() > 200
    assert shown.export("svg", tmp_path / "chart.svg")
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "Missile programme" in svg


def test_an_export_that_cannot_be_written_is_reported(make_window, qtbot, tmp_path):
    window = make_window(KREMLIN)
    shown = open_statistics(window, qtbot)
    assert not shown.export("counts", tmp_path / "missing folder" / "counts.csv")
    assert "missing folder" in window.last_error


def test_changing_the_documents_while_counting_shows_the_latest_choice(make_window, qtbot, monkeypatch):
    import time

    from reader.ui import statistics_window

    def slow_for_one_document(documents, *args):
        if len(documents) == 1:
            time.sleep(0.5)  # the open document's count comes back last
        return gather(documents, *args)

    monkeypatch.setattr(statistics_window, "gather", slow_for_one_document)
    window = make_window(KREMLIN)
    window.actions.statistics.trigger()
    shown = window.statistics_window
    shown.scope[1].setCurrentIndex(1)  # the whole corpus, before the open document's count is back
    qtbot.waitUntil(lambda: not shown.computing, timeout=20000)
    qtbot.wait(800)
    assert len(shown.table.documents) == len(window.corpus)
