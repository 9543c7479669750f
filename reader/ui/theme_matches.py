"""One document's theme matches, summarised on the worker that found them.

A long report has tens of thousands of matches; counting them, indexing their starts and
placing them on the marker strip are loops over every match. Done here, on the worker, the
UI thread only looks things up.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.matcher import ThemeSpan

MARK_BUCKETS = 2048  # the marker strip's resolution: more rows than any screen has


@dataclass(frozen=True)
class ThemeMatches:
    """Spans sorted by start, their starts, the longest span, counts per theme, and strip buckets."""

    spans: list[ThemeSpan] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    longest: int = 0
    counts: Counter = field(default_factory=Counter)
    # For each of MARK_BUCKETS equal slices of the text: theme id -> its first span there (start, end).
    buckets: tuple[dict[str, tuple[int, int]], ...] = ()

    @property
    def themes(self) -> set[str]:
        """The themes that occur."""
        return set(self.counts)


def summarise(spans: list[ThemeSpan], text_length: int) -> ThemeMatches:
    """Index and count `spans` (sorted by start, as the matcher gives them) of a text of `text_length`."""
    length = max(text_length, 1)
    buckets: list[dict[str, tuple[int, int]]] = [{} for _ in range(MARK_BUCKETS)]
    for span in spans:
        bucket = buckets[min(span.start * MARK_BUCKETS // length, MARK_BUCKETS - 1)]
        if span.theme not in bucket:
            bucket[span.theme] = (span.start, span.end)
    return ThemeMatches(
        spans,
        [span.start for span in spans],
        max((span.end - span.start for span in spans), default=0),
        Counter(span.theme for span in spans),
        tuple(buckets),
    )
