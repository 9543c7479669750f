"""The theme matcher: real-text quirks in three languages, near misses, and exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from reader.core.matcher import ThemeMatcher, ThemeSpan, check_pattern
from reader.core.themes import Theme, load_themes


@pytest.fixture(scope="module")
def matcher() -> ThemeMatcher:
    return ThemeMatcher(load_themes())


def themes_in(matcher: ThemeMatcher, text: str) -> set[str]:
    return {span.theme for span in matcher.match(text)}


REQUIRED = ("missile-programme", "railway-link", "abm-treaty", "sovereignty")

# (theme, sentence that must carry it) in English, Russian and Korean, written for these tests.
POSITIVE = [
    ("missile-programme", "Pyongyang said its missile program is purely defensive."),
    ("missile-programme", "The ballistic missile tests worried Tokyo."),
    ("missile-programme", "Both sides discussed the satellite launch planned for spring."),
    ("missile-programme", "It offered to buy launch vehicles abroad."),
    ("missile-programme", "КНДР продолжит ракетную программу."),
    ("missile-programme", "Испытание баллистической ракеты прошло успешно."),
    ("missile-programme", "공화국은 새로운 탄도로케트 시험발사를 단행하였다."),
    ("missile-programme", "북한의 미사일 개발이 계속되고 있다."),
    ("railway-link", "They agreed to rebuild the Khasan\u2013Rajin rail link."),
    ("railway-link", "Work on the Trans-Korean Railway will begin next year."),
    ("railway-link", "A railway\nline to Europe was proposed."),
    ("railway-link", "Россия восстановит железную дорогу Хасан — Раджин."),
    ("railway-link", "Стороны обсудили соединение Транскорейской магистрали с Транссибом."),
    ("railway-link", "라선-하산 철도련결사업이 활발히 진행되고 있다."),
    ("railway-link", "남북 철도 연결 사업이 재개되었다."),
    ("abm-treaty", "Moscow insisted on preserving the Anti-Ballistic Missile Treaty."),
    ("abm-treaty", "Washington's plans for national missile defense alarmed both capitals."),
    ("abm-treaty", "The sides opposed any TMD deployment in Asia."),
    ("abm-treaty", "Стороны выступили за сохранение Договора по ПРО 1972 года."),
    ("abm-treaty", "Развёртывание национальной противоракетной обороны подорвёт стабильность."),
    ("abm-treaty", "쌍방은 ABM조약을 유지하는 것이 중요하다고 강조하였다."),
    ("abm-treaty", "미국의 미싸일방위체계 수립 책동을 규탄하였다."),
    ("sovereignty", "Each state has the right to defend its sovereignty."),
    ("sovereignty", "Respect for territorial integrity and non-interference in internal affairs."),
    ("sovereignty", "Россия уважает суверенитет и территориальную целостность КНДР."),
    ("sovereignty", "Принцип невмешательства во внутренние дела был подтверждён."),
    ("sovereignty", "나라의 자주권과 령토완정을 수호하여야 한다."),
    ("sovereignty", "내정간섭은 용납될 수 없다."),
]

# Sentences that look related but are not about the theme.
NEAR_MISSES = [
    ("railway-link", "Mr Kim, who avoids flying, travelled to Moscow by train."),
    ("railway-link", "He came to Russia by rail on Tuesday."),
    ("railway-link", "Он приехал в Москву поездом."),
    ("railway-link", "그는 기차를 타고 모스크바에 도착하였다."),
    ("railway-link", "김정일 위원장은 철도로 모스크바에 도착하였다."),
    ("sovereignty", "He gave an interview to an independent newspaper."),
    ("sovereignty", "Интервью опубликовала «Независимая газета»."),
    ("sovereignty", "그는 독립신문과 인터뷰를 하였다."),
    ("missile-programme", "The minister flew to Pyongyang on a government plane."),
    ("missile-programme", "Prices rocketed after the announcement."),
    ("missile-programme", "Он купил новую теннисную ракетку."),
    ("missile-programme", "The ABM Treaty was signed in 1972."),
    ("missile-programme", "The United States plans a national system of missile defence."),
    ("abm-treaty", "Missiles in general were not discussed."),
    ("abm-treaty", "Мы поговорили про погоду."),
]


@pytest.mark.parametrize(("theme", "sentence"), POSITIVE)
def test_sentence_carries_its_theme(matcher, theme, sentence):
    assert theme in themes_in(matcher, sentence)


@pytest.mark.parametrize(("theme", "sentence"), NEAR_MISSES)
def test_near_miss_is_not_matched(matcher, theme, sentence):
    assert theme not in themes_in(matcher, sentence)


def test_every_required_theme_has_tests_in_three_languages():
    for theme in REQUIRED:
        sentences = [s for t, s in POSITIVE if t == theme]
        assert any(c.isascii() and c.isalpha() for s in sentences for c in s)
        assert any("\u0400" <= c <= "\u04ff" for s in sentences for c in s)
        assert any("\uac00" <= c <= "\ud7a3" for s in sentences for c in s)


def test_inflection_spelling_and_case(matcher):
    for text in ("MISSILE PROGRAMME", "missile programmes", "Missile Program", "missile-launch"):
        assert "missile-programme" in themes_in(matcher, text), text
    for text in ("missile defence", "missile defense", "anti-ballistic missile", "antiballistic missile", "anti ballistic missile"):
        assert "abm-treaty" in themes_in(matcher, text), text
    for text in ("суверенитета", "суверенитетом", "суверенные государства", "СУВЕРЕНИТЕТ"):
        assert "sovereignty" in themes_in(matcher, text), text


def test_nbsp_line_break_and_dashes_inside_a_phrase(matcher):
    for text in ("territorial\u00a0integrity", "territorial\nintegrity", "territorial \n integrity"):
        spans = matcher.match(text)
        assert [(s.theme, text[s.start : s.end]) for s in spans] == [("sovereignty", text)]
    for dash in ("-", "\u2013", "\u2014", " \u2014 ", "\u2011"):
        text = f"Khasan{dash}Rajin"
        assert ("railway-link", text) in {(s.theme, text[s.start : s.end]) for s in matcher.match(text)}


def test_spans_are_sorted_unique_and_exact():
    matcher = ThemeMatcher(load_themes())
    text = "Sovereignty 😀 and\u00a0the railway link; 철도 연결 e\u0301 missile programme. " * 3
    spans = matcher.match(text)
    order = {theme.id: number for number, theme in enumerate(load_themes())}
    assert spans == sorted(spans, key=lambda s: (s.start, s.end, order[s.theme]))
    assert len(spans) == len(set(spans))
    assert [text[s.start : s.end] for s in spans if s.theme == "railway-link"] == ["railway link", "철도 연결"] * 3
    assert all(isinstance(s, ThemeSpan) for s in spans)


def test_only_restricts_themes(matcher):
    text = "sovereignty and a railway link"
    assert {s.theme for s in matcher.match(text, only=["railway-link"])} == {"railway-link"}


def test_long_text_crosses_chunk_boundaries_without_losing_or_doubling_matches(matcher):
    unit = "filler words " * 37 + "the railway\u00a0link " + "더 많은 글 " * 11
    text = unit * 2000  # about 1.1 MB: many chunks, phrases at every offset relative to them
    spans = [s for s in matcher.match(text) if s.theme == "railway-link"]
    assert len(spans) == 2000
    assert {text[s.start : s.end] for s in spans} == {"railway\u00a0link"}


def test_invalid_pattern_is_explained():
    assert check_pattern("railway (link") is not None
    assert check_pattern("railway link") is None


AROUND = st.text(alphabet=st.sampled_from(list("ab ,.\n\u00a0\u0301😀철도ыё-–")), max_size=30)
PHRASES = [("sovereignty", "territorial integrity"), ("railway-link", "Trans-Siberian"), ("abm-treaty", "ABM Treaty"), ("missile-programme", "미사일")]


@settings(max_examples=300, deadline=None)
@given(AROUND, st.sampled_from(PHRASES), AROUND)
def test_offsets_slice_to_the_matched_text_whatever_surrounds_it(before, theme_and_phrase, after):
    theme, phrase = theme_and_phrase
    text = f"{before} {phrase} {after}"
    spans = MATCHER.match(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    start = len(before) + 1
    assert any(s.theme == theme and s.start <= start and s.end >= start + len(phrase) for s in spans)
    assert any(text[s.start : s.end].startswith(phrase[:3]) for s in spans if s.theme == theme)


MATCHER = ThemeMatcher(load_themes())


def test_a_theme_without_patterns_is_refused():
    from reader.core.themes import LexiconError

    with pytest.raises(LexiconError):
        ThemeMatcher([Theme("empty", "Empty", "", "#ffffff", "#000000", {}, {})])


def one_search_per_expression(themes, text: str) -> list[ThemeSpan]:
    """The matcher's result computed the plain, slow way: each expression searched over the whole
    text on its own (resuming at a match's end, or a byte on after a match inside a longer word),
    then excluded phrases and overlaps within a theme removed, then bytes counted as code points."""
    import re2
    import unicodedata

    from reader.core.matcher import _expressions, _options

    data = text.encode("utf-8", "surrogatepass")

    def word_char(char: str) -> bool:
        return bool(char) and (char.isalnum() or unicodedata.category(char).startswith("M"))

    def matches(expression: str | None, whole_words: bool) -> list[tuple[int, int]]:
        spans, position, regex = [], 0, expression and re2.compile(expression, _options())
        while regex and (found := regex.search(data, position)) is not None:
            start, end = found.span()
            before = data[max(start - 4, 0) : start].decode("utf-8", "ignore")[-1:]
            after = data[end : end + 4].decode("utf-8", "ignore")[:1]
            if whole_words and (word_char(before) or word_char(after)):
                position = start + 1
                continue
            spans.append((start, end))
            position = max(end, start + 1)
        return spans

    found = []
    for number, theme in enumerate(themes):
        bounded, unbounded = _expressions(dict(theme.patterns), theme.id, "patterns")
        excluded_bounded, excluded_unbounded = _expressions(dict(theme.exclude), theme.id, "exclude")
        excluded = matches(excluded_bounded, True) + matches(excluded_unbounded, False)
        kept: list[tuple[int, int]] = []
        for start, end in sorted(matches(bounded, True) + matches(unbounded, False)):
            if any(a <= start and end <= b for a, b in excluded) or any(a <= start < b for a, b in kept):
                continue
            kept.append((start, end))
            found.append((start, end, number))
    code_point = lambda offset: len(data[:offset].decode("utf-8", "surrogatepass"))  # noqa: E731
    return [ThemeSpan(themes[number].id, code_point(start), code_point(end)) for start, end, number in sorted(found)]


def test_one_scan_finds_exactly_what_one_search_per_expression_finds():
    """The matcher scans once for all expressions; nested, overlapping and excluded phrases, words
    glued to others and matches at either end of the text come out as separate searches find them."""
    from reader.core.corpus import Corpus

    corpus = Corpus.bundled()
    text = "\n\n".join(corpus.document(entry.id).text for entry in corpus)
    text += " anti-ballistic missile treaty and the DPRK-Russia Joint Declaration on the Trans-Korean railway" * 5
    text += " ballistic missile defence systems, antimissile rocketry, missile programme\u00a0tests. 미사일방어 탄도미사일 요격"
    text += " the ABM Treaty of Friendship; a xsatellite launch vehicle"  # a phrase inside another's, a word glued to one
    themes = load_themes()
    for sample in (text, "missile", "rocketry missile", "Россия: ракетку и ракету", text[:5000] + "미사일"):
        assert ThemeMatcher(themes).match(sample) == one_search_per_expression(themes, sample), sample[:40]


PIECES = ["missile", "ballistic missile defence", "anti-ballistic missile treaty", "rocketry", "satellite launch vehicle", "railway link", "Trans-Korean", "by rail to", "ABM Treaty", "treaty of friendship", "sovereign debt", "sovereignty", "ракету", "ракетку", "железной дороги", "미사일", "미사일 방어", "철도 연결", "철도역"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(PIECES), AROUND), st.sampled_from(["", " ", "\u00a0", "\n", "-", "x"])), max_size=12))
def test_one_scan_equals_separate_searches_on_any_mix_of_phrases(pieces):
    text = "".join(piece + glue for piece, glue in pieces)
    assert MATCHER.match(text) == one_search_per_expression(MATCHER.themes, text)


ASSERTING = [
    Theme("edges", "Edges", "", "#ffffff", "#000000", {"en": (r"cat\b", "dog"), "ko": (r"\bcat", r"^dog", r"fish$")}),
    Theme("inside", "Inside", "", "#ffffff", "#000000", {"ko": (r"\Bbird", "bird"), "en": ("fish",)}, {"ko": (r"\bconcat",)}),
]
ASSERTING_MATCHER = ThemeMatcher(ASSERTING)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["cat", "concat", "dog", "xdog", "fish", "fishy", "bird", "xbird", "고양이cat"]), st.sampled_from(["", " ", "\n", "-"])), max_size=10))
def test_user_patterns_with_assertions_see_what_surrounds_a_phrase(pieces):
    """\\b, ^ and $ in a user's pattern look at the whole text, as a search of that pattern alone would."""
    text = "".join(piece + glue for piece, glue in pieces)
    assert ASSERTING_MATCHER.match(text) == one_search_per_expression(ASSERTING, text)


def test_a_word_boundary_in_a_user_pattern_looks_outside_the_phrase():
    theme = Theme("cats", "Cats", "", "#ffffff", "#000000", {"ko": (r"\bcat",), "ru": ("concat",)})
    assert [(s.start, s.end) for s in ThemeMatcher([theme]).match("concat cat")] == [(0, 6), (7, 10)]


def test_groups_in_a_user_pattern_match_as_a_whole():
    """Users write RE2 groups such as "(missile|rocket) tests?"; only whole matches count."""
    theme = Theme("tests", "Tests", "", "#ffffff", "#000000", {"en": ("(missile|rocket) tests?",), "ko": ("(미사일)\\s*(시험)",)})
    text = "The rocket test and missile tests. 미사일 시험"
    spans = ThemeMatcher([theme]).match(text)
    assert [text[s.start : s.end] for s in spans] == ["rocket test", "missile tests", "미사일 시험"]
    assert spans == one_search_per_expression([theme], text)
