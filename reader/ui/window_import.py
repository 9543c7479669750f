"""File ▸ Import Documents: read files on a worker with progress, check their details, add them to the user corpus."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from reader.ui.workers import ProgressRelay, run_in_background

if TYPE_CHECKING:
    from reader.core.document_import import ImportedText
    from reader.ui.main_window import MainWindow

PROGRESS_AFTER_MS = 400  # a quick import shows no progress dialog at all


def choose_import_files(window: MainWindow) -> None:
    """Ask for files to import, then import them."""
    from PySide6.QtWidgets import QFileDialog

    from reader.core.document_import import IMPORT_SUFFIXES

    patterns = " ".join(f"*{suffix}" for suffix in IMPORT_SUFFIXES)
    paths, _ = QFileDialog.getOpenFileNames(window, "Import documents", str(Path.home()), f"Documents ({patterns});;All files (*)")
    if paths:
        import_files(window, [Path(path) for path in paths])


def import_files(window: MainWindow, paths: list[Path], ask: bool = True) -> None:
    """Read the files on a worker (with progress and Cancel), then ask for their details and store them."""
    from reader.core.document_import import read_for_import
    from reader.core.errors import ReaderError

    stop = threading.Event()
    progress = window.import_progress = _progress_dialog(window, "Reading documents…", len(paths), stop)
    relay = ProgressRelay(progress)  # freed with the progress dialog
    relay.advanced.connect(lambda done, _total: progress.setValue(done))

    def read_all() -> tuple[list[ImportedText], list[str]]:
        files, problems = [], []
        for done, path in enumerate(paths, start=1):
            if stop.is_set():
                break
            try:
                files.append(read_for_import(path))
            except ReaderError as error:
                problems.append(str(error))  # the rest of the batch goes on
            relay.advanced.emit(done, len(paths))
        return files, problems

    def read(result: tuple[list[ImportedText], list[str]]) -> None:
        cancelled = stop.is_set()
        _close(progress)
        files, problems = result
        if cancelled:
            window.statusBar().showMessage("Import cancelled", 5000)
            return
        if not files:
            window.report_problem("No document could be imported.\n" + "\n".join(problems))
            return
        _ask_details(window, files, problems, ask)

    run_in_background(read_all, read, lambda message: (_close(progress), window.report_problem(message)), window)


def _ask_details(window: MainWindow, files: list[ImportedText], problems: list[str], ask: bool) -> None:
    from reader.ui.import_dialog import ImportDialog

    dialog = ImportDialog(files, problems, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # it holds every text read: let it go when closed
    window.import_dialog = dialog
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.accepted.connect(lambda: _store(window, files, dialog.checked, problems))
    if ask:
        dialog.open()
    else:  # scripted imports take the guesses as they are
        dialog.accept()


def _store(window: MainWindow, files: list[ImportedText], details: list[dict[str, str]], problems: list[str]) -> None:
    from reader.core.errors import ReaderError
    from reader.core.user_corpus import add_imported, combined_corpus

    def store_all():
        added, failed = [], list(problems)
        for imported, overrides in zip(files, details):
            try:
                added.append(add_imported(imported, overrides).id)
            except ReaderError as error:
                failed.append(f"{imported.path.name}: {error}")
        # The new manifest is validated here too, on the worker, not on the UI thread.
        return added, failed, combined_corpus(on_error=lambda error: failed.append(str(error)))

    def stored(result) -> None:
        added, failed, corpus = result
        window.set_corpus(corpus)
        window.imported_ids = added
        window.statusBar().showMessage(f"Imported {len(added)} document{'s' if len(added) != 1 else ''} into your corpus", 8000)
        if failed:
            window.report_problem(f"{len(added)} imported; {len(failed)} could not be:\n" + "\n".join(failed))

    run_in_background(store_all, stored, window.report_problem, window)


def _progress_dialog(window: MainWindow, text: str, total: int, stop: threading.Event) -> QProgressDialog:
    progress = QProgressDialog(text, "Cancel", 0, total, window)
    progress.setWindowTitle("Import Documents")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(PROGRESS_AFTER_MS)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.canceled.connect(stop.set)
    progress.setValue(0)
    return progress


def _close(progress: QProgressDialog) -> None:
    """Close the progress dialog without it counting as Cancel (closing emits `canceled`), and free it."""
    progress.canceled.disconnect()
    progress.close()
    progress.deleteLater()
