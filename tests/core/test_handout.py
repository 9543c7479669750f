"""Lesson handouts as HTML: content, grouping, highlights, escaping, and no external resources."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser

import pytest

from reader.core.annotations import Annotation, AnnotationSet, Lesson, Tag
from reader.core.colors import contrast_ratio
from reader.core.corpus import Corpus, Document, DocumentMetadata
from reader.core.handout import (
    UNKNOWN_DOCUMENT_TITLE,
    HandoutColumn,
    HandoutHighlight,
    build_handout,
    corpus_lookup,
    handout_html,
    paper_color,
    segments,
)
from reader.core.lessons import new_passage
from reader.core.matcher import ThemeMatcher
from reader.core.slides import source_line
from reader.core.themes import load_themes

VOID_ELEMENTS = {"br", "meta"}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


@pytest.fixture(scope="module")
def themes():
    return load_themes()


def span(text: str, first: str, last: str) -> tuple[int, int]:
    """Offsets of the text from `first` to the end of `last`."""
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def kremlin_railway(corpus: Corpus, caption: str = "Putin offers a railway"):
    document = corpus.document("kremlin-2000-07-19")
    start, end = span(document.text, "There are also infrastructure", "via a\xa0railway to\xa0Europe.")
    return new_passage(document.iri, document.text, start, end, caption)


def dprk_anniversary(corpus: Corpus, caption: str = "The DPRK account"):
    document = corpus.document("dprk-2020-07-19")
    start, end = span(document.text, "July 19 is a significant day", "Joint Declaration.")
    return new_passage(document.iri, document.text, start, end, caption)


def visible(html: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, white space collapsed."""
    body = re.sub(r"<style>.*?</style>|<title>.*?</title>|</?(?:mark|span)\b[^>]*>", "", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def squeeze(text: str) -> str:
    return " ".join(text.split())


def rows(html: str) -> list[str]:
    """The visible text of each handout row (a side-by-side table or a single passage)."""
    return [visible(row) for row in re.findall(r'<table class="row".*?</table>|<div class="passage">.*?</div>', html, flags=re.S)]


class NestingChecker(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()


def assert_well_formed(html: str) -> None:
    checker = NestingChecker()
    checker.feed(html)
    checker.close()
    assert checker.open == []


def test_the_handout_holds_every_passage_with_its_title_source_and_caption(corpus, themes):
    passages = (kremlin_railway(corpus), dprk_anniversary(corpus), replace(kremlin_railway(corpus, "Again, alone"), id="third"))
    lesson = Lesson("urn:uuid:lesson", "Summit of 2000", passages)
    groups = build_handout(lesson, corpus_lookup(corpus), themes)
    html = handout_html(lesson.name, groups, side_by_side=True)
    seen = visible(html)
    assert "Summit of 2000" in seen and "<title>Summit of 2000</title>" in html
    for passage in passages:
        document = corpus.document(passage.document.removeprefix("urn:parallel-reader:doc:"))
        assert squeeze(document.text[passage.start : passage.end]) in seen
        assert squeeze(document.title) in seen
        assert squeeze(source_line(document.title, document.metadata)) in seen
        assert passage.caption in seen
    assert "19 July 2000" in seen and "Russian official" in seen and "DPRK official" in seen
    assert '<meta charset="utf-8">' in html and html.startswith("<!DOCTYPE html>") and '<p class="text" lang="en">' in html
    assert_well_formed(html)


def test_passages_from_two_documents_share_a_row_side_by_side_and_not_otherwise(corpus):
    passages = (kremlin_railway(corpus), dprk_anniversary(corpus), replace(kremlin_railway(corpus, "Again, alone"), id="third"))
    lesson = Lesson("urn:uuid:lesson", "Summit of 2000", passages)
    paired = build_handout(lesson, corpus_lookup(corpus))
    assert [len(group) for group in paired] == [2, 1]
    found = rows(handout_html(lesson.name, paired, side_by_side=True))
    assert len(found) == 2
    assert "Putin offers a railway" in found[0] and "The DPRK account" in found[0]
    assert "Again, alone" in found[1] and "The DPRK account" not in found[1]

    single = build_handout(lesson, corpus_lookup(corpus), side_by_side=False)
    found = rows(handout_html(lesson.name, single, side_by_side=False))
    assert [len(group) for group in single] == [1, 1, 1] and len(found) == 3
    assert "<table" not in handout_html(lesson.name, single, side_by_side=False)


def test_theme_highlights_mark_exactly_the_matched_words(corpus, themes):
    passage = kremlin_railway(corpus)
    (group,) = build_handout(Lesson("l", "Railways", (passage,)), corpus_lookup(corpus), themes)
    column = group[0]
    html = handout_html("Railways", [group])
    marked = re.findall(r'<mark [^>]*title="Railway link">(.*?)</mark>', html)
    assert marked == ["build a\xa0railway", "via a\xa0railway to"]
    expected = [column.text[s.start : s.end] for s in ThemeMatcher(themes).match(column.text) if s.theme == "railway-link"]
    assert marked == expected
    for background, text in re.findall(r'<mark [^>]*style="background-color: (#[0-9a-f]{6}); color: (#[0-9a-f]{6});"', html):
        assert contrast_ratio(background, text) >= 4.5
    assert "Railway link" in visible(html.split("Key to the highlights")[1]), "the key names every highlight"


def test_no_themes_means_no_theme_highlights(corpus):
    (group,) = build_handout(Lesson("l", "Railways", (kremlin_railway(corpus),)), corpus_lookup(corpus), None)
    html = handout_html("Railways", [group])
    assert group[0].highlights == () and "<mark" not in html and "Key to the highlights" not in html


def test_tags_of_overlapping_annotations_are_clipped_to_the_passage(corpus):
    passage = kremlin_railway(corpus)
    document = corpus.document("kremlin-2000-07-19")
    tag = Tag("urn:uuid:tag", "Infrastructure", "#1b9e77")
    def tagged(annotation_id: str, start: int, end: int, exact: str | None = None) -> Annotation:
        return Annotation(annotation_id, document.iri, start, end, document.text[start:end] if exact is None else exact, tags=(tag.id,))

    starts_before = tagged("urn:uuid:a", passage.start - 20, passage.start + 9)
    elsewhere = tagged("urn:uuid:b", 0, 10)
    stale = tagged("urn:uuid:c", passage.start, passage.start + 30, exact="words from an older version of the text")
    content = AnnotationSet(codebook=(tag,), annotations=(starts_before, elsewhere, stale))
    (group,) = build_handout(Lesson("l", "Tags", (passage,)), corpus_lookup(corpus), None, content)
    (highlight,) = group[0].highlights
    assert (highlight.start, highlight.end, highlight.label, highlight.kind) == (0, 9, "Infrastructure", "tag")
    assert contrast_ratio(highlight.color, "#000000") >= 4.5
    assert re.search(r'<mark class="tag" [^>]*title="Infrastructure">There are</mark>', handout_html("Tags", [group]))


def test_overlapping_highlights_nest_well_and_name_every_label():
    text = "railway line to Europe"
    column = HandoutColumn(
        text,
        "T",
        "S",
        highlights=(
            HandoutHighlight(0, 12, "#c9e4ff", "Railway link"),
            HandoutHighlight(8, 22, "#ffe0b8", "Routes", "tag"),
            HandoutHighlight(16, 22, "#d5f5c9", "Europe"),
        ),
    )
    cut = [(piece, [h.label for h in covering]) for piece, covering in segments(text, column.highlights)]
    assert cut == [("railway ", ["Railway link"]), ("line", ["Railway link", "Routes"]), (" to ", ["Routes"]), ("Europe", ["Europe", "Routes"])]
    html = handout_html("Overlaps", [[column]])
    assert_well_formed(html)
    assert '<mark class="tag" style="background-color: #c9e4ff; color: #000000;" title="Railway link, Routes">line</mark>' in html
    assert '<mark class="tag" style="background-color: #d5f5c9; color: #000000;" title="Europe, Routes">Europe</mark>' in html
    assert "railway line to Europe" in visible(html)


def test_markup_in_captions_tags_titles_and_the_lesson_name_is_shown_as_text(corpus):
    hostile = "<script>alert('x')</script>"
    passage = kremlin_railway(corpus, caption=f"Caption {hostile}")
    document = corpus.document("kremlin-2000-07-19")
    tag = Tag("urn:uuid:tag", f"Tag {hostile}", "#d95f02")
    annotation = Annotation("urn:uuid:a", document.iri, passage.start, passage.start + 9, passage.exact[:9], tags=(tag.id,))
    strange = Document("strange", f"Title <b>{hostile}</b>", "A & B <i>not italic</i>", DocumentMetadata(outlet="Outlet & <u>co</u>"))
    odd = new_passage(strange.iri, strange.text, 0, len(strange.text))
    lesson = Lesson("l", f"Lesson {hostile}", (passage, odd))
    groups = build_handout(lesson, corpus_lookup(corpus, [strange]), None, AnnotationSet(codebook=(tag,), annotations=(annotation,)))
    for qt_rich_text in (False, True):
        html = handout_html(lesson.name, groups, qt_rich_text=qt_rich_text)
        assert "<script" not in html.lower() and "<b>" not in html and "<i>" not in html and "<u>" not in html
        seen = visible(html)
        for shown in (f"Caption {hostile}", f"Tag {hostile}", f"Lesson {hostile}", f"Title <b>{hostile}</b>", "A & B <i>not italic</i>", "Outlet & <u>co</u>"):
            assert shown in seen
        assert f'title="Tag {hostile}"'.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#x27;") in html


def test_a_passage_whose_document_is_missing_still_appears_with_its_quote(corpus):
    missing = new_passage("urn:parallel-reader:doc:gone", "The quote the file kept.", 0, 24, "Still here")
    lesson = Lesson("l", "Lost", (kremlin_railway(corpus), missing))
    groups = build_handout(lesson, corpus_lookup(corpus))
    column = groups[0][1]
    assert (column.text, column.title, column.caption) == ("The quote the file kept.", UNKNOWN_DOCUMENT_TITLE, "Still here")
    seen = visible(handout_html(lesson.name, groups))
    assert "Unknown document" in seen and "The quote the file kept." in seen and "Still here" in seen


def test_a_passage_in_a_changed_text_is_found_again_by_its_quote(corpus):
    passage = kremlin_railway(corpus)
    document = corpus.document("kremlin-2000-07-19")
    edited = replace(document, text="A new preface was added.\n\n" + document.text)
    (group,) = build_handout(Lesson("l", "Moved", (passage,)), corpus_lookup(None, [edited]))
    assert group[0].text == passage.exact


def test_the_file_is_self_contained(corpus, themes):
    lesson = Lesson("l", "Summit of 2000", (kremlin_railway(corpus), dprk_anniversary(corpus)))
    for qt_rich_text in (False, True):
        html = handout_html(lesson.name, build_handout(lesson, corpus_lookup(corpus), themes), qt_rich_text=qt_rich_text)
        assert not re.search(r"\b(src|href)\s*=", html, flags=re.I)
        assert "<script" not in html.lower() and "<link" not in html.lower() and "<img" not in html.lower()
        assert "url(" not in html and "@import" not in html and "http://" not in html and "https://" not in html


def test_the_qt_variant_uses_only_what_qt_rich_text_knows(corpus, themes):
    lesson = Lesson("l", "Summit of 2000", (kremlin_railway(corpus), dprk_anniversary(corpus), replace(kremlin_railway(corpus), id="x")))
    html = handout_html(lesson.name, build_handout(lesson, corpus_lookup(corpus), themes), qt_rich_text=True)
    railway = next(theme for theme in themes if theme.id == "railway-link").color_light
    assert "<mark" not in html and f'<span style="background-color: {railway}; color: #000000;" title="Railway link">' in html
    assert "display:" not in html and "grid" not in html and "flex" not in html
    assert len(rows(html)) == 2, "every row, single passages too, is a table the PDF can keep together"
    assert_well_formed(html)


@pytest.mark.parametrize("color", ["#000000", "#1b9e77", "#d95f02", "#7570b3", "#ffff00", "#777777"])
def test_paper_colours_keep_text_readable(color):
    for tint in (1.0, 0.3):
        background = paper_color(color, tint)
        assert max(contrast_ratio(background, "#000000"), contrast_ratio(background, "#ffffff")) >= 4.5
