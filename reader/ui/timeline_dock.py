"""The corpus timeline: every document at its date, one lane per perspective; a click or Enter opens it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QDockWidget, QToolTip, QWidget

from reader.core.corpus import Corpus, CorpusEntry, perspective_label
from reader.ui.appearance import Appearance, badge_colors
from reader.ui.plain_text import plain_tooltip

UNDATED = "Undated"


@dataclass(frozen=True)
class _Dot:
    entry: CorpusEntry
    center: QPointF


class TimelineView(QWidget):
    """Documents as dots on a date axis, in lanes by perspective; the lanes are named, not only coloured."""

    open_requested = Signal(str)  # document id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Corpus timeline")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(140)
        self._entries: list[CorpusEntry] = []
        self._appearance = Appearance()
        self.selected = -1  # index into the entries sorted by date
        self._placed: tuple[tuple, list[_Dot]] | None = None  # painting and every mouse move use the same places

    def set_corpus(self, corpus: Corpus, appearance: Appearance | None = None) -> None:
        """Show these documents (sorted by date; undated ones last)."""
        self._entries = sorted(corpus, key=lambda e: (e.metadata.date or "9999", e.title))
        self._placed = None
        if appearance is not None:
            self._appearance = appearance
        self.selected = min(self.selected, len(self._entries) - 1)
        self._describe()
        self.update()

    def set_appearance(self, appearance: Appearance) -> None:
        """Recolour the dots for a new appearance."""
        self._appearance = appearance
        self.update()

    def entries(self) -> list[CorpusEntry]:
        """The documents in the order the keyboard moves through them."""
        return list(self._entries)

    # --- geometry -------------------------------------------------------------------------------
    def _lanes(self) -> list[str]:
        return sorted({e.metadata.perspective or "unknown" for e in self._entries})

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        return max((metrics.horizontalAdvance(perspective_label(lane)) for lane in self._lanes()), default=0) + 16

    def _years(self) -> tuple[int, int]:
        years = [date.fromisoformat(e.metadata.date).year for e in self._entries if _valid(e.metadata.date)]
        return (min(years), max(years) + 1) if years else (2000, 2001)

    def _x_of(self, iso: str, left: float, width: float) -> float:
        first, last = self._years()
        day = date.fromisoformat(iso)
        span = (date(last, 1, 1) - date(first, 1, 1)).days or 1
        return left + width * (day - date(first, 1, 1)).days / span

    def dots(self) -> list[_Dot]:
        """Where each document is drawn (undated ones in a column at the right); worked out once per size and corpus."""
        key = (self.width(), self.height(), self.font().key())
        if self._placed is None or self._placed[0] != key:
            self._placed = (key, self._place_dots())
        return self._placed[1]

    def _place_dots(self) -> list[_Dot]:
        lanes = self._lanes()
        metrics = QFontMetrics(self.font())
        top, axis = metrics.height(), metrics.height() * 2
        lane_height = max((self.height() - top - axis) / max(len(lanes), 1), metrics.height() * 1.4)
        left = self._label_width()
        undated_width = metrics.horizontalAdvance(UNDATED) + 24 if any(not _valid(e.metadata.date) for e in self._entries) else 0
        width = max(self.width() - left - undated_width - 24, 40)
        dots, stacked = [], {}
        for entry in self._entries:
            lane = lanes.index(entry.metadata.perspective or "unknown")
            y = top + lane_height * (lane + 0.5)
            x = self._x_of(entry.metadata.date, left, width) if _valid(entry.metadata.date) else left + width + undated_width / 2 + 12
            key = (round(x / 10), lane)  # documents of nearly the same date are nudged apart
            stacked[key] = stacked.get(key, -1) + 1
            dots.append(_Dot(entry, QPointF(x + stacked[key] * 12, y)))
        return dots

    def _radius(self) -> float:
        return max(QFontMetrics(self.font()).height() * 0.4, 5.0)

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        metrics = QFontMetrics(self.font())
        lanes, left = self._lanes(), self._label_width()
        dots = self.dots()
        text_pen = QPen(palette.text().color())
        painter.setPen(text_pen)
        for lane in lanes:  # the lane's name at the left of its row
            ys = [d.center.y() for d in dots if (d.entry.metadata.perspective or "unknown") == lane]
            if ys:
                painter.drawText(QRectF(4, ys[0] - metrics.height() / 2, left - 8, metrics.height()), Qt.AlignmentFlag.AlignVCenter, perspective_label(lane))
        self._paint_axis(painter, left, metrics)
        radius = self._radius()
        for index, dot in enumerate(dots):
            fill, _text = badge_colors(dot.entry.metadata.perspective or "unknown", self._appearance)
            painter.setPen(QPen(palette.text().color(), 1))
            painter.setBrush(QColor(fill))
            painter.drawEllipse(dot.center, radius, radius)
            if index == self.selected:
                ring = QPen(palette.highlight().color(), 3)
                painter.setPen(ring)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(dot.center, radius + 4, radius + 4)
        painter.end()

    def _paint_axis(self, painter: QPainter, left: float, metrics: QFontMetrics) -> None:
        first, last = self._years()
        bottom = self.height() - metrics.height() * 1.5
        undated = any(not _valid(e.metadata.date) for e in self._entries)
        width = max(self.width() - left - (metrics.horizontalAdvance(UNDATED) + 24 if undated else 0) - 24, 40)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawLine(QPointF(left, bottom), QPointF(left + width, bottom))
        step = max(1, round((last - first) / max(width / (metrics.horizontalAdvance("0000") * 2), 1)))
        painter.setPen(QPen(self.palette().text().color()))
        for year in range(first, last + 1, step):
            x = self._x_of(f"{year:04d}-01-01", left, width)
            painter.drawLine(QPointF(x, bottom - 3), QPointF(x, bottom + 3))
            painter.drawText(QRectF(x - 30, bottom + 2, 60, metrics.height()), Qt.AlignmentFlag.AlignHCenter, str(year))
        if undated:
            painter.drawText(QRectF(left + width + 12, bottom + 2, self.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft, UNDATED)

    # --- interaction ----------------------------------------------------------------------------
    def dot_at(self, point: QPointF) -> int:
        """Index of the document drawn at `point`, or -1."""
        radius = self._radius() + 3
        for index, dot in enumerate(self.dots()):
            if (dot.center - point).manhattanLength() <= radius * 1.5:
                return index
        return -1

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        index = self.dot_at(event.position())
        if index >= 0:
            self.select(index)
            self.open_requested.emit(self._entries[index].id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        index = self.dot_at(event.position())
        if index >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), plain_tooltip(_describe(self._entries[index])), self)
        else:
            QToolTip.hideText()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.select(min(self.selected + 1, len(self._entries) - 1))
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.select(max(self.selected - 1, 0))
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.selected >= 0:
            self.open_requested.emit(self._entries[self.selected].id)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        if self.selected < 0 and self._entries:
            self.select(0)
        super().focusInEvent(event)

    def select(self, index: int) -> None:
        """Mark one document (keyboard or click); a screen reader hears which."""
        self.selected = index
        self._describe()
        self.update()

    def _describe(self) -> None:
        if 0 <= self.selected < len(self._entries):
            self.setAccessibleDescription(_describe(self._entries[self.selected]) + ". Enter opens it.")
        else:
            self.setAccessibleDescription(f"{len(self._entries)} documents by date. Arrow keys choose one, Enter opens it.")


def _valid(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
    except (TypeError, ValueError):
        return False
    return True


def _describe(entry: CorpusEntry) -> str:
    meta = entry.metadata
    parts = [entry.title, meta.date or UNDATED, meta.outlet, meta.place, perspective_label(meta.perspective)]
    return " · ".join(part for part in parts if part)


class TimelineDock(QDockWidget):
    """A dock holding the corpus timeline."""

    def __init__(self, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__("Timeline", parent)
        self.setObjectName("TimelineDock")
        self.setAccessibleName("Timeline")
        self.view = TimelineView(self)
        self.view.set_corpus(corpus)
        self.setWidget(self.view)
