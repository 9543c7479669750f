"""Statistics: word counts, sentences, theme and tag counts, co-occurrence and CSV, checked against hand counts."""

from __future__ import annotations

import csv
import io

import pytest

from reader.core.annotations import Annotation, AnnotationSet, Tag
from reader.core.corpus import Document, DocumentMetadata
from reader.core.matcher import ThemeMatcher, ThemeSpan
from reader.core.statistics import (
    Label,
    cooccurrence,
    cooccurrence_csv,
    count_table,
    count_words,
    counts_csv,
    gather,
    label_names,
    sentence_spans,
    write_csv,
)
from reader.core.segmentation import SpanIndex
from reader.core.themes import load_themes

FOUR = ("missile-programme", "railway-link", "abm-treaty", "sovereignty")

# Three short documents, two perspectives, three languages. Hand counts:
#   doc-a (en, russian-official): 20 words; sentences: railway | missile | sovereignty.
#   doc-b (ru, russian-official): 12 words ("—" is no word); railway x2 + missile | sovereignty.
#   doc-c (ko, dprk-official): 11 words (라선-하산 is one); missile | railway x2 | sovereignty.
TEXT_A = "Mr. Putin proposed a railway line to Europe. The missile programme is peaceful.\n\nRussia respects the sovereignty of the DPRK."
TEXT_B = "Стороны обсудили железную дорогу Хасан — Раджин и ракетную программу. Суверенитет КНДР незыблем."
TEXT_C = "조선은 미사일 개발을 계속하였다. 라선-하산 철도련결사업이 진행되고 있다. 나라의 자주권을 수호한다."

SECURITY = Tag("urn:uuid:00000000-0000-4000-8000-000000000001", "Security framing", "#d95f02")
ECONOMY = Tag("urn:uuid:00000000-0000-4000-8000-000000000002", "Economy", "#1b9e77")
UNUSED = Tag("urn:uuid:00000000-0000-4000-8000-000000000003", 'Unused, "quoted"', "#7570b3")


def document(doc_id: str, text: str, perspective: str, language: str) -> Document:
    return Document(doc_id, f"Title of {doc_id}", text, DocumentMetadata(perspective=perspective, language=language))


DOC_A = document("doc-a", TEXT_A, "russian-official", "en")
DOC_B = document("doc-b", TEXT_B, "russian-official", "ru")
DOC_C = document("doc-c", TEXT_C, "dprk-official", "ko")


def annotation(number: int, doc: Document, quote: str, tags: tuple[str, ...], end_quote: str | None = None) -> Annotation:
    start = doc.text.index(quote)
    end = doc.text.index(end_quote) + len(end_quote) if end_quote else start + len(quote)
    return Annotation(f"urn:uuid:a{number}", doc.iri, start, end, doc.text[start:end], tags=tags)


ANNOTATIONS = AnnotationSet(
    codebook=(SECURITY, ECONOMY, UNUSED),
    annotations=(
        annotation(1, DOC_A, "The missile programme is peaceful.", (SECURITY.id,)),
        annotation(2, DOC_A, "railway line to Europe", (ECONOMY.id, SECURITY.id)),
        annotation(3, DOC_B, "железную дорогу", (ECONOMY.id, ECONOMY.id)),  # the same tag twice counts once
        annotation(4, DOC_C, "개발을", (SECURITY.id,), end_quote="라선"),  # spans sentences 1 and 2
        Annotation("urn:uuid:a5", "urn:parallel-reader:doc:elsewhere", 0, 5, "Mr. P", tags=(SECURITY.id,)),
    ),
)


@pytest.fixture(scope="module")
def matcher() -> ThemeMatcher:
    return ThemeMatcher([theme for theme in load_themes() if theme.id in FOUR])


@pytest.fixture(scope="module")
def occurrences(matcher: ThemeMatcher):
    return gather([DOC_A, DOC_B, DOC_C], annotations=ANNOTATIONS, matcher=matcher)


