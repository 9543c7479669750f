"""The marker strip beside a pane: rows drawn from the buckets' themes, marks found under the pointer."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from reader.core.theme_spans import SpanColumns, ThemeSpan
from reader.ui.marker_strip import NEAR_PIXELS, MarkerStrip
from reader.ui.theme_matches import MARK_BUCKETS, summarise

COLOURS = {"railway-link": "#1f77b4", "sovereignty": "#d62728", "abm-treaty": "#2ca02c"}  # lexicon order
LABELS = {"railway-link": "Railway link", "sovereignty": "Sovereignty", "abm-treaty": "ABM Treaty"}
LENGTH = MARK_BUCKETS * 10  # ten characters a bucket


def _strip(qtbot, spans: list[ThemeSpan], visible: set[str]) -> MarkerStrip:
    strip = MarkerStrip()
    qtbot.addWidget(strip)
    strip.resize(strip.width(), 404)  # 400 rows of marks
    strip.set_matches(summarise(SpanColumns.of(spans, LENGTH)), visible, COLOURS, LABELS)
    return strip


def _row(start: int, strip: MarkerStrip) -> int:
    bucket = start * MARK_BUCKETS // LENGTH
    return 2 + int((bucket + 0.5) / MARK_BUCKETS * (strip.height() - 4))


def test_the_buckets_know_their_themes_as_bits():
    spans = [ThemeSpan("sovereignty", 0, 5), ThemeSpan("railway-link", 3, 9), ThemeSpan("railway-link", LENGTH - 5, LENGTH)]
    matches = summarise(SpanColumns.of(spans, LENGTH))
    bit = {theme_id: 1 << number for number, theme_id in enumerate(matches.theme_ids)}
    assert matches.bucket_themes[0] == bit["sovereignty"] | bit["railway-link"]
    assert matches.bucket_themes[-1] == bit["railway-link"] and sum(map(bool, matches.bucket_themes)) == 2
    assert matches.only({"railway-link"}).bucket_themes == matches.bucket_themes  # the strip filters its own


def test_themes_on_one_row_share_it_in_lexicon_order_and_hidden_ones_are_not_drawn(qtbot):
    # Sovereignty occurs first in the text, but the railway link comes first in the lexicon: left.
    spans = [ThemeSpan("sovereignty", 100, 110), ThemeSpan("railway-link", 104, 112), ThemeSpan("abm-treaty", 15000, 15010)]
    strip = _strip(qtbot, spans, set(COLOURS))
    image = strip.grab().toImage()
    row = _row(100, strip)
    assert image.pixelColor(2, row).name() == COLOURS["railway-link"]
    assert image.pixelColor(strip.width() - 3, row).name() == COLOURS["sovereignty"]
    assert image.pixelColor(5, _row(15000, strip)).name() == COLOURS["abm-treaty"]
    assert strip.mark_count == 3

    strip.set_matches(summarise(SpanColumns.of(spans, LENGTH)), {"sovereignty"}, COLOURS, LABELS)
    image = strip.grab().toImage()
    assert image.pixelColor(2, row).name() == image.pixelColor(strip.width() - 3, row).name() == COLOURS["sovereignty"]
    assert image.pixelColor(5, _row(15000, strip)).name() not in COLOURS.values()
    assert strip.mark_count == 1


def test_the_pointer_finds_the_first_visible_span_of_a_mark(qtbot):
    spans = [ThemeSpan("railway-link", 100, 112), ThemeSpan("railway-link", 105, 115), ThemeSpan("abm-treaty", 15000, 15010)]
    strip = _strip(qtbot, spans, set(COLOURS))
    row = _row(100, strip)
    assert strip.mark_near(row)[1:] == (100, 112, COLOURS["railway-link"], "Railway link")
    assert strip.mark_near(row - NEAR_PIXELS + 1)[1:3] == strip.mark_near(row + NEAR_PIXELS - 1)[1:3] == (100, 112)  # a few pixels off
    assert strip.mark_near(row + NEAR_PIXELS + 2) is None and strip.tooltip_at(row + NEAR_PIXELS + 2) == ""
    assert strip.tooltip_at(_row(15000, strip)) == "ABM Treaty"
    strip.set_matches(summarise(SpanColumns.of(spans, LENGTH)), {"railway-link"}, COLOURS, LABELS)
    assert strip.tooltip_at(_row(15000, strip)) == "" and strip.mark_near(_row(15000, strip)) is None
    moved = [ThemeSpan("sovereignty", 15000, 15004)]  # another text's matches: nothing read before is kept
    strip.set_matches(summarise(SpanColumns.of(moved, LENGTH)), set(COLOURS), COLOURS, LABELS)
    assert strip.mark_near(row) is None and strip.tooltip_at(_row(15000, strip)) == "Sovereignty"


@st.composite
def _strip_case(draw):
    length = draw(st.one_of(st.integers(0, 50), st.integers(0, 100_000)))
    starts = sorted(draw(st.lists(st.integers(0, length), max_size=80)))
    spans = [ThemeSpan(draw(st.sampled_from(list(COLOURS))), start, start + draw(st.integers(0, 4))) for start in starts]
    visible = set(draw(st.lists(st.sampled_from(list(COLOURS)), unique=True)))
    return length, spans, visible, draw(st.one_of(st.integers(0, 40), st.integers(41, 3000)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_strip_case(), st.data())
def test_the_pointer_finds_what_a_look_at_every_mark_would(qtbot, case, data):
    """Only the buckets within reach of the pointer are read; the answer is the one a look at every
    mark gives, at any height of the strip, right at the edge of a mark's reach too."""
    length, spans, visible, height = case
    strip = MarkerStrip()
    qtbot.addWidget(strip)
    strip.resize(strip.width(), height)
    matches = summarise(SpanColumns.of(spans, length))
    strip.set_matches(matches, visible, COLOURS, LABELS)
    rows = max(strip.height() - 4, 1)
    marks = [((bucket + 0.5) / MARK_BUCKETS, start, end, COLOURS[theme], LABELS[theme]) for bucket, theme, start, end in matches.bucket_firsts(0, MARK_BUCKETS - 1) if theme in visible]
    pointed = data.draw(st.lists(st.integers(-10, strip.height() + 10), max_size=10))
    pointed += [int(2 + mark[0] * rows) + offset for mark in marks[:4] for offset in range(-NEAR_PIXELS - 2, NEAR_PIXELS + 3)]
    for y in pointed:
        fraction = (y - 2) / rows
        near = sorted((mark for mark in marks if abs(mark[0] - fraction) * rows <= NEAR_PIXELS), key=lambda mark: abs(mark[0] - fraction))
        assert strip.mark_near(y) == (min(near, key=lambda mark: abs(mark[0] - fraction)) if near else None), y
        assert strip.tooltip_at(y) == "\n".join(dict.fromkeys(mark[4] for mark in near)), y


