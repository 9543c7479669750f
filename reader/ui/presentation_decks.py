"""What a presentation shows: a lesson's passages, or the open panes paragraph by paragraph.

Decks are built from core data only (texts, theme spans, annotations), so the lesson deck,
which may read documents and match themes, is built on a worker thread.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Callable, Sequence

from reader.core.annotations import AnnotationSet, Lesson
from reader.core.colors import mix
from reader.core.corpus import DOC_IRI_PREFIX, Document
from reader.core.paragraphs import paragraph_spans
from reader.core.slides import group_passages, source_line
from reader.core.themes import Theme
from reader.ui.presentation import Mark, SlideColumn

if TYPE_CHECKING:
    from reader.core.matcher import ThemeSpan

Deck = Callable[[int], list[SlideColumn]]


def theme_marks(spans: Sequence[ThemeSpan], themes: Sequence[Theme], visible: set[str], start: int, end: int) -> tuple[Mark, ...]:
    """Theme spans overlapping [start, end), shifted to start there and clipped to it."""
    by_id = {theme.id: theme for theme in themes}
    marks = []
    for span in spans:
        theme = by_id.get(span.theme)
        if theme is None or span.theme not in visible or span.end <= start or span.start >= end:
            continue
        marks.append(Mark(max(span.start, start) - start, min(span.end, end) - start, theme.label, theme.color_light, theme.color_dark))
    return tuple(marks)


def tag_marks(content: AnnotationSet, document_iri: str, start: int, end: int) -> tuple[Mark, ...]:
    """Annotations of the document overlapping [start, end), as marks in their first tag's colour."""
    tags = {tag.id: tag for tag in content.codebook}
    marks = []
    for annotation in content.overlapping(document_iri, start, end):
        names = [tags[t].name for t in annotation.tags if t in tags] or ["Note"]
        colour = tags[annotation.tags[0]].color if annotation.tags and annotation.tags[0] in tags else "#808080"
        marks.append(Mark(max(annotation.start, start) - start, min(annotation.end, end) - start, ", ".join(names), colour, mix(colour, "#ffffff", 0.45)))
    return tuple(marks)


def lesson_deck(
    lesson: Lesson,
    content: AnnotationSet,
    documents: Callable[[str], Document | None],
    match: Callable[[str], list[ThemeSpan]] | None,
    themes: Sequence[Theme],
    visible: set[str],
    side_by_side: bool = True,
) -> list[list[SlideColumn]]:
    """The lesson's slides: one passage, or two from different documents, per slide (runs on a worker)."""
    deck = []
    for group in group_passages(lesson.passages, side_by_side):
        columns = []
        for passage in group:
            document = documents(passage.document)
            if document is not None and document.text[passage.start : passage.end] == passage.exact:
                source = source_line(document.title, document.metadata)
            else:  # the document is gone or changed: the quote the lesson kept is shown
                source = (document.title if document is not None else passage.document.removeprefix(DOC_IRI_PREFIX)) + " (as quoted in the lesson)"
            text = passage.exact
            spans = match(text) if match is not None else []
            columns.append(
                SlideColumn(
                    text, source, passage.caption, theme_marks(spans, themes, visible, 0, len(text)),
                    tag_marks(content, passage.document, passage.start, passage.end),
                )
            )
        deck.append(columns)
    return deck


class PanesDeck:
    """The open panes as slides: slide k shows paragraph (first + k) of every pane, side by side."""

    def __init__(
        self,
        documents: Sequence[Document],
        theme_spans: Sequence[Sequence[ThemeSpan]],
        content: AnnotationSet,
        themes: Sequence[Theme],
        visible: set[str],
        first_paragraph: int = 0,
    ) -> None:
        self._documents = list(documents)
        self._spans = [list(spans) for spans in theme_spans]
        self._span_starts = [[span.start for span in spans] for spans in self._spans]
        self._paragraphs = [paragraph_spans(document.text) for document in self._documents]
        self._content, self._themes, self._visible = content, list(themes), visible
        self.first = max(0, first_paragraph)
        longest = max((len(spans) for spans in self._paragraphs), default=0)
        self.first = min(self.first, max(longest - 1, 0))
        self.count = max(longest - self.first, 0)

    def paragraph(self, slide: int) -> int:
        """The paragraph number a slide shows."""
        return self.first + slide

    def __call__(self, slide: int) -> list[SlideColumn]:
        number = self.first + slide
        columns = []
        for index, document in enumerate(self._documents):
            spans = self._paragraphs[index]
            source = source_line(document.title, document.metadata)
            if number >= len(spans):
                columns.append(SlideColumn("", f"{source} · (end of the text)"))
                continue
            start, end = spans[number]
            nearby = self._spans[index][max(bisect_left(self._span_starts[index], start) - 64, 0) : bisect_left(self._span_starts[index], end)]
            columns.append(
                SlideColumn(
                    document.text[start:end], f"{source} · paragraph {number + 1}", "",
                    theme_marks(nearby, self._themes, self._visible, start, end),
                    tag_marks(self._content, document.iri, start, end),
                )
            )
        return columns
