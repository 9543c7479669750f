"""Visible keyboard focus and control outlines in every appearance.

Fusion draws focus as a faint tint and derives its outlines from the window colour, so on
the high-contrast palette (black window) checkbox frames and field borders vanish. Two
additions fix that without restyling the whole application:

- `ReaderStyle` wraps Fusion and outlines checkboxes, radio buttons, input fields, lists and
  panes in a colour that stands out from the background (3:1 or more) in every appearance;
- `FocusRing` draws a ring in the appearance's focus colour over the edge of whichever
  widget has keyboard focus, whatever kind of widget it is (the text views have no frame).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFocusFrame, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QStyleOptionComplex, QWidget
from shiboken6 import isValid

RING_WIDTH = 2
_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)
_FIELD_FRAMES = (QStyle.PrimitiveElement.PE_FrameLineEdit,)
_PANEL_FRAMES = (QStyle.PrimitiveElement.PE_Frame,)  # lists, tables, multi-line fields, panes
_FIELD_CONTROLS = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)


class ReaderStyle(QProxyStyle):
    """Fusion, with legible `boundary` outlines on checkboxes, fields and frames, and a `focus`-coloured current cell."""

    def __init__(self, boundary: str = "#767676", focus: str = "#2f65ca") -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.boundary = QColor(boundary)
        self.focus = QColor(focus)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None) -> None:  # noqa: N802
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and isinstance(widget, QAbstractItemView):
            # The current cell of a list or table: a solid line instead of Fusion's faint tint.
            if option.state & QStyle.StateFlag.State_HasFocus:
                painter.save()
                painter.setPen(QPen(self.focus, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
                painter.restore()
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _INDICATORS:
            self._outline(painter, option, round_shape=element == QStyle.PrimitiveElement.PE_IndicatorRadioButton)
        elif element in _FIELD_FRAMES:
            self._outline(painter, option, radius=2.0)
        elif element in _PANEL_FRAMES:
            self._outline(painter, option)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex, painter: QPainter, widget: QWidget | None = None) -> None:  # noqa: N802
        super().drawComplexControl(control, option, painter, widget)
        editable = getattr(option, "editable", False) or control == QStyle.ComplexControl.CC_SpinBox
        if control in _FIELD_CONTROLS and (editable or getattr(option, "frame", True)):
            self._outline(painter, option, radius=2.0)

    def _outline(self, painter: QPainter, option: QStyleOption, radius: float = 0.0, round_shape: bool = False) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(self.boundary, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if round_shape:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, radius, radius)
        painter.restore()


class FocusRing(QFocusFrame):
    """A ring drawn over the edge of the focused widget (a QFocusFrame, so screen readers skip it)."""

    def __init__(self, color: QColor) -> None:
        super().__init__()
        self.color = QColor(color)
        self.target: QWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("FocusRing")

    def attach(self, target: QWidget | None) -> None:
        """Draw the ring around `target` (None hides it)."""
        if self.target is not None and isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = target
        if target is None:
            self.hide()
            self.setParent(None)
            return
        self.setParent(target)
        target.installEventFilter(self)
        self._restack()
        self.show()
        QTimer.singleShot(0, self, self._restack)

    def _restack(self) -> None:
        """Cover the target and lie on top of its children (scroll bars are raised again after each layout)."""
        if self.target is not None and isValid(self.target) and self.parentWidget() is self.target:
            self.setGeometry(self.target.rect())
            self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.target and event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.ChildAdded, QEvent.Type.LayoutRequest):
            self._restack()
            QTimer.singleShot(0, self, self._restack)
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setPen(QPen(self.color, RING_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap, Qt.PenJoinStyle.MiterJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()


class FocusRings(QObject):
    """Keeps one FocusRing on the application's focus widget, in the current focus colour."""

    def __init__(self, app: QApplication, color: str) -> None:
        super().__init__(app)
        self.color = QColor(color)
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())

    @property
    def ring(self) -> FocusRing:
        """The ring widget (made again if it was deleted along with a widget it was drawn on)."""
        if self._ring is None or not isValid(self._ring):
            self._ring = FocusRing(self.color)
        return self._ring

    def set_color(self, color: str) -> None:
        """Draw the ring in another colour (a new appearance)."""
        self.color = QColor(color)
        self.ring.color = QColor(color)
        self.ring.update()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = new if new is not None and not new.isWindow() and isValid(new) else None
        self.ring.attach(target)


def install_focus_rings(app: QApplication, color: str) -> FocusRings:
    """The application's focus ring follower, made on first use; later calls recolour it."""
    rings = app.findChild(FocusRings)
    if rings is None:
        return FocusRings(app, color)
    rings.set_color(color)
    return rings
