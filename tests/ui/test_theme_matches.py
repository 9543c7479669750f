"""Theme matches summarised on the worker: counts, starts and the marker strip's buckets."""

from __future__ import annotations

import pickle

from hypothesis import given, settings, strategies as st

from reader.core.matcher import SpanColumns, ThemeSpan
from reader.ui.theme_matches import MARK_BUCKETS, summarise


def test_counts_starts_longest_and_the_first_span_of_each_theme_per_bucket():
    length = MARK_BUCKETS * 10  # ten characters a bucket
    spans = [ThemeSpan("railway-link", 0, 7), ThemeSpan("sovereignty", 3, 14), ThemeSpan("railway-link", 5, 9), ThemeSpan("railway-link", length - 4, length)]
    matches = summarise(SpanColumns.of(spans, length))
    assert list(matches.starts) == [0, 3, 5, length - 4] and matches.longest == 11
    assert matches.counts == {"railway-link": 3, "sovereignty": 1} and matches.themes == {"railway-link", "sovereignty"}
    everywhere = matches.bucket_firsts(0, MARK_BUCKETS - 1)
    # The first span of each theme in each bucket, bucket by bucket, themes in the order they occur.
    assert everywhere == [(0, "railway-link", 0, 7), (0, "sovereignty", 3, 14), (MARK_BUCKETS - 1, "railway-link", length - 4, length)]
    two = summarise(SpanColumns.of([ThemeSpan("sovereignty", 0, 2), ThemeSpan("railway-link", 3, 5)], 100_000))
    assert [theme for _, theme, _, _ in two.bucket_firsts(0, 0)] == ["sovereignty", "railway-link"]  # the strip jumps to the first
    assert matches.bucket_firsts(1, MARK_BUCKETS - 2) == [] and matches.bucket_firsts(MARK_BUCKETS - 1, MARK_BUCKETS - 1) == everywhere[2:]


def test_the_first_spans_of_a_range_of_buckets_are_those_of_the_whole_list():
    length = 5000  # buckets of two or three characters: bucket edges fall inside spans and between them
    spans = [ThemeSpan(theme, start, start + 3) for start in range(0, length - 3, 7) for theme in ("railway-link", "sovereignty")[: 1 + start % 2]]
    matches = summarise(SpanColumns.of(spans, length))
    everywhere = matches.bucket_firsts(0, MARK_BUCKETS - 1)
    for first, last in ((0, 0), (5, 9), (100, 100), (MARK_BUCKETS - 3, MARK_BUCKETS - 1), (700, 1300)):
        assert matches.bucket_firsts(first, last) == [item for item in everywhere if first <= item[0] <= last]


def test_no_matches_and_an_empty_text():
    matches = summarise(SpanColumns.of([], 0))
    assert matches.spans == [] and matches.longest == 0 and not matches.counts and matches.bucket_firsts(0, MARK_BUCKETS - 1) == []
    assert len(matches.bucket_themes) == MARK_BUCKETS and not any(matches.bucket_themes)


def test_matches_travel_packed_and_unpack_to_the_same_spans():
    spans = [ThemeSpan("sovereignty", 2, 9), ThemeSpan("railway-link", 4, 6), ThemeSpan("sovereignty", 30, 41)]
    matches = summarise(SpanColumns.of(spans, 100))
    assert matches.spans == spans  # unpacked here, and so cached on this object...
    travelled = pickle.loads(pickle.dumps(matches))
    assert "spans" not in travelled.__dict__  # ...but not sent along with the arrays
    assert travelled.spans == spans and travelled.counts == matches.counts and travelled.bucket_themes == matches.bucket_themes
    assert travelled.bucket_firsts(0, MARK_BUCKETS - 1) == matches.bucket_firsts(0, MARK_BUCKETS - 1)
    assert list(travelled.between(1, 3)) == [("railway-link", 4, 6), ("sovereignty", 30, 41)]


def test_only_the_visible_themes():
    spans = [ThemeSpan("sovereignty", 2, 20), ThemeSpan("railway-link", 4, 6), ThemeSpan("sovereignty", 30, 33)]
    matches = summarise(SpanColumns.of(spans, 100))
    assert matches.only({"sovereignty", "railway-link", "abm-treaty"}) is matches
    railway = matches.only({"railway-link"})
    assert railway.spans == [ThemeSpan("railway-link", 4, 6)] and list(railway.starts) == [4] and railway.longest == 2
    assert railway.counts == {"railway-link": 1} and matches.only(set()).spans == []


def _bucket_of(start: int, length: int) -> int:
    return min(start * MARK_BUCKETS // max(length, 1), MARK_BUCKETS - 1)


@st.composite
def _spans_in_a_text(draw):
    length = draw(st.one_of(st.integers(0, 50), st.sampled_from([MARK_BUCKETS - 1, MARK_BUCKETS, MARK_BUCKETS + 1, 3 * MARK_BUCKETS - 1]), st.integers(0, 10**7)))
    starts = sorted(draw(st.lists(st.one_of(st.integers(0, length), st.just(length)), max_size=60)))
    themes = ("railway-link", "sovereignty", "abm-treaty")
    return [ThemeSpan(draw(st.sampled_from(themes)), start, start + draw(st.integers(0, 5))) for start in starts], length


@settings(max_examples=300, deadline=None)
@given(_spans_in_a_text(), st.data())
def test_the_first_spans_of_any_range_of_buckets_match_a_plain_count(spans_and_length, data):
    """Bisection finds exactly the spans a walk over all of them would: spans on bucket edges, at
    the very end of the text, in an empty text."""
    spans, length = spans_and_length
    firsts: dict[tuple[int, str], ThemeSpan] = {}
    for span in spans:
        firsts.setdefault((_bucket_of(span.start, length), span.theme), span)
    plain = [(bucket, theme, span.start, span.end) for (bucket, theme), span in firsts.items()]
    matches = summarise(SpanColumns.of(spans, length))
    first = data.draw(st.integers(0, MARK_BUCKETS - 1))
    last = data.draw(st.integers(first, MARK_BUCKETS - 1))
    assert matches.bucket_firsts(0, MARK_BUCKETS - 1) == plain
    assert matches.bucket_firsts(first, last) == [item for item in plain if first <= item[0] <= last]
    for span in spans[:3]:
        bucket = _bucket_of(span.start, length)
        assert matches.bucket_firsts(bucket, bucket) == [item for item in plain if item[0] == bucket]


@settings(max_examples=300, deadline=None)
@given(_spans_in_a_text())
def test_each_buckets_themes_are_those_a_walk_over_every_span_finds(spans_and_length):
    """The buckets' bits come from edges found by bisection: spans on an edge, at the very end of
    the text or in an empty text fall in the bucket a plain walk puts them in."""
    spans, length = spans_and_length
    matches = summarise(SpanColumns.of(spans, length))
    plain = [0] * MARK_BUCKETS
    for span in spans:
        plain[_bucket_of(span.start, length)] |= 1 << matches.theme_ids.index(span.theme)
    assert matches.bucket_themes == tuple(plain)
