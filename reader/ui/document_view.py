"""The read-only text view of one document, with zoom, find highlights and line-based scrolling."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFocusEvent, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from reader.core.paragraphs import Paragraphs
from reader.ui.loader import LoadedDocument, build_text_document
from reader.ui.offsets import OffsetMap

BASE_POINT_SIZE = 12.0
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400)
FIND_COLOR = QColor("#ffe14d")
CURRENT_FIND_COLOR = QColor("#ff9632")


class DocumentView(QPlainTextEdit):
    """Shows a document's text; offsets in and out are code points into `Document.text`."""

    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        # Our own document for messages such as "Loading…"; texts come ready-made from the loader.
        self._placeholder = build_text_document("", self.font())
        self._placeholder.setParent(self)
        self.setDocument(self._placeholder)
        self._text = ""
        self._offsets: OffsetMap | None = None  # built on first use: most views never need them
        self._paragraphs: Paragraphs | None = None
        self._zoom = 100
        self._find_spans: list[tuple[int, int]] = []
        self._find_current = -1
        self._apply_zoom()

    # --- content -----------------------------------------------------------------------------
    def show_document(self, loaded: LoadedDocument) -> None:
        """Display a document whose QTextDocument and maps were built off the UI thread."""
        self._text = loaded.document.text
        self._offsets = None
        self._paragraphs = None
        self._find_spans = []
        self._find_current = -1
        self.setExtraSelections([])
        previous = self.document()
        if loaded.text_document.defaultFont() != self.font():  # zoom changed while it was loading
            loaded.text_document.setDefaultFont(self.font())
        loaded.text_document.setParent(self)
        self.setDocument(loaded.text_document)
        self.verticalScrollBar().setValue(0)  # setDocument may keep the old offset; a new text starts at its top
        if previous is not self._placeholder:
            previous.deleteLater()
        self.setAccessibleName(loaded.document.title)

    def show_message(self, message: str) -> None:
        """Show a status line (such as 'Loading…') instead of a document."""
        self._text = ""
        self._offsets = None
        self._paragraphs = None
        if self.document() is not self._placeholder:
            self.setDocument(self._placeholder)
        self.setPlainText(message)

    @property
    def text(self) -> str:
        """The document text this view shows (core's text, never read back from Qt)."""
        return self._text

    @property
    def paragraphs(self) -> Paragraphs:
        """Paragraph map of the shown text (a few milliseconds per megabyte, once)."""
        if self._paragraphs is None:
            self._paragraphs = Paragraphs.of(self._text)
        return self._paragraphs

    @property
    def offsets(self) -> OffsetMap:
        """Code point <-> UTF-16 map of the shown text (built once, on first use)."""
        if self._offsets is None:
            self._offsets = OffsetMap(self._text)
        return self._offsets

    # --- zoom --------------------------------------------------------------------------------
    @property
    def zoom(self) -> int:
        """Zoom in percent."""
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        """Set zoom, clamped to the supported range."""
        self._zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], int(percent)))
        self._apply_zoom()

    def zoom_in(self) -> None:
        """Next larger zoom step."""
        self.set_zoom(next((s for s in ZOOM_STEPS if s > self._zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        """Next smaller zoom step."""
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < self._zoom), ZOOM_STEPS[0]))

    def _apply_zoom(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(BASE_POINT_SIZE * self._zoom / 100)
        self.setFont(font)

    # --- scrolling ---------------------------------------------------------------------------
    def top_line(self) -> int:
        """Number of the text line (block) at the top of the view."""
        block = self.document().findBlockByLineNumber(self.verticalScrollBar().value())
        return max(block.blockNumber(), 0)

    def scroll_to_line(self, line: int) -> None:
        """Put text line `line` at the top of the view."""
        block = self.document().findBlockByNumber(max(line, 0))
        if block.isValid():
            self.verticalScrollBar().setValue(block.firstLineNumber())

    def scroll_to_offset(self, offset: int) -> None:
        """Move the caret to code-point `offset` and bring it into view."""
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def selection_offsets(self) -> tuple[int, int]:
        """Selected range as code-point offsets into the document text."""
        cursor = self.textCursor()
        return self.offsets.from_qt(cursor.selectionStart()), self.offsets.from_qt(cursor.selectionEnd())

    # --- find --------------------------------------------------------------------------------
    def set_find_hits(self, spans: list[tuple[int, int]], current: int) -> None:
        """Highlight every hit of a find; `current` is drawn stronger and scrolled into view."""
        self._find_spans = spans
        self._find_current = current
        selections = []
        for index, (start, end) in enumerate(spans):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_qt(start))
            cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            char_format.setBackground(CURRENT_FIND_COLOR if index == current else FIND_COLOR)
            char_format.setForeground(QColor("#000000"))
            selection.cursor = cursor
            selection.format = char_format
            selections.append(selection)
        self.setExtraSelections(selections)
        if 0 <= current < len(spans):
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_qt(spans[current][0]))
            cursor.setPosition(self.offsets.to_qt(spans[current][1]), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.centerCursor()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.focused.emit()
