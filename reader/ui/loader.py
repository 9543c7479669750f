"""Reading documents: decoding runs on the thread pool, filling the text document on the UI thread in slices."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from reader.core.corpus import Document
from reader.ui.offsets import OffsetMap
from reader.ui.workers import run_in_background, run_now


log = logging.getLogger(__name__)
DOCUMENT_MARGIN = 12
# Filling a QTextDocument holds Python's GIL for each insertText call. On a worker that starved
# the UI thread (it needs the GIL for every Python paint or model call) for 100 ms and more;
# on the UI thread, in slices between events, it blocks nothing and leaves the GIL to the
# theme matcher in between.
INSERT_CHUNK = 32 * 1024
SLICE_SECONDS = 0.008  # one slice of filling: well under a frame, so input and painting go on
ReadResult = tuple[Document, "bytes | None"]  # a document, and the file's bytes if they are exactly its text's UTF-8
Read = Callable[[Callable[[bytes], None]], ReadResult]  # reads a document, calling its argument with a file's bytes before decoding them


@dataclass(frozen=True)
class LoadedDocument:
    """A document with the filled QTextDocument its view shows."""

    document: Document
    text_document: QTextDocument
    offsets: OffsetMap | None = None  # for a long text, built on the worker that read it


def _empty_text_document(font: QFont) -> QTextDocument:
    text_document = QTextDocument()
    text_document.setUndoRedoEnabled(False)
    text_document.setDefaultFont(font)
    text_document.setDocumentMargin(DOCUMENT_MARGIN)
    return text_document


def _attach_layout(text_document: QTextDocument) -> QTextDocument:
    text_document.setDocumentLayout(QPlainTextDocumentLayout(text_document))
    return text_document


def build_text_document(text: str, font: QFont) -> QTextDocument:
    """A plain-text QTextDocument for `text`, filled at once (for short texts)."""
    text_document = _empty_text_document(font)
    QTextCursor(text_document).insertText(text)
    # The layout comes last: attached before, it would follow the insertion.
    return _attach_layout(text_document)


class _SlicedFill(QObject):
    """Fills a QTextDocument with a long text a slice per pass of the event loop, then calls `done`.

    The document has its plain-text layout from the start, and `started(document)` hands it over
    after the first slice, so that a view shows the first lines at once. The whole fill is one edit
    block: the layout hears of the rest of the text once, at the end, instead of after every slice,
    and the view that took the document does not lay out every block again when it is full (as
    setDocument() of a full document does).
    """

    def __init__(self, text: str, font: QFont, done: Callable[[QTextDocument], None], parent: QObject, started: Callable[[QTextDocument], None] | None = None) -> None:
        super().__init__(parent)
        self._text, self._done, self._started, self._position, self._cancelled = text, done, started, 0, False
        self.text_document = _attach_layout(_empty_text_document(font))
        self._cursor = QTextCursor(self.text_document)
        self._cursor.beginEditBlock()
        self._editing = True
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._fill_slice)
        self._timer.start()

    def _fill_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        text, cursor = self._text, self._cursor
        while self._position < len(text):
            cursor.insertText(text[self._position : self._position + INSERT_CHUNK])
            self._position += INSERT_CHUNK
            if time.perf_counter() >= deadline:
                break
        if self._started is not None:
            # After a slice, not before: a view taking an empty document would paint it empty until
            # the end, and its caret, at the insertion point, would be carried to the end of the text.
            started, self._started = self._started, None
            started(self.text_document)
        if self._position < len(text):
            return
        self._timer.stop()
        # Ending the edit block tells the layout of every block (a few ms for 5 MB): in the next
        # pass of the event loop, so that it does not add to this slice's time without a break.
        QTimer.singleShot(0, self, self._finish)

    def _finish(self) -> None:
        if not self._cancelled:
            self._end_editing()
            self._done(self.text_document)

    def _end_editing(self) -> None:
        if self._editing:  # once: a second end would unbalance the document's count of edit blocks
            self._editing = False
            self._cursor.endEditBlock()

    def cancel(self) -> None:
        """Stop filling (the pane closed); the partial document is discarded, unless a view owns it."""
        self._timer.stop()
        self._end_editing()
        if self.text_document.parent() is None:
            self.text_document.deleteLater()
        self._text, self._cancelled = "", True


class DocumentLoader(QObject):
    """Loads one document: decoded on a worker thread (or at once when small), shown on the UI thread.

    `read(on_bytes)` gives the document and, when its text is exactly a file's UTF-8, those bytes.
    For a large file, `on_bytes(data)` runs on the worker as soon as the file is read, before it is
    decoded, and `on_read(document, utf8, early)` as soon as it is decoded (`early`: what
    `on_bytes` returned), so work on the text (theme matching) starts before the UI thread even
    hears of it; `text_ready` then brings the document and what `on_read` returned, before the
    text document is filled. A loader is used once: after `loaded`, `failed` or `cancel()` it lets
    go of the text and deletes itself.
    """

    text_ready = Signal(object, object)  # Document, what on_read returned (None without it)
    filling = Signal(object)  # the QTextDocument a long text is being filled into, after its first slice, for a view to show meanwhile
    loaded = Signal(object)  # LoadedDocument
    failed = Signal(str)  # one clear sentence

    def __init__(self, read: Read, font: QFont, parent: QObject | None = None, on_read: Callable[[Document, bytes | None, object], object] | None = None, on_bytes: Callable[[bytes], object] | None = None) -> None:
        super().__init__(parent)
        self._read = read
        self._on_read = on_read or (lambda _document, _utf8, _early: None)
        self._on_bytes = on_bytes or (lambda _data: None)
        self._font = QFont(font)
        self._fill: _SlicedFill | None = None
        self._parts: dict[str, object] = {}  # the filled text document and the offset map, as each arrives

    def start(self, in_background: bool = True) -> None:
        """Start loading; `loaded` or `failed` is emitted when done."""
        if in_background:
            read, on_read, on_bytes = self._read, self._on_read, self._on_bytes
            run_in_background(lambda: _begun(read, on_bytes, on_read), self._decoded, self._failed, self)
        else:
            read = self._read
            run_now(lambda: read(lambda _data: None), self._fill_at_once, self._failed, self)

    def cancel(self) -> None:
        """Stop loading a document nobody will show: the partial text document is discarded."""
        if self._fill is not None:
            self._fill.cancel()
        self._finish()

    def _fill_at_once(self, read: ReadResult) -> None:
        document, utf8 = read
        self.text_ready.emit(document, _safely(self._on_read, document, utf8, None))
        self.loaded.emit(LoadedDocument(document, build_text_document(document.text, self._font)))
        self._finish()

    def _decoded(self, read: tuple[Document, object]) -> None:
        document, begun = read
        self.text_ready.emit(document, begun)
        # While the UI thread fills the document, a worker finds the characters Qt counts twice.
        run_in_background(lambda: OffsetMap(document.text), lambda offsets: self._part_ready(document, "offsets", offsets), None, self)
        self._fill = _SlicedFill(document.text, self._font, lambda filled: self._part_ready(document, "text", filled), self, self.filling.emit)

    def _part_ready(self, document: Document, name: str, value: object) -> None:
        self._parts[name] = value
        if len(self._parts) == 2:
            self.loaded.emit(LoadedDocument(document, self._parts["text"], self._parts["offsets"]))
            self._finish()

    def _failed(self, message: str) -> None:
        self.failed.emit(message)
        self._finish()

    def _finish(self) -> None:
        if self._fill is not None:
            self._fill.deleteLater()
        self._fill, self._parts = None, {}
        self.deleteLater()


def _begun(read: Read, on_bytes: Callable[[bytes], object], on_read: Callable[[Document, bytes | None, object], object]) -> tuple[Document, object]:
    """On the worker reading the document: start work on its bytes, then on its text, at once.
    If the bytes then fail to decode, what `on_bytes` began is given up (its `drop()`, if it has one)."""
    early: list[object] = []
    try:
        document, utf8 = read(lambda data: early.append(_safely(on_bytes, data)))
    except BaseException:
        for begun in early:
            getattr(begun, "drop", lambda: None)()
        raise
    return document, _safely(on_read, document, utf8, early[0] if early else None)


def _safely(hook: Callable[..., object], *arguments: object) -> object:
    """What `hook` returns; None if it fails (logged): a failure there must not stop the document opening."""
    try:
        return hook(*arguments)
    except Exception:
        log.exception("work on a newly read document could not start")
        return None


def read_file_document(path: Path) -> Read:
    """A reader function for a text file on disk."""
    from reader.core.importers import document_and_utf8_from_file

    return lambda on_bytes: document_and_utf8_from_file(path, on_bytes)
