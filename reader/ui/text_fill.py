"""Filling a QTextDocument with plain text: at once for a short text, a slice per pass of the
event loop for a long one (`SlicedFill`), so that the window keeps answering meanwhile."""

from __future__ import annotations

import time
from queue import SimpleQueue
from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

DOCUMENT_MARGIN = 12
# Filling a QTextDocument holds Python's GIL for each insertText call. On a worker that starved
# the UI thread (it needs the GIL for every Python paint or model call) for 100 ms and more;
# on the UI thread, in slices between events, it blocks nothing and leaves the GIL to the
# theme matcher in between.
INSERT_CHUNK = 32 * 1024
SLICE_SECONDS = 0.008  # one slice of filling: well under a frame, so input and painting go on


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


class SlicedFill(QObject):
    """Fills a QTextDocument with a long text a slice per pass of the event loop, then calls `done`.

    The text comes whole, or in pieces that a worker is still decoding: put in `pieces` as they
    come, until `whole_text` gives all of it, and the fill goes on from where the pieces brought it.
    So the first lines are in while most of a long file is still being decoded.

    The document has its plain-text layout from the start, and `started(document)` hands it over
    after the first slice, so that a view shows the first lines at once. The whole fill is one edit
    block: the layout hears of the rest of the text once, at the end, instead of after every slice,
    and the view that took the document does not lay out every block again when it is full (as
    setDocument() of a full document does).
    """

    def __init__(
        self,
        text: str | None,
        font: QFont,
        done: Callable[[QTextDocument], None],
        parent: QObject,
        started: Callable[[QTextDocument], None] | None = None,
        pieces: SimpleQueue[str] | None = None,
        advanced: Callable[[int, int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._done, self._started, self._cancelled = done, started, False
        self._advanced = advanced  # (characters in, of how many) after each slice, once the whole text is known
        self._whole = text  # all of the text, once it is known
        self._pieces = pieces
        self._source, self._offset = text or "", 0  # the string being inserted (the text or a piece), and how far
        self._inserted = 0  # characters inserted in all
        self.text_document = _attach_layout(_empty_text_document(font))
        self._cursor = QTextCursor(self.text_document)
        self._cursor.beginEditBlock()
        self._editing = True
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._fill_slice)
        self._timer.start()

    def whole_text(self, text: str) -> None:
        """All of the text, of which the pieces given so far were the beginning."""
        self._whole = text

    def _fill_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        cursor = self._cursor
        while self._offset < len(self._source) or self._next_source():
            chunk = self._source[self._offset : self._offset + INSERT_CHUNK]
            cursor.insertText(chunk)
            self._offset += len(chunk)
            self._inserted += len(chunk)
            if time.perf_counter() >= deadline:
                break
        if self._started is not None and self._inserted:
            # After a slice, not before: a view taking an empty document would paint it empty until
            # the end, and its caret, at the insertion point, would be carried to the end of the text.
            started, self._started = self._started, None
            started(self.text_document)
        if self._advanced is not None and self._whole is not None:
            self._advanced(self._inserted, len(self._whole))
        if self._whole is None or self._inserted < len(self._whole):
            # Waiting for the worker's next piece: look again in a millisecond, not in a busy loop.
            self._timer.setInterval(0 if self._offset < len(self._source) else 1)
            return
        self._timer.stop()
        # Ending the edit block tells the layout of every block (a few ms for 5 MB): in the next
        # pass of the event loop, so that it does not add to this slice's time without a break.
        QTimer.singleShot(0, self, self._finish)

    def _next_source(self) -> bool:
        """Move on to the rest of the whole text, or else to the next piece; False if neither is there yet."""
        if self._whole is not None:
            self._pieces = None  # any left are in the whole text too
            if self._inserted >= len(self._whole) or self._source is self._whole:
                return False
            self._source, self._offset = self._whole, self._inserted
            return True
        if self._pieces is None or self._pieces.empty():
            return False
        self._source, self._offset = self._pieces.get(), 0
        return True

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
        self._source, self._whole, self._pieces, self._cancelled = "", None, None, True
