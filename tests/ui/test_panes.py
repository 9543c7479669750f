"""Opening, closing, reordering and reading documents in parallel panes."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.ui.plain_text import plain_tooltip
from tests.ui.conftest import wait_loaded

RUSSIAN = "Россия и КНДР договорились о строительстве железной дороги Хасан — Раджин.\nСуверенитет государств должен уважаться.\n"


def find_selections(view):
    """Extra selections drawn for find hits (theme highlights have other colours)."""
    from reader.ui.document_view import CURRENT_FIND_COLOR, FIND_COLOR

    return [s for s in view.extraSelections() if s.format.background().color() in (FIND_COLOR, CURRENT_FIND_COLOR)]


def ids(corpus):
    return [entry.id for entry in corpus]


def sources(window):
    return [pane.source.ref for pane in window.pane_area.panes()]


def test_corpus_browser_lists_the_five_documents(make_window, corpus):
    window = make_window()
    assert sorted(window.corpus_dock.visible_ids()) == sorted(ids(corpus))
    assert len(window.corpus_dock.visible_ids()) == 5


def test_six_panes_side_by_side_with_headers(make_window, corpus, tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text(RUSSIAN, encoding="utf-8")
    window = make_window(*ids(corpus), str(text_file))
    panes = window.pane_area.panes()
    assert len(panes) == 6
    for pane, entry in zip(panes, corpus):
        assert pane.view.text == corpus.document(entry.id).text
        assert pane.view.top_line() == 0 and pane.view.verticalScrollBar().value() == 0
        assert pane.title == entry.title and pane.header.title_label.toolTip() == plain_tooltip(entry.title)
        # Six panes are narrow: a long title is broken into two lines and may end in "…".
        shown, whole = "".join(pane.header.title_label.text().split()), "".join(entry.title.split())
        assert shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1]))
        source = " ".join(pane.header.meta_label.text().split())  # as shown, over its lines
        assert entry.metadata.outlet in source and entry.metadata.date in source
        assert pane.header.badge.text() == entry.metadata.perspective_label
    assert panes[5].view.text == RUSSIAN
    assert panes[5].header.title_label.text() == panes[5].title == "notes.txt"
    xs = [pane.geometry().x() for pane in panes]
    assert xs == sorted(xs) and len(set(xs)) == 6  # side by side, in order


def test_close_pane_activates_the_neighbour(make_window, corpus):
    first, second, third = ids(corpus)[:3]
    window = make_window(first, second, third)
    window.pane_area.set_active(window.pane_area.panes()[1])
    window.actions.close_pane.trigger()
    assert sources(window) == [first, third]
    assert window.pane_area.active_pane.source.ref == third
    window.actions.close_pane.trigger()
    window.actions.close_pane.trigger()
    assert window.pane_area.panes() == []
    assert not window.actions.find.isEnabled()


def test_reorder_and_swap_panes(make_window, corpus):
    a, b, c = ids(corpus)[:3]
    window = make_window(a, b, c)
    area = window.pane_area
    area.set_active(area.panes()[0])
    window.actions.move_pane_later.trigger()
    assert sources(window) == [b, a, c]
    assert area.active_pane.source.ref == a
    window.actions.swap_with_next.trigger()
    assert sources(window) == [b, c, a]
    area.panes()[2].header.move_back_button.click()
    assert sources(window) == [b, a, c]
    window.actions.move_pane_earlier.trigger()
    window.actions.move_pane_earlier.trigger()  # already first: stays
    assert sources(window) == [a, b, c]


def test_stacked_orientation_puts_panes_one_above_the_other(make_window, corpus):
    window = make_window(*ids(corpus)[:2])
    window.actions.stacked.trigger()
    top, bottom = window.pane_area.panes()
    assert window.pane_area.splitter.orientation() == Qt.Orientation.Vertical
    assert bottom.geometry().y() > top.geometry().y()


def test_open_cp1251_file_decodes_it(make_window, tmp_path):
    path = tmp_path / "russian.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    window = make_window(str(path))
    (pane,) = window.pane_area.panes()
    assert pane.view.text == RUSSIAN
    assert pane.document.encoding.replace("-", "").lower() in ("cp1251", "windows1251")


def test_binary_file_gives_a_message_and_changes_nothing(make_window, corpus, tmp_path, qtbot):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    window = make_window(ids(corpus)[0])
    before = sources(window)
    window.open_file(binary)
    wait_loaded(qtbot, window)
    assert sources(window) == before
    assert window.pane_area.active_pane.source.ref == before[0]
    assert str(binary) in window.last_error and "binary" in window.last_error
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("binary" in box.text() for box in boxes)


def test_dropping_files_opens_them(make_window, tmp_path, qtbot):
    path = tmp_path / "dropped.txt"
    path.write_text("Dropped text about a railway link.\n", encoding="utf-8")
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wait_loaded(qtbot, window)
    assert [p.view.text for p in window.pane_area.panes()] == ["Dropped text about a railway link.\n"]


def test_corpus_filters(make_window, corpus):
    window = make_window()
    dock = window.corpus_dock
    dock.search_field.setText("vladivostok")
    assert [corpus.entry(i).metadata.place for i in dock.visible_ids()] == ["Vladivostok"]
    dock.search_field.clear()
    dock.perspective_box.setCurrentIndex(dock.perspective_box.findData("russian-official"))
    assert {corpus.entry(i).metadata.perspective for i in dock.visible_ids()} == {"russian-official"}
    assert len(dock.visible_ids()) == 2
    dock.perspective_box.setCurrentIndex(0)
    from PySide6.QtCore import QDate

    dock.date_from.setDate(QDate(2001, 1, 1))
    dock.date_to.setDate(QDate(2020, 12, 31))
    assert sorted(corpus.entry(i).metadata.date for i in dock.visible_ids()) == ["2001-08-04", "2002-08-23", "2020-07-19"]
    dock.language_box.setCurrentIndex(dock.language_box.findData("en"))
    assert len(dock.visible_ids()) == 3


def test_activating_a_corpus_row_opens_the_document(make_window, corpus, qtbot):
    window = make_window()
    dock = window.corpus_dock
    index = dock.proxy.index(0, 0)
    dock.table.activated.emit(index)
    wait_loaded(qtbot, window)
    assert sources(window) == [index.data(Qt.ItemDataRole.UserRole)]


def test_find_highlights_every_hit_and_steps(make_window, corpus, qtbot):
    doc_id = next(e.id for e in corpus if "railway" in corpus.document(e.id).text)
    window = make_window(doc_id)
    pane = window.pane_area.panes()[0]
    window.actions.find.trigger()
    assert pane.find_bar.isVisible()
    qtbot.keyClicks(pane.find_bar.field, "the")
    text = pane.view.text
    expected = [i for i in range(len(text)) if text[i : i + 3].lower() == "the"]
    assert [start for start, _ in pane.find_bar.hits] == expected
    start, end = pane.view.visible_range()
    on_screen = [hit for hit in pane.find_bar.hits if hit[1] > start and hit[0] < end]
    assert 0 < len(find_selections(pane.view)) == len(on_screen) < len(expected)  # only what is on screen is built
    assert pane.find_bar.count_label.text() == f"1 of {len(expected)}"
    window.actions.find_next.trigger()
    assert pane.view.selection_offsets() == pane.find_bar.hits[1]
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.view.selection_offsets() == pane.find_bar.hits[0]
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible() and find_selections(pane.view) == []


def _splitter_sizes(window) -> list[int]:
    return window.pane_area.splitter.sizes()


def test_the_find_bar_fits_a_narrow_pane_without_moving_the_others(make_window, corpus, qtbot):
    ids = [entry.id for entry in corpus][:3]
    window = make_window(*ids, size=(1280, 720))
    qtbot.wait(50)
    pane = window.pane_area.panes()[1]
    pane.view.setFocus()  # the active pane (its header's look changes with it)
    qtbot.wait(50)
    before = _splitter_sizes(window)
    assert max(before) < 330  # three panes side by side in a small window: narrow ones
    window.actions.find.trigger()
    qtbot.waitUntil(lambda: pane.find_bar.isVisible())
    qtbot.wait(50)
    bar = pane.find_bar
    assert _splitter_sizes(window) == before  # opening it takes room from no other pane, nor from the docks
    field = bar.field
    assert field.width() >= field.fontMetrics().horizontalAdvance("M" * 8)  # room to see what is typed
    controls = [field, bar.case_box, *bar.buttons, bar.count_label]
    for control in controls:  # each whole and inside the bar
        assert control.isVisible() and bar.rect().contains(control.geometry()), control.accessibleName()
    for first, second in zip(controls, controls[1:]):
        assert not first.geometry().intersects(second.geometry())
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert _splitter_sizes(window) == before


def test_the_find_bar_is_one_row_in_a_wide_pane(make_window, corpus, qtbot):
    window = make_window(next(iter(corpus)).id, size=(1400, 800))
    pane = window.pane_area.panes()[0]
    window.actions.find.trigger()
    qtbot.waitUntil(lambda: pane.find_bar.isVisible())
    qtbot.wait(50)
    bar = pane.find_bar
    rows = {control.geometry().center().y() for control in (bar.field, bar.case_box, *bar.buttons, bar.count_label)}
    assert max(rows) - min(rows) <= 4


def test_narrow_panes_keep_their_headers_short_and_their_texts_near_the_top(make_window, corpus, qtbot, tmp_path):
    long_name = tmp_path / "Kremlin_statement_on_the_ABM_Treaty_withdrawal_and_strategic_stability_draft_v2.txt"
    long_name.write_text(RUSSIAN, encoding="utf-8")  # a file name: one long word
    window = make_window(*[entry.id for entry in corpus][:2], str(long_name), size=(1280, 720))
    qtbot.wait(50)
    panes = window.pane_area.panes()
    widths = window.pane_area.splitter.sizes()
    assert max(widths) - min(widths) <= 20  # no title makes its pane wider than the others
    for pane in panes:
        title = pane.header.title_label
        lines = title.height() / title.fontMetrics().lineSpacing()
        assert lines < 2.9, (pane.title, lines)  # two lines at most, the rest in its tooltip
        assert title.toolTip() == plain_tooltip(pane.title) and title.accessibleName() == pane.title
        meta = pane.header.meta_label
        assert meta.text() and meta.width() > pane.header.width() / 2  # across the header, not a column beside the badge
    tops = [pane.view.mapTo(window, pane.view.rect().topLeft()).y() for pane in panes]
    assert max(tops) - min(tops) <= 3 * panes[0].header.fontMetrics().lineSpacing()


def test_the_find_bars_count_is_never_cut_short(qtbot):
    from reader.ui.document_view import DocumentView
    from reader.ui.find_bar import FindBar

    view = DocumentView()
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.show()
    bar.count_label.setText("")
    one_row_empty = bar._one_row_width()
    bar.resize(one_row_empty + 4, bar.sizeHint().height())  # one row fits while the count is empty
    qtbot.wait(10)
    bar.field.setText("nowhere in an empty text")
    qtbot.wait(10)
    label = bar.count_label
    assert label.text() == "No matches" and label.width() >= label.sizeHint().width()


def test_the_find_field_keeps_ten_characters_in_a_larger_font(qtbot):
    from PySide6.QtGui import QFont

    from reader.ui.document_view import DocumentView
    from reader.ui.find_bar import FIELD_MIN_CHARACTERS, FindBar

    bar = FindBar(DocumentView())
    qtbot.addWidget(bar)
    font = QFont(bar.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    bar.setFont(font)
    assert bar.field.minimumWidth() >= bar.field.fontMetrics().horizontalAdvance("M" * FIELD_MIN_CHARACTERS) - 2
