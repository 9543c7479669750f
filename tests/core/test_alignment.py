"""Passage alignment: the 2000 Pyongyang summit told by the Kremlin and by the DPRK, and across languages."""

from __future__ import annotations

import pytest

from reader.core.alignment import (
    DEFAULT_THRESHOLD,
    PARAGRAPHS,
    THEME_WEIGHT,
    AlignedPair,
    align_documents,
    align_texts,
    tfidf_vectors,
    unit_spans,
)
from reader.core.corpus import Corpus, Document
from reader.core.matcher import ThemeMatcher, ThemeSpan
from reader.core.themes import load_themes


@pytest.fixture(scope="module")
def matcher() -> ThemeMatcher:
    return ThemeMatcher(load_themes())


@pytest.fixture(scope="module")
def kremlin() -> Document:
    return Corpus.bundled().document("kremlin-2000-07-19")


@pytest.fixture(scope="module")
def dprk() -> Document:
    return Corpus.bundled().document("dprk-2020-07-19")


def unit_with(text: str, phrase: str, unit: str = "sentence") -> int:
    """Number of the one unit of `text` that contains `phrase` (spaces in `phrase` match NBSP too)."""
    plain = text.replace("\u00a0", " ")
    found = [number for number, (start, end) in enumerate(unit_spans(text, unit)) if phrase in plain[start:end]]
    assert len(found) == 1, f"{phrase!r} is in units {found}"
    return found[0]


def all_scores(left: Document, right: Document, matcher: ThemeMatcher, unit: str = "sentence") -> dict[tuple[int, int], float]:
    pairs = align_documents(left, right, unit=unit, threshold=0.0, best=10_000, matcher=matcher)
    return {(pair.left_unit, pair.right_unit): pair.score for pair in pairs}


# (Kremlin 2000 sentence, DPRK 2020 sentence) a reader links: the joint statement is the Joint
# Declaration; the visit is the summit meeting and talks in Pyongyang; the visits Putin invites are the exchanges.
LINKED = [
    ("We have signed a joint statement", "marks the 20th anniversary of the adoption of the DPRK-Russia Joint Declaration"),
    ("We have signed a joint statement", "On the basis of the DPRK-Russia Joint Declaration"),
    ("July 19, 2000, Pyongyang", "the historic summit meeting and talks were held in Pyongyang"),
    ("About Talks with Kim Jong-il", "the historic summit meeting and talks were held in Pyongyang"),
    ("visits by other North Korean statesmen to Russia", "high-level visits and contacts"),
]
# Pairs about different things: Soviet-era trade and Kim's exploits; space launches and ministers'
# visits; US missile defence and friendly relations today; a journalist's question and the anniversary.
UNRELATED = [
    ("in the Soviet era trade ran into billions", "noteworthy immortal exploits"),
    ("He said it was for the peaceful exploration of space.", "high-level visits and contacts"),
    ("deploy a national system of missile defence", "Today, the friendly DPRK-Russia relations"),
    ("Are we ready to supply them?", "marks the 20th anniversary of the adoption"),
    ("Currently, our contacts are at a very low level.", "In July, Juche 89 (2000)"),
]


def test_linked_passages_outscore_unrelated_ones(kremlin: Document, dprk: Document, matcher: ThemeMatcher) -> None:
    scores = all_scores(kremlin, dprk, matcher)
    linked = [scores.get((unit_with(kremlin.text, a), unit_with(dprk.text, b)), 0.0) for a, b in LINKED]
    unrelated = [scores.get((unit_with(kremlin.text, a), unit_with(dprk.text, b)), 0.0) for a, b in UNRELATED]
    assert min(linked) >= DEFAULT_THRESHOLD, list(zip(LINKED, linked))
    assert max(unrelated) < DEFAULT_THRESHOLD, list(zip(UNRELATED, unrelated))
    assert min(linked) > max(unrelated)


def test_default_alignment_keeps_linked_pairs_and_drops_unrelated(kremlin: Document, dprk: Document, matcher: ThemeMatcher) -> None:
    pairs = align_documents(kremlin, dprk, matcher=matcher)
    found = {(pair.left_unit, pair.right_unit) for pair in pairs}
    for a, b in LINKED[:1] + LINKED[2:]:
        assert (unit_with(kremlin.text, a), unit_with(dprk.text, b)) in found, (a, b)
    for a, b in UNRELATED:
        assert (unit_with(kremlin.text, a), unit_with(dprk.text, b)) not in found, (a, b)
    statement = next(p for p in pairs if p.left_unit == unit_with(kremlin.text, LINKED[0][0]))
    assert statement.themes == ("friendship-treaty",)  # "joint statement" and "Joint Declaration" share the theme
    assert kremlin.text[statement.left[0] : statement.left[1]].startswith("We have signed a\u00a0joint statement")


