"""Slides from passages: pairing, splitting long passages, source captions, paragraph spans."""

from __future__ import annotations

from hypothesis import given, strategies as st

from reader.core.annotations import Passage
from reader.core.corpus import DocumentMetadata
from reader.core.paragraphs import Paragraphs, paragraph_spans
from reader.core.slides import group_passages, source_line, split_points

A, B = "urn:parallel-reader:doc:a", "urn:parallel-reader:doc:b"


def passage(document: str, number: int) -> Passage:
    return Passage(f"urn:uuid:{number:08d}-0000-0000-0000-000000000000", document, number, number + 1, "x")


def test_consecutive_passages_from_different_documents_share_a_slide():
    passages = [passage(A, 1), passage(B, 2), passage(A, 3), passage(A, 4), passage(B, 5)]
    groups = group_passages(passages)
    assert [[p.start for p in group] for group in groups] == [[1, 2], [3], [4, 5]]
    assert [[p.start for p in group] for group in group_passages(passages, side_by_side=False)] == [[1], [2], [3], [4], [5]]


def test_long_text_is_split_at_sentence_ends_into_similar_parts():
    text = " ".join(f"Sentence number {n} says something about the railway link." for n in range(30))
    cuts = split_points(text, 3)
    assert len(cuts) == 2
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    assert "".join(pieces) == text
    assert all(piece.rstrip().endswith(".") for piece in pieces)
    assert max(map(len, pieces)) < 1.3 * min(map(len, pieces))


def test_text_without_sentence_ends_is_split_at_spaces():
    text = "слово " * 200 + "철도"
    cuts = split_points(text, 4)
    assert len(cuts) == 3 and all(text[cut - 1] == " " for cut in cuts)


def test_source_line_names_outlet_date_place_and_perspective():
    metadata = DocumentMetadata(outlet="Kremlin", perspective="russian-official", date="2000-07-19", place="Pyongyang")
    assert source_line("Title", metadata) == "Kremlin · 19 July 2000 · Pyongyang · Russian official"
    assert source_line("Notes.txt", DocumentMetadata()) == "Notes.txt"


@given(st.text(alphabet=st.sampled_from("ab \n\t\u00a0"), max_size=60))
def test_paragraph_spans_are_numbered_as_paragraphs_are(text):
    spans = paragraph_spans(text)
    assert len(spans) == (Paragraphs.of(text).count if text.strip() else 0)
    for start, end in spans:
        assert text[start:end].strip() and "\n\n" not in text[start:end]
