"""Paragraph structure of a text: which line belongs to which paragraph.

A paragraph is a run of non-empty lines; blank lines after a paragraph belong to it.
Lines are what a plain-text view shows as blocks, so panes can be lined up by paragraph.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraphs:
    """Line-to-paragraph map of one text."""

    line_paragraph: tuple[int, ...]  # paragraph index of each line
    first_lines: tuple[int, ...]  # first line of each paragraph

    @classmethod
    def of(cls, text: str) -> "Paragraphs":
        """Paragraph map of `text` (lines split on `\\n`)."""
        line_paragraph: list[int] = []
        first_lines: list[int] = []
        previous_blank = True
        for number, line in enumerate(text.split("\n")):
            blank = not line.strip()
            if not blank and previous_blank:
                first_lines.append(number)
            line_paragraph.append(max(len(first_lines) - 1, 0))
            previous_blank = blank
        if not first_lines:
            first_lines.append(0)
        return cls(tuple(line_paragraph), tuple(first_lines))

    @property
    def count(self) -> int:
        """Number of paragraphs (at least one, even for an empty text)."""
        return len(self.first_lines)

    def paragraph_of_line(self, line: int) -> int:
        """Paragraph that contains `line` (clamped to the text)."""
        if not self.line_paragraph:
            return 0
        return self.line_paragraph[min(max(line, 0), len(self.line_paragraph) - 1)]

    def first_line_of(self, paragraph: int) -> int:
        """First line of `paragraph` (clamped to the last paragraph)."""
        return self.first_lines[min(max(paragraph, 0), len(self.first_lines) - 1)]

    def paragraph_at_first_line(self, line: int) -> int:
        """Paragraph whose first line is at or before `line` (for lines between paragraphs too)."""
        return max(bisect_right(self.first_lines, line) - 1, 0)
