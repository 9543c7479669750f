"""Theme spans as highlights: a background for the first visible theme, a wavy underline for overlaps.

Formats are worked out only for the spans on screen, when the view asks, so a document with
tens of thousands of matches costs nothing more to show, hide or recolour.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextCharFormat

from reader.core.themes import Theme
from reader.ui.highlights import Highlight
from reader.ui.theme_matches import ThemeMatches

if TYPE_CHECKING:  # RE2 loads with the matcher, on a worker thread
    from reader.core.matcher import ThemeSpan


def _background(theme: Theme, dark: bool) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setBackground(QColor(theme.color_dark if dark else theme.color_light))
    char_format.setToolTip(theme.label)
    return char_format


def _underline(theme: Theme, dark: bool) -> QTextCharFormat:
    char_format = QTextCharFormat()
    # The other variant of the colour: a pastel underline would vanish on a light page.
    char_format.setUnderlineColor(QColor(theme.color_light if dark else theme.color_dark))
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    char_format.setFontUnderline(True)
    char_format.setToolTip(theme.label)
    return char_format


class ThemeHighlights:
    """A highlight layer over one document's theme spans (sorted by start, as the matcher gives them)."""

    def __init__(self, matches: ThemeMatches, themes: list[Theme], visible: set[str], dark: bool) -> None:
        if matches.themes <= visible:  # the usual case: the worker's index serves as it is
            self._spans, self._starts, self._longest = matches.spans, matches.starts, matches.longest
        else:  # some themes hidden: a filtered copy (when the user hides one, not on every open)
            self._spans = [span for span in matches.spans if span.theme in visible]
            self._starts = [span.start for span in self._spans]
            self._longest = max((span.end - span.start for span in self._spans), default=0)
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}
        self._themes = {theme.id: theme for theme in themes}
        self._dark = dark

    def __len__(self) -> int:
        return len(self._spans)

    def overlapping(self, start: int, end: int) -> list[Highlight]:
        """Highlights that overlap [start, end); a span overlapping an earlier one is underlined."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_right(self._starts, end)
        highlights, covered_until = [], -1
        for span in self._spans[low:high]:
            overlapping = span.start < covered_until
            covered_until = max(covered_until, span.end)
            if span.end > start and span.start < end:
                highlights.append(Highlight(span.start, span.end, self._format(span.theme, overlapping)))
        return highlights

    def at(self, offset: int) -> list[Highlight]:
        """Highlights that contain `offset`."""
        return self.overlapping(offset, offset + 1)

    @property
    def items(self) -> list[Highlight]:
        """Every highlight of the document (for inspection; drawing asks only for what is on screen)."""
        return self.overlapping(0, self._starts[-1] + self._longest + 1) if self._spans else []

    def _format(self, theme_id: str, overlapping: bool) -> QTextCharFormat:
        key = (theme_id, overlapping)
        if key not in self._formats:
            theme = self._themes[theme_id]
            self._formats[key] = _underline(theme, self._dark) if overlapping else _background(theme, self._dark)
        return self._formats[key]