# --- words and sentences -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("  \n\t ", 0),
        ("Don't stop: the DPRK-Russia talks cost $1,000.50 — or 3.5%.", 9),
        ("Khasan–Rajin", 2),  # an en dash separates, a hyphen joins
        ("snake_case", 2),  # an underscore is no letter
        ("Сторона подтвердила уважение суверенитета КНДР.", 5),
        ("молоко\u0301 и ё", 3),  # a stress accent belongs to its word
        ("공화국은 새로운 탄도로케트 시험발사를 단행하였다.", 5),
        ("2000년 7월 19일", 3),
        ("Пхеньян, 19 июля 2000 г.", 5),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Putin arrived. He met Kim Jong-il.", ["Mr. Putin arrived.", "He met Kim Jong-il."]),
        ("The U.S. President was absent. They went to the U.S. Then they left.",
         ["The U.S. President was absent.", "They went to the U.S.", "Then they left."]),
        ('He said, "We are ready." Then he left.', ['He said, "We are ready."', "Then he left."]),
        ('"Are we ready?" asked the reporter. Really?! Yes… Fine.',
         ['"Are we ready?" asked the reporter.', "Really?!", "Yes…", "Fine."]),
        ("It is 3.5 km, e.g. far. Wait... what? No. 5 is here.", ["It is 3.5 km, e.g. far.", "Wait... what?", "No. 5 is here."]),
        ("Missiles, rockets, etc. The talks ended.", ["Missiles, rockets, etc.", "The talks ended."]),
        ("1. Introduction\n\nTitle line\n\nFirst. Second", ["1. Introduction", "Title line", "First.", "Second"]),
        ("A line\nwrapped mid-sentence. Next.", ["A line\nwrapped mid-sentence.", "Next."]),
        ("Он сказал: «Мы готовы». Затем ушёл.", ["Он сказал: «Мы готовы».", "Затем ушёл."]),
        ("В.В. Путин прибыл в г. Пхеньян. Это было в 2000 г. Он уехал.",
         ["В.В. Путин прибыл в г. Пхеньян.", "Это было в 2000 г.", "Он уехал."]),
        ("Обсудили культуру, спорт и т.д. Потом был обед.", ["Обсудили культуру, спорт и т.д.", "Потом был обед."]),
        ("— Как дела? — спросил он. — Хорошо!", ["— Как дела? — спросил он.", "— Хорошо!"]),
        ("회담은 진행되었다. 쌍방은 합의하였어요. 좋았다.그리고 끝났다.",
         ["회담은 진행되었다.", "쌍방은 합의하였어요.", "좋았다.", "그리고 끝났다."]),
        ('"우리는 준비되었다."라고 말했다. 2000. 7. 19. 평양에서 만났다.',
         ['"우리는 준비되었다."라고 말했다.', "2000. 7. 19. 평양에서 만났다."]),
        ("", []),
        ("No end mark", ["No end mark"]),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_spans_are_code_points_and_trimmed() -> None:
    text = "  😀 Emoji first. 둘째 문장이다.  \n\n  Third one!  "
    spans = sentence_spans(text)
    assert [text[start:end] for start, end in spans] == ["😀 Emoji first.", "둘째 문장이다.", "Third one!"]
    assert spans[0] == (2, 16)  # the emoji is one code point (two UTF-16 units)


def test_span_index_overlap_and_empty_spans() -> None:
    index = SpanIndex([(0, 10), (12, 20), (22, 30)])
    assert list(index.overlapping(5, 14)) == [0, 1]
    assert list(index.overlapping(10, 12)) == []  # only the gap between two sentences
    assert list(index.overlapping(12, 12)) == [1]  # an empty span counts where it points
    assert list(index.overlapping(0, 30)) == [0, 1, 2]


# --- counts --------------------------------------------------------------------------------


def test_labels_are_themes_then_codebook_tags(occurrences) -> None:
    assert [(label.kind, label.id) for label in occurrences.labels] == [
        ("theme", "missile-programme"), ("theme", "railway-link"), ("theme", "abm-treaty"), ("theme", "sovereignty"),
        ("tag", SECURITY.id), ("tag", ECONOMY.id), ("tag", UNUSED.id),
    ]
    assert occurrences.labels[4] == Label("tag", SECURITY.id, "Security framing", "#d95f02")


