"""Theme matches summarised on the worker: counts, starts and the marker strip's buckets."""

from __future__ import annotations

import pickle

from reader.core.matcher import SpanColumns, ThemeSpan
from reader.ui.theme_matches import MARK_BUCKETS, summarise


def test_counts_starts_longest_and_the_first_span_of_each_theme_per_bucket():
    length = MARK_BUCKETS * 10  # ten characters a bucket
    spans = [ThemeSpan("railway-link", 0, 7), ThemeSpan("sovereignty", 3, 14), ThemeSpan("railway-link", 5, 9), ThemeSpan("railway-link", length - 4, length)]
    matches = summarise(SpanColumns.of(spans, length))
    assert list(matches.starts) == [0, 3, 5, length - 4] and matches.longest == 11
    assert matches.counts == {"railway-link": 3, "sovereignty": 1} and matches.themes == {"railway-link", "sovereignty"}
    assert matches.buckets[0] == {"railway-link": (0, 7), "sovereignty": (3, 14)}  # the first of each theme there
    two = summarise(SpanColumns.of([ThemeSpan("sovereignty", 0, 2), ThemeSpan("railway-link", 3, 5)], 100_000))
    assert list(two.buckets[0]) == ["sovereignty", "railway-link"]  # in the order they occur: the strip jumps to the first
    assert matches.buckets[-1] == {"railway-link": (length - 4, length)}
    assert sum(len(bucket) for bucket in matches.buckets) == 3


def test_no_matches_and_an_empty_text():
    matches = summarise(SpanColumns.of([], 0))
    assert matches.spans == [] and matches.longest == 0 and not matches.counts and len(matches.buckets) == MARK_BUCKETS


def test_matches_travel_packed_and_unpack_to_the_same_spans():
    spans = [ThemeSpan("sovereignty", 2, 9), ThemeSpan("railway-link", 4, 6), ThemeSpan("sovereignty", 30, 41)]
    matches = summarise(SpanColumns.of(spans, 100))
    assert matches.spans == spans  # unpacked here, and so cached on this object...
    travelled = pickle.loads(pickle.dumps(matches))
    assert sum(map(len, matches.buckets)) == 3  # made on first use too...
    assert "spans" not in travelled.__dict__ and "buckets" not in travelled.__dict__  # ...but not sent along with the arrays
    assert travelled.spans == spans and travelled.counts == matches.counts and travelled.buckets == matches.buckets
    assert list(travelled.between(1, 3)) == [("railway-link", 4, 6), ("sovereignty", 30, 41)]


def test_only_the_visible_themes():
    spans = [ThemeSpan("sovereignty", 2, 20), ThemeSpan("railway-link", 4, 6), ThemeSpan("sovereignty", 30, 33)]
    matches = summarise(SpanColumns.of(spans, 100))
    assert matches.only({"sovereignty", "railway-link", "abm-treaty"}) is matches
    railway = matches.only({"railway-link"})
    assert railway.spans == [ThemeSpan("railway-link", 4, 6)] and list(railway.starts) == [4] and railway.longest == 2
    assert railway.counts == {"railway-link": 1} and matches.only(set()).spans == []
