"""Lesson handouts: the passages of a lesson with their sources, captions and highlights, as one HTML file.

Passages are grouped exactly as slides group them (`group_passages`), so a class gets on paper
what it saw on the screen. The HTML is self-contained (inline CSS, no scripts, no external
resources) and, with `qt_rich_text=True`, keeps to what a QTextDocument can render, which
is how the PDF handout is made. Everything that comes from documents, captions, tags or the
lesson name is escaped: it is always shown as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from reader.core.anchoring import place
from reader.core.annotations import AnnotationSet, Lesson, Passage
from reader.core.colors import contrast_ratio, hex_to_rgb, readable_text_on
from reader.core.corpus import DOC_IRI_PREFIX, Corpus, Document
from reader.core.errors import ReaderError
from reader.core.importers import document_from_file
from reader.core.slides import group_passages, source_line
from reader.core.themes import Theme

if TYPE_CHECKING:  # RE2 is loaded only when a handout is built (on a worker), not at start-up
    from reader.core.matcher import ThemeMatcher

UNKNOWN_DOCUMENT_TITLE = "Unknown document"
MIN_CONTRAST = 4.5  # WCAG AA for body text
TAG_TINT = 0.3  # how much of a tag's colour shows over white paper (the reading view tints alike)

DocumentLookup = Callable[[str], "Document | None"]


@dataclass(frozen=True)
class HandoutHighlight:
    """A theme or tag on [start, end) of a column's text (code points), with its colour and name."""

    start: int
    end: int
    color: str  # the background on paper, `#rrggbb`, light enough for dark text
    label: str  # the theme's label or the tag's name
    kind: str = "theme"  # "theme" or "tag"


@dataclass(frozen=True)
class HandoutColumn:
    """One passage as printed: its text, where it comes from, its caption and its highlights."""

    text: str
    title: str
    source: str
    caption: str = ""
    highlights: tuple[HandoutHighlight, ...] = ()
    language: str = ""  # of the text, e.g. "ru" (marked in the HTML, so browsers pick fitting fonts)


def corpus_lookup(corpus: Corpus | None = None, documents: Iterable[Document] = (), recorded: Iterable[dict] = ()) -> DocumentLookup:
    """A lookup of documents by IRI: the given documents, then the corpus, then files the annotation file recorded."""
    known = {document.iri: document for document in documents}
    paths = {entry.get("id"): entry.get("path") for entry in recorded}

    def lookup(iri: str) -> Document | None:
        if iri in known:
            return known[iri]
        doc_id = iri[len(DOC_IRI_PREFIX) :] if iri.startswith(DOC_IRI_PREFIX) else None
        try:
            if corpus is not None and doc_id is not None and doc_id in corpus:
                known[iri] = corpus.document(doc_id)
            elif paths.get(iri):
                known[iri] = document_from_file(Path(paths[iri]))
        except (ReaderError, OSError):
            return None  # unreadable now: the passage's own quote is used
        return known.get(iri)

    return lookup


def paper_color(color: str, tint: float = 1.0) -> str:
    """`color` mixed with white (`tint` 1 = unchanged), lightened further if black or white text on it would fall below 4.5:1."""
    red, green, blue = hex_to_rgb(color)
    while True:
        mixed = "#{:02x}{:02x}{:02x}".format(*(round(255 - (255 - c) * tint) for c in (red, green, blue)))
        if contrast_ratio(mixed, readable_text_on(mixed)) >= MIN_CONTRAST or tint <= 0:
            return mixed
        tint = max(tint - 0.1, 0.0)


def build_handout(
    lesson: Lesson,
    lookup: DocumentLookup,
    themes: Sequence[Theme] | None = None,
    annotations: AnnotationSet | None = None,
    side_by_side: bool = True,
    matcher: ThemeMatcher | None = None,
) -> list[list[HandoutColumn]]:
    """The lesson's passages as handout rows of one or two columns, grouped as the slides are.

    Theme highlights are those of `themes`, found with `matcher` when one is already compiled
    for a lexicon holding them (compiling RE2 costs ~150 ms), else with one compiled here.
    """
    if themes and matcher is None:
        from reader.core.matcher import ThemeMatcher

        matcher = ThemeMatcher(themes)
    shown = {theme.id: theme for theme in themes} if themes else {}
    return [
        [_column(passage, lookup(passage.document), matcher if shown else None, shown, annotations) for passage in group]
        for group in group_passages(lesson.passages, side_by_side)
    ]


