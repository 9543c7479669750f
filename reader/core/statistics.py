"""Counts of themes and tags per document and per perspective, their co-occurrence, and CSV export.

A *label* is a theme or a codebook tag. A theme counts once per match; a tag once per
annotation carrying it (an annotation listing a tag twice counts once). Per-1000 values
divide by words as `segmentation.count_words` counts them; for a perspective, the total
occurrences over its documents divided by their total words, times 1000. Co-occurrence
counts the sentences (`segmentation.sentence_spans`) in which both labels occur; a span
occurs in every sentence it overlaps, and the diagonal holds the sentences a label occurs in.

The count CSV names documents by id and perspectives by slug (stable keys for joining with
the manifest); per-1000 values have two decimals. Both CSVs are UTF-8 without a byte-order
mark, quoted by the csv module as RFC 4180 asks, with CRLF line ends.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from reader.core.annotations import AnnotationSet
from reader.core.corpus import Corpus, Document, perspective_label
from reader.core.segmentation import SpanIndex, count_words, sentence_spans, word_spans
from reader.core.themes import Theme
from reader.core.durable import write_atomically

if TYPE_CHECKING:  # RE2 loads with the matcher, when themes are first matched, not at start-up
    from reader.core.matcher import ThemeMatcher, ThemeSpan

__all__ = [
    "Label", "LabelSpan", "Occurrences", "CountRow", "CountTable", "Matrix",
    "gather", "corpus_documents", "label_names", "count_table", "cooccurrence", "counts_csv", "cooccurrence_csv",
    "write_csv", "count_words", "word_spans", "sentence_spans",
]

THEME = "theme"
TAG = "tag"
DOCUMENT = "document"
PERSPECTIVE = "perspective"


@dataclass(frozen=True)
class Label:
    """A theme or a tag as a column of the statistics: its kind, id, display name and colour."""

    kind: str  # THEME or TAG
    id: str  # theme id, or tag IRI
    name: str
    color: str = ""


@dataclass(frozen=True)
class LabelSpan:
    """One occurrence of a label in a document: [start, end) in code points."""

    label: int  # index into Occurrences.labels
    start: int
    end: int


@dataclass(frozen=True)
class Occurrences:
    """The documents counted, the labels, and each document's label spans (sorted)."""

    documents: tuple[Document, ...]
    labels: tuple[Label, ...]
    spans: tuple[tuple[LabelSpan, ...], ...]  # one tuple per document


@dataclass(frozen=True)
class Matrix:
    """Numbers with row and column labels: what a Qt table model or a bar chart shows directly."""

    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]  # values[row][column]
    row_keys: tuple[str, ...] = ()  # ids behind the row labels (document ids, perspective slugs, label ids)
    column_keys: tuple[str, ...] = ()

    def value(self, row: int, column: int) -> float:
        """The number at (row, column)."""
        return self.values[row][column]

    def column(self, column: int) -> tuple[float, ...]:
        """One column, top to bottom (a bar set when the bars are the rows)."""
        return tuple(row[column] for row in self.values)

    @property
    def maximum(self) -> float:
        """Largest value (0 when empty): the top of a chart's value axis."""
        return max((value for row in self.values for value in row), default=0)


@dataclass(frozen=True)
class CountRow:
    """Words and label counts of one document or one perspective."""

    scope: str  # DOCUMENT or PERSPECTIVE
    key: str  # document id, or perspective slug
    name: str  # document title, or perspective label
    words: int
    counts: tuple[int, ...]  # one per label

    @property
    def per_thousand(self) -> tuple[float, ...]:
        """Counts per 1000 words (0 for a text without words)."""
        return tuple(count * 1000 / self.words if self.words else 0.0 for count in self.counts)


@dataclass(frozen=True)
class CountTable:
    """Counts of every label per document and per perspective."""

    labels: tuple[Label, ...]
    documents: tuple[CountRow, ...]
    perspectives: tuple[CountRow, ...]

    @property
    def rows(self) -> tuple[CountRow, ...]:
        """Document rows, then perspective rows (the order of the CSV)."""
        return self.documents + self.perspectives

    def header(self) -> list[str]:
        """Column names of `records`: scope, name, words, then raw and per 1000 for each label."""
        names = label_names(self.labels)
        return ["scope", "name", "words"] + [f"{name} {kind}" for name in names for kind in ("raw", "per 1000")]

    def records(self) -> list[list[str | int | float]]:
        """One list per row, matching `header` (names are document ids and perspective slugs)."""
        records: list[list[str | int | float]] = []
        for row in self.rows:
            values: list[str | int | float] = [row.scope, row.key, row.words]
            for count, rate in zip(row.counts, row.per_thousand):
                values += [count, rate]
            records.append(values)
        return records

    def matrix(self, scope: str = DOCUMENT, per_thousand: bool = False) -> Matrix:
        """Documents or perspectives (rows) by labels (columns), raw or per 1000 words."""
        rows = self.documents if scope == DOCUMENT else self.perspectives
        values = tuple(tuple(row.per_thousand if per_thousand else map(float, row.counts)) for row in rows)
        return Matrix(
            tuple(row.name for row in rows), label_names(self.labels), values,
            tuple(row.key for row in rows), tuple(label.id for label in self.labels),
        )


def label_names(labels: Sequence[Label]) -> tuple[str, ...]:
    """Display names, with " (theme)" or " (tag)" added where a theme and a tag share a name."""
    seen: dict[str, int] = {}
    for label in labels:
        seen[label.name] = seen.get(label.name, 0) + 1
    return tuple(f"{label.name} ({label.kind})" if seen[label.name] > 1 else label.name for label in labels)


