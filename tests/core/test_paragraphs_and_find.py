"""Paragraph map and literal find in core."""

from hypothesis import given, strategies as st

from reader.core.paragraphs import Paragraphs
from reader.core.search import find_all

TEXT = "Title\n\nFirst para line one\nline two\n\n\nSecond para\n\nThird"


def test_paragraphs_map_lines_and_blank_runs():
    paragraphs = Paragraphs.of(TEXT)
    assert paragraphs.count == 4
    assert paragraphs.first_lines == (0, 2, 6, 8)
    assert [paragraphs.paragraph_of_line(n) for n in range(9)] == [0, 0, 1, 1, 1, 1, 2, 2, 3]
    assert paragraphs.paragraph_of_line(99) == 3
    assert paragraphs.first_line_of(2) == 6
    assert paragraphs.first_line_of(99) == 8


def test_empty_text_has_one_paragraph():
    assert Paragraphs.of("").count == 1
    assert Paragraphs.of("\n \n").count == 1


def test_leading_blank_lines_belong_to_the_first_paragraph():
    paragraphs = Paragraphs.of("\n\u00a0\nFirst\n\nSecond")
    assert paragraphs.first_lines == (2, 4)
    assert paragraphs.paragraph_of_line(0) == 0


def reference_first_lines(text: str) -> tuple[int, ...]:
    """The definition, line by line: a non-blank line after a blank line (or the start) opens a paragraph."""
    starts, previous_blank = [], True
    for number, line in enumerate(text.split("\n")):
        blank = not line.strip()
        if not blank and previous_blank:
            starts.append(number)
        previous_blank = blank
    return tuple(starts) or (0,)


@given(st.lists(st.sampled_from(["", " ", "\u00a0", "\t", "word", "two words", "ё", "철도", "😀"]), max_size=40))
def test_fast_paragraph_map_agrees_with_the_definition(lines):
    text = "\n".join(lines)
    paragraphs = Paragraphs.of(text)
    assert paragraphs.first_lines == reference_first_lines(text)
    assert paragraphs.line_count == len(lines) or (not lines and paragraphs.line_count == 1)


def test_find_treats_nbsp_as_space_and_ignores_case():
    text = "The\u00a0two leaders talked in\u00a0a\u00a0restricted format."
    assert find_all(text, "the two") == [(0, 7)]
    hits = find_all(text, "in a restricted")
    assert [text[s:e] for s, e in hits] == ["in\u00a0a\u00a0restricted"]


def test_find_matches_curly_quotes_and_dashes():
    text = "Pyongyang\u2019s stance on Khasan\u2013Rajin"
    assert [text[s:e] for s, e in find_all(text, "Pyongyang's")] == ["Pyongyang\u2019s"]
    assert [text[s:e] for s, e in find_all(text, "khasan-rajin")] == ["Khasan\u2013Rajin"]


def test_find_cyrillic_and_hangul_case_insensitively():
    assert find_all("Железная ДОРОГА и железная дорога", "железная дорога") == [(0, 15), (18, 33)]
    assert find_all("철도 연결 사업과 철도", "철도") == [(0, 2), (10, 12)]


def test_blank_query_finds_nothing():
    assert find_all("anything", "   ") == []
