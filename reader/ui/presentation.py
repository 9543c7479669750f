"""Presentation mode: passages at full-screen size for a room, one or two per slide, moved with the keyboard.

A deck is a list of logical slides (one column per passage). Each is laid out for the screen
it is shown on: the type is made as large as fits, never smaller than 32 px on a 1080-line
screen; a passage too long even at that size is split at sentence ends over several slides.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor, QFont, QGuiApplication, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent,
    QScreen, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument,
)
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.slides import split_points
from reader.ui.offsets import OffsetMap

MIN_TEXT_PX_AT_1080 = 32
MAX_TEXT_PX_AT_1080 = 72
REFERENCE_HEIGHT = 1080
MAX_PIECES = 40  # beyond this, a passage is paged greedily rather than in pieces of even length
_SENTENCE_BREAKS = re.compile(r"[.!?…。][\"'»”’)]*\s+")
_WORD_BREAKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Mark:
    """A highlighted span of a column's text (code points) with its name and colours."""

    start: int
    end: int
    label: str
    light: str  # the colour on a light page
    dark: str  # the colour on a dark page


@dataclass(frozen=True)
class SlideColumn:
    """One passage on a slide: its text, where it comes from, and its highlights (offsets into `text`)."""

    text: str
    source: str  # title, outlet, date, place, perspective
    caption: str = ""
    themes: tuple[Mark, ...] = ()  # drawn as a background
    tags: tuple[Mark, ...] = ()  # drawn as a tint with a thick underline


@dataclass(frozen=True)
class SlideColors:
    """The palette of the presentation."""

    background: str
    text: str
    accent: str  # the source line
    muted: str  # slide number, rules between columns

    @property
    def dark(self) -> bool:
        """Whether the page is dark (highlights take the colours made for a dark page)."""
        return self.background != "#ffffff"

    @classmethod
    def for_appearance(cls, high_contrast: bool, dark: bool) -> "SlideColors":
        """High contrast (the default in a room), or the window's own light or dark palette."""
        if high_contrast:
            return cls("#000000", "#ffffff", "#ffff00", "#c0c0c0")
        if dark:
            return cls("#1e1e1e", "#f0f0f0", "#9fc3ff", "#9a9a9a")
        return cls("#ffffff", "#111111", "#1a4fa8", "#5f5f5f")


@dataclass
class _Piece:
    """A laid-out column piece: its document and the body's pixel size."""

    document: QTextDocument
    text_px: int
    text: str
    start: int  # the piece is the column's text[start:end]
    end: int


@dataclass
class _LaidOut:
    """A logical slide laid out for one size: per column, its pieces."""

    columns: list[list[_Piece]] = field(default_factory=list)

    @property
    def pieces(self) -> int:
        return max((len(pieces) for pieces in self.columns), default=1)


