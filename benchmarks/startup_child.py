"""One cold start, run as its own process: `python -m benchmarks.startup_child app|baseline`.

Prints `painted` once the main window is painted with two corpus documents in it; the app then
prints `built` once its window is complete (second stage) and `highlighted` once the themes are
drawn, and exits.
"""

from __future__ import annotations

import os
import sys


def _report_painted(widgets: list) -> object:
    """Print `painted` right after a paint that has drawn every widget, before anything queued after it runs."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.waiting = set(widgets)
            self.painted = False
            for widget in widgets:
                widget.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and watched in self.waiting:
                self.waiting.discard(watched)
                if not self.waiting:
                    QTimer.singleShot(0, self.report)  # runs once this paint is on screen
            return False

        def report(self) -> None:
            self.painted = True
            print("painted", flush=True)

    return Watcher()


def main(mode: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if mode == "baseline":
        from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter

        from benchmarks.painting import spin_until

        texts = [open(path, encoding="utf-8").read() for path in sys.argv[2:4]]
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        splitter = QSplitter()
        views = []
        for text in texts:
            view = QPlainTextEdit()
            view.setReadOnly(True)
            view.setPlainText(text)
            splitter.addWidget(view)
            views.append(view)
        window.setCentralWidget(splitter)
        window.resize(1400, 850)
        watcher = _report_painted([v.viewport() for v in views])
        window.show()
        spin_until(lambda: watcher.painted)
    else:
        from reader.ui.app import application
        from reader.core.corpus import Corpus
        from reader.ui.main_window import MainWindow

        from benchmarks.painting import spin_until

        app = application()
        window = MainWindow(Corpus.bundled(), store=None)
        panes = [window.open_corpus_document(doc_id) for doc_id in sys.argv[2:4]]
        window.resize(1400, 850)
        window.show()
        spin_until(lambda: not window.documents_loading())  # text painted; the rest of the window and theme highlights follow
        watcher = _report_painted([p.view.viewport() for p in panes])
        for pane in panes:
            pane.view.viewport().update()
        spin_until(lambda: watcher.painted)
        spin_until(lambda: window.is_built)
        print("built", flush=True)
        spin_until(lambda: not window.loading())
        print("highlighted", flush=True)
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone()
    app.quit()


if __name__ == "__main__":
    main(sys.argv[1])
