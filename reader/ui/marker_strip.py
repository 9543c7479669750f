"""A strip beside a pane's scroll bar marking where the visible themes occur in the whole document."""

from __future__ import annotations

import math
import struct

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QImage, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget

from reader.ui.plain_text import plain_tooltip
from reader.ui.theme_matches import MARK_BUCKETS, ThemeMatches

STRIP_WIDTH = 12
NEAR_PIXELS = 4  # how far from a mark the pointer may be and still point at it
HINT = "Where the highlighted themes occur in the whole document; click a mark to go there"
COUNTING_HINT = "Where the highlighted themes occur in the whole document: still being counted"


class MarkerStrip(QWidget):
    """Marks at each occurrence's relative position; a click goes to the occurrence nearest it."""

    jump_requested = Signal(int, int)  # start, end (code points)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(STRIP_WIDTH)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Theme markers for the whole document")
        self.setAccessibleDescription("No theme occurs in this document")
        self._matches = ThemeMatches()
        self._visible: set[str] = set()
        self._colours: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._count = 0
        self._counting = False
        self._picture: QPixmap | None = None

    def set_matches(self, matches: ThemeMatches | None, visible: set[str], colours: dict[str, str], labels: dict[str, str]) -> None:
        """Mark the visible themes of a document's matches (its strip buckets, made on the worker);
        `matches` None: the whole document is still being matched, and nothing is marked yet (a long
        text's opening, matched first, would be spread over the strip as if it were all of it)."""
        counting = matches is None
        matches = ThemeMatches() if matches is None else matches
        if (matches, set(visible), colours, labels, counting) == (self._matches, self._visible, self._colours, self._labels, self._counting):
            return  # unchanged: the strip keeps its picture
        self._matches, self._visible, self._colours, self._labels, self._counting = matches, set(visible), colours, labels, counting
        self._count = sum(number for theme_id, number in matches.counts.items() if theme_id in visible)
        # Spoken too: which themes the marks stand for, not only their colours.
        summary = "; ".join(f"{labels[theme_id]}: {number}" for theme_id, number in sorted(matches.counts.items(), key=lambda item: labels.get(item[0], "")) if theme_id in visible)
        if counting:
            self.setAccessibleDescription("Theme markers: still being counted")
        else:
            self.setAccessibleDescription(f"Occurrences marked — {summary}" if summary else "No highlighted theme occurs in this document")
        self._picture = None
        self.update()

    def hint(self) -> str:
        """What the strip's tooltip says away from any mark."""
        return COUNTING_HINT if self._counting else HINT

    def _marks_near(self, fraction: float, reach: float) -> list[tuple[float, int, int, str, str]]:
        """(fraction, start, end, colour, label) of each visible theme's first span in the buckets
        whose marks lie within `reach` of `fraction` (both fractions of the strip's height)."""
        count = MARK_BUCKETS
        first = max(0, math.floor((fraction - reach) * count - 0.5))
        last = min(count - 1, math.ceil((fraction + reach) * count - 0.5))
        if first > last:
            return []
        visible, colours, labels = self._visible, self._colours, self._labels
        return [
            ((bucket + 0.5) / count, start, end, colours[theme_id], labels[theme_id])
            for bucket, theme_id, start, end in self._matches.bucket_firsts(first, last)
            if theme_id in visible
        ]

    @property
    def mark_count(self) -> int:
        """How many occurrences the strip marks (several close together share a mark)."""
        return self._count

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(STRIP_WIDTH, 100)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        # The strip is drawn once per size and set of marks, then only copied: it repaints with
        # every scroll of its pane, and a long document has thousands of marks.
        ratio = self.devicePixelRatioF()
        if self._picture is None or self._picture.size() != self.size() * ratio or self._picture.devicePixelRatio() != ratio:
            self._picture = self._draw_marks(ratio)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

    def _draw_marks(self, ratio: float) -> QPixmap:
        """The strip as an image made a row of pixels at a time: rows with the same themes share one
        row of pixels, so a long report's thousands of marks cost no Qt call each."""
        size = self.size() * ratio  # rounded as paintEvent's check rounds it (half up, not to even)
        width, height = size.width(), size.height()
        background = _pixels(self.palette().color(self.backgroundRole()).darker(105), 1)
        themes_by_row = self._themes_by_pixel_row(height, ratio)
        colour_bits = self._colour_bits()
        border = max(round(ratio), 1)
        rows = {}
        for themes in set(themes_by_row):
            # Themes marked on one row share its width in lexicon order, so in a dense document none hides the others.
            colours = list(dict.fromkeys(colour for bit, colour in colour_bits if themes & bit))
            rows[themes] = _pixel_row(colours, width, border, background)
        pixels = b"".join(map(rows.__getitem__, themes_by_row))
        picture = QPixmap.fromImage(QImage(pixels, width, height, QImage.Format.Format_ARGB32))  # copies the pixels
        picture.setDevicePixelRatio(ratio)
        return picture

    def _themes_by_pixel_row(self, height: int, ratio: float) -> list[int]:
        """The visible themes marked on each row of device pixels, as bits. A bucket's themes are
        bits of one number, so a bucket costs a few integer operations, not a step per mark. A
        mark is three pixels high; where marks touch, a row shows the themes of both."""
        theme_ids = self._matches.theme_ids
        shown = sum(1 << number for number, theme_id in enumerate(theme_ids) if theme_id in self._visible)
        count, marked_height = len(self._matches.bucket_themes), max(self.height() - 4, 1)
        thickness, above = max(round(3 * ratio), 1), round(ratio)
        rows = [0] * height
        for number, themes in enumerate(self._matches.bucket_themes):
            if themes & shown:
                top = round((2 + int((number + 0.5) / count * marked_height)) * ratio) - above
                for row in range(max(top, 0), min(top + thickness, height)):
                    rows[row] |= themes & shown
        return rows

    def _colour_bits(self) -> list[tuple[int, str]]:
        """(bit in the buckets' themes, colour) of each theme, in lexicon order (the colour table's)."""
        number_of = {theme_id: number for number, theme_id in enumerate(self._matches.theme_ids)}
        return [(1 << number_of[theme_id], colour) for theme_id, colour in self._colours.items() if theme_id in number_of]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange:
            self._picture = None  # the background follows the appearance
        super().changeEvent(event)

    def mark_near(self, y: int) -> tuple[float, int, int, str, str] | None:
        """The mark closest to height `y`, within a few pixels (of a bucket's themes, the one that occurs first)."""
        height = max(self.height() - 4, 1)
        fraction = (y - 2) / height
        marks = self._marks_near(fraction, NEAR_PIXELS / height)
        if not marks:
            return None
        best = min(marks, key=lambda mark: abs(mark[0] - fraction))
        return best if abs(best[0] - fraction) * height <= NEAR_PIXELS else None

    def tooltip_at(self, y: int) -> str:
        """Plain text naming the themes marked within a few pixels of height `y`, nearest first, one per line; or ''."""
        height = max(self.height() - 4, 1)
        fraction = (y - 2) / height
        near = [mark for mark in self._marks_near(fraction, NEAR_PIXELS / height) if abs(mark[0] - fraction) * height <= NEAR_PIXELS]
        near.sort(key=lambda mark: abs(mark[0] - fraction))
        return "\n".join(dict.fromkeys(mark[4] for mark in near))

    def event(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            # Theme labels are user data: shown as plain text, never as HTML.
            tip = self.tooltip_at(event.pos().y()) or self.hint()
            QToolTip.showText(event.globalPos(), plain_tooltip(tip), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        mark = self.mark_near(int(event.position().y()))
        if mark is not None and event.button() == Qt.MouseButton.LeftButton:
            self.jump_requested.emit(mark[1], mark[2])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        y = int(event.position().y())
        tip = self.tooltip_at(y)
        if tip:
            QToolTip.showText(self.mapToGlobal(QPoint(int(event.position().x()), y)), plain_tooltip(tip), self)
        else:
            QToolTip.hideText()


def _pixels(colour: QColor | str, count: int) -> bytes:
    """`count` pixels of `colour` in QImage's 32-bit ARGB (a native-endian number per pixel)."""
    return struct.pack("=I", QColor(colour).rgba()) * count


def _pixel_row(colours: list[str], width: int, border: int, background: bytes) -> bytes:
    """One row of pixels: `colours` side by side, between `border` pixels of background on either side."""
    if not colours:
        return background * width
    inner = width - 2 * border
    edges = [border + number * inner // len(colours) for number in range(len(colours) + 1)]
    middle = b"".join(_pixels(colour, right - left) for colour, left, right in zip(colours, edges, edges[1:]))
    return background * border + middle + background * (width - edges[-1])
