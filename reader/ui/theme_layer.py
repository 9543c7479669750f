"""Theme spans as highlights: a background for the first visible theme, a wavy underline for overlaps.

Formats are worked out only for the spans on screen, when the view asks, so a document with
tens of thousands of matches costs nothing more to show, hide or recolour.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtGui import QColor, QTextCharFormat

from reader.core.themes import Theme
from reader.ui.highlights import Highlight
from reader.ui.theme_matches import ThemeMatches


def _background(theme: Theme, dark: bool) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setBackground(QColor(theme.highlight_color(dark)))
    char_format.setToolTip(theme.label)
    return char_format


def _underline(theme: Theme, dark: bool) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setUnderlineColor(QColor(theme.strong_color(dark)))
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    char_format.setFontUnderline(True)
    char_format.setToolTip(theme.label)
    return char_format


class ThemeHighlights:
    """A highlight layer over one document's theme spans (sorted by start, as the matcher gives them)."""

    def __init__(self, matches: ThemeMatches, themes: list[Theme], visible: set[str], dark: bool) -> None:
        self._matches = matches.only(visible)  # the usual case, nothing hidden: the worker's index as it is
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}
        self._themes = {theme.id: theme for theme in themes}
        self._dark = dark

    def __len__(self) -> int:
        return len(self._matches)

    def overlapping(self, start: int, end: int) -> list[Highlight]:
        """Highlights that overlap [start, end); a span overlapping an earlier one is underlined."""
        matches = self._matches
        low = bisect_left(matches.starts, start - matches.longest)
        high = bisect_right(matches.starts, end)
        highlights, covered_until = [], -1
        for theme_id, span_start, span_end in matches.between(low, high):
            overlapping = span_start < covered_until
            covered_until = max(covered_until, span_end)
            if span_end > start and span_start < end:
                highlights.append(Highlight(span_start, span_end, self._format(theme_id, overlapping)))
        return highlights

    def at(self, offset: int) -> list[Highlight]:
        """Highlights that contain `offset`."""
        return self.overlapping(offset, offset + 1)

    @property
    def items(self) -> list[Highlight]:
        """Every highlight of the document (for inspection; drawing asks only for what is on screen)."""
        matches = self._matches
        return self.overlapping(0, matches.starts[-1] + matches.longest + 1) if len(matches) else []

    def _format(self, theme_id: str, overlapping: bool) -> QTextCharFormat:
        key = (theme_id, overlapping)
        if key not in self._formats:
            theme = self._themes[theme_id]
            self._formats[key] = _underline(theme, self._dark) if overlapping else _background(theme, self._dark)
        return self._formats[key]
