"""The one place where code-point offsets (core) meet UTF-16 positions (Qt)."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts between Python string indices and QTextCursor positions for one text.

    Qt counts characters outside the Basic Multilingual Plane (emoji, rare Hangul-adjacent
    symbols) as two UTF-16 units; Python counts them as one code point.
    """

    def __init__(self, text: str) -> None:
        # Code-point indices of astral characters; usually empty, which makes both directions free.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)] if _may_have_astral(text) else []
        self._astral_utf16 = [index + rank for rank, index in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        """UTF-16 position of code-point `offset`."""
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """Code-point offset of UTF-16 `position` (a position inside a surrogate pair rounds down)."""
        return position - bisect_left(self._astral_utf16, position)


def _may_have_astral(text: str) -> bool:
    """False when `text` surely has no astral character, found without scanning it.

    CPython stores a string with an astral character at four bytes per character and any other
    at one or two, so a string smaller than that holds none. Scanning 5 MB takes 15 ms holding
    the GIL; this takes nothing. On another Python (or a short text) the answer is "maybe".
    """
    return len(text) < 64 or sys.getsizeof(text) >= 4 * len(text)
