"""The link band: the splitter handle between two aligned panes widens and draws each aligned pair as a band from passage to passage."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen, QTextCursor
from PySide6.QtWidgets import QApplication, QSplitter, QSplitterHandle, QToolTip, QWidget

from reader.ui.alignment_pairs import on_screen
from reader.ui.document_view import DocumentView

if TYPE_CHECKING:  # the alignment model loads with the Alignment dock, not at start-up
    from reader.core.alignment import AlignedPair

BAND_WIDTH = 64  # px: the handle between two aligned panes
END_BAR = 3  # px: the bar at each end of a link marking its passage's lines
MIN_HEIGHT = 4.0  # px: a link end never thinner than this
OFF_SCREEN = 0.3  # a passage off screen is drawn this many viewport heights beyond the edge


@dataclass(frozen=True)
class Band:
    """What to draw: two aligned views (`left` for the pairs' left spans), the pairs, and the current pair."""

    left: DocumentView
    right: DocumentView
    pairs: tuple[AlignedPair, ...] = ()
    current: AlignedPair | None = None
    names: dict[str, str] = field(default_factory=dict)  # theme id -> label, for tooltips


@dataclass(frozen=True)
class Link:
    """One drawn link: its pair and outline in the handle's coordinates."""

    pair: AlignedPair
    path: QPainterPath
    left_ends: tuple[float, float]  # top and bottom on the handle's left edge
    right_ends: tuple[float, float]


def link_color(palette: QPalette) -> QColor:
    """The colour links are drawn in: the palette's selection colour (blue; yellow in high contrast), lighter on a dark background."""
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    return color.lighter(140) if palette.color(QPalette.ColorRole.Base).lightness() < 128 else color


def strength(score: float) -> float:
    """0..1: how strongly a pair with this score is drawn (scores of 0.6 and above are drawn fully)."""
    return max(0.0, min(1.0, (score - 0.05) / 0.55))


class AlignmentSplitter(QSplitter):
    """A QSplitter whose handle between the two aligned panes draws the link band."""

    link_clicked = Signal(object)  # AlignedPair

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.band: Band | None = None
        self._watched: list[DocumentView] = []

    def createHandle(self) -> QSplitterHandle:  # noqa: N802 (Qt override)
        return AlignmentHandle(self.orientation(), self)

    def set_band(self, band: Band | None) -> None:
        """Draw these links (None: no band); the handle between the two views widens or narrows."""
        views = [band.left, band.right] if band is not None else []
        if views != self._watched:
            for view in self._watched:
                if shiboken6.isValid(view):
                    view.updateRequest.disconnect(self._repaint)
            for view in views:  # scrolling, resizing and re-wrapping all come as update requests
                view.updateRequest.connect(self._repaint)
            self._watched = views
        self.band = band
        for index in range(self.count()):
            self.handle(index).updateGeometry()
        self.refresh()
        self._repaint()

    def band_handle(self) -> AlignmentHandle | None:
        """The handle drawing the links now, if any."""
        return next((h for h in (self.handle(i) for i in range(1, self.count())) if isinstance(h, AlignmentHandle) and h.sides()), None)

    def _repaint(self, *_args: object) -> None:
        handle = self.band_handle()
        if handle is not None:
            handle.update()


class AlignmentHandle(QSplitterHandle):
    """A splitter handle that, between two aligned panes side by side, draws their links; a click on a link (not a drag) selects both passages."""

    def __init__(self, orientation: Qt.Orientation, parent: AlignmentSplitter) -> None:
        super().__init__(orientation, parent)
        self.setMouseTracking(True)
        self.setAccessibleName("Pane divider")
        self.setAccessibleDescription("Drag to resize the panes. Between two aligned panes it links their passages; the Alignment dock lists the pairs")
        self._press: QPoint | None = None
        self._dragging = False
        self._drawn = False

    def sides(self) -> tuple[DocumentView, DocumentView] | None:
        """(view on this handle's left, view on its right) when it draws the band, else None."""
        splitter = self.splitter()
        band = getattr(splitter, "band", None)
        if band is None or splitter.orientation() != Qt.Orientation.Horizontal:
            return None
        index = next((i for i in range(splitter.count()) if splitter.handle(i) is self), 0)
        if index < 1:
            return None
        before, after = getattr(splitter.widget(index - 1), "view", None), getattr(splitter.widget(index), "view", None)
        if (before, after) == (band.left, band.right) or (before, after) == (band.right, band.left):
            return before, after
        return None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        return QSize(BAND_WIDTH, hint.height()) if self.sides() else hint

    # --- geometry -----------------------------------------------------------------------------
    def _ends(self, view: DocumentView, span: tuple[int, int], visible: tuple[int, int]) -> tuple[float, float]:
        """Top and bottom of a passage's lines, in this handle's coordinates (a passage off screen: just beyond the edge it lies past)."""
        height = view.viewport().height()
        if span[1] <= visible[0] or span[0] >= visible[1]:
            # Not laid out where Qt can measure it cheaply; its link leaves the band towards it.
            top = -OFF_SCREEN * height if span[1] <= visible[0] else (1 + OFF_SCREEN) * height
            bottom = top + MIN_HEIGHT
        else:
            cursor = QTextCursor(view.document())
            cursor.setPosition(view.offsets.to_qt(span[0]))
            top = max(view.cursorRect(cursor).top(), -OFF_SCREEN * height)
            cursor.setPosition(view.offsets.to_qt(span[1]))
            bottom = min(view.cursorRect(cursor).bottom() + 1, (1 + OFF_SCREEN) * height)
        shift = self.mapFrom(self.window(), view.viewport().mapTo(self.window(), QPoint(0, 0))).y()
        top, bottom = top + shift, bottom + shift
        if bottom - top < MIN_HEIGHT:
            bottom = top + MIN_HEIGHT
        return float(top), float(bottom)

    def text_area(self) -> QRectF:
        """The part of the handle beside the two texts (links are clipped to it)."""
        sides = self.sides()
        if sides is None:
            return QRectF()
        tops, bottoms = [], []
        for view in sides:
            corner = self.mapFrom(self.window(), view.viewport().mapTo(self.window(), QPoint(0, 0)))
            tops.append(corner.y())
            bottoms.append(corner.y() + view.viewport().height())
        return QRectF(0, min(tops), self.width(), max(bottoms) - min(tops))

    def links(self) -> list[Link]:
        """The links to draw now: pairs with at least one passage on screen, the current pair last."""
        sides = self.sides()
        band = getattr(self.splitter(), "band", None)
        if sides is None or band is None or not band.left.text or not band.right.text:
            return []
        ranges = band.left.visible_range(), band.right.visible_range()
        visible = on_screen(band.pairs, *ranges)
        if band.current in visible:
            visible = [pair for pair in visible if pair != band.current] + [band.current]
        width = float(self.width())
        flipped = sides[0] is band.right
        links = []
        for pair in visible:
            ends = (self._ends(band.left, pair.left, ranges[0]), self._ends(band.right, pair.right, ranges[1]))
            (l_top, l_bottom), (r_top, r_bottom) = ends[::-1] if flipped else ends
            middle = width / 2
            path = QPainterPath(QPointF(0, l_top))
            path.cubicTo(QPointF(middle, l_top), QPointF(middle, r_top), QPointF(width, r_top))
            path.lineTo(QPointF(width, r_bottom))
            path.cubicTo(QPointF(middle, r_bottom), QPointF(middle, l_bottom), QPointF(0, l_bottom))
            path.closeSubpath()
            links.append(Link(pair, path, (l_top, l_bottom), (r_top, r_bottom)))
        return links

    def link_at(self, point: QPointF) -> Link | None:
        """The link drawn at `point` (the topmost one), or None."""
        return next((link for link in reversed(self.links()) if link.path.contains(point)), None)

    # --- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self.sides() is None:
            self._drawn = False
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        area = self.text_area()
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(QPointF(0.5, area.top()), QPointF(0.5, area.bottom()))
        painter.drawLine(QPointF(self.width() - 0.5, area.top()), QPointF(self.width() - 0.5, area.bottom()))
        painter.setClipRect(area)
        band: Band = self.splitter().band
        color = link_color(palette)
        for link in self.links():
            self._paint_link(painter, link, color, link.pair == band.current, palette)
        painter.end()
        self._drawn = True

    def _paint_link(self, painter: QPainter, link: Link, color: QColor, current: bool, palette: QPalette) -> None:
        amount = strength(link.pair.score)
        fill = QColor(color)
        fill.setAlphaF(0.6 if current else 0.16 + 0.3 * amount)
        edge = QColor(color)
        edge.setAlphaF(1.0 if current else 0.5 + 0.45 * amount)
        # Filled, and outlined in the same colour, so links that cross stay apart.
        painter.setPen(QPen(edge, 1))
        painter.setBrush(fill)
        painter.drawPath(link.path)
        painter.setPen(Qt.PenStyle.NoPen)
        # A solid bar at each end marks which lines of each passage the link joins.
        painter.setBrush(edge)
        painter.drawRect(QRectF(0, link.left_ends[0], END_BAR, link.left_ends[1] - link.left_ends[0]))
        painter.drawRect(QRectF(self.width() - END_BAR, link.right_ends[0], END_BAR, link.right_ends[1] - link.right_ends[0]))
        if current:  # the current pair is outlined too, not only stronger
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 2))
            painter.drawPath(link.path)

    def drew_links(self) -> bool:
        """Whether the last paint drew the band (for tests)."""
        return self._drawn

    # --- mouse: drag resizes, a click on a link selects its pair --------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._press = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not self._dragging and (event.position().toPoint() - self._press).manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
            if self._dragging:
                super().mouseMoveEvent(event)
            return
        self._hover(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        clicked = self._press is not None and not self._dragging and event.button() == Qt.MouseButton.LeftButton
        self._press, self._dragging = None, False
        super().mouseReleaseEvent(event)
        if clicked and self.sides() is not None:
            link = self.link_at(event.position())
            if link is not None:
                self.splitter().link_clicked.emit(link.pair)

    def _hover(self, event: QMouseEvent) -> None:
        link = self.link_at(event.position()) if self.sides() is not None else None
        if link is None:
            self._split_cursor()
            QToolTip.hideText()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        band: Band = self.splitter().band
        themes = ", ".join(band.names.get(theme, theme) for theme in link.pair.themes)
        tip = f"Similarity {link.pair.score:.2f}" + (f" · shared themes: {themes}" if themes else "") + "\nClick to select both passages; drag to resize the panes."
        # Escaped: theme names are user data and must never be read as HTML.
        QToolTip.showText(event.globalPosition().toPoint(), f"<p style='white-space:pre'>{html.escape(tip)}</p>", self)

    def _split_cursor(self) -> None:
        horizontal = self.orientation() == Qt.Orientation.Horizontal
        self.setCursor(Qt.CursorShape.SplitHCursor if horizontal else Qt.CursorShape.SplitVCursor)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        self._split_cursor()
        super().leaveEvent(event)
