"""Theme matches summarised on the worker: counts, starts and the marker strip's buckets."""

from __future__ import annotations

from reader.core.matcher import ThemeSpan
from reader.ui.theme_matches import MARK_BUCKETS, summarise


def test_counts_starts_longest_and_the_first_span_of_each_theme_per_bucket():
    length = MARK_BUCKETS * 10  # ten characters a bucket
    spans = [ThemeSpan("railway-link", 0, 7), ThemeSpan("sovereignty", 3, 14), ThemeSpan("railway-link", 5, 9), ThemeSpan("railway-link", length - 4, length)]
    matches = summarise(spans, length)
    assert matches.starts == [0, 3, 5, length - 4] and matches.longest == 11
    assert matches.counts == {"railway-link": 3, "sovereignty": 1} and matches.themes == {"railway-link", "sovereignty"}
    assert matches.buckets[0] == {"railway-link": (0, 7), "sovereignty": (3, 14)}  # the first of each theme there
    assert matches.buckets[-1] == {"railway-link": (length - 4, length)}
    assert sum(len(bucket) for bucket in matches.buckets) == 3


def test_no_matches_and_an_empty_text():
    matches = summarise([], 0)
    assert matches.spans == [] and matches.longest == 0 and not matches.counts and len(matches.buckets) == MARK_BUCKETS
