"""Synchronised scrolling of panes: proportional, by paragraph number, or by aligned passages."""

from __future__ import annotations

from contextlib import contextmanager
from enum import Enum
from typing import Callable, Iterator, Sequence

from PySide6.QtCore import QObject

from reader.ui.document_view import DocumentView


class SyncMode(str, Enum):
    """How the other panes follow the one being scrolled."""

    OFF = "off"
    PROPORTIONAL = "proportional"
    PARAGRAPH = "paragraph"
    ALIGNMENT = "alignment"


class ScrollSync(QObject):
    """Makes every view follow the one the user scrolls."""

    def __init__(self, views: Callable[[], Sequence[DocumentView]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views = views
        self._mode = SyncMode.OFF
        self._following = False  # set while we move the others, so they do not echo back
        # For ALIGNMENT: (source, target) -> code-point offset to put at the target's top, or None.
        self.aligner: Callable[[DocumentView, DocumentView], int | None] | None = None

    @property
    def mode(self) -> SyncMode:
        """Current mode."""
        return self._mode

    def set_mode(self, mode: SyncMode) -> None:
        """Switch mode (OFF stops following)."""
        self._mode = SyncMode(mode)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No following while the body moves views itself (such as selecting a passage in each pane)."""
        following, self._following = self._following, True
        try:
            yield
        finally:
            self._following = following

    def watch(self, view: DocumentView) -> None:
        """Start following scrolls of `view` (called for each new pane)."""
        view.verticalScrollBar().valueChanged.connect(lambda _value, source=view: self.follow(source))

    def follow(self, source: DocumentView) -> None:
        """Move every other view to match `source`."""
        if self._mode is SyncMode.OFF or self._following:
            return
        self._following = True
        try:
            for target in self._views():
                if target is not source:
                    self._align(source, target)
        finally:
            self._following = False

    def _align(self, source: DocumentView, target: DocumentView) -> None:
        if self._mode is SyncMode.ALIGNMENT:
            offset = self.aligner(source, target) if self.aligner is not None else None
            if offset is not None:
                target.scroll_offset_to_top(offset)
                return
        if self._mode in (SyncMode.PROPORTIONAL, SyncMode.ALIGNMENT):  # panes or places without a partner: by proportion
            # By characters, not scroll-bar lines: Qt's line counts change as it lays text out.
            bar, target_bar = source.verticalScrollBar(), target.verticalScrollBar()
            if bar.value() >= bar.maximum() > 0:
                target_bar.setValue(target_bar.maximum())
            elif bar.value() <= 0:
                target_bar.setValue(0)
            else:
                fraction = source.firstVisibleBlock().position() / max(source.document().characterCount(), 1)
                block = target.document().findBlock(round(fraction * target.document().characterCount()))
                target.scroll_to_line(block.blockNumber())
        else:
            paragraph = source.paragraphs.paragraph_of_line(source.top_line())
            target.scroll_to_line(target.paragraphs.first_line_of(paragraph))
