"""Render the main window off screen to a PNG (for docs, tests and review)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from reader.core.corpus import Corpus
from reader.core.errors import ReaderError


def render_screenshot(
    out: Path,
    open_refs: list[str],
    size: tuple[int, int] = (1600, 900),
    scheme: str = "light",
    high_contrast: bool = False,
    timeout: float = 30.0,
    present: bool = False,
    annotations: Path | None = None,
    statistics: bool = False,
) -> Path:
    """Open `open_refs` (corpus ids or files) in a fresh window of `size` and save it as PNG.

    With `present`, the PNG is the first slide of presenting those documents, at `size`, or,
    given an annotation file with lessons (`annotations`, read from a copy), of its first lesson.
    With `statistics`, it is the statistics chart of the whole corpus, by document.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import application
    from reader.ui.appearance import Appearance, ColorScheme
    from reader.ui.main_window import MainWindow

    app = application()
    corpus = Corpus.bundled()
    # Never reads or writes the user's session or annotations: a screenshot is the same on any machine.
    scratch = Path(tempfile.mkdtemp(prefix="parallel-reader-screenshot-"))
    if annotations is not None:
        shutil.copyfile(annotations, scratch / "annotations.json")
    window = MainWindow(corpus, store=None, annotation_path=scratch / "annotations.json")
    window.set_appearance(Appearance(ColorScheme(scheme), high_contrast))
    for ref in open_refs or corpus.default_pair():
        window.open_argument(ref)
    window.resize(*size)
    window.show()
    deadline = time.monotonic() + timeout
    while window.loading() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    if window.last_error:
        raise ReaderError(window.last_error)
    app.processEvents()
    shown = window
    if present:
        from reader.ui.window_lessons import present

        present(window, full_screen=False)
        while window.presentation is None and time.monotonic() < deadline and not window.last_error:
            app.processEvents()
            time.sleep(0.005)
        shown = window.presentation or window
        shown.resize(*size)
        shown.show()
        app.processEvents()
    if statistics:
        from reader.ui.statistics_window import show_statistics

        counts = show_statistics(window)
        counts.scope[1].setCurrentIndex(1)  # the whole corpus
        while (counts.computing or counts.table is None) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)
        counts.resize(*size)
        counts.tabs.setCurrentWidget(counts.chart_view)
        app.processEvents()
        shown = counts
    image = shown.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise ReaderError(f"{out}: could not write the PNG file")
    if shown is not window:
        shown.close()
    window.close()
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()
    shutil.rmtree(scratch, ignore_errors=True)
    return out
