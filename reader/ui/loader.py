"""Reading documents: decoded on the thread pool, then filled in on the UI thread (reader.ui.text_fill)."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from queue import SimpleQueue
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QTextDocument

from reader.core.corpus import Document
from reader.ui.offsets import OffsetMap
from reader.ui.text_fill import SlicedFill, build_text_document
from reader.ui.workers import run_in_background, run_now, ui_caller


log = logging.getLogger(__name__)
PROGRESS_AFTER_SECONDS = 0.5  # a load taking longer than this shows how far it has got
# After each decoded piece the worker sleeps this long. Decoding holds Python's GIL, and a thread
# waiting for it gets it only when the 5 ms switch interval runs out, so the UI thread, which needs
# it for every Python call while it builds and paints the new pane, waited up to 5 ms at a time.
HAND_OVER_SECONDS = 0.0002
ReadResult = tuple[Document, "bytes | None"]  # a document, and the file's bytes if they are exactly its text's UTF-8
# Reads a document, calling its first argument (if not None) with a file's bytes and path before
# decoding them, and its second with pieces of the text as they are decoded (see document_and_utf8_from_file).
Read = Callable[["Callable[[bytes, Path], None] | None", "Callable[[str], None] | None"], ReadResult]


@dataclass(frozen=True)
class LoadedDocument:
    """A document with the filled QTextDocument its view shows."""

    document: Document
    text_document: QTextDocument
    offsets: OffsetMap | None = None  # for a long text, built on the worker that read it


class DocumentLoader(QObject):
    """Loads one document: decoded on a worker thread (or at once when small), shown on the UI thread.

    `read(on_bytes, on_piece)` gives the document and, when its text is exactly a file's UTF-8,
    those bytes. For a large file, `on_bytes(data, file)` runs on the worker as soon as the file
    is read, before it is decoded, and `on_read(document, utf8, early)` as soon as it is decoded
    (`early`: what `on_bytes` returned), so work on the text (theme matching) starts before the
    UI thread even hears of it; `text_ready` then brings the document and what `on_read`
    returned. Filling the text document begins with the first piece the worker decodes, before
    `text_ready`. A loader is used once: after `loaded`, `failed` or `cancel()` it lets go of
    the text and deletes itself.
    """

    text_ready = Signal(object, object)  # Document, what on_read returned (None without it)
    filling = Signal(object)  # the QTextDocument a long text is being filled into, after its first slice, for a view to show meanwhile
    loaded = Signal(object)  # LoadedDocument
    failed = Signal(str)  # one clear sentence
    progressed = Signal(int)  # percent of a long text filled in, once loading has taken PROGRESS_AFTER_SECONDS

    def __init__(self, read: Read, font: QFont, parent: QObject | None = None, on_read: Callable[[Document, bytes | None, object], object] | None = None, on_bytes: Callable[[bytes, Path], object] | None = None) -> None:
        super().__init__(parent)
        self._read = read
        self._on_read = on_read or (lambda _document, _utf8, _early: None)
        self._on_bytes = on_bytes or (lambda _data, _file: None)
        self._font = QFont(font)
        self._fill: SlicedFill | None = None
        self._parts: dict[str, object] = {}  # the filled text document and the offset map, as each arrives
        self._pieces: SimpleQueue[str] | None = SimpleQueue()  # the text as the worker decodes it, for the fill to begin with
        self._document: Document | None = None  # once decoded
        self._finished = False
        self._begun = _Begun()
        self._started_at = time.monotonic()

    def start(self, in_background: bool = True) -> None:
        """Start loading; `loaded` or `failed` is emitted when done."""
        if in_background:
            read, on_read, on_bytes = self._read, self._on_read, self._on_bytes
            on_piece = _handing_over(self._pieces, ui_caller(self._first_piece, self))
            begun = self._begun
            run_in_background(lambda: _begin(read, on_bytes, on_read, on_piece, begun), self._decoded, self._failed, self)
        else:
            read = self._read
            run_now(lambda: read(None, None), self._fill_at_once, self._failed, self)

    def cancel(self) -> None:
        """Stop loading a document nobody will show: the partial text document is discarded, and
        the work begun on it (its theme matching) given up, now or when the worker begins it."""
        self._begun.give_up()
        if self._fill is not None:
            self._fill.cancel()
        self._finish()

    def _fill_at_once(self, read: ReadResult) -> None:
        document, utf8 = read
        self.text_ready.emit(document, _safely(self._on_read, document, utf8, None))
        self.loaded.emit(LoadedDocument(document, build_text_document(document.text, self._font)))
        self._finish()

    def _first_piece(self, _nothing: object) -> None:
        """The worker has decoded the beginning of the text: start filling it in."""
        if self._fill is None and not self._finished:
            self._fill = self._new_fill(None, self._pieces)

    def _decoded(self, read: tuple[Document, object, bool]) -> None:
        document, begun, pieces_were_text = read
        if self._finished:  # cancelled: what the worker began was given up there
            return
        self._document, self._pieces = document, None  # the fill holds the pieces it has yet to take
        self.text_ready.emit(document, begun)
        # While the UI thread fills the document, a worker finds the characters Qt counts twice.
        run_in_background(lambda: OffsetMap(document.text), lambda offsets: self._part_ready("offsets", offsets), None, self)
        if self._fill is not None and pieces_were_text:
            self._fill.whole_text(document.text)
            return
        if self._fill is not None:  # UTF-8 at first, but another encoding in the end: filled again
            self._fill.cancel()
            self._fill.deleteLater()
        self._fill = self._new_fill(document.text)

    def _new_fill(self, text: str | None, pieces: SimpleQueue[str] | None = None) -> SlicedFill:
        return SlicedFill(text, self._font, lambda filled: self._part_ready("text", filled), self, self.filling.emit, pieces, self._advanced)

    def _advanced(self, inserted: int, total: int) -> None:
        # Only a load that takes a while says how far it is: a quick one would only flicker.
        if total and time.monotonic() - self._started_at >= PROGRESS_AFTER_SECONDS:
            self.progressed.emit(inserted * 100 // total)

    def _part_ready(self, name: str, value: object) -> None:
        self._parts[name] = value
        if len(self._parts) == 2:
            self.loaded.emit(LoadedDocument(self._document, self._parts["text"], self._parts["offsets"]))
            self._finish()

    def _failed(self, message: str) -> None:
        if self._fill is not None:  # filled from pieces that looked like text, before the rest did not
            self._fill.cancel()
        self.failed.emit(message)
        self._finish()

    def _finish(self) -> None:
        if self._fill is not None:
            self._fill.deleteLater()
        self._fill, self._parts, self._finished = None, {}, True
        self.deleteLater()


class _Begun:
    """What the worker began on a document (its theme matching), for the UI thread to give up if
    the pane closes first. Once the loader is cancelled it is deleted, and the worker's result
    then never reaches it: so the worker hands over what it begins as it begins it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._work: list[object] = []
        self._given_up = False

    def add(self, work: object) -> None:
        """Note work just begun (on the worker); given up at once if the pane has closed meanwhile."""
        with self._lock:
            if not self._given_up:
                self._work.append(work)
                return
        _drop(work)

    def give_up(self) -> None:
        """Give up all the work begun, and any begun from now on (the pane closed)."""
        with self._lock:
            self._given_up, work, self._work = True, self._work, []
        for each in work:
            _drop(each)


