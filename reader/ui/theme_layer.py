"""Turning theme spans into highlights: a background for the first theme, an underline for any overlap."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from reader.core.matcher import ThemeSpan
from reader.core.themes import Theme
from reader.ui.highlights import Highlight, HighlightLayer


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


def theme_layer(spans: list[ThemeSpan], themes: list[Theme], visible: set[str], dark: bool) -> HighlightLayer:
    """Highlights for the visible themes' spans; a span overlapping an earlier one is underlined."""
    by_id = {theme.id: theme for theme in themes}
    formats: dict[tuple[str, bool], QTextCharFormat] = {}
    highlights: list[Highlight] = []
    covered_until = -1
    for span in spans:  # sorted by start
        theme = by_id.get(span.theme)
        if theme is None or span.theme not in visible:
            continue
        overlapping = span.start < covered_until
        key = (span.theme, overlapping)
        if key not in formats:
            formats[key] = _underline(theme, dark) if overlapping else _background(theme, dark)
        highlights.append(Highlight(span.start, span.end, formats[key]))
        covered_until = max(covered_until, span.end)
    return HighlightLayer(highlights)