def test_counts_per_document_raw_and_per_thousand(occurrences) -> None:
    table = count_table(occurrences)
    rows = {row.key: row for row in table.documents}
    assert [row.key for row in table.documents] == ["doc-a", "doc-b", "doc-c"]
    assert (rows["doc-a"].words, rows["doc-b"].words, rows["doc-c"].words) == (20, 12, 11)
    #                           missile rail abm sov security economy unused
    assert rows["doc-a"].counts == (1, 1, 0, 1, 2, 1, 0)
    assert rows["doc-b"].counts == (1, 2, 0, 1, 0, 1, 0)
    assert rows["doc-c"].counts == (1, 2, 0, 1, 1, 0, 0)
    assert rows["doc-a"].per_thousand == pytest.approx((50, 50, 0, 50, 100, 50, 0))
    assert rows["doc-b"].per_thousand[1] == pytest.approx(2000 / 12)
    assert rows["doc-c"].per_thousand[4] == pytest.approx(1000 / 11)
    assert rows["doc-a"].name == "Title of doc-a"


def test_counts_per_perspective_pool_words_and_occurrences(occurrences) -> None:
    table = count_table(occurrences)
    assert [(row.key, row.name) for row in table.perspectives] == [
        ("dprk-official", "DPRK official"), ("russian-official", "Russian official"),
    ]
    dprk, russian = table.perspectives
    assert (dprk.words, russian.words) == (11, 32)
    assert russian.counts == (2, 3, 0, 2, 2, 2, 0)
    # Total occurrences over total words (not the mean of the documents' rates: 3/32 is not (50 + 166.7) / 2).
    assert russian.per_thousand == pytest.approx((62.5, 93.75, 0, 62.5, 62.5, 62.5, 0))
    assert dprk.counts == (1, 2, 0, 1, 1, 0, 0)


def test_matrix_for_tables_and_charts(occurrences) -> None:
    table = count_table(occurrences)
    matrix = table.matrix("perspective", per_thousand=True)
    assert matrix.row_labels == ("DPRK official", "Russian official")
    assert matrix.row_keys == ("dprk-official", "russian-official")
    assert matrix.column_labels == ("Missile programme", "Railway link", "ABM Treaty", "Sovereignty", "Security framing", "Economy", 'Unused, "quoted"')
    assert matrix.value(1, 1) == pytest.approx(93.75)
    assert matrix.column(1) == pytest.approx((2000 / 11, 93.75))
    assert matrix.maximum == pytest.approx(2000 / 11)
    assert table.matrix().values[0] == (1.0, 1.0, 0.0, 1.0, 2.0, 1.0, 0.0)


def test_given_theme_spans_replace_matching(matcher: ThemeMatcher) -> None:
    themes = matcher.themes
    given = {"doc-c": [ThemeSpan("abm-treaty", 0, 3), ThemeSpan("custom-theme", 4, 7)]}
    table = count_table(gather([DOC_A, DOC_C], themes=themes, theme_spans=given, matcher=matcher))
    assert [label.id for label in table.labels] == [*FOUR, "custom-theme"]
    assert table.documents[0].counts == (1, 1, 0, 1, 0)  # doc-a: matched
    assert table.documents[1].counts == (0, 0, 1, 0, 1)  # doc-c: only the spans given


def test_tags_missing_from_the_codebook_still_count() -> None:
    stray = Annotation("urn:uuid:s", DOC_A.iri, 0, 3, "Mr.", tags=("urn:uuid:not-in-codebook",))
    occurrences = gather([DOC_A], annotations=AnnotationSet(codebook=(ECONOMY,), annotations=(stray,)))
    assert [label.name for label in occurrences.labels] == ["Economy", "urn:uuid:not-in-codebook"]
    assert count_table(occurrences).documents[0].counts == (0, 1)


def test_a_theme_and_a_tag_with_one_name_are_told_apart() -> None:
    labels = [Label("theme", "sovereignty", "Sovereignty"), Label("tag", "urn:uuid:x", "Sovereignty"), Label("tag", "urn:uuid:y", "Other")]
    assert label_names(labels) == ("Sovereignty (theme)", "Sovereignty (tag)", "Other")


def test_a_document_without_words_has_zero_rates() -> None:
    empty = document("empty", "", "other-media", "en")
    row = count_table(gather([empty], annotations=ANNOTATIONS)).documents[0]
    assert (row.words, row.counts, row.per_thousand) == (0, (0, 0, 0), (0.0, 0.0, 0.0))


