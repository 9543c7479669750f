"""Passage alignment: which sentences or paragraphs of two documents speak of the same thing.

Each pair of units (one from each document) gets two similarities, both in 0..1:

- text: cosine of TF-IDF vectors of word unigrams and bigrams (case-folded `TOKEN`s;
  term weight (1 + ln tf) * ln((N + 1) / df), where N is the number of units of both
  documents together and df the number of those units that hold the term; bigrams weigh
  BIGRAM_WEIGHT (half) of that, so a shared phrase counts extra without two authors'
  different word order drowning what words they share);
- themes: Jaccard overlap of the theme ids matched in each unit (ids are the same in every
  language, so an English and a Russian sentence about the railway link share one).

score = text + (1 - text) * THEME_WEIGHT * themes: text similarity counts in full, and a
theme overlap closes THEME_WEIGHT (half) of what is left. Identical units score 1; units in
two languages with the same themes and no shared words score THEME_WEIGHT.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

from reader.core.corpus import Document
from reader.core.paragraphs import paragraph_spans
from reader.core.segmentation import TOKEN, SpanIndex, sentence_spans

if TYPE_CHECKING:  # RE2 loads with the matcher, when themes are first matched, not at start-up
    from reader.core.matcher import ThemeMatcher, ThemeSpan

SENTENCES = "sentence"
PARAGRAPHS = "paragraph"
THEME_WEIGHT = 0.5
BIGRAM_WEIGHT = 0.5
DEFAULT_THRESHOLD = 0.12
DEFAULT_BEST = 2
COMMON_FLOOR = 60  # below this many units, every shared term and theme counts
COMMON_SHARE = 12  # above it, terms and themes in more than 1/12 of the units are too common to pair by

Vector = dict[str, float]


@dataclass(frozen=True)
class AlignedPair:
    """A left unit, a right unit (code-point spans, and their unit numbers) and how alike they are."""

    left: tuple[int, int]
    right: tuple[int, int]
    score: float  # 0..1, see the module docstring
    text_score: float
    theme_score: float
    themes: tuple[str, ...]  # theme ids both units hold, sorted
    left_unit: int
    right_unit: int


def unit_spans(text: str, unit: str = SENTENCES) -> list[tuple[int, int]]:
    """The sentence or paragraph spans of `text` that alignment compares."""
    if unit == SENTENCES:
        return sentence_spans(text)
    if unit == PARAGRAPHS:
        return paragraph_spans(text)
    raise ValueError(f"unit must be {SENTENCES!r} or {PARAGRAPHS!r}, not {unit!r}")


def _terms(text: str) -> Counter[str]:
    """Unigrams and bigrams (joined by a space) of the case-folded tokens of one unit."""
    tokens = [token.casefold() for token in TOKEN.findall(text)]
    terms = Counter(tokens)
    terms.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    return terms


def _weight(term: str, tf: int) -> float:
    return (1 + math.log(tf)) * (BIGRAM_WEIGHT if " " in term else 1.0)


def tfidf_vectors(units: Sequence[str]) -> list[Vector]:
    """Unit-length TF-IDF vectors of `units`, with the units themselves as the corpus."""
    counted = [_terms(unit) for unit in units]
    frequency: Counter[str] = Counter()
    for terms in counted:
        frequency.update(terms.keys())
    total = len(units)
    idf = {term: math.log((total + 1) / df) for term, df in frequency.items()}
    vectors: list[Vector] = []
    for terms in counted:
        vector = {term: _weight(term, tf) * idf[term] for term, tf in terms.items()}
        norm = math.sqrt(sum(weight * weight for weight in vector.values()))
        vectors.append({term: weight / norm for term, weight in vector.items()} if norm else {})
    return vectors


def _theme_sets(units: Sequence[tuple[int, int]], spans: Sequence[ThemeSpan]) -> list[frozenset[str]]:
    index = SpanIndex(units)
    found: list[set[str]] = [set() for _ in units]
    for span in spans:
        for number in index.overlapping(span.start, span.end):
            found[number].add(span.theme)
    return [frozenset(themes) for themes in found]


def common_limit(units: int) -> int:
    """How many units a term or theme may occur in and still propose pairs (long texts stay near linear)."""
    return max(COMMON_FLOOR, units // COMMON_SHARE)


def _text_scores(left: list[Vector], right: list[Vector]) -> list[dict[int, float]]:
    """Cosine of every left vector with every right one it shares a distinctive term with.

    A term found in very many units (an article, a name said throughout) adds little to a
    cosine but would pair every unit with every other: it is left out of the sum.
    """
    postings: dict[str, list[tuple[int, float]]] = {}
    for number, vector in enumerate(right):
        for term, weight in vector.items():
            postings.setdefault(term, []).append((number, weight))
    limit = common_limit(len(right))
    scores: list[dict[int, float]] = []
    for vector in left:
        row: dict[int, float] = {}
        for term, weight in vector.items():
            found = postings.get(term, ())
            if len(found) > limit:
                continue
            for number, other in found:
                row[number] = row.get(number, 0.0) + weight * other
        scores.append(row)
    return scores


def align_texts(
    left_text: str,
    right_text: str,
    unit: str = SENTENCES,
    threshold: float = DEFAULT_THRESHOLD,
    best: int = DEFAULT_BEST,
    left_themes: Sequence[ThemeSpan] | None = None,
    right_themes: Sequence[ThemeSpan] | None = None,
    matcher: ThemeMatcher | None = None,
) -> list[AlignedPair]:
    """Pairs scoring at least `threshold`, each unit in at most its `best` pairs, sorted by left then right position.

    Theme spans are `left_themes`/`right_themes` where given, else found with `matcher`;
    with neither, only the text counts.
    """
    if best < 1:
        raise ValueError(f"best must be at least 1, not {best}")
    left_units, right_units = unit_spans(left_text, unit), unit_spans(right_text, unit)
    vectors = tfidf_vectors([left_text[a:b] for a, b in left_units] + [right_text[a:b] for a, b in right_units])
    text_scores = _text_scores(vectors[: len(left_units)], vectors[len(left_units) :])
    if left_themes is None:
        left_themes = matcher.match(left_text) if matcher is not None else ()
    if right_themes is None:
        right_themes = matcher.match(right_text) if matcher is not None else ()
    left_sets, right_sets = _theme_sets(left_units, left_themes), _theme_sets(right_units, right_themes)
    by_theme: dict[str, list[int]] = {}
    for number, themes in enumerate(right_sets):
        for theme in themes:
            by_theme.setdefault(theme, []).append(number)

    theme_limit = common_limit(len(right_units))  # a theme everywhere in the other text proposes no pairs by itself
    candidates: list[tuple[float, int, int, float, float]] = []  # (score, left, right, text, themes)
    for i, row in enumerate(text_scores):
        theme_partners = {j for theme in left_sets[i] if len(by_theme.get(theme, ())) <= theme_limit for j in by_theme.get(theme, ())}
        for j in sorted(theme_partners.union(row)):
            text = min(max(row.get(j, 0.0), 0.0), 1.0)
            shared = left_sets[i] & right_sets[j]
            themes = len(shared) / len(left_sets[i] | right_sets[j]) if shared else 0.0
            score = text + (1.0 - text) * THEME_WEIGHT * themes
            if score >= threshold and score > 0:
                candidates.append((score, i, j, text, themes))

    def ranked(position: int) -> dict[int, set[tuple[int, int]]]:
        """For each left (0) or right (1) unit, its `best` pairs (ties go to the earlier unit)."""
        groups: dict[int, list[tuple[float, int, int]]] = {}
        for score, i, j, _, _ in candidates:
            groups.setdefault((i, j)[position], []).append((-score, i, j))
        return {key: {(i, j) for _, i, j in heapq.nsmallest(best, items)} for key, items in groups.items()}

    left_best, right_best = ranked(0), ranked(1)
    pairs = [
        AlignedPair(
            left_units[i], right_units[j], round(score, 6), round(text, 6), round(themes, 6),
            tuple(sorted(left_sets[i] & right_sets[j])), i, j,
        )
        for score, i, j, text, themes in candidates
        if (i, j) in left_best[i] and (i, j) in right_best[j]
    ]
    pairs.sort(key=lambda pair: (pair.left, pair.right))
    return pairs


def align_documents(
    left: Document,
    right: Document,
    unit: str = SENTENCES,
    threshold: float = DEFAULT_THRESHOLD,
    best: int = DEFAULT_BEST,
    matcher: ThemeMatcher | None = None,
    theme_spans: Mapping[str, Sequence[ThemeSpan]] | None = None,
) -> list[AlignedPair]:
    """`align_texts` on two documents; theme spans from `theme_spans` (by document id) or `matcher`."""
    spans = theme_spans or {}
    return align_texts(
        left.text, right.text, unit, threshold, best,
        spans.get(left.id), spans.get(right.id), matcher,
    )
