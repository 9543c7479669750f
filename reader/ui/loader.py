"""Reading documents off the UI thread: decoding and indexing run on the global thread pool."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from reader.core.corpus import Document
from reader.ui.workers import run_in_background, run_now


DOCUMENT_MARGIN = 12


@dataclass(frozen=True)
class LoadedDocument:
    """A document with what its view needs, built off the UI thread."""

    document: Document
    text_document: QTextDocument  # already filled, owned by the UI thread


# Qt holds Python's GIL for the whole of one insertText call: inserting in pieces lets the UI
# thread run between them (about 10 ms at most) while a worker fills a large document.
INSERT_CHUNK = 32 * 1024


def build_text_document(text: str, font: QFont) -> QTextDocument:
    """A plain-text QTextDocument for `text`; filling it is the slow part of opening a large file."""
    text_document = QTextDocument()
    text_document.setUndoRedoEnabled(False)
    text_document.setDefaultFont(font)
    text_document.setDocumentMargin(DOCUMENT_MARGIN)
    cursor = QTextCursor(text_document)
    for start in range(0, len(text), INSERT_CHUNK):
        cursor.insertText(text[start : start + INSERT_CHUNK])
    # The layout comes last: attached before, it would follow every insertion, using the font
    # engine (shared with the UI thread, which then waits for it) on the worker.
    text_document.setDocumentLayout(QPlainTextDocumentLayout(text_document))
    return text_document


def prepare(document: Document, font: QFont) -> LoadedDocument:
    """Everything a view needs to show `document`, safe to run on a worker thread."""
    text_document = build_text_document(document.text, font)
    main_thread = QCoreApplication.instance().thread() if QCoreApplication.instance() else None
    if main_thread is not None:
        text_document.moveToThread(main_thread)  # hand it to the UI thread, which will show it
    return LoadedDocument(document, text_document)


class DocumentLoader(QObject):
    """Loads one document (on a worker thread, or at once when small) and reports on the UI thread."""

    loaded = Signal(object)  # LoadedDocument
    failed = Signal(str)  # one clear sentence

    def __init__(self, read: Callable[[], Document], font: QFont, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read = read
        self._font = QFont(font)

    def start(self, in_background: bool = True) -> None:
        """Start loading; `loaded` or `failed` is emitted when done."""
        font = QFont(self._font)
        work = lambda: prepare(self._read(), font)  # noqa: E731
        (run_in_background if in_background else run_now)(work, self.loaded.emit, self.failed.emit, self)


def read_file_document(path: Path) -> Callable[[], Document]:
    """A reader function for a text file on disk."""
    from reader.core.importers import document_from_file

    return lambda: document_from_file(path)
