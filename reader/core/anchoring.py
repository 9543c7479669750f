"""Re-attaching annotations to a text that changed: position, then exact quote, then fuzzy; else orphan.

An annotation carries its old position, its exact quote and some text before and after it.
Where the quote occurs, the occurrence whose surroundings match best wins (ties go to the
one nearest the old position). When the quote itself was edited, the text between its old
prefix and suffix is taken if it is still similar enough. Nothing is ever dropped: what
cannot be placed is returned as an orphan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Iterable

from reader.core.annotations import Annotation

CONTEXT_CHARS = 32
FUZZY_MIN_RATIO = 0.6
MAX_CANDIDATES = 20_000  # a one-letter quote in a huge text: look no further than this
NEAREST_CANDIDATES = 500  # of those, the nearest to the old position are compared by context


@dataclass(frozen=True)
class Placement:
    """Where an annotation lands, and how it was found."""

    start: int
    end: int
    method: str  # "position", "quote" or "fuzzy"


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix stored with an annotation on [start, end)."""
    return text[max(start - CONTEXT_CHARS, 0) : start], text[end : end + CONTEXT_CHARS]


def _common_suffix(a: str, b: str) -> int:
    count = 0
    while count < min(len(a), len(b)) and a[-1 - count] == b[-1 - count]:
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count]:
        count += 1
    return count


def _context_score(text: str, start: int, end: int, annotation: Annotation) -> int:
    before, after = context_of(text, start, end)
    return _common_suffix(before, annotation.prefix) + _common_prefix(after, annotation.suffix)


def _occurrences(text: str, quote: str) -> list[int]:
    found, position = [], text.find(quote)
    while position >= 0 and len(found) < MAX_CANDIDATES:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def place(text: str, annotation: Annotation) -> Placement | None:
    """Where `annotation` belongs in `text`, or None if it cannot be placed."""
    quote = annotation.exact
    if not quote:
        return None
    if text[annotation.start : annotation.end] == quote:
        before, after = context_of(text, annotation.start, annotation.end)
        # Still in place if at least one side is unchanged: an edit beside a quote does not move it.
        if before.endswith(annotation.prefix) or after.startswith(annotation.suffix):
            return Placement(annotation.start, annotation.end, "position")
    candidates = sorted(_occurrences(text, quote), key=lambda s: abs(s - annotation.start))[:NEAREST_CANDIDATES]
    if candidates:
        best = max(candidates, key=lambda s: (_context_score(text, s, s + len(quote), annotation), -abs(s - annotation.start)))
        return Placement(best, best + len(quote), "position" if best == annotation.start else "quote")
    return _fuzzy(text, annotation)


def _fuzzy(text: str, annotation: Annotation) -> Placement | None:
    """The quote was edited: take what now stands between its old prefix and suffix, if similar."""
    prefix, suffix, quote = annotation.prefix[-16:], annotation.suffix[:16], annotation.exact
    if len(prefix) < 4 or len(suffix) < 4:
        return None
    best: Placement | None = None
    best_ratio = FUZZY_MIN_RATIO
    for before in _occurrences(text, prefix)[:200]:
        start = before + len(prefix)
        end = text.find(suffix, start, start + 2 * len(quote) + 16)
        if end < 0:
            continue
        ratio = SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
        if ratio > best_ratio or (ratio == best_ratio and best and abs(start - annotation.start) < abs(best.start - annotation.start)):
            best, best_ratio = Placement(start, end, "fuzzy"), ratio
    return best if best and best.end > best.start else None


def reanchor(text: str, annotations: Iterable[Annotation]) -> tuple[list[Annotation], list[Annotation]]:
    """(placed, orphans): every annotation ends up in exactly one list; placed ones get new offsets and context."""
    placed, orphans = [], []
    for annotation in annotations:
        where = place(text, annotation)
        if where is None:
            orphans.append(annotation)
            continue
        prefix, suffix = context_of(text, where.start, where.end)
        placed.append(replace(annotation, start=where.start, end=where.end, exact=text[where.start : where.end], prefix=prefix, suffix=suffix))
    return placed, orphans