def test_pairs_are_sorted_bounded_and_limited_per_unit(kremlin: Document, dprk: Document, matcher: ThemeMatcher) -> None:
    pairs = align_documents(kremlin, dprk, threshold=0.0, best=2, matcher=matcher)
    assert pairs == sorted(pairs, key=lambda pair: (pair.left, pair.right))
    assert all(0.0 < pair.score <= 1.0 and 0.0 <= pair.text_score <= 1.0 and 0.0 <= pair.theme_score <= 1.0 for pair in pairs)
    for side in ("left_unit", "right_unit"):
        counts: dict[int, int] = {}
        for pair in pairs:
            counts[getattr(pair, side)] = counts.get(getattr(pair, side), 0) + 1
        assert max(counts.values()) <= 2
    # Each kept pair is among the two best of its left unit over all pairs.
    scores = all_scores(kremlin, dprk, matcher)
    for pair in pairs:
        row = sorted((score for (i, _), score in scores.items() if i == pair.left_unit), reverse=True)
        assert pair.score >= row[min(1, len(row) - 1)]
    assert align_documents(kremlin, dprk, threshold=0.0, best=2, matcher=matcher) == pairs  # deterministic


def test_paragraphs_link_the_declaration_paragraphs(kremlin: Document, dprk: Document, matcher: ThemeMatcher) -> None:
    scores = all_scores(kremlin, dprk, matcher, PARAGRAPHS)
    statement = unit_with(kremlin.text, "We have signed a joint statement", PARAGRAPHS)
    declaration = unit_with(dprk.text, "On the basis of the DPRK-Russia Joint Declaration", PARAGRAPHS)
    trade = unit_with(kremlin.text, "in the Soviet era trade", PARAGRAPHS)
    assert scores[(statement, declaration)] >= DEFAULT_THRESHOLD
    assert scores.get((trade, declaration), 0.0) < DEFAULT_THRESHOLD


def test_english_and_russian_railway_sentences_align_through_the_theme(matcher: ThemeMatcher) -> None:
    english = (
        "The North Korean leader said all missile programmes were peaceful. "
        "We could jointly build a railway line from the south of the Korean Peninsula across Russia to Europe. "
        "The talks lasted three hours."
    )
    russian = (
        "Стороны подтвердили уважение суверенитета друг друга. "
        "Мы могли бы совместно построить железную дорогу с юга Корейского полуострова через Россию в Европу. "
        "Погода была хорошей."
    )
    pairs = align_texts(english, russian, matcher=matcher)
    assert [(pair.left_unit, pair.right_unit, pair.themes) for pair in pairs] == [(1, 1, ("railway-link",))]
    assert pairs[0].text_score == 0.0  # no word in common: the theme alone links them
    assert pairs[0].score == pytest.approx(THEME_WEIGHT)
    assert pairs[0].score >= DEFAULT_THRESHOLD
    assert align_texts(english, russian) == []  # without themes nothing links the two languages


def test_given_theme_spans_are_used_instead_of_matching() -> None:
    left, right = "Alpha beta. Gamma delta.", "Эпсилон. Дзета эта."
    spans_left = [ThemeSpan("custom", 12, 17)]  # "Gamma"
    spans_right = [ThemeSpan("custom", 0, 7)]  # "Эпсилон"
    pairs = align_texts(left, right, left_themes=spans_left, right_themes=spans_right)
    assert [(p.left, p.right, p.theme_score) for p in pairs] == [((12, 24), (0, 8), 1.0)]


def test_identical_units_score_one_and_threshold_filters() -> None:
    text = "Railway talks began. Weather was fine."
    pairs = align_texts(text, "Nothing here. Railway talks began.", threshold=0.0)
    best = max(pairs, key=lambda pair: pair.score)
    assert (best.left_unit, best.right_unit, best.score) == (0, 1, 1.0)
    assert all(pair.score >= 0.9 for pair in align_texts(text, "Nothing here. Railway talks began.", threshold=0.9))


def test_tfidf_vectors_are_unit_length_and_weigh_rare_terms_more() -> None:
    vectors = tfidf_vectors(["the railway", "the talks", "the railway"])
    assert sum(weight * weight for weight in vectors[0].values()) == pytest.approx(1.0)
    assert vectors[1]["talks"] > vectors[1]["the"] > 0
    assert "the railway" in vectors[0]  # bigrams are terms too
    assert tfidf_vectors(["", "…"]) == [{}, {}]


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError):
        align_texts("a.", "b.", unit="chapter")
    with pytest.raises(ValueError):
        align_texts("a.", "b.", best=0)


def test_pair_shape() -> None:
    pair = align_texts("Railway talks.", "Railway talks.")[0]
    assert isinstance(pair, AlignedPair)
    assert (pair.left, pair.right, pair.score, pair.themes) == ((0, 14), (0, 14), 1.0, ())
