"""One cold start, run as its own process: `python -m benchmarks.startup_child app|baseline`.

Prints `painted` once the main window is painted with two corpus documents in it, then exits.
"""

from __future__ import annotations

import os
import sys


def main(mode: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if mode == "baseline":
        from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter

        from benchmarks.painting import PaintWatcher, spin_until

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
        watcher = PaintWatcher([v.viewport() for v in views])
        window.show()
        spin_until(watcher.all_painted)
    else:
        from reader.ui.app import application
        from reader.core.corpus import Corpus
        from reader.ui.main_window import MainWindow

        from benchmarks.painting import PaintWatcher, spin_until

        app = application()
        window = MainWindow(Corpus.bundled(), store=None)
        panes = [window.open_corpus_document(doc_id) for doc_id in sys.argv[2:4]]
        window.resize(1400, 850)
        watcher = PaintWatcher([p.view.viewport() for p in panes])
        window.show()
        spin_until(lambda: not window.documents_loading())  # text painted; theme highlights follow
        watcher.reset()
        for pane in panes:
            pane.view.viewport().update()
        spin_until(watcher.all_painted)
    print("painted", flush=True)
    app.quit()


if __name__ == "__main__":
    main(sys.argv[1])
