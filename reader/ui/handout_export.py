"""File ▸ Export Lesson Handout: a lesson as a PDF or a self-contained HTML file, written on a worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.annotations import Lesson
from reader.core.errors import ReaderError
from reader.ui.workers import run_in_background

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

HANDOUT_FILTERS = "PDF (*.pdf);;Web page (*.html)"


def choose_handout_file(window: MainWindow, lesson: Lesson) -> None:
    """Ask where to write the handout (PDF or HTML, by the filter or the name's ending), then write it."""
    from PySide6.QtWidgets import QFileDialog

    folder = window.annotations.path.parent
    suggested = str(folder / (_file_name(lesson.name) + ".pdf"))
    path, chosen_filter = QFileDialog.getSaveFileName(window, "Export lesson handout", suggested, HANDOUT_FILTERS)
    if not path:
        return
    target = Path(path)
    if target.suffix.lower() not in (".pdf", ".html", ".htm"):
        target = target.with_suffix(".html" if chosen_filter.startswith("Web") else ".pdf")
    export_handout(window, lesson, target)


def export_handout(window: MainWindow, lesson: Lesson, target: Path) -> None:
    """Build and write the handout off the UI thread; the status bar says when it is done, a dialog if it failed."""
    from reader.core.handout import corpus_lookup

    panes = [pane.document for pane in window.pane_area.panes() if pane.document is not None]
    lookup = corpus_lookup(window.corpus, panes, window.annotations.content.documents)
    state = window.themes.state
    themes = [theme for theme in state.themes if theme.id not in state.hidden] if state.enabled else None
    content = window.annotations.content
    window.statusBar().showMessage(f"Writing the handout of {lesson.name}…")

    def work() -> Path:
        from reader.core.handout import build_handout, handout_html

        groups = build_handout(lesson, lookup, themes, content, matcher=state.matcher() if themes else None)
        if target.suffix.lower() == ".pdf":
            from reader.ui.handout_pdf import write_handout_pdf

            write_handout_pdf(target, lesson.name, groups)
        else:
            _write_text(target, handout_html(lesson.name, groups))
        return target

    def done(path: Path) -> None:
        window.handout_written = path
        window.statusBar().showMessage(f"Handout written to {path}", 8000)

    run_in_background(work, done, window.report_problem, window)


def _write_text(target: Path, text: str) -> None:
    from reader.core.durable import write_atomically

    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as error:
        raise ReaderError(f"cannot write the handout to {target}: {error.strerror or error}") from None


def _file_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in name).strip()
    return " ".join(cleaned.split()) or "handout"
