"""Re-anchoring annotations after the text changed: exact when untouched, and nothing ever dropped."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from reader.core.anchoring import context_of, place, reanchor
from reader.core.annotations import Annotation

WORDS = ["the", "railway", "link", "Khasan", "Rajin", "sovereignty", "суверенитет", "철도", "treaty", "and", "of", "missile", "😀", "e\u0301"]


def annotate(text: str, start: int, end: int, number: int) -> Annotation:
    prefix, suffix = context_of(text, start, end)
    return Annotation(f"urn:uuid:00000000-0000-4000-8000-{number:012d}", "urn:parallel-reader:doc:t", start, end, text[start:end], prefix, suffix)


def test_position_quote_fuzzy_and_orphan():
    text = "The railway link from Khasan to Rajin was rebuilt. Sovereignty was discussed."
    annotation = annotate(text, text.index("railway link"), text.index("railway link") + 12, 1)
    assert place(text, annotation).method == "position"
    moved = "New opening words. " + text
    assert (place(moved, annotation).method, moved[place(moved, annotation).start : place(moved, annotation).end]) == ("quote", "railway link")
    edited = text.replace("railway link", "railway connection")
    placement = place(edited, annotation)
    assert placement.method == "fuzzy" and edited[placement.start : placement.end] == "railway connection"
    gone = "Nothing of it remains here at all."
    placed, orphans = reanchor(gone, [annotation])
    assert placed == [] and orphans == [annotation]


def test_repeated_quote_goes_to_the_occurrence_with_matching_context():
    text = "A treaty was signed in 2000. Later another treaty followed in 2001, a treaty of friendship."
    start = text.index("treaty of friendship")
    annotation = annotate(text, start, start + 6, 1)
    shifted = "Preface. " + text
    placement = place(shifted, annotation)
    assert placement.start == start + len("Preface. ")


@st.composite
def edited_documents(draw):
    # Real prose: mostly varied words, some repeated ones (the, and, of, theme words).
    varied = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщыэюя철도연결자주권", min_size=2, max_size=9)
    words = draw(st.lists(st.one_of(varied, varied, st.sampled_from(WORDS)), min_size=150, max_size=400))
    text = " ".join(words)
    spans = []
    for _ in range(draw(st.integers(80, 140))):
        start = draw(st.integers(0, len(text) - 2))
        end = draw(st.integers(start + 1, min(start + 40, len(text))))
        spans.append((start, end))
    edits = draw(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 6), st.text(alphabet=" abcжы철😀", max_size=8)), max_size=12))
    return text, spans, edits


@settings(max_examples=100, deadline=None)
@given(edited_documents())
def test_untouched_quotes_land_exactly_and_nothing_disappears(case):
    text, spans, edits = case
    annotations = [annotate(text, start, end, number) for number, (start, end) in enumerate(spans)]
    truth = {a.id: (a.start, a.end) for a in annotations}  # where each quote really is now, or None if edited
    for position, deleted, inserted in edits:
        position %= len(text) + 1
        deleted = min(deleted, len(text) - position)
        text = text[:position] + inserted + text[position + deleted :]
        delta = len(inserted) - deleted
        for key, span in truth.items():
            if span is None:
                continue
            start, end = span
            if position + deleted <= start and not (deleted == 0 and position == start and inserted):
                truth[key] = (start + delta, end + delta)
            elif position >= end:
                continue
            else:
                truth[key] = None  # the edit touched this quote
    placed, orphans = reanchor(text, annotations)
    assert len(placed) + len(orphans) == len(annotations)
    assert {a.id for a in placed} | {a.id for a in orphans} == {a.id for a in annotations}
    # A quote whose words and surroundings were both left alone must land where it now is. (One whose
    # surroundings were edited may fairly land on another occurrence of the same words.)
    intact = [a for a in annotations if truth[a.id] is not None and context_of(text, *truth[a.id]) == (a.prefix, a.suffix)]
    by_id = {a.id: a for a in placed}
    exact = sum(1 for a in intact if a.id in by_id and (by_id[a.id].start, by_id[a.id].end) == truth[a.id])
    if len(intact) >= 50:  # a ratio over a handful says little
        assert exact / len(intact) >= 0.98, (exact, len(intact))
    for annotation in placed:
        assert text[annotation.start : annotation.end] == annotation.exact


def test_many_annotations_through_many_edits_on_a_real_text():
    """The bundled corpus, 400 annotations, 60 random edits: at least 95% of untouched quotes land exactly."""
    import random

    from reader.core.corpus import Corpus

    corpus = Corpus.bundled()
    text = "\n\n".join(corpus.document(entry.id).text for entry in corpus)
    rng = random.Random(7)
    annotations = []
    for number in range(400):
        start = rng.randrange(0, len(text) - 60)
        annotations.append(annotate(text, start, start + rng.randint(3, 60), number))
    truth = {a.id: (a.start, a.end) for a in annotations}
    for _ in range(60):
        position, deleted = rng.randrange(0, len(text)), rng.randint(0, 20)
        inserted = rng.choice(["", "new words ", "сказал он, ", "철도 ", "—"])
        text = text[:position] + inserted + text[position + deleted :]
        for key, span in truth.items():
            if span is not None:
                start, end = span
                if position + deleted <= start and not (deleted == 0 and position == start and inserted):
                    truth[key] = (start + len(inserted) - deleted, end + len(inserted) - deleted)
                elif position < end:
                    truth[key] = None
    placed, orphans = reanchor(text, annotations)
    assert len(placed) + len(orphans) == 400
    by_id = {a.id: a for a in placed}
    untouched = [key for key, span in truth.items() if span is not None]
    exact = sum(1 for key in untouched if key in by_id and (by_id[key].start, by_id[key].end) == truth[key])
    assert len(untouched) > 250 and exact / len(untouched) >= 0.95, (exact, len(untouched))