def _drop(work: object) -> None:
    getattr(work, "drop", lambda: None)()


def _begin(
    read: Read,
    on_bytes: Callable[[bytes, Path], object],
    on_read: Callable[[Document, bytes | None, object], object],
    on_piece: Callable[[str], None],
    begun: _Begun,
) -> tuple[Document, object, bool]:
    """On the worker reading the document: start work on its bytes, then on its text, at once
    (each noted in `begun`). If the bytes then fail to decode, what `on_bytes` began is given up.
    Returns the document, what `on_read` began, and whether the pieces given to `on_piece` were its text."""
    early: list[object] = []

    def on_bytes_read(data: bytes, file: Path) -> None:
        early.append(_safely(on_bytes, data, file))
        begun.add(early[-1])

    try:
        document, utf8 = read(on_bytes_read, on_piece)
    except BaseException:
        for work in early:
            _drop(work)
        raise
    work = _safely(on_read, document, utf8, early[0] if early else None)
    begun.add(work)
    return document, work, utf8 is not None


def _handing_over(pieces: SimpleQueue[str], first: Callable[[object], None]) -> Callable[[str], None]:
    """An `on_piece` for the worker: each piece goes into `pieces`, and `first` hears of the first one."""
    told = False

    def on_piece(piece: str) -> None:
        nonlocal told
        pieces.put(piece)
        if not told:
            told = True
            first(None)
        time.sleep(HAND_OVER_SECONDS)  # lets a thread waiting for the GIL (the UI thread) take it now

    return on_piece


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

    return lambda on_bytes, on_piece: document_and_utf8_from_file(path, on_bytes, on_piece)