def _column(passage: Passage, document: Document | None, matcher: ThemeMatcher | None, shown: dict[str, Theme], annotations: AnnotationSet | None) -> HandoutColumn:
    if document is None:
        doc_id = passage.document.removeprefix(DOC_IRI_PREFIX)
        return HandoutColumn(passage.exact, UNKNOWN_DOCUMENT_TITLE, doc_id, passage.caption, _theme_highlights(passage.exact, matcher, shown))
    where = place(document.text, passage.as_annotation())
    source = source_line(document.title, document.metadata)
    if where is None:  # the quote is gone from a changed text: print what was chosen, without tags
        return HandoutColumn(passage.exact, document.title, source, passage.caption, _theme_highlights(passage.exact, matcher, shown), document.metadata.language)
    text = document.text[where.start : where.end]
    highlights = _theme_highlights(text, matcher, shown) + _tag_highlights(document, where.start, where.end, annotations)
    return HandoutColumn(text, document.title, source, passage.caption, highlights, document.metadata.language)


def _theme_highlights(text: str, matcher: ThemeMatcher | None, shown: dict[str, Theme]) -> tuple[HandoutHighlight, ...]:
    if matcher is None:
        return ()
    return tuple(
        HandoutHighlight(s.start, s.end, paper_color(shown[s.theme].color_light), shown[s.theme].label) for s in matcher.match(text) if s.theme in shown
    )


def _tag_highlights(document: Document, start: int, end: int, annotations: AnnotationSet | None) -> tuple[HandoutHighlight, ...]:
    if annotations is None:
        return ()
    tags = {tag.id: tag for tag in annotations.codebook}
    found = []
    for annotation in annotations.overlapping(document.iri, start, end):
        if document.text[annotation.start : annotation.end] != annotation.exact:
            continue  # not re-anchored to this version of the text: its offsets would tag the wrong words
        for tag_id in annotation.tags:
            if tag_id in tags:
                tag = tags[tag_id]
                clipped = (max(annotation.start, start) - start, min(annotation.end, end) - start)
                found.append(HandoutHighlight(*clipped, paper_color(tag.color, TAG_TINT), tag.name, "tag"))
    return tuple(sorted(found, key=lambda h: (h.start, h.end)))


def segments(text: str, highlights: Sequence[HandoutHighlight]) -> list[tuple[str, list[HandoutHighlight]]]:
    """`text` cut at every highlight boundary: (piece, the highlights covering it, themes before tags, each earliest first).

    A piece is drawn in the colour of its first highlight, so a theme inside a tagged span keeps
    its colour on paper; tags are underlined as well, so they stay visible under a theme.
    """
    ordered = sorted((h for h in highlights if 0 <= h.start < h.end <= len(text)), key=lambda h: (h.kind != "theme", h.start, -h.end))
    bounds = sorted({0, len(text), *(h.start for h in ordered), *(h.end for h in ordered)})
    return [(text[a:b], [h for h in ordered if h.start <= a and b <= h.end]) for a, b in zip(bounds, bounds[1:]) if b > a]


# Font sizes in pt, lengths in px: Qt's rich text reads only px for margins and padding (1px = 1/96 inch).
_CSS_SHARED = """
body { font-family: "DejaVu Serif", "Noto Serif", Georgia, serif; font-size: 11pt; color: #000000; background-color: #ffffff; }
.lesson { font-size: 18pt; font-weight: bold; margin: 0px 0px 2px 0px; }
.count { color: #444444; font-size: 9.5pt; margin: 0px 0px 14px 0px; }
.title { font-size: 12.5pt; font-weight: bold; margin: 0px 0px 2px 0px; }
.source { color: #444444; font-size: 9pt; margin: 0px 0px 4px 0px; }
.caption { font-style: italic; margin: 0px 0px 6px 0px; }
.text { margin: 0px; line-height: 135%; }
.tag { text-decoration: underline; }
.key-title { font-size: 12pt; font-weight: bold; margin: 8px 0px 4px 0px; }
table.key td { padding: 2px 10px 2px 0px; vertical-align: middle; }
"""
_CSS_BROWSER = """
body { max-width: 62em; margin: 0 auto; padding: 24px; }
table.row { border-collapse: collapse; width: 100%; margin: 0px 0px 22px 0px; }
td.left { vertical-align: top; padding: 0px 14px 0px 0px; }
td.right { vertical-align: top; padding: 0px 0px 0px 14px; border-left: 1px solid #999999; }
div.passage { margin: 0px 0px 22px 0px; }
.swatch { border: 1px solid #666666; }
@media print { table.row, div.passage { break-inside: avoid; } body { padding: 0; } }
"""
_CSS_QT = """
table.row, table.key { margin-top: 16px; }
td.left { padding: 0px 12px 6px 0px; }
td.right { padding: 0px 0px 6px 12px; }
td.single { padding: 0px 0px 6px 0px; }
"""


