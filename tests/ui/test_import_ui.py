"""File ▸ Import Documents: files read with progress, details checked in a dialog, the corpus browser updated."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPushButton

from reader.core.user_corpus import user_corpus
from reader.ui.window_import import import_files
from tests.core.import_samples import ARTICLE, CHROME, RUSSIAN, article_page, simple_pdf
from tests.ui.conftest import wait_loaded


def sample_files(tmp_path):
    page = tmp_path / "herald.html"
    page.write_text(article_page(), encoding="utf-8")
    russian = tmp_path / "заявление.txt"
    russian.write_bytes(RUSSIAN.encode("cp1251"))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    report = simple_pdf(tmp_path / "report.pdf", ["Railway talks in Vladivostok.", "Both sides agreed."])
    return page, russian, broken, report


def test_an_import_batch_adds_what_it_can_and_names_what_it_cannot(make_window, qtbot, tmp_path):
    window = make_window()
    before = len(window.corpus)
    page, russian, broken, report = sample_files(tmp_path)
    window.imported_ids = None
    import_files(window, [page, russian, broken, report], ask=False)
    qtbot.waitUntil(lambda: window.imported_ids is not None, timeout=30000)
    assert len(window.imported_ids) == 3 and len(window.corpus) == before + 3
    assert "broken.pdf" in window.last_error and "3 imported; 1 could not be" in window.last_error
    listed = {window.corpus_dock.model.entry(row).id for row in range(window.corpus_dock.model.rowCount())}
    assert set(window.imported_ids) <= listed
    herald = next(entry for entry in user_corpus() if entry.title.startswith("Putin and Kim"))
    assert (herald.metadata.outlet, herald.metadata.date, herald.metadata.language) == ("Example Herald", "2001-08-04", "en")
    text = window.corpus.document(herald.id).text
    assert all(sentence.split(",")[0] in text for sentence in ARTICLE) and not any(chrome in text for chrome in CHROME)
    window.corpus_dock.open_requested.emit(herald.id)  # opens like a bundled document
    wait_loaded(qtbot, window)
    assert window.pane_area.panes()[-1].document.id == herald.id


def test_the_details_dialog_sets_perspective_and_place_and_refuses_a_bad_date(make_window, qtbot, tmp_path):
    window = make_window()
    _page, russian, _broken, _report = sample_files(tmp_path)
    window.import_dialog = None
    import_files(window, [russian])
    qtbot.waitUntil(lambda: window.import_dialog is not None and window.import_dialog.isVisible(), timeout=30000)
    dialog = window.import_dialog
    table = dialog.table
    assert table.item(0, 1).text() == "заявление" and table.cellWidget(0, 6).currentData() == "ru"
    perspective: QComboBox = table.cellWidget(0, 3)
    perspective.setCurrentIndex(perspective.findData("russian-official"))
    table.item(0, 5).setText("Москва")
    table.item(0, 4).setText("4 August 2001")
    dialog.accept()
    assert dialog.isVisible() and "YYYY-MM-DD" in dialog.error.text()  # kept open, nothing stored
    table.item(0, 4).setText("2001-08-04")
    window.imported_ids = None
    dialog.accept()
    qtbot.waitUntil(lambda: window.imported_ids is not None, timeout=30000)
    (entry,) = list(user_corpus())
    assert (entry.metadata.perspective, entry.metadata.place, entry.metadata.date) == ("russian-official", "Москва", "2001-08-04")
    assert window.corpus.document(entry.id).text == RUSSIAN


def test_cancel_stops_a_long_import_and_adds_nothing(make_window, qtbot, tmp_path):
    window = make_window()
    before = len(window.corpus)
    paths = []
    for number in range(200):
        path = tmp_path / f"note-{number:03d}.txt"
        path.write_text(f"Note {number} on the railway link. " * 200, encoding="utf-8")
        paths.append(path)
    import_files(window, paths, ask=False)
    window.import_progress.findChild(QPushButton).click()  # the dialog's Cancel button
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=30000)
    assert len(window.corpus) == before and list(user_corpus()) == []


def test_an_imported_document_can_be_removed_after_a_warning(make_window, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    path = tmp_path / "notes.txt"
    path.write_text("Notes on the railway link.", encoding="utf-8")
    window.imported_ids = None
    import_files(window, [path], ask=False)
    qtbot.waitUntil(lambda: window.imported_ids is not None, timeout=30000)
    (doc_id,) = window.imported_ids
    window.removal_question = None
    window.corpus_dock.remove_requested.emit("kremlin-2001-08-04")
    assert window.removal_question is None  # the bundled corpus cannot be removed
    window.corpus_dock.remove_requested.emit(doc_id)
    box = window.removal_question
    assert "notes" in box.text() and doc_id in window.corpus  # nothing removed before the answer
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    assert doc_id not in window.corpus and list(user_corpus()) == []
    assert "kremlin-2001-08-04" in window.corpus
