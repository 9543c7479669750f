"""The read-only text view of one document, with zoom, find highlights and line-based scrolling."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QFocusEvent, QFont, QKeyEvent, QResizeEvent, QTextCharFormat, QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from reader.core.paragraphs import Paragraphs
from reader.ui.highlights import Highlight, HighlightLayer
from reader.ui.loader import LoadedDocument
from reader.ui.text_fill import build_text_document
from reader.ui.offsets import OffsetMap

BASE_POINT_SIZE = 12.0
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400)
THEME_LAYER = "themes"
ANNOTATION_LAYER = "annotations"  # over themes
FIND_LAYER = "find"  # drawn last, over everything
FIND_COLOR = QColor("#ffe14d")
CURRENT_FIND_COLOR = QColor("#ff9632")


class DocumentView(QPlainTextEdit):
    """Shows a document's text; offsets in and out are code points into `Document.text`."""

    focused = Signal()
    tag_key_pressed = Signal(int)  # keys 1–9 tag the selection with the n-th tag
    context_menu_opening = Signal(object)  # the QMenu, for the window to add its commands to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # Keyboard-selectable: a caret that arrows move and Shift+arrows select, for tagging without a mouse.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAccessibleName("Document text")
        self.setAccessibleDescription(
            "Read-only text. Arrow keys move the caret, Shift with arrows selects; Ctrl+T tags the selection, 1 to 9 tag it with the first nine tags"
        )
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
        self._layers: dict[str, HighlightLayer] = {THEME_LAYER: HighlightLayer(), ANNOTATION_LAYER: HighlightLayer(), FIND_LAYER: HighlightLayer()}
        self._apply_zoom()
        # Highlights are rebuilt after a scroll, not inside it: Qt is mid-layout during valueChanged,
        # and many scroll steps in one event-loop pass need one rebuild.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh_highlights)
        self.verticalScrollBar().valueChanged.connect(self._refresh_timer.start)
        self.horizontalScrollBar().valueChanged.connect(self._refresh_timer.start)

    # --- content -----------------------------------------------------------------------------
    def show_document(self, loaded: LoadedDocument) -> None:
        """Display a document whose QTextDocument and maps were built off the UI thread."""
        self._text = loaded.document.text
        self._offsets = loaded.offsets
        self._paragraphs = None
        self._layers = {name: HighlightLayer() for name in self._layers}
        self.setExtraSelections([])
        if loaded.text_document is not self.document():
            self._take(loaded.text_document)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAccessibleName(f"Text of {loaded.document.title}")

    def show_filling(self, text_document: QTextDocument) -> None:
        """Show a long text's document while it is being filled; `show_document` follows when it is full."""
        # The scroll bar such a text needs is there from the start: appearing at the end, it would
        # narrow the view and make it lay out every block again (4 ms for 5 MB).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._take(text_document)

    def _take(self, text_document: QTextDocument) -> None:
        previous = self.document()
        if text_document.defaultFont() != self.font():  # zoom changed while it was loading
            text_document.setDefaultFont(self.font())
        text_document.setParent(self)
        self.setDocument(text_document)
        self.verticalScrollBar().setValue(0)  # setDocument may keep the old offset; a new text starts at its top
        if previous is not self._placeholder:
            previous.deleteLater()

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
        return max(self.firstVisibleBlock().blockNumber(), 0)

    def scroll_to_line(self, line: int) -> None:
        """Put text line `line` at the top of the view (or as near as the end of the text allows)."""
        block = self.document().findBlockByNumber(max(line, 0))
        bar = self.verticalScrollBar()
        # Wrapped line counts are known only for blocks laid out so far, and scrolling lays out
        # more: aim, look where the top landed, aim again.
        for _attempt in range(4):
            if not block.isValid() or self.firstVisibleBlock().blockNumber() == block.blockNumber():
                return
            before = bar.value()
            bar.setValue(block.firstLineNumber())
            if bar.value() == before:
                return

    def top_line_range(self) -> tuple[int, int]:
        """Code-point range of the first (wrapped) line on screen."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0, 0
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            if top + line.y() + line.height() > 1 or index == layout.lineCount() - 1:
                start = block.position() + line.textStart()
                return self.offsets.from_qt(start), self.offsets.from_qt(start + line.textLength())
        return self.offsets.from_qt(block.position()), self.offsets.from_qt(block.position() + block.length() - 1)

    def scroll_offset_to_top(self, offset: int) -> None:
        """Put the line holding code-point `offset` at the top of the view (or as near as the end allows)."""
        position = self.offsets.to_qt(offset)
        block = self.document().findBlock(position)
        bar = self.verticalScrollBar()
        for _attempt in range(4):  # as in scroll_to_line: line numbers settle as Qt lays text out
            if not block.isValid():
                return
            line = block.layout().lineForTextPosition(position - block.position()) if block.layout().lineCount() else None
            target = block.firstLineNumber() + (line.lineNumber() if line is not None and line.isValid() else 0)
            before = bar.value()
            if before == target:
                return
            bar.setValue(target)
            if bar.value() == before:
                return

    def scroll_to_offset(self, offset: int) -> None:
        """Move the caret to code-point `offset` and bring it into view."""
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) (code points) and bring it into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def cursor_offset(self) -> int:
        """Caret position as a code-point offset."""
        return self.offsets.from_qt(self.textCursor().position())

    def selection_offsets(self) -> tuple[int, int]:
        """Selected range as code-point offsets into the document text."""
        cursor = self.textCursor()
        return self.offsets.from_qt(cursor.selectionStart()), self.offsets.from_qt(cursor.selectionEnd())

    # --- highlights --------------------------------------------------------------------------
    def set_layer(self, name: str, layer: HighlightLayer) -> None:
        """Replace one named layer of highlights (drawn in the order layers were first set)."""
        self._layers[name] = layer
        self.refresh_highlights()

    def layer(self, name: str) -> HighlightLayer:
        """A named layer (empty if never set)."""
        return self._layers.get(name, HighlightLayer())

    def visible_range(self) -> tuple[int, int]:
        """Code-point range of the text on screen."""
        first = self.firstVisibleBlock().position()
        corner = self.viewport().rect().bottomRight()
        last = self.cursorForPosition(corner).block()
        end = last.position() + last.length()
        return self.offsets.from_qt(first), self.offsets.from_qt(end)

    def refresh_highlights(self) -> None:
        """Rebuild the extra selections for what is on screen."""
        if not self._text or not any(len(layer) for layer in self._layers.values()):
            if self.extraSelections():
                self.setExtraSelections([])
            return
        start, end = self.visible_range()
        selections = []
        for layer in self._layers.values():
            for highlight in layer.overlapping(start, end):
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(self.offsets.to_qt(highlight.start))
                cursor.setPosition(self.offsets.to_qt(highlight.end), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = highlight.format
                selections.append(selection)
        self.setExtraSelections(selections)

    def set_find_hits(self, spans: list[tuple[int, int]], current: int) -> None:
        """Highlight every hit of a find; `current` is drawn stronger and scrolled into view."""
        hits = []
        for index, (start, end) in enumerate(spans):
            char_format = QTextCharFormat()
            char_format.setBackground(CURRENT_FIND_COLOR if index == current else FIND_COLOR)
            char_format.setForeground(QColor("#000000"))
            hits.append(Highlight(start, end, char_format))
        if 0 <= current < len(spans):
            self.select_range(*spans[current])
        self.set_layer(FIND_LAYER, HighlightLayer(hits))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._refresh_timer.start()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and self._text:
            offset = self.offsets.from_qt(self.cursorForPosition(event.pos()).position())
            tip = self.tooltip_at(offset)
            if tip:
                # Escaped: theme names are user data and must never be read as HTML.
                QToolTip.showText(event.globalPos(), f"<p style='white-space:pre'>{html.escape(tip)}</p>", self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, offset: int) -> str:
        """Plain text naming what is highlighted at `offset` (themes, then annotations), or ''."""
        names = [h.format.toolTip() for name in (THEME_LAYER, ANNOTATION_LAYER) for h in self.layer(name).at(offset) if h.format.toolTip()]
        return "\n".join(dict.fromkeys(names))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        menu = self.createStandardContextMenu(event.pos())
        self.context_menu_opening.emit(menu)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.tag_key_pressed.emit(event.key() - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.focused.emit()