# --- co-occurrence -------------------------------------------------------------------------


def test_cooccurrence_counts_sentences(occurrences) -> None:
    matrix = cooccurrence(occurrences)
    missile, rail, abm, sov, security, economy, unused = range(7)
    table = matrix.values
    assert all(table[a][b] == table[b][a] for a in range(7) for b in range(7))
    # Diagonal: sentences holding the label. Railway occurs twice in one Russian sentence: one sentence.
    assert [table[i][i] for i in range(7)] == [3, 3, 0, 3, 4, 2, 0]
    assert table[rail][security] == 2  # doc-a sentence 1; doc-c sentence 2 (annotation 4 reaches into it)
    assert table[missile][security] == 2  # doc-a sentence 2; doc-c sentence 1
    assert table[rail][economy] == 2  # doc-a sentence 1; doc-b sentence 1
    assert table[missile][rail] == 1  # doc-b sentence 1 only
    assert table[security][economy] == 1
    assert table[missile][economy] == 1
    assert all(table[sov][other] == 0 for other in range(7) if other != sov)
    assert matrix.row_keys[security] == SECURITY.id


# --- CSV -----------------------------------------------------------------------------------


def test_counts_csv_line_by_line(occurrences, tmp_path) -> None:
    text = counts_csv(count_table(occurrences))
    assert text.endswith("\r\n")
    assert text.split("\r\n") == [
        "scope,name,words,Missile programme raw,Missile programme per 1000,Railway link raw,Railway link per 1000,"
        "ABM Treaty raw,ABM Treaty per 1000,Sovereignty raw,Sovereignty per 1000,Security framing raw,"
        'Security framing per 1000,Economy raw,Economy per 1000,"Unused, ""quoted"" raw","Unused, ""quoted"" per 1000"',
        "document,doc-a,20,1,50.00,1,50.00,0,0.00,1,50.00,2,100.00,1,50.00,0,0.00",
        "document,doc-b,12,1,83.33,2,166.67,0,0.00,1,83.33,0,0.00,1,83.33,0,0.00",
        "document,doc-c,11,1,90.91,2,181.82,0,0.00,1,90.91,1,90.91,0,0.00,0,0.00",
        "perspective,dprk-official,11,1,90.91,2,181.82,0,0.00,1,90.91,1,90.91,0,0.00,0,0.00",
        "perspective,russian-official,32,2,62.50,3,93.75,0,0.00,2,62.50,2,62.50,2,62.50,0,0.00",
        "",
    ]
    path = tmp_path / "counts.csv"
    write_csv(text, path)
    assert path.read_bytes() == text.encode("utf-8")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert rows[0][15] == 'Unused, "quoted" raw' and len({len(row) for row in rows}) == 1


def test_cooccurrence_csv_line_by_line(occurrences) -> None:
    assert cooccurrence_csv(cooccurrence(occurrences)).split("\r\n") == [
        'label,Missile programme,Railway link,ABM Treaty,Sovereignty,Security framing,Economy,"Unused, ""quoted"""',
        "Missile programme,3,1,0,0,2,1,0",
        "Railway link,1,3,0,0,2,2,0",
        "ABM Treaty,0,0,0,0,0,0,0",
        "Sovereignty,0,0,0,3,0,0,0",
        "Security framing,2,2,0,0,4,1,0",
        "Economy,1,2,0,0,1,2,0",
        '"Unused, ""quoted""",0,0,0,0,0,0,0',
        "",
    ]


def test_csv_keeps_cyrillic_and_hangul_names() -> None:
    tag = Tag("urn:uuid:k", "안보, безопасность", "#000000")
    doc = document("doc-ко", "Мир.", "other-media", "ru")
    marked = Annotation("urn:uuid:m", doc.iri, 0, 4, "Мир.", tags=(tag.id,))
    text = counts_csv(count_table(gather([doc], annotations=AnnotationSet(codebook=(tag,), annotations=(marked,)))))
    assert text.split("\r\n")[:2] == [
        'scope,name,words,"안보, безопасность raw","안보, безопасность per 1000"',
        "document,doc-ко,1,1,1000.00",
    ]
