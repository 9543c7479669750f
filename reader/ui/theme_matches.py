"""One document's theme matches, summarised where they were found and packed to travel.

A long report has tens of thousands of matches; counting them, indexing their starts and
placing them on the marker strip are loops over every match. Done here, in the matching
process or on a worker, the UI thread only looks things up. The spans travel as arrays of
numbers: pickling 17,000 span tuples to send them back from the matching process took
17 ms there and 9 ms here; the arrays take a fraction of a millisecond.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, reduce
from itertools import repeat
from operator import floordiv, lshift, mul, or_, sub
from typing import Iterable, Iterator

from reader.core.theme_spans import SpanColumns, ThemeSpan

MARK_BUCKETS = 2048  # the marker strip's resolution: more rows than any screen has


@dataclass(frozen=True)
class ThemeMatches:
    """Spans sorted by start (as parallel arrays), the longest span, counts per theme, and the themes
    in each of the marker strip's buckets."""

    theme_ids: tuple[str, ...] = ()  # the themes that occur; a span's theme is a number into this
    numbers: array = field(default_factory=lambda: array("H"))  # each span's theme number
    starts: array = field(default_factory=lambda: array("q"))
    ends: array = field(default_factory=lambda: array("q"))
    longest: int = 0
    counts: Counter = field(default_factory=Counter)
    # For each of MARK_BUCKETS equal slices of the text, the themes in it as bits (1 << theme number):
    # the strip draws its rows from these.
    bucket_themes: tuple[int, ...] = ()
    text_length: int = 0

    def __len__(self) -> int:
        return len(self.starts)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        for unpacked in ("spans", "_firsts_by_bucket"):
            state.pop(unpacked, None)  # stay behind: the arrays say the same
        return state

    @property
    def themes(self) -> set[str]:
        """The themes that occur."""
        return set(self.counts)

    @cached_property
    def spans(self) -> list[ThemeSpan]:
        """The spans as ThemeSpan tuples, unpacked on first use (navigation, statistics, alignment)."""
        ids = self.theme_ids
        return [ThemeSpan(ids[number], start, end) for number, start, end in zip(self.numbers, self.starts, self.ends)]

    @cached_property
    def _firsts_by_bucket(self) -> dict[int, list[tuple[str, int, int]]]:
        """Each bucket read so far -> (theme id, start, end) of each theme's first span there."""
        return {}

    def bucket_firsts(self, first: int, last: int) -> list[tuple[int, str, int, int]]:
        """(bucket, theme id, start, end) of each theme's first span in buckets `first` to `last`,
        bucket by bucket, a bucket's themes in the order they first occur there. Each bucket is read
        once: the pointer on the strip asks for a few at a time, on a short strip for many."""
        read = self._firsts_by_bucket
        unread = [bucket for bucket in range(first, last + 1) if bucket not in read]
        if unread:
            self._read_buckets(unread[0], unread[-1])
        return [(bucket, theme_id, start, end) for bucket in range(first, last + 1) for theme_id, start, end in read[bucket]]

    def _read_buckets(self, first: int, last: int) -> None:
        """Read buckets `first` to `last`: only their spans, found by bisection of the starts."""
        length, starts = max(self.text_length, 1), self.starts
        low = bisect_left(starts, _bucket_beginning(first, length))
        high = len(starts) if last >= MARK_BUCKETS - 1 else bisect_left(starts, _bucket_beginning(last + 1, length))
        firsts: dict[tuple[int, int], int] = {}  # (bucket, theme number) -> index of its first span, in order of occurrence
        for index, key in zip(range(low, high), zip(_bucket_numbers(starts[low:high], length), self.numbers[low:high])):
            firsts.setdefault(key, index)
        read = self._firsts_by_bucket
        for bucket in range(first, last + 1):
            read[bucket] = []
        ids, ends = self.theme_ids, self.ends
        for (bucket, number), index in firsts.items():
            read[bucket].append((ids[number], starts[index], ends[index]))

    def between(self, low: int, high: int) -> Iterator[tuple[str, int, int]]:
        """(theme id, start, end) of the spans numbered low to high - 1, without unpacking the rest."""
        ids = self.theme_ids
        for number, start, end in zip(self.numbers[low:high], self.starts[low:high], self.ends[low:high]):
            yield ids[number], start, end

    def only(self, visible: set[str]) -> ThemeMatches:
        """The same matches with only the themes in `visible` (the strip's bucket themes as they are: it filters its own)."""
        if self.themes <= visible:
            return self
        keep = {number for number, theme_id in enumerate(self.theme_ids) if theme_id in visible}
        kept = [index for index, number in enumerate(self.numbers) if number in keep]
        starts, ends = array("q", [self.starts[i] for i in kept]), array("q", [self.ends[i] for i in kept])
        return ThemeMatches(
            self.theme_ids,
            array("H", [self.numbers[i] for i in kept]),
            starts,
            ends,
            max((end - start for start, end in zip(starts, ends)), default=0),
            Counter({theme_id: count for theme_id, count in self.counts.items() if theme_id in visible}),
            self.bucket_themes,
            self.text_length,
        )


def summarise(columns: SpanColumns) -> ThemeMatches:
    """Index, count and pack the matcher's spans (sorted by start)."""
    theme_ids, numbers, starts, ends, text_length = columns
    return ThemeMatches(
        theme_ids,
        array("H", numbers),
        array("q", starts),
        array("q", ends),
        max(map(sub, ends, starts), default=0),
        Counter({theme_ids[number]: count for number, count in Counter(numbers).items()}),
        _bucket_themes(numbers, starts, text_length),
        text_length,
    )


def _bucket_themes(numbers: list[int], starts: list[int], text_length: int) -> tuple[int, ...]:
    """Each bucket's themes as bits (1 << theme number), from spans sorted by start. The buckets'
    edges are found by bisection and each bucket's bits OR-ed together in C: a step per bucket,
    not per span (this runs in the matching process while the window waits for it)."""
    length = max(text_length, 1)
    beginnings = map(_bucket_beginning, range(1, MARK_BUCKETS), repeat(length))
    edges = [0, *map(bisect_left, repeat(starts), beginnings), len(starts)]
    bits = list(map(lshift, repeat(1), numbers))
    return tuple(map(reduce, repeat(or_), map(bits.__getitem__, map(slice, edges, edges[1:])), repeat(0)))


def _bucket_beginning(bucket: int, length: int) -> int:
    """The first offset in `bucket` (of a text of `length`, at least 1): a start's bucket is
    min(start * MARK_BUCKETS // length, MARK_BUCKETS - 1), so bucket b begins at ceil(b * length / MARK_BUCKETS)."""
    return -(-bucket * length // MARK_BUCKETS)


def _bucket_numbers(starts: Iterable[int], text_length: int) -> Iterator[int]:
    """The bucket of each start: MARK_BUCKETS equal slices of the text (mapped in C, not a step per start in Python)."""
    return map(min, map(floordiv, map(mul, starts, repeat(MARK_BUCKETS)), repeat(max(text_length, 1))), repeat(MARK_BUCKETS - 1))