def test_a_high_density_screen_gets_the_marks_at_its_own_resolution(qtbot):
    spans = [ThemeSpan("sovereignty", 100, 110), ThemeSpan("railway-link", 104, 112), ThemeSpan("abm-treaty", 15000, 15010)]
    strip = _strip(qtbot, spans, set(COLOURS))
    picture = strip._draw_marks(2.0)
    image = picture.toImage()
    assert (image.width(), image.height(), picture.devicePixelRatio()) == (2 * strip.width(), 2 * strip.height(), 2.0)
    row = 2 * _row(100, strip)
    assert image.pixelColor(3, row).name() == COLOURS["railway-link"]  # shared, in lexicon order, as at 1x
    assert image.pixelColor(image.width() - 4, row).name() == COLOURS["sovereignty"]
    assert image.pixelColor(image.width() - 1, row).name() not in COLOURS.values()  # a border of background
    assert image.pixelColor(10, 2 * _row(15000, strip)).name() == COLOURS["abm-treaty"]
    assert {image.pixelColor(x, 0).name() for x in range(image.width())} == {image.pixelColor(0, 0).name()}


def test_the_same_marks_set_again_keep_the_drawn_strip(qtbot):
    spans = [ThemeSpan("sovereignty", 100, 110)]
    matches = summarise(SpanColumns.of(spans, LENGTH))
    strip = _strip(qtbot, spans, set(COLOURS))
    strip.set_matches(matches, set(COLOURS), COLOURS, LABELS)
    strip.grab()
    drawn = strip._picture
    strip.set_matches(summarise(SpanColumns.of(spans, LENGTH)), set(COLOURS), dict(COLOURS), dict(LABELS))  # equal, not the same objects
    strip.grab()
    assert strip._picture is drawn  # a refresh of every pane redraws no unchanged strip
    strip.set_matches(matches, {"railway-link"}, COLOURS, LABELS)
    strip.grab()
    assert strip._picture is not drawn
    assert strip.grab().toImage().pixelColor(5, _row(100, strip)).name() not in COLOURS.values()


def test_at_a_fractional_scale_the_strip_is_drawn_to_the_size_its_paint_expects(qtbot):
    spans = [ThemeSpan("sovereignty", 100, 110), ThemeSpan("abm-treaty", LENGTH - 10, LENGTH - 5)]
    strip = _strip(qtbot, spans, set(COLOURS))
    for ratio, height in ((1.25, 402), (1.5, 403), (1.25, 401)):  # heights whose scaled size ends in .5
        strip.resize(strip.width(), height)
        picture = strip._draw_marks(ratio)
        assert picture.size() == strip.size() * ratio, (ratio, height)  # else it is redrawn on every paint, a row short
        image = picture.toImage()
        near_bottom = {image.pixelColor(5, y).name() for y in range(image.height() - 10, image.height())}
        assert COLOURS["abm-treaty"] in near_bottom  # the last mark is drawn
