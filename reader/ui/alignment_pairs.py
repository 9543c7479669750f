"""Questions the alignment UI asks of a list of aligned pairs: which pair is here, where its partner is, which are on screen.

Qt-free: offsets are code points, as in core. A side is LEFT (the pair's `left` span) or RIGHT.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:  # the alignment model loads with the Alignment dock, not at start-up
    from reader.core.alignment import AlignedPair


LEFT, RIGHT = 0, 1


def span_of(pair: AlignedPair, side: int) -> tuple[int, int]:
    """The pair's unit on `side`."""
    return pair.left if side == LEFT else pair.right


def at_least(pairs: Iterable[AlignedPair], threshold: float) -> list[AlignedPair]:
    """Pairs scoring `threshold` or more, in their order."""
    return [pair for pair in pairs if pair.score >= threshold]


def best(pairs: Iterable[AlignedPair]) -> AlignedPair | None:
    """The highest-scoring pair (ties: the earliest), or None."""
    return min(pairs, key=lambda pair: (-pair.score, pair.left, pair.right), default=None)


def overlapping(pairs: Iterable[AlignedPair], side: int, start: int, end: int) -> list[AlignedPair]:
    """Pairs whose unit on `side` overlaps [start, end); an empty range means the unit holding `start`."""
    end = max(end, start + 1)
    return [pair for pair in pairs if span_of(pair, side)[0] < end and start < span_of(pair, side)[1]]


def partner_at(pairs: Sequence[AlignedPair], side: int, start: int, end: int) -> AlignedPair | None:
    """The best pair whose unit on `side` holds the range (the caret when `start == end`)."""
    return best(overlapping(pairs, side, start, end))


def on_screen(pairs: Iterable[AlignedPair], left: tuple[int, int], right: tuple[int, int]) -> list[AlignedPair]:
    """Pairs with at least one unit in the visible range of its side."""
    return [
        pair for pair in pairs
        if (pair.left[0] < left[1] and left[0] < pair.left[1]) or (pair.right[0] < right[1] and right[0] < pair.right[1])
    ]


def top_target(pairs: Sequence[AlignedPair], side: int, line_start: int, line_end: int) -> int | None:
    """Offset the other side should show at its top while `side` shows [line_start, line_end) as its first line.

    A paired unit that begins on that line is the one at the top, and its partner goes to the top.
    Otherwise the anchor is the paired unit holding the line (the other side follows within the
    partner in proportion) or, failing that, the nearest paired unit above (the other side moves on
    past the partner's end as far as this side has moved past the unit). None when no unit above is paired.
    """
    other = RIGHT if side == LEFT else LEFT
    starting = [pair for pair in pairs if line_start <= span_of(pair, side)[0] < max(line_end, line_start + 1)]
    if starting:
        first = min(span_of(pair, side)[0] for pair in starting)
        chosen = best(pair for pair in starting if span_of(pair, side)[0] == first)
        return span_of(chosen, other)[0] if chosen is not None else None
    above = [pair for pair in pairs if span_of(pair, side)[0] <= line_start]
    if not above:
        return None
    nearest = max(span_of(pair, side)[0] for pair in above)
    chosen = best(pair for pair in above if span_of(pair, side)[0] == nearest)
    if chosen is None:
        return None
    (a, b), (c, d) = span_of(chosen, side), span_of(chosen, other)
    if line_start < b:
        return c + round((d - c) * (line_start - a) / max(b - a, 1))
    return d + (line_start - b)
