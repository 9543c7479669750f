"""How passages become slides and handout rows: one passage, or two from different documents side by side.

Shared by presentation mode and the handouts, so a class sees on paper what it saw on the screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from reader.core.annotations import Passage
from reader.core.corpus import DocumentMetadata

# Where a long passage may be split across slides: after a sentence's end, else after a comma or space.
_SENTENCE_END = re.compile(r"(?<=[.!?…。])[\"'»”’)]*\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
_SPACE = re.compile(r"\s+")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class SlidePart:
    """One column of a slide: a passage's text (or a piece of it) and where it comes from."""

    passage: Passage
    start: int  # code points into the document: this piece is text[start:end]
    end: int
    piece: int = 1  # 1-based number of this piece of the passage
    pieces: int = 1  # how many slides the passage is split over


def group_passages(passages: Sequence[Passage], side_by_side: bool = True) -> list[list[Passage]]:
    """Slides of one passage each, or, side by side, consecutive passages from different documents in pairs."""
    groups: list[list[Passage]] = []
    index = 0
    while index < len(passages):
        current = passages[index]
        following = passages[index + 1] if index + 1 < len(passages) else None
        if side_by_side and following is not None and following.document != current.document:
            groups.append([current, following])
            index += 2
        else:
            groups.append([current])
            index += 1
    return groups


def split_points(text: str, pieces: int) -> list[int]:
    """Offsets that cut `text` into `pieces` parts of similar length, at sentence ends where possible."""
    if pieces <= 1 or not text:
        return []
    cuts: list[int] = []
    for number in range(1, pieces):
        ideal = len(text) * number // pieces
        cuts.append(_nearest_break(text, ideal, cuts[-1] if cuts else 0))
    return sorted(set(cut for cut in cuts if 0 < cut < len(text)))


def _nearest_break(text: str, ideal: int, after: int) -> int:
    window = max(len(text) // 6, 40)
    for pattern in (_SENTENCE_END, _CLAUSE_END, _SPACE):
        candidates = [m.end() for m in pattern.finditer(text, max(after + 1, ideal - window), min(len(text), ideal + window))]
        if candidates:
            return min(candidates, key=lambda end: abs(end - ideal))
    return max(ideal, after + 1)


def source_line(title: str, metadata: DocumentMetadata) -> str:
    """Where a passage comes from, for a caption: outlet, date, place and perspective."""
    parts = [metadata.outlet or title, _readable_date(metadata.date), metadata.place, metadata.perspective_label if metadata.perspective else ""]
    return " · ".join(part for part in parts if part)


def _readable_date(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
