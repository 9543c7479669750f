"""Reading documents off the UI thread: decoding and indexing run on the global thread pool."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.core.corpus import Document
from reader.core.errors import ReaderError
from reader.core.paragraphs import Paragraphs
from reader.ui.offsets import OffsetMap


@dataclass(frozen=True)
class LoadedDocument:
    """A document with what its view needs precomputed."""

    document: Document
    offsets: OffsetMap
    paragraphs: Paragraphs


def prepare(document: Document) -> LoadedDocument:
    """Precompute the offset map and paragraph map of a document."""
    return LoadedDocument(document, OffsetMap(document.text), Paragraphs.of(document.text))


class _Signals(QObject):
    loaded = Signal(object)
    failed = Signal(str)


class _LoadTask(QRunnable):
    def __init__(self, read: Callable[[], Document], signals: _Signals) -> None:
        super().__init__()
        self._read = read
        self._signals = signals

    def run(self) -> None:
        try:
            loaded = prepare(self._read())
        except ReaderError as error:
            self._signals.failed.emit(str(error))
        except Exception as error:  # a bug, not a user mistake: still reported, never lost
            import logging

            logging.getLogger(__name__).exception("loading a document failed")
            self._signals.failed.emit(f"could not open the document: {error}")
        else:
            self._signals.loaded.emit(loaded)


class DocumentLoader(QObject):
    """Loads one document on a worker thread and reports back on the UI thread."""

    loaded = Signal(object)  # LoadedDocument
    failed = Signal(str)  # one clear sentence

    def __init__(self, read: Callable[[], Document], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._signals.loaded.connect(self.loaded)
        self._signals.failed.connect(self.failed)
        self._read = read

    def start(self) -> None:
        """Queue the load on the global thread pool."""
        QThreadPool.globalInstance().start(_LoadTask(self._read, self._signals))


def read_file_document(path: Path) -> Callable[[], Document]:
    """A reader function for a text file on disk."""
    from reader.core.importers import document_from_file

    return lambda: document_from_file(path)