def handout_html(lesson_name: str, groups: Sequence[Sequence[HandoutColumn]], side_by_side: bool = True, qt_rich_text: bool = False) -> str:
    """One self-contained HTML5 handout; `qt_rich_text` keeps to what QTextDocument renders (for the PDF)."""
    name = escape(lesson_name)
    count = sum(len(group) for group in groups)
    css = _CSS_SHARED + (_CSS_QT if qt_rich_text else _CSS_BROWSER)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{name}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        f'<{"p" if qt_rich_text else "h1"} class="lesson">{name}</{"p" if qt_rich_text else "h1"}>',
        f'<p class="count">{count} passage{"" if count == 1 else "s"}</p>',
    ]
    # Qt: every row is a table, so the PDF can move a whole row to the next page.
    table = '<table class="row" width="100%" cellspacing="0" cellpadding="0">'
    for group in groups:
        if side_by_side and len(group) == 2:
            left, right = (_passage(column, qt_rich_text) for column in group)
            parts.append(f'{table}<tr><td class="left" width="50%" valign="top">{left}</td><td class="right" width="50%" valign="top">{right}</td></tr></table>')
        elif qt_rich_text:
            parts.extend(f'{table}<tr><td class="single">{_passage(column, True)}</td></tr></table>' for column in group)
        else:
            parts.extend(f'<div class="passage">{_passage(column, False)}</div>' for column in group)
    parts.extend(_legend(groups, qt_rich_text))
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)


def _passage(column: HandoutColumn, qt_rich_text: bool) -> str:
    heading = "p" if qt_rich_text else "h2"  # Qt enlarges headings beyond their CSS size
    pieces = [f'<{heading} class="title">{escape(column.title)}</{heading}>']
    if column.source:
        pieces.append(f'<p class="source">{escape(column.source)}</p>')
    if column.caption:
        pieces.append(f'<p class="caption">{_lines(column.caption)}</p>')
    language = f' lang="{escape(column.language)}"' if column.language else ""
    pieces.append(f'<p class="text"{language}>{_marked_text(column, qt_rich_text)}</p>')
    return "".join(pieces)


def _lines(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return escape(text).replace("\n", "<br>")


def _marked_text(column: HandoutColumn, qt_rich_text: bool) -> str:
    element = "span" if qt_rich_text else "mark"  # Qt's rich text has no <mark>
    out = []
    for piece, covering in segments(column.text, column.highlights):
        if not covering:
            out.append(_lines(piece))
            continue
        first = covering[0]
        labels = ", ".join(dict.fromkeys(h.label for h in covering))
        kind = ' class="tag"' if any(h.kind == "tag" for h in covering) else ""
        style = f"background-color: {first.color}; color: {readable_text_on(first.color)};"
        out.append(f'<{element}{kind} style="{style}" title="{escape(labels)}">{_lines(piece)}</{element}>')
    return "".join(out)


def _legend(groups: Sequence[Sequence[HandoutColumn]], qt_rich_text: bool) -> list[str]:
    """A key naming every theme and tag used, beside its colour: the colours never carry meaning alone."""
    used: dict[tuple[str, str, str], None] = {}
    for group in groups:
        for column in group:
            for item in sorted(column.highlights, key=lambda h: h.start):
                used[(item.kind, item.label, item.color)] = None
    if not used:
        return []
    rows = []
    for kind, label, color in sorted(used, key=lambda key: key[0] != "theme"):  # themes first, each in order of first use
        swatch = f'<span class="swatch" style="background-color: {color};">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        rows.append(f"<tr><td>{swatch}</td><td>{escape(label)}</td><td>{'theme' if kind == 'theme' else 'tag (underlined)'}</td></tr>")
    title = "Key to the highlights"
    if qt_rich_text:  # the heading inside the table, so the PDF keeps them on one page
        return [f'<table class="key" cellspacing="0" cellpadding="0"><tr><td colspan="3"><p class="key-title">{title}</p></td></tr>{"".join(rows)}</table>']
    return [f'<h2 class="key-title">{title}</h2>', f'<table class="key">{"".join(rows)}</table>']
