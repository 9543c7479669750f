"""Highlights drawn as extra selections, only for the part of a document that is on screen.

Building selections for every match of a large document would block the UI thread; building
them for the visible lines on each scroll costs a bisect and a few dozen selections.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtGui import QTextCharFormat


@dataclass(frozen=True)
class Highlight:
    """A span of the document text (code points) and how to draw it."""

    start: int
    end: int
    format: QTextCharFormat


class HighlightLayer:
    """Sorted highlights with fast lookup by range."""

    def __init__(self, highlights: list[Highlight] | None = None) -> None:
        self.items = sorted(highlights or [], key=lambda h: (h.start, h.end))
        self._starts = [h.start for h in self.items]
        self._longest = max((h.end - h.start for h in self.items), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def overlapping(self, start: int, end: int) -> list[Highlight]:
        """Highlights that overlap [start, end)."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_right(self._starts, end)
        return [h for h in self.items[low:high] if h.end > start and h.start < end]

    def at(self, offset: int) -> list[Highlight]:
        """Highlights that contain `offset`."""
        return [h for h in self.overlapping(offset, offset + 1)]
