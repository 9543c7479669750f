"""One document pane: a header with the document's source, the text view and its find bar."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QApplication, QBoxLayout, QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from reader.core.corpus import Document, DocumentMetadata, perspective_label
from reader.ui.appearance import Appearance, badge_colors
from reader.ui.document_view import DocumentView
from reader.ui.elided_label import ElidedLabel
from reader.ui.find_bar import FindBar
from reader.ui.loader import LoadedDocument
from reader.ui.marker_strip import MarkerStrip
from reader.ui.plain_text import plain_tooltip


@dataclass(frozen=True)
class PaneSource:
    """What a pane shows, as remembered between runs: a corpus id or a file path."""

    kind: str  # "corpus" or "file"
    ref: str

    def to_dict(self) -> dict[str, str]:
        """Plain form for settings."""
        return {"kind": self.kind, "ref": self.ref}


TITLE_SCALE = 1.15  # the pane title, relative to the interface font
TITLE_LINES = 2  # a longer title ends in "…" (all of it in its tooltip): narrow panes keep their text near the top
SOURCE_LINES = 3  # outlet, date, place, a file's folder and encoding, language: the folder is cut first
SOURCE_BESIDE_BADGE_WIDTH = 260  # narrower than this, the source line goes under the badge, across the header


class PaneHeader(QFrame):
    """Title, outlet, date, place and a coloured perspective badge.

    However narrow the pane, the title takes at most two lines, and the source line goes under
    the badge instead of wrapping to a column beside it: the panes' texts begin near the top.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaneHeader")
        self.setAutoFillBackground(True)
        self.setAccessibleName("Document source")
        self.title_label = ElidedLabel(TITLE_LINES, self)
        self._update_title_font()
        self.meta_label = ElidedLabel(SOURCE_LINES, self)  # a file's folder is one long word: cut, not a wide pane
        self.badge = QLabel(self)
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.move_back_button = QToolButton(self)
        self.move_forward_button = QToolButton(self)
        self.close_button = QToolButton(self)
        # Text glyphs rather than icons: they take the palette's text colour in every appearance.
        for button, glyph, name, description in (
            (self.move_back_button, "◀", "Move pane earlier", "Move this pane one place towards the start (Ctrl+Shift+PgUp)"),
            (self.move_forward_button, "▶", "Move pane later", "Move this pane one place towards the end (Ctrl+Shift+PgDown)"),
            (self.close_button, "✕", "Close pane", "Close this pane; its annotations stay in the annotation file"),
        ):
            button.setText(glyph)
            button.setToolTip(name)
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)
            button.setAutoRaise(True)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        for button in (self.move_back_button, self.move_forward_button, self.close_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self._bottom = bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        bottom.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        bottom.addWidget(self.meta_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(bottom)

    def show_source(self, title: str, metadata: DocumentMetadata, appearance: Appearance, location: str = "") -> None:
        """Fill the header from a document's title and metadata (`location`: folder and encoding of a file)."""
        self.title_label.set_full_text(title)
        parts = [metadata.outlet, metadata.date, metadata.place, location, metadata.language.upper()]
        self.meta_label.set_full_text(" · ".join(part for part in parts if part))
        label = perspective_label(metadata.perspective) if metadata.perspective else "No perspective"
        self.badge.setText(label)
        self.badge.setToolTip(plain_tooltip(f"Perspective: {label}"))
        self.badge.setAccessibleName(f"Perspective: {label}")
        self.setAccessibleName(f"Source of {title}")
        self.setAccessibleDescription(", ".join(part for part in (f"Perspective: {label}", *parts) if part))
        background, foreground = badge_colors(metadata.perspective or "unknown", appearance)
        self.badge.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; border-radius: 4px; padding: 2px 8px; font-weight: bold; }}"
        )

    @property
    def title(self) -> str:
        """The whole title, however much of it is shown."""
        return self.title_label.full_text()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        narrow = event.size().width() < SOURCE_BESIDE_BADGE_WIDTH
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self._bottom.direction() != direction:
            self._bottom.setDirection(direction)
        super().resizeEvent(event)

    def _update_title_font(self) -> None:
        """The title in bold, a little larger than the interface font (so it follows the system size)."""
        title_font = QFont(self.font())
        title_font.setBold(True)
        if title_font.pointSizeF() > 0:
            title_font.setPointSizeF(title_font.pointSizeF() * TITLE_SCALE)
        else:
            title_font.setPixelSize(round(title_font.pixelSize() * TITLE_SCALE))
        self.title_label.setFont(title_font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the application (system) font changed
            self._update_title_font()


class DocumentPane(QFrame):
    """A pane in the splitter: header, text view and (on demand) a find bar."""

    close_requested = Signal(object)
    move_requested = Signal(object, int)
    activated = Signal(object)

    def __init__(self, source: PaneSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleDescription("A document with its source above and theme markers beside the text")
        self.source = source
        self.document: Document | None = None
        self._active = False
        self.header = PaneHeader(self)
        self.view = DocumentView(self)
        self.markers = MarkerStrip(self)
        self.markers.jump_requested.connect(lambda start, end: (self.view.select_range(start, end), self.view.setFocus()))
        self.find_bar = FindBar(self.view, self)
        self.find_bar.hide()
        text_row = QHBoxLayout()
        text_row.setContentsMargins(0, 0, 0, 0)
        text_row.setSpacing(0)
        text_row.addWidget(self.view, 1)
        text_row.addWidget(self.markers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(text_row, 1)
        layout.addWidget(self.find_bar)
        self.header.close_button.clicked.connect(lambda: self.close_requested.emit(self))
        self.header.move_back_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.header.move_forward_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        self.view.focused.connect(lambda: self.activated.emit(self))
        # No focus proxy to the view: a pane with one would be a second Tab stop for its text,
        # at the pane's own place in the focus chain (reader.ui.tab_order orders the stops).

    def tab_stops(self) -> list[QWidget]:
        """Where Tab stops in this pane: the text first (where focus lands in a pane), the find bar, the header's buttons."""
        header = self.header
        return [self.view, *self.find_bar.tab_stops(), header.move_back_button, header.move_forward_button, header.close_button]

    @property
    def title(self) -> str:
        """The document's title, as its header shows it (whole, even where the header cuts it short)."""
        return self.header.title

    def show_loading(self, title: str, metadata: DocumentMetadata, appearance: Appearance) -> None:
        """Header filled, text replaced by a loading note."""
        self.header.show_source(title, metadata, appearance)
        self.view.show_message(f"Loading {title}…")
        self.view.setAccessibleName(f"Text of {title} (loading)")
        self.setAccessibleName(f"Document pane: {title}")

    def show_loaded(self, loaded: LoadedDocument, appearance: Appearance) -> None:
        """Show a loaded document."""
        self.document = loaded.document
        self.header.show_source(loaded.document.title, loaded.document.metadata, appearance, self._location())
        self.view.show_document(loaded)
        self.setAccessibleName(f"Document pane: {loaded.document.title}")

    def _location(self) -> str:
        """For a file opened from disk: its folder and the encoding it was read with."""
        if self.source.kind != "file" or self.document is None or self.document.path is None:
            return ""
        return f"{self.document.path.parent} ({self.document.encoding})"

    def apply_appearance(self, appearance: Appearance) -> None:
        """Recolour header and badge for a new appearance."""
        if self.document is not None:
            self.header.show_source(self.document.title, self.document.metadata, appearance, self._location())
        self._paint_active()

    def set_active(self, active: bool) -> None:
        """Mark this pane as the one that menu commands act on."""
        self._active = active
        self._paint_active()

    @property
    def is_active(self) -> bool:
        """Whether menu commands act on this pane."""
        return self._active

    def _paint_active(self) -> None:
        # The application palette, not ours: ours is updated only later, by a queued event.
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Window)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        palette.setColor(QPalette.ColorRole.Window, _mix(base, highlight, 0.22) if self._active else base)
        self.header.setPalette(palette)
        self.header.setFrameShape(QFrame.Shape.Box if self._active else QFrame.Shape.NoFrame)


def _mix(first: QColor, second: QColor, amount: float) -> QColor:
    """Blend two colours: `amount` of `second` into `first`."""
    return QColor(
        round(first.red() * (1 - amount) + second.red() * amount),
        round(first.green() * (1 - amount) + second.green() * amount),
        round(first.blue() * (1 - amount) + second.blue() * amount),
    )
