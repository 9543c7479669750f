"""Titles, passages, tags and themes that look like HTML are shown as typed: in tooltips and in the chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from reader.core.statistics import Matrix
from reader.ui.appearance import Appearance
from reader.ui.statistics_chart import build_chart

HOSTILE = "Using <img src=x> & the <b>railway</b>"


def shown_as(tooltip: str) -> str:
    """What a rich-text tooltip displays."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_hostile_text_is_shown_literally_in_the_docks_tooltips(make_window, qtbot):
    from reader.ui.corpus_dock import CorpusModel
    from reader.ui.search_dock import HitsModel
    from reader.core.search_query import SearchHit
    from reader.core.corpus import Corpus, CorpusEntry, DocumentMetadata
    from pathlib import Path

    make_window()
    corpus = Corpus([CorpusEntry("user-x", HOSTILE, Path("/nowhere.txt"), DocumentMetadata())])
    model = CorpusModel(corpus)
    assert shown_as(model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)) == HOSTILE
    hits = HitsModel()
    hits.show([SearchHit("user-x", 0, 7, HOSTILE, "railway", HOSTILE)], {"user-x": HOSTILE})
    for column in range(4):
        tip = hits.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
        assert shown_as(tip) == hits.index(0, column).data(Qt.ItemDataRole.DisplayRole)


def test_chart_labels_are_escaped(make_window):
    make_window()
    matrix = Matrix((HOSTILE,), ("<u>tag</u>",), ((3,),), ("user-x",), ("t",))
    chart = build_chart(matrix, "Counts", Appearance(), False)
    series = chart.series()[0]
    assert shown_as(series.barSets()[0].label()) == HOSTILE
    axis = chart.axes(Qt.Orientation.Vertical)[0]
    assert shown_as(axis.categories()[0]) == "<u>tag</u>"