def corpus_documents(corpus: Corpus, ids: Iterable[str] | None = None) -> list[Document]:
    """Documents of the corpus (all of them, or those with `ids`), texts read for this count and not kept by the corpus."""
    return [corpus.read_document(doc_id) for doc_id in (ids if ids is not None else [entry.id for entry in corpus])]


def gather(
    documents: Sequence[Document],
    themes: Sequence[Theme] = (),
    annotations: AnnotationSet | None = None,
    theme_spans: Mapping[str, Sequence[ThemeSpan]] | None = None,
    matcher: ThemeMatcher | None = None,
) -> Occurrences:
    """Labels and their spans in `documents`.

    Theme spans come from `theme_spans` (by document id) where given, else from `matcher`.
    Theme columns follow `themes` (default: the matcher's), then theme ids found outside it;
    tag columns follow the codebook, then tag ids missing from it (named by their IRI).
    """
    if not themes and matcher is not None:
        themes = matcher.themes
    labels: list[Label] = [Label(THEME, t.id, t.label, t.color_light) for t in themes]
    index: dict[tuple[str, str], int] = {(label.kind, label.id): number for number, label in enumerate(labels)}

    def label_index(kind: str, label_id: str, name: str) -> int:
        """Column of a label, added at the end when it is new."""
        if (kind, label_id) not in index:
            index[(kind, label_id)] = len(labels)
            labels.append(Label(kind, label_id, name))
        return index[(kind, label_id)]

    found: list[list[LabelSpan]] = [[] for _ in documents]
    for number, document in enumerate(documents):
        if theme_spans is not None and document.id in theme_spans:
            spans: Sequence[ThemeSpan] = theme_spans[document.id]
        else:
            spans = matcher.match(document.text) if matcher is not None else ()
        found[number] += [LabelSpan(label_index(THEME, s.theme, s.theme), s.start, s.end) for s in spans]
    if annotations is not None:
        for tag in annotations.codebook:
            labels.append(Label(TAG, tag.id, tag.name, tag.color))
            index[(TAG, tag.id)] = len(labels) - 1
        by_iri = {document.iri: number for number, document in enumerate(documents)}
        for annotation in annotations.annotations:
            number = by_iri.get(annotation.document)
            if number is None:
                continue
            for tag_id in dict.fromkeys(annotation.tags):
                found[number].append(LabelSpan(label_index(TAG, tag_id, tag_id), annotation.start, annotation.end))
    ordered = tuple(tuple(sorted(spans, key=lambda s: (s.start, s.end, s.label))) for spans in found)
    return Occurrences(tuple(documents), tuple(labels), ordered)


def count_table(occurrences: Occurrences) -> CountTable:
    """Raw and per-1000-word counts of each label per document and per perspective (sorted by slug)."""
    width = len(occurrences.labels)
    document_rows: list[CountRow] = []
    totals: dict[str, tuple[int, list[int]]] = {}
    for document, spans in zip(occurrences.documents, occurrences.spans):
        counts = [0] * width
        for span in spans:
            counts[span.label] += 1
        words = count_words(document.text)
        document_rows.append(CountRow(DOCUMENT, document.id, document.title or document.id, words, tuple(counts)))
        perspective = document.metadata.perspective
        total_words, total_counts = totals.get(perspective, (0, [0] * width))
        totals[perspective] = (total_words + words, [a + b for a, b in zip(total_counts, counts)])
    perspective_rows = tuple(
        CountRow(PERSPECTIVE, slug, perspective_label(slug), words, tuple(counts))
        for slug, (words, counts) in sorted(totals.items())
    )
    return CountTable(occurrences.labels, tuple(document_rows), perspective_rows)


def cooccurrence(occurrences: Occurrences) -> Matrix:
    """Symmetric label-by-label table: sentences in which both labels occur (diagonal: in which one does)."""
    width = len(occurrences.labels)
    table = [[0] * width for _ in range(width)]
    for document, spans in zip(occurrences.documents, occurrences.spans):
        sentences = SpanIndex(sentence_spans(document.text))
        in_sentence: dict[int, set[int]] = {}
        for span in spans:
            for sentence in sentences.overlapping(span.start, span.end):
                in_sentence.setdefault(sentence, set()).add(span.label)
        for present in in_sentence.values():
            for label in present:
                table[label][label] += 1
            for a, b in combinations(sorted(present), 2):
                table[a][b] += 1
                table[b][a] += 1
    names = label_names(occurrences.labels)
    keys = tuple(label.id for label in occurrences.labels)
    return Matrix(names, names, tuple(tuple(float(v) for v in row) for row in table), keys, keys)


def _format(value: str | int | float) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _csv_text(rows: Iterable[Sequence[str | int | float]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted
    for row in rows:
        writer.writerow([_format(value) for value in row])
    return buffer.getvalue()


def counts_csv(table: CountTable) -> str:
    """The count table as CSV text (per-1000 values with two decimals)."""
    return _csv_text([table.header(), *table.records()])


def cooccurrence_csv(matrix: Matrix) -> str:
    """The co-occurrence table as CSV text: a header of label names, then one row per label."""
    rows: list[list[str | int | float]] = [["label", *matrix.column_labels]]
    for label, values in zip(matrix.row_labels, matrix.values):
        rows.append([label, *(int(value) for value in values)])
    return _csv_text(rows)


def write_csv(text: str, path: Path) -> None:
    """Write CSV text produced here to `path` as UTF-8, line ends unchanged, atomically."""
    write_atomically(path, text.encode("utf-8"))
