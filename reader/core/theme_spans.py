"""What the theme matcher finds: spans one by one, or the same as columns (cheap to count and to send).

Kept apart from the matcher, which loads RE2, so that the window can read results without it.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence


class ThemeSpan(NamedTuple):
    """One match: the theme and its [start, end) in code points of the document text."""

    theme: str
    start: int
    end: int


class SpanColumns(NamedTuple):
    """Spans as parallel columns: each one's theme (a number into `theme_ids`), start and end;
    and the length of the text they were found in, in code points.

    A long report has tens of thousands of spans; as columns they are counted, indexed and
    pickled by whole lists in C, not one tuple at a time in Python.
    """

    theme_ids: tuple[str, ...]
    numbers: list[int]
    starts: list[int]
    ends: list[int]
    text_length: int

    @classmethod
    def of(cls, spans: Sequence[ThemeSpan], text_length: int) -> SpanColumns:
        """The columns of a list of spans in a text of `text_length`."""
        numbering: dict[str, int] = {}
        numbers = [numbering.setdefault(span.theme, len(numbering)) for span in spans]
        return cls(tuple(numbering), numbers, [span.start for span in spans], [span.end for span in spans], text_length)

    def spans(self) -> list[ThemeSpan]:
        """The spans one by one."""
        return list(map(ThemeSpan, map(self.theme_ids.__getitem__, self.numbers), self.starts, self.ends))