class PresentationWindow(QWidget):
    """A full-screen slide show of `deck`; Esc leaves, reporting the logical slide it ended on."""

    left = Signal(int)  # the logical slide shown when the presentation ended

    def __init__(
        self,
        deck: Sequence[list[SlideColumn]] | Callable[[int], list[SlideColumn]],
        count: int | None = None,
        parent: QWidget | None = None,
        dark: bool = False,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._slide_at = deck if callable(deck) else (lambda index, d=deck: d[index])
        self.count = count if count is not None else len(deck)  # type: ignore[arg-type]
        self.index = 0  # the logical slide
        self.piece = 0  # which piece of a split slide
        self.blank = False
        self.show_themes = True
        self.show_tags = True
        self.high_contrast = True
        self._dark = dark
        self._layouts: dict[int, _LaidOut] = {}
        self.setWindowTitle("Presentation")
        self.setAccessibleName("Presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._describe()

    # --- showing --------------------------------------------------------------------------------
    def present_on(self, screen: QScreen | None) -> None:
        """Fill `screen` (the window's own when None) and take the keyboard."""
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    @property
    def colors(self) -> SlideColors:
        """The palette in use now."""
        return SlideColors.for_appearance(self.high_contrast, self._dark)

    def columns(self) -> list[SlideColumn]:
        """The columns of the current logical slide."""
        return self._slide_at(self.index) if self.count else []

    def laid_out(self) -> list[_Piece]:
        """What is on screen now: per column, the piece shown (for tests and the accessible description)."""
        if not self.count:
            return []
        layout = self._layout(self.index)
        return [pieces[min(self.piece, len(pieces) - 1)] for pieces in layout.columns if pieces]

    def pieces(self) -> int:
        """How many slides the current logical slide is split over."""
        return self._layout(self.index).pieces if self.count else 1

    def body_area(self) -> QRectF:
        """Where a column's text may go, for one column (the height is what must not be exceeded)."""
        return self._column_rects(max(len(self.columns()), 1))[0]

    # --- moving ---------------------------------------------------------------------------------
    def next_slide(self) -> None:
        """The next piece, or the next logical slide."""
        if self.piece + 1 < self.pieces():
            self.piece += 1
        elif self.index + 1 < self.count:
            self.index, self.piece = self.index + 1, 0
        self._changed()

    def previous_slide(self) -> None:
        """The previous piece, or the last piece of the previous logical slide."""
        if self.piece > 0:
            self.piece -= 1
        elif self.index > 0:
            self.index -= 1
            self.piece = self.pieces() - 1
        self._changed()

    def go_to(self, index: int) -> None:
        """Show logical slide `index` (clamped), from its first piece."""
        self.index, self.piece = max(0, min(index, self.count - 1)), 0
        self._changed()

    def toggle_blank(self) -> None:
        """Blank the screen, or show the slide again."""
        self.blank = not self.blank
        self._changed()

    def toggle_highlights(self, kind: str) -> None:
        """Show or hide theme ("themes") or tag ("tags") highlights."""
        setattr(self, f"show_{kind}", not getattr(self, f"show_{kind}"))
        self._relayout()

    def toggle_contrast(self) -> None:
        """Switch between high contrast and the window's own appearance."""
        self.high_contrast = not self.high_contrast
        self._relayout()

    def _relayout(self) -> None:
        self._layouts.clear()
        self.piece = min(self.piece, self.pieces() - 1)
        self._changed()

    def _changed(self) -> None:
        self._describe()
        self.update()

    def _describe(self) -> None:
        """Let a screen reader read the slide: its position and its text."""
        if self.blank or not self.count:
            self.setAccessibleDescription("Blank screen" if self.blank else "No slides")
            return
        # The passages whole, not the piece on screen: no layout is needed (the window may not be sized yet).
        texts = [f"{column.source}. {column.caption + '. ' if column.caption else ''}{column.text}" for column in self.columns()]
        part = f", part {self.piece + 1}" if self.piece else ""
        self.setAccessibleDescription(f"Slide {self.index + 1} of {self.count}{part}. " + " | ".join(texts))

    # --- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        keys = Qt.Key
        if key in (keys.Key_Right, keys.Key_Down, keys.Key_PageDown, keys.Key_Space, keys.Key_Return, keys.Key_Enter, keys.Key_N):
            self.next_slide()
        elif key in (keys.Key_Left, keys.Key_Up, keys.Key_PageUp, keys.Key_Backspace, keys.Key_P):
            self.previous_slide()
        elif key == keys.Key_Home:
            self.go_to(0)
        elif key == keys.Key_End:
            self.go_to(self.count - 1)
        elif key in (keys.Key_B, keys.Key_Period):
            self.toggle_blank()
        elif key == keys.Key_T:
            self.toggle_highlights("themes")
        elif key == keys.Key_G:
            self.toggle_highlights("tags")
        elif key == keys.Key_C:
            self.toggle_contrast()
        elif key in (keys.Key_Escape, keys.Key_F5, keys.Key_Q):
            self.close()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        (self.previous_slide if event.button() == Qt.MouseButton.RightButton else self.next_slide)()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.left.emit(self.index)
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._layouts.clear()
        if self.count:
            self.piece = min(self.piece, self.pieces() - 1)

    # --- layout ---------------------------------------------------------------------------------
    def _scale(self) -> float:
        return max(self.height(), 1) / REFERENCE_HEIGHT

    def min_text_px(self) -> int:
        """The smallest body size on this window: 32 px at 1080 lines, in proportion elsewhere."""
        return max(12, round(MIN_TEXT_PX_AT_1080 * self._scale()))

    def _column_rects(self, columns: int) -> list[QRectF]:
        margin = 64 * self._scale()
        gap = 72 * self._scale()
        footer = 44 * self._scale()
        width = (self.width() - 2 * margin - gap * (columns - 1)) / columns
        height = self.height() - 2 * margin - footer
        return [QRectF(margin + index * (width + gap), margin, width, height) for index in range(columns)]

    def _layout(self, index: int) -> _LaidOut:
        if index not in self._layouts:
            columns = self._slide_at(index)
            rects = self._column_rects(max(len(columns), 1))
            fitted = [self._fit(column, rect) for column, rect in zip(columns, rects)]
            # Passages compared side by side are set in one size: the smaller of the two that fit.
            common = min((piece.text_px for pieces in fitted for piece in pieces), default=0)
            for number, (column, rect) in enumerate(zip(columns, rects)):
                if len(fitted[number]) == 1 and fitted[number][0].text_px > common:
                    fitted[number] = [_Piece(self._build(column, 0, len(column.text), common, rect.width()), common, column.text, 0, len(column.text))]
            self._layouts[index] = _LaidOut(fitted)
        return self._layouts[index]

    def _fit(self, column: SlideColumn, rect: QRectF) -> list[_Piece]:
        """The column as one piece at the largest size that fits, or split into pieces that fit at the smallest."""
        smallest = self.min_text_px()
        needed = self._build(column, 0, len(column.text), smallest, rect.width()).size().height()
        if needed <= rect.height():
            return [self._largest_fitting(column, 0, len(column.text), rect)]  # type: ignore[list-item]
        pieces = max(2, math.ceil(needed / rect.height()))
        while pieces <= MAX_PIECES:
            cuts = [0, *split_points(column.text, pieces), len(column.text)]
            laid = [self._largest_fitting(column, start, end, rect, fixed=smallest) for start, end in zip(cuts, cuts[1:])]
            if all(piece is not None for piece in laid):
                return laid  # type: ignore[return-value]
            pieces += 1
        return self._paginate(column, rect, smallest)  # a very long passage: page by page, nothing cut off

    def _paginate(self, column: SlideColumn, rect: QRectF, size: int) -> list[_Piece]:
        """Fill each slide with as much as fits, breaking after a sentence, else a word, else anywhere."""
        text, pieces, start = column.text, [], 0
        while start < len(text):
            end = next(
                (end for pattern in (_SENTENCE_BREAKS, _WORD_BREAKS) if (end := self._furthest_fitting(column, start, pattern, rect, size))),
                None,
            ) or self._furthest_fitting(column, start, None, rect, size) or start + 1
            pieces.append(_Piece(self._build(column, start, end, size, rect.width()), size, text[start:end], start, end))
            start = end
        return pieces

    def _furthest_fitting(self, column: SlideColumn, start: int, pattern: re.Pattern[str] | None, rect: QRectF, size: int) -> int | None:
        """The furthest break after `start` (ends of `pattern`'s matches, or every character) up to which the text fits."""
        text = column.text
        # Twice what a slide of this size can hold, roughly: the search stays short.
        capacity = int(rect.width() / (size * 0.4)) * int(rect.height() / size)
        limit = min(len(text), start + 2 * capacity + 200)
        ends = [m.end() for m in pattern.finditer(text, start, limit)] if pattern else list(range(start + 1, limit + 1))
        if limit == len(text) and (not ends or ends[-1] != limit):
            ends.append(limit)
        low, high, best = 0, len(ends) - 1, None
        while low <= high:
            middle = (low + high) // 2
            if ends[middle] > start and self._build(column, start, ends[middle], size, rect.width()).size().height() <= rect.height():
                best, low = ends[middle], middle + 1
            else:
                high = middle - 1
        return best

    def _largest_fitting(self, column: SlideColumn, start: int, end: int, rect: QRectF, fixed: int | None = None) -> _Piece | None:
        """Binary search for the largest body size at which text[start:end] fits the rectangle."""
        low, high = (fixed, fixed) if fixed else (self.min_text_px(), max(self.min_text_px(), round(MAX_TEXT_PX_AT_1080 * self._scale())))
        best: _Piece | None = None
        while low <= high:
            size = (low + high) // 2
            document = self._build(column, start, end, size, rect.width())
            if document.size().height() <= rect.height():
                best, low = _Piece(document, size, column.text[start:end], start, end), size + 1
            else:
                high = size - 1
        return best

    def _build(self, column: SlideColumn, start: int, end: int, text_px: int, width: float) -> QTextDocument:
        """The column's piece as a text document: source line, caption, then the passage with highlights."""
        colors = self.colors
        document = QTextDocument()
        document.setDocumentMargin(0)
        base = QFont(QApplication.font())
        base.setPixelSize(text_px)
        document.setDefaultFont(base)
        document.setTextWidth(width)
        cursor = QTextCursor(document)
        source_format = _char_format(base, colors.accent, max(round(text_px * 0.62), self.min_text_px() * 2 // 3))
        cursor.insertText(column.source, source_format)
        if column.caption:
            caption_format = _char_format(base, colors.text, text_px)
            caption_format.setFontWeight(QFont.Weight.Bold)
            caption_spacing = QTextBlockFormat()
            caption_spacing.setTopMargin(text_px * 0.35)
            cursor.insertBlock(caption_spacing)
            cursor.insertText(column.caption, caption_format)
        spacing = QTextBlockFormat()
        spacing.setTopMargin(text_px * 0.35)
        cursor.insertBlock(spacing)
        body_start = cursor.position()
        text = column.text[start:end]
        cursor.insertText(text, _char_format(base, colors.text, text_px))
        offsets = OffsetMap(text)
        dark = colors.dark
        for kind, marks in (("theme", column.themes if self.show_themes else ()), ("tag", column.tags if self.show_tags else ())):
            for mark in marks:
                low, high = max(mark.start, start), min(mark.end, end)
                if low >= high:
                    continue
                cursor.setPosition(body_start + offsets.to_qt(low - start))
                cursor.setPosition(body_start + offsets.to_qt(high - start), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(_mark_format(kind, mark, dark, text_px))
        return document

    def legend(self) -> list[tuple[str, str]]:
        """(name, colour) of every highlight on the slide shown, so no meaning rests on colour alone."""
        dark = self.colors.dark
        found: dict[str, str] = {}
        for piece, column in zip(self.laid_out(), self.columns()):
            for marks, shown in ((column.themes, self.show_themes), (column.tags, self.show_tags)):
                for mark in marks if shown else ():
                    if mark.start < piece.end and mark.end > piece.start:
                        found.setdefault(mark.label, mark.dark if dark else mark.light)
        return list(found.items())

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        colors = self.colors
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(colors.background))
        if self.blank or not self.count:
            painter.end()
            return
        pieces = self.laid_out()
        rects = self._column_rects(max(len(pieces), 1))
        for number, (piece, rect) in enumerate(zip(pieces, rects)):
            painter.save()
            painter.translate(rect.topLeft())
            piece.document.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
            painter.restore()
            if number:
                x = rect.left() - 36 * self._scale()
                painter.setPen(QColor(colors.muted))
                painter.drawLine(int(x), int(rect.top()), int(x), int(rect.bottom()))
        self._paint_footer(painter, colors)
        painter.end()

    def _paint_footer(self, painter: QPainter, colors: SlideColors) -> None:
        """The legend of the highlights shown (left) and the slide number (right)."""
        font = QFont(QApplication.font())
        font.setPixelSize(max(14, round(22 * self._scale())))
        painter.setFont(font)
        margin = 64 * self._scale()
        footer = QRectF(margin, self.height() - margin, self.width() - 2 * margin, 40 * self._scale())
        pieces = self.pieces()
        part = f" (part {self.piece + 1} of {pieces})" if pieces > 1 else ""
        painter.setPen(QColor(colors.muted))
        painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{self.index + 1} / {self.count}{part}")
        x, swatch = footer.left(), font.pixelSize()
        for label, colour in self.legend():
            painter.fillRect(QRectF(x, footer.top() + swatch * 0.15, swatch, swatch), QColor(colour))
            painter.setPen(QColor(colors.text))
            painter.drawText(QRectF(x + swatch * 1.4, footer.top(), footer.width(), footer.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)
            x += swatch * 2.6 + painter.fontMetrics().horizontalAdvance(label)
            if x > footer.right() - 200 * self._scale():
                break


def _char_format(font: QFont, color: str, pixel_size: int) -> QTextCharFormat:
    char_format = QTextCharFormat()
    sized = QFont(font)
    sized.setPixelSize(pixel_size)
    char_format.setFont(sized)
    char_format.setForeground(QColor(color))
    return char_format


def _mark_format(kind: str, mark: Mark, dark: bool, text_px: int) -> QTextCharFormat:
    """A theme as a background in its colour for this page; a tag as a tint with a thick underline."""
    char_format = QTextCharFormat()
    if kind == "theme":
        char_format.setBackground(QColor(mark.dark if dark else mark.light))
        return char_format
    colour = QColor(mark.dark if dark else mark.light)
    tint = QColor(colour)
    tint.setAlpha(90)
    char_format.setBackground(tint)
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    char_format.setUnderlineColor(colour)
    char_format.setFontUnderline(True)
    return char_format


def default_screen(parent: QWidget | None) -> QScreen | None:
    """Where to present when the user has not chosen: another screen than the window's (a projector), if any."""
    screens = QGuiApplication.screens()
    own = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    others = [screen for screen in screens if screen is not own]
    return others[0] if others else own
